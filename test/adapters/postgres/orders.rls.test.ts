// Tenant isolation enforced by PostgreSQL (row-level security), checked
// against the real server in a random schema of this file's own. The test
// connects as the superuser postgres, which RLS would ignore: every tenant
// query runs as pallet_tenant (withTenant), and so do the raw probes here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRepo } from '../../../src/adapters/postgres/channel.repo.ts';
import { DeadLetterRepo } from '../../../src/adapters/postgres/dead-letter.repo.ts';
import { migrate } from '../../../src/adapters/postgres/migrate.ts';
import {
  appendAudit, findByExternalId, getOrder, insertOrder, listOrders, readAudit, withTenant,
} from '../../../src/adapters/postgres/order.repo.ts';
import { createSqlForSchema } from '../../../src/adapters/postgres/sql.ts';
import type { TxSql } from '../../../src/adapters/postgres/sql.ts';
import type { Order } from '../../../src/core/order.types.ts';
import { draft, dropSchema, makeOrder, newSchema, newTenant, t0 } from './order.fixture.ts';

const { schema, sql } = newSchema();
const channels = new ChannelRepo(sql, Buffer.alloc(32, 7));
const letters = new DeadLetterRepo(sql);
const rlsTables = ['orders', 'order_audit', 'channels', 'channel_deliveries', 'dead_letters'] as const;

let a: string;
let b: string;
let orderA: Order;
let orderB: Order;

beforeAll(async () => {
  await migrate(sql, schema);
  a = await newTenant(sql);
  b = await newTenant(sql);
  orderA = makeOrder(a, { externalId: 'SAME-1' });
  orderB = makeOrder(b, { externalId: 'SAME-1' });
  for (const o of [orderA, orderB]) {
    await withTenant(sql, o.tenant, (t) => insertOrder(t, o, draft('created', t0)));
    const ch = await channels.createChannel(o.tenant, { id: 'shop', type: 'shopify', name: 'Shop', secret: 's3cret' });
    expect(ch.ok).toBe(true);
    expect(await channels.noteDelivery(o.tenant, 'shop', 'd1')).toBe('new');
    await letters.insert(o.tenant, { channel: 'shop', document: '{}', reason: 'unmappable' });
  }
});

afterAll(async () => {
  await dropSchema(sql, schema);
});

/** A transaction as pallet_tenant, with pallet.tenant set only when `tenant` is given. */
function asTenantRole<T>(tenant: string | null, fn: (tx: TxSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`set local role pallet_tenant`;
    if (tenant !== null) await tx`select set_config('pallet.tenant', ${tenant}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

const count = async (tx: TxSql, table: string): Promise<number> =>
  (await tx.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0]!.n;

describe('row-level security', () => {
  it('is enabled and forced on every order table, and pallet_tenant can bypass none of it', async () => {
    const rows = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relname in ${sql(rlsTables)} order by c.relname`;
    expect(rows).toHaveLength(rlsTables.length);
    for (const r of rows) expect(r).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
    const [role] = await sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'pallet_tenant'`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
  });

  it('a query without the tenant setting sees no rows, though the rows exist', async () => {
    for (const table of rlsTables) {
      expect(await count(sql as unknown as TxSql, table)).toBeGreaterThanOrEqual(2);
      expect(await asTenantRole(null, (tx) => count(tx, table))).toBe(0);
      // An empty setting (what a reused connection holds after a local one) matches no tenant either.
      expect(await asTenantRole('', (tx) => count(tx, table))).toBe(0);
    }
  });

  it('a tenant sees only its own rows of every table', async () => {
    for (const table of rlsTables) {
      const tenants = await asTenantRole(a, (tx) => tx.unsafe<{ tenant_id: string }[]>(`select distinct tenant_id from ${table}`));
      expect(tenants.map((r) => r.tenant_id)).toEqual([a]);
    }
  });

  it("tenant A cannot read tenant B's order, its audit, or find it by the shared external id", async () => {
    await withTenant(sql, a, async (t) => {
      expect(await getOrder(t, orderB.id)).toBeNull();
      expect(await readAudit(t, orderB.id)).toEqual([]);
      expect((await findByExternalId(t, 'shop', 'SAME-1'))?.id).toBe(orderA.id);
      const page = await listOrders(t, {}, null, 200);
      expect(page.ok && page.value.orders.map((o) => o.id)).toEqual([orderA.id]);
      // Even when the query names B explicitly.
      expect(await t.tx`select id from orders where tenant_id = ${b}`).toHaveLength(0);
    });
    expect(await channels.getChannel(a, 'shop')).not.toBeNull();
    expect((await channels.listChannels(a, 10)).map((c) => c.tenant)).toEqual([a]);
  });

  it("tenant A cannot update tenant B's rows nor write rows for B", async () => {
    await withTenant(sql, a, async (t) => {
      const updated = await t.tx`update orders set status = 'cancelled' where id = ${orderB.id} returning id`;
      expect(updated).toHaveLength(0);
      expect(await appendAudit(t, orderB.id, draft('tamper', t0))).toBeNull();
      const chans = await t.tx`update channels set name = 'pwned' where tenant_id = ${b} returning id`;
      expect(chans).toHaveLength(0);
    });
    expect(await channels.patchChannel(a, 'shop', { name: 'A shop' })).not.toBeNull();
    await expect(withTenant(sql, a, (t) => t.tx`
      insert into order_audit (tenant_id, order_id, seq, actor_kind, actor_id, at, action, changes, prev_hash, hash)
      values (${b}, ${orderB.id}, 99, 'system', 'x', now(), 'forged', '{}', ${Buffer.alloc(32)}, ${Buffer.alloc(32)})`))
      .rejects.toThrow(/row-level security/);
    await expect(withTenant(sql, a, (t) => t.tx`update orders set tenant_id = ${b} where id = ${orderA.id}`)).rejects.toThrow(/row-level security/);
    await expect(withTenant(sql, a, (t) => insertOrder(t, { ...makeOrder(a), tenant: a }, draft('created', t0)).then(() =>
      t.tx`insert into channel_deliveries (tenant_id, channel, delivery_id) values (${b}, 'shop', 'forged')`))).rejects.toThrow(/row-level security/);
    await withTenant(sql, b, async (t) => {
      expect(await getOrder(t, orderB.id)).toEqual(orderB);
      expect(await readAudit(t, orderB.id)).toHaveLength(1);
    });
    expect((await channels.getChannel(b, 'shop'))?.name).toBe('Shop');
    expect(await channels.noteDelivery(b, 'shop', 'forged')).toBe('new');
  });

  it('pallet_tenant may not delete orders, nor change the audit trail', async () => {
    for (const statement of ['delete from orders', 'update order_audit set action = action', 'delete from order_audit', 'truncate order_audit', 'delete from channels']) {
      await expect(withTenant(sql, a, (t) => t.tx.unsafe(statement))).rejects.toThrow(/permission denied/);
    }
  });

  it('leaves neither the role nor the tenant on the pooled connection after the transaction', async () => {
    const one = createSqlForSchema(schema, { poolMax: 1 });
    try {
      await withTenant(one, a, async (t) => {
        const [r] = await t.tx`select current_user as u, current_setting('pallet.tenant', true) as tenant`;
        expect(r).toEqual({ u: 'pallet_tenant', tenant: a });
      });
      await expect(withTenant(one, a, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      const [after] = await one`select current_user as u, coalesce(current_setting('pallet.tenant', true), '') as tenant`;
      expect(after).toEqual({ u: 'postgres', tenant: '' });
    } finally {
      await one.end({ timeout: 5 });
    }
  });
});
