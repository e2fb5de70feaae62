// The order audit trail against the real PostgreSQL, in a random schema of
// this file's own: append-only in the database, hash-chained, and
// `pallet audit verify` naming the first broken entry after rows were
// altered behind the trigger's back (as the superuser, with the trigger off).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogRepo } from '../../../src/adapters/postgres/catalog.repo.ts';
import { migrate } from '../../../src/adapters/postgres/migrate.ts';
import { OrderAuditRepo } from '../../../src/adapters/postgres/order-audit.repo.ts';
import { appendAudit, insertOrder, readAudit, sha256, updateOrder, withTenant } from '../../../src/adapters/postgres/order.repo.ts';
import { runAuditCommand, verifyAudit, type AuditRuntime, type BrokenChain } from '../../../src/app/audit.command.ts';
import { verifyChain } from '../../../src/core/audit.chain.ts';
import type { Order } from '../../../src/core/order.types.ts';
import { draft, dropSchema, makeOrder, newSchema, newTenant, t0 } from './order.fixture.ts';

const { schema, sql } = newSchema();
const rt: AuditRuntime = { tenants: new CatalogRepo(sql), chains: new OrderAuditRepo(sql) };

beforeAll(async () => {
  await migrate(sql, schema);
});

afterAll(async () => {
  await dropSchema(sql, schema);
});

/** An order with `changes` + 1 audit entries (created, then one update each). */
async function orderWithHistory(tenant: string, changes: number): Promise<Order> {
  let o = makeOrder(tenant);
  await withTenant(sql, tenant, (t) => insertOrder(t, o, draft('created', t0)));
  for (let i = 1; i <= changes; i++) {
    const next: Order = { ...o, version: o.version + 1, flags: { step: true }, lines: [{ sku: `S${i}`, qty: i, unitPriceMinor: 100 }] };
    const changed = await withTenant(sql, tenant, (t) => updateOrder(t, next, o.version, draft(`step_${i}`, t0 + i * 1000, { lines: { before: o.lines, after: next.lines } })));
    expect(changed).toBe(true);
    o = next;
  }
  return o;
}

/** Runs `statement` with order_audit's append-only trigger disabled (superuser), then enables it again. */
async function tamper(statement: (tx: typeof sql) => Promise<unknown>): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`alter table order_audit disable trigger order_audit_append_only`;
    await statement(tx as unknown as typeof sql);
    await tx`alter table order_audit enable trigger order_audit_append_only`;
  });
}

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) } };
}

async function verifyTenant(tenant: string, pageRows?: number): Promise<BrokenChain[]> {
  const broken: BrokenChain[] = [];
  await verifyAudit(rt, tenant, (b) => broken.push(b), pageRows === undefined ? {} : { pageRows });
  return broken;
}

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on order_audit, even as the superuser and even matching no row', async () => {
    const tenant = await newTenant(sql);
    const o = await orderWithHistory(tenant, 1);
    for (const statement of [
      sql`update order_audit set action = 'x' where order_id = ${o.id}`,
      sql`update order_audit set action = 'x' where false`,
      sql`delete from order_audit where order_id = ${o.id}`,
      sql`truncate order_audit`,
    ]) {
      await expect(statement).rejects.toThrow(/order_audit is append-only/);
    }
    expect(await withTenant(sql, tenant, (t) => readAudit(t, o.id))).toHaveLength(2);
  });
});

describe('hash chain', () => {
  it('verifies an untouched chain; the command exits 0', async () => {
    const tenant = await newTenant(sql);
    const o = await orderWithHistory(tenant, 4);
    await withTenant(sql, tenant, (t) => appendAudit(t, o.id, { actor: { kind: 'customer_token', id: 'ct_1' }, atMs: t0 + 99_000, action: 'viewed_by_buyer', changes: {} }));
    const entries = await withTenant(sql, tenant, (t) => readAudit(t, o.id));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyChain(entries, sha256)).toMatchObject({ ok: true, last: { seq: 6 } });
    const { lines, out } = capture();
    expect(await runAuditCommand(rt, ['verify', '--tenant', tenant], out)).toBe(0);
    expect(lines.at(-1)).toBe('1 tenant(s), 1 order(s), 6 audit entries checked: 0 broken chain(s)');
  });

  it('names the changed entry when a row is altered behind the trigger', async () => {
    const tenant = await newTenant(sql);
    const o = await orderWithHistory(tenant, 4);
    const intact = await orderWithHistory(tenant, 2);
    await tamper((tx) => tx`update order_audit set changes = '{"lines": {"after": []}}' where order_id = ${o.id} and seq = 3`);
    expect(await verifyTenant(tenant)).toEqual([expect.objectContaining({ orderId: o.id, firstBrokenSeq: 3, reason: 'hash_mismatch' })]);
    const { lines, out } = capture();
    expect(await runAuditCommand(rt, ['verify', '--tenant', tenant], out)).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^BROKEN ${tenant} order ${o.id} seq 3 hash_mismatch`));
    expect(lines.join('\n')).not.toContain(intact.id);
  });

  it('names the next entry when the altered row was re-hashed too, and the first missing one when rows were deleted', async () => {
    const tenant = await newTenant(sql);
    const rehashed = await orderWithHistory(tenant, 3);
    const gap = await orderWithHistory(tenant, 3);
    const cut = await orderWithHistory(tenant, 3);
    await tamper(async (tx) => {
      await tx`update order_audit set action = 'forged', hash = ${Buffer.alloc(32, 1)} where order_id = ${rehashed.id} and seq = 2`;
      await tx`delete from order_audit where order_id = ${gap.id} and seq = 2`;
      await tx`delete from order_audit where order_id = ${cut.id} and seq = 4`;
    });
    const byOrder = new Map((await verifyTenant(tenant)).map((b) => [b.orderId, b]));
    expect(byOrder.get(rehashed.id)).toMatchObject({ firstBrokenSeq: 2, reason: 'hash_mismatch' });
    expect(byOrder.get(gap.id)).toMatchObject({ firstBrokenSeq: 2, reason: 'seq_gap' });
    expect(byOrder.get(cut.id)).toMatchObject({ firstBrokenSeq: 4, reason: 'head_mismatch' });
    expect(byOrder.size).toBe(3);
  });

  it('finds the same breaks whatever the page size (chains split across pages)', async () => {
    const tenant = await newTenant(sql);
    const orders = [await orderWithHistory(tenant, 2), await orderWithHistory(tenant, 0), await orderWithHistory(tenant, 5), await orderWithHistory(tenant, 3)];
    await tamper((tx) => tx`update order_audit set actor_id = 'someone' where order_id = ${orders[2]!.id} and seq = 5`);
    const expected = await verifyTenant(tenant, 1000);
    expect(expected).toEqual([expect.objectContaining({ orderId: orders[2]!.id, firstBrokenSeq: 5, reason: 'hash_mismatch' })]);
    for (const pageRows of [1, 2, 3, 7]) expect(await verifyTenant(tenant, pageRows)).toEqual(expected);
    const tally = await verifyAudit(rt, tenant, () => {}, { pageRows: 2 });
    expect(tally).toEqual({ tenants: 1, orders: 4, entries: 14, broken: 1 });
  });

  it('reports audit entries whose order row is gone', async () => {
    const tenant = await newTenant(sql);
    const o = await orderWithHistory(tenant, 1);
    await sql`delete from orders where tenant_id = ${tenant} and id = ${o.id}`;
    expect(await verifyTenant(tenant)).toEqual([expect.objectContaining({ orderId: o.id, firstBrokenSeq: 0, reason: 'orphaned' })]);
  });

  it('without --tenant checks every tenant; usage errors exit 2, an unknown tenant 1', async () => {
    const { lines, out } = capture();
    expect(await runAuditCommand(rt, ['verify'], out)).toBe(1);
    expect(lines.filter((l) => l.startsWith('BROKEN')).length).toBeGreaterThanOrEqual(5);
    expect(await runAuditCommand(rt, ['verify', '--tenant', 'no_such_tenant'], out)).toBe(1);
    expect(await runAuditCommand(rt, ['check'], out)).toBe(2);
    expect(await runAuditCommand(rt, ['verify', '--bogus'], out)).toBe(2);
    expect(await runAuditCommand(rt, ['--help'], out)).toBe(0);
  });
});

describe('pallet audit verify (the CLI process)', () => {
  const cli = join(import.meta.dirname, '..', '..', '..', 'src', 'cli.ts');
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, 'audit', ...args], {
    env: { ...process.env, PALLET_NAMESPACE: schema }, encoding: 'utf8', timeout: 30_000,
  });

  it('exits 0 for intact chains and 1 naming the first broken entry', async () => {
    const good = await newTenant(sql);
    await orderWithHistory(good, 1);
    const bad = await newTenant(sql);
    const o = await orderWithHistory(bad, 2);
    await tamper((tx) => tx`update order_audit set at = at + interval '1 millisecond' where order_id = ${o.id} and seq = 2`);
    const ok = run('verify', '--tenant', good);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const broken = run('verify', '--tenant', bad);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`BROKEN ${bad} order ${o.id} seq 2 hash_mismatch`));
  });
});
