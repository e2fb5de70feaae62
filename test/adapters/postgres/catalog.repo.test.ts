// CatalogRepo against the real PostgreSQL, in a random schema of its own that
// is dropped in afterAll. Every test creates its own tenants.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogRepo, hashApiKey, type Scope, type SkuRecord } from '../../../src/adapters/postgres/catalog.repo.ts';
import { migrate } from '../../../src/adapters/postgres/migrate.ts';
import { createSqlForSchema } from '../../../src/adapters/postgres/sql.ts';

const schema = `t_${randomBytes(6).toString('hex')}`;
const sql = createSqlForSchema(schema, { poolMax: 8 });
const repo = new CatalogRepo(sql);
let tenantSeq = 0;

async function newTenant(): Promise<string> {
  const id = `tenant_${++tenantSeq}_${randomBytes(3).toString('hex')}`;
  await repo.createTenant(id, `Tenant ${id}`);
  return id;
}

async function catalogVersion(tenantId: string): Promise<number | undefined> {
  return (await repo.getTenant(tenantId))?.catalogVersion;
}

const plain = (sku: string): SkuRecord => ({ sku, name: `SKU ${sku}`, components: [] });

beforeAll(async () => {
  await migrate(sql, schema);
});

afterAll(async () => {
  await sql`drop schema if exists ${sql(schema)} cascade`;
  await sql.end({ timeout: 5 });
});

describe('tenants', () => {
  it('creates a tenant once and returns the existing one unchanged on a repeat', async () => {
    const id = `acme_${randomBytes(3).toString('hex')}`;
    const first = await repo.createTenant(id, 'Acme');
    expect(first.created).toBe(true);
    expect(first.tenant).toMatchObject({ id, name: 'Acme', catalogVersion: 0 });
    expect(first.tenant.createdAt).toBeInstanceOf(Date);

    const again = await repo.createTenant(id, 'Renamed');
    expect(again).toEqual({ created: false, tenant: first.tenant });
    expect(await repo.getTenant(id)).toEqual(first.tenant);
  });

  it('returns null for an unknown tenant', async () => {
    expect(await repo.getTenant('no_such_tenant')).toBeNull();
  });

  it('lists tenant ids in order, bounded by the limit, paging after an id', async () => {
    const ids = [await newTenant(), await newTenant(), await newTenant()];
    const all = await repo.listTenantIds(1000);
    for (const id of ids) expect(all).toContain(id);
    expect(all).toEqual([...all].sort());
    expect(await repo.listTenantIds(2)).toEqual(all.slice(0, 2));
    expect(await repo.listTenantIds(2, all[0])).toEqual(all.slice(1, 3));
    await expect(repo.listTenantIds(0)).rejects.toThrow(/limit/);
  });
});

describe('api keys', () => {
  it('returns the key once, stores only its sha256, finds it by key, and stops finding it once revoked', async () => {
    const tenantId = await newTenant();
    const created = await repo.createApiKey(tenantId, ['checkout', 'read'], 'web shop');
    if (!created) throw new Error('tenant should exist');
    expect(created.key).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(created.id).toMatch(/^key_[A-Za-z0-9_-]{16}$/);
    expect(created.scopes).toEqual(['checkout', 'read']);

    const rows = await sql<{ key_hash: string; label: string; whole: string }[]>`
      select key_hash, label, k::text as whole from api_keys k where id = ${created.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(hashApiKey(created.key));
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.label).toBe('web shop');
    const [dump] = await sql<{ text: string }[]>`select coalesce(string_agg(k::text, ' '), '') as text from api_keys k`;
    expect(dump!.text).not.toContain(created.key);
    expect(dump!.text).not.toContain(created.key.slice(3));

    expect(await repo.findApiKey(created.key)).toEqual({ keyId: created.id, tenantId, scopes: ['checkout', 'read'] });

    const revoked = await repo.revokeApiKey(tenantId, created.id);
    expect(revoked).toEqual({ id: created.id, revokedAt: expect.any(Date) });
    expect(await repo.findApiKey(created.key)).toBeNull();
  });

  it('revoking a revoked key changes nothing and answers the first revocation time', async () => {
    const tenantId = await newTenant();
    const created = await repo.createApiKey(tenantId, ['read']);
    const first = await repo.revokeApiKey(tenantId, created!.id);
    await sql`select pg_sleep(0.01)`;
    const again = await repo.revokeApiKey(tenantId, created!.id);
    expect(again).toEqual(first);
    const [row] = await sql<{ revoked_at: Date }[]>`select revoked_at from api_keys where id = ${created!.id}`;
    expect(row!.revoked_at).toEqual(first!.revokedAt);
  });

  it('concurrent revocations of one key all answer the same time (none says unknown)', async () => {
    const tenantId = await newTenant();
    const created = await repo.createApiKey(tenantId, ['read']);
    const answers = await Promise.all(Array.from({ length: 8 }, () => repo.revokeApiKey(tenantId, created!.id)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).not.toBeNull();
  });

  it('returns null when revoking a key id the tenant does not have', async () => {
    const tenantId = await newTenant();
    expect(await repo.revokeApiKey(tenantId, 'key_nosuchkey00000000')).toBeNull();
  });

  it('lists a tenant\'s keys with revocation times and without hashes, in id order, paged', async () => {
    const tenantId = await newTenant();
    const other = await newTenant();
    await repo.createApiKey(other, ['admin']);
    const made = [await repo.createApiKey(tenantId, ['read'], 'one'), await repo.createApiKey(tenantId, ['admin', 'checkout']), await repo.createApiKey(tenantId, ['checkout'], 'three')];
    const revoked = await repo.revokeApiKey(tenantId, made[1]!.id);
    const all = await repo.listApiKeys(tenantId, 100);
    expect(all.map((k) => k.id)).toEqual(made.map((k) => k!.id).sort());
    const byId = new Map(all.map((k) => [k.id, k]));
    expect(byId.get(made[0]!.id)).toEqual({ id: made[0]!.id, label: 'one', scopes: ['read'], createdAt: expect.any(Date), revokedAt: null });
    expect(byId.get(made[1]!.id)).toMatchObject({ label: null, scopes: ['admin', 'checkout'], revokedAt: revoked!.revokedAt });
    expect(JSON.stringify(all)).not.toContain(hashApiKey(made[0]!.key));
    expect(await repo.listApiKeys(tenantId, 2)).toEqual(all.slice(0, 2));
    expect(await repo.listApiKeys(tenantId, 2, all[1]!.id)).toEqual(all.slice(2));
    await expect(repo.listApiKeys(tenantId, 0)).rejects.toThrow(/limit/);
  });

  it('finds nothing for a malformed key or a well-formed key that was never issued', async () => {
    expect(await repo.findApiKey('')).toBeNull();
    expect(await repo.findApiKey('not a key')).toBeNull();
    expect(await repo.findApiKey(`pk_${randomBytes(32).toString('base64url')}`)).toBeNull();
  });

  it('does not revoke another tenant’s key', async () => {
    const owner = await newTenant();
    const other = await newTenant();
    const created = await repo.createApiKey(owner, ['admin']);
    expect(await repo.revokeApiKey(other, created!.id)).toBeNull();
    expect(await repo.findApiKey(created!.key)).toMatchObject({ tenantId: owner, scopes: ['admin'] });
  });

  it('returns null when the tenant does not exist', async () => {
    expect(await repo.createApiKey('no_such_tenant', ['read'])).toBeNull();
  });

  it('collapses duplicate scopes', async () => {
    const tenantId = await newTenant();
    const created = await repo.createApiKey(tenantId, ['read', 'read', 'admin']);
    expect(created!.scopes).toEqual(['read', 'admin']);
    expect((await repo.findApiKey(created!.key))!.scopes).toEqual(['read', 'admin']);
  });

  it('rejects unknown and empty scope sets at the database check', async () => {
    const tenantId = await newTenant();
    const count = async () => (await sql`select 1 from api_keys where tenant_id = ${tenantId}`).length;
    await expect(repo.createApiKey(tenantId, ['superuser' as Scope])).rejects.toMatchObject({
      constraint_name: 'api_keys_scopes_valid',
    });
    await expect(repo.createApiKey(tenantId, ['read', 'root' as Scope])).rejects.toMatchObject({
      constraint_name: 'api_keys_scopes_valid',
    });
    await expect(repo.createApiKey(tenantId, [])).rejects.toMatchObject({ constraint_name: 'api_keys_scopes_valid' });
    expect(await count()).toBe(0);
  });
});

describe('warehouses', () => {
  it('inserts then updates a warehouse, bumping the catalog version each time', async () => {
    const tenantId = await newTenant();
    const w = { id: 'wh_east', name: 'East', region: 'us-east', priority: 1 };
    expect(await repo.upsertWarehouse(tenantId, w)).toEqual({ created: true, catalogVersion: 1 });
    expect(await repo.upsertWarehouse(tenantId, { ...w, name: 'East 2', priority: 5 })).toEqual({
      created: false,
      catalogVersion: 2,
    });
    expect(await catalogVersion(tenantId)).toBe(2);
    expect((await repo.loadCatalog(tenantId))!.warehouses).toEqual([{ id: 'wh_east', name: 'East 2', region: 'us-east', priority: 5 }]);
  });

  it('returns null for an unknown tenant and writes nothing', async () => {
    expect(await repo.upsertWarehouse('no_such_tenant', { id: 'w', name: 'W', region: 'r', priority: 0 })).toBeNull();
    expect(await sql`select 1 from warehouses where tenant_id = 'no_such_tenant'`).toHaveLength(0);
  });

  it('gives concurrent writers of one tenant distinct consecutive versions', async () => {
    const tenantId = await newTenant();
    const writes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => repo.upsertWarehouse(tenantId, { id: `wh_${i}`, name: `W${i}`, region: 'eu', priority: i })),
    );
    expect(writes.map((w) => w!.catalogVersion).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(writes.every((w) => w!.created)).toBe(true);
    expect(await catalogVersion(tenantId)).toBe(8);
  });
});

describe('skus', () => {
  it('inserts and updates SKUs with components, passing the current SKUs to check', async () => {
    const tenantId = await newTenant();
    const seen: string[][] = [];
    const check = (current: ReadonlyMap<string, SkuRecord>) => {
      seen.push([...current.keys()]);
      return null;
    };
    expect(await repo.upsertSku(tenantId, plain('cup'), check)).toEqual({ ok: true, created: true, catalogVersion: 1 });
    expect(await repo.upsertSku(tenantId, plain('saucer'), check)).toEqual({ ok: true, created: true, catalogVersion: 2 });
    const set = { sku: 'set', name: 'Cup and saucer', components: [{ sku: 'cup', qty: 1 }, { sku: 'saucer', qty: 2 }] };
    expect(await repo.upsertSku(tenantId, set, check)).toEqual({ ok: true, created: true, catalogVersion: 3 });
    expect(await repo.upsertSku(tenantId, { ...set, name: 'Tea set' }, check)).toEqual({ ok: true, created: false, catalogVersion: 4 });
    expect(seen).toEqual([[], ['cup'], ['cup', 'saucer'], ['cup', 'saucer', 'set']]);

    const [row] = await sql<{ kind: string; components: unknown }[]>`
      select jsonb_typeof(components) as kind, components from skus where tenant_id = ${tenantId} and sku = 'set'`;
    expect(row).toEqual({ kind: 'array', components: [{ sku: 'cup', qty: 1 }, { sku: 'saucer', qty: 2 }] });
  });

  it('leaves the SKUs and the catalog version unchanged when check rejects', async () => {
    const tenantId = await newTenant();
    await repo.upsertSku(tenantId, plain('a'), () => null);
    const a2b = { sku: 'a', name: 'A', components: [{ sku: 'b', qty: 1 }] };
    await repo.upsertSku(tenantId, { sku: 'b', name: 'B', components: [{ sku: 'a', qty: 1 }] }, () => null);
    const before = await repo.loadCatalog(tenantId);

    const rejectUpdate = await repo.upsertSku(tenantId, a2b, (current) => (current.has('a') ? ('BUNDLE_CYCLE' as const) : null));
    expect(rejectUpdate).toEqual({ ok: false, error: 'BUNDLE_CYCLE' });
    const rejectInsert = await repo.upsertSku(tenantId, plain('c'), () => ({ code: 'SKU_UNKNOWN_COMPONENT' }));
    expect(rejectInsert).toEqual({ ok: false, error: { code: 'SKU_UNKNOWN_COMPONENT' } });

    expect(await repo.loadCatalog(tenantId)).toEqual(before);
    expect(before!.version).toBe(2);
  });

  it('runs check under the tenant lock, so a limit it enforces holds against concurrent writers', async () => {
    const tenantId = await newTenant();
    const skusMax = 3;
    const atLimit = (current: ReadonlyMap<string, SkuRecord>) => (current.size >= skusMax ? 'SKUS_PER_TENANT_EXCEEDED' : null);
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => repo.upsertSku(tenantId, plain(`s${i}`), atLimit)));

    expect(results.filter((r) => r!.ok)).toHaveLength(skusMax);
    expect(results.filter((r) => !r!.ok)).toEqual(Array(7 - skusMax).fill({ ok: false, error: 'SKUS_PER_TENANT_EXCEEDED' }));
    const catalog = await repo.loadCatalog(tenantId);
    expect(catalog!.skus).toHaveLength(skusMax);
    expect(catalog!.version).toBe(skusMax);
  });

  it('returns null for an unknown tenant without calling check', async () => {
    let called = false;
    const result = await repo.upsertSku('no_such_tenant', plain('x'), () => {
      called = true;
      return null;
    });
    expect(result).toBeNull();
    expect(called).toBe(false);
  });
});

describe('loadCatalog', () => {
  it('returns the version, warehouses and SKUs of the tenant', async () => {
    const tenantId = await newTenant();
    await repo.upsertWarehouse(tenantId, { id: 'w2', name: 'Two', region: 'eu-west', priority: 2 });
    await repo.upsertWarehouse(tenantId, { id: 'w1', name: 'One', region: 'eu-central', priority: 1 });
    await repo.upsertSku(tenantId, plain('mug'), () => null);
    await repo.upsertSku(tenantId, { sku: 'gift', name: 'Gift', components: [{ sku: 'mug', qty: 2 }] }, () => null);

    expect(await repo.loadCatalog(tenantId)).toEqual({
      version: 4,
      warehouses: [
        { id: 'w1', name: 'One', region: 'eu-central', priority: 1 },
        { id: 'w2', name: 'Two', region: 'eu-west', priority: 2 },
      ],
      skus: [
        { sku: 'gift', name: 'Gift', components: [{ sku: 'mug', qty: 2 }] },
        { sku: 'mug', name: 'SKU mug', components: [] },
      ],
    });
  });

  it('returns null for an unknown tenant', async () => {
    expect(await repo.loadCatalog('no_such_tenant')).toBeNull();
  });

  it('shows a tenant nothing of another tenant’s warehouses, SKUs or version', async () => {
    const mine = await newTenant();
    const theirs = await newTenant();
    await repo.upsertWarehouse(mine, { id: 'shared_id', name: 'Mine', region: 'eu', priority: 1 });
    await repo.upsertSku(mine, plain('shared_sku'), () => null);
    await repo.upsertWarehouse(theirs, { id: 'shared_id', name: 'Theirs', region: 'us', priority: 9 });
    await repo.upsertWarehouse(theirs, { id: 'only_theirs', name: 'T', region: 'us', priority: 3 });
    const seenByTheirs: string[][] = [];
    await repo.upsertSku(theirs, { sku: 'shared_sku', name: 'Their SKU', components: [] }, (c) => {
      seenByTheirs.push([...c.keys()]);
      return null;
    });
    await repo.upsertSku(theirs, plain('only_theirs'), () => null);

    expect(await repo.loadCatalog(mine)).toEqual({
      version: 2,
      warehouses: [{ id: 'shared_id', name: 'Mine', region: 'eu', priority: 1 }],
      skus: [plain('shared_sku')],
    });
    expect(seenByTheirs).toEqual([[]]);
    expect((await repo.loadCatalog(theirs))!.version).toBe(4);
  });
});
