// `pallet keys list|revoke` against the real PostgreSQL (a schema of its own).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogRepo } from '../../src/adapters/postgres/catalog.repo.ts';
import { migrate } from '../../src/adapters/postgres/migrate.ts';
import { createSqlForSchema } from '../../src/adapters/postgres/sql.ts';
import { runKeysCommand } from '../../src/app/keys.command.ts';

const schema = `t_${randomBytes(6).toString('hex')}`;
const sql = createSqlForSchema(schema, { poolMax: 4 });
const repo = new CatalogRepo(sql);

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) }, lines, errors };
}

beforeAll(async () => {
  await migrate(sql, schema);
});

afterAll(async () => {
  await sql`drop schema if exists ${sql(schema)} cascade`;
  await sql.end({ timeout: 5 });
});

describe('pallet keys', () => {
  it('revoke revokes the key (the store stops finding it), and again prints the first revocation time', async () => {
    await repo.createTenant('acme', 'Acme');
    const k = await repo.createApiKey('acme', ['read'], 'dash');
    const c = capture();
    expect(await runKeysCommand(repo, ['revoke', '--tenant', 'acme', '--key', k!.id], c.out)).toBe(0);
    expect(await repo.findApiKey(k!.key)).toBeNull();
    expect(c.lines[0]).toMatch(new RegExp(`^key ${k!.id} of tenant acme revoked at \\d{4}-`));
    const again = capture();
    expect(await runKeysCommand(repo, ['revoke', '--tenant', 'acme', '--key', k!.id], again.out)).toBe(0);
    expect(again.lines).toEqual(c.lines);
  });

  it('list shows every key with its state and never a key', async () => {
    await repo.createTenant('beta', 'Beta');
    const live = await repo.createApiKey('beta', ['checkout'], 'shop');
    const gone = await repo.createApiKey('beta', ['admin']);
    const revoked = await repo.revokeApiKey('beta', gone!.id);
    const c = capture();
    expect(await runKeysCommand(repo, ['list', '--tenant', 'beta'], c.out)).toBe(0);
    const text = c.lines.join('\n');
    expect(c.lines[0]).toBe('2 key(s) of tenant beta');
    expect(text).toMatch(new RegExp(`${live!.id}  checkout  live  created .*"shop"`));
    expect(text).toContain(`${gone!.id}  admin  revoked ${revoked!.revokedAt.toISOString()}`);
    expect(text).not.toContain(live!.key);
    const json = capture();
    expect(await runKeysCommand(repo, ['list', '--tenant', 'beta', '--json'], json.out)).toBe(0);
    const parsed = JSON.parse(json.lines[0]!) as { id: string; revokedAt: string | null }[];
    expect(parsed.map((k) => [k.id, k.revokedAt]).sort()).toEqual([[live!.id, null], [gone!.id, revoked!.revokedAt.toISOString()]].sort());
  });

  it('exits 1 for an unknown tenant or key and 2 for bad usage', async () => {
    await repo.createTenant('gamma', 'Gamma');
    const c = capture();
    expect(await runKeysCommand(repo, ['revoke', '--tenant', 'gamma', '--key', 'key_nope'], c.out)).toBe(1);
    expect(c.errors[0]).toContain('has no key key_nope');
    expect(await runKeysCommand(repo, ['list', '--tenant', 'nobody'], c.out)).toBe(1);
    expect(await runKeysCommand(repo, ['revoke', '--tenant', 'gamma'], c.out)).toBe(2);
    expect(await runKeysCommand(repo, ['rotate', '--tenant', 'gamma'], c.out)).toBe(2);
    expect(await runKeysCommand(repo, ['list', '--tenant', 'gamma', '--bogus'], c.out)).toBe(2);
  });
});
