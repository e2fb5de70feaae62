// Shared by the order, channel and audit tests: a random schema per test
// file, tenants, and canonical orders to store.
import { randomBytes } from 'node:crypto';
import { createSqlForSchema, type Sql } from '../../../src/adapters/postgres/sql.ts';
import type { AuditDraft } from '../../../src/core/audit.chain.ts';
import type { Order } from '../../../src/core/order.types.ts';

export function newSchema(): { schema: string; sql: Sql } {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return { schema, sql: createSqlForSchema(schema, { poolMax: 6 }) };
}

export async function dropSchema(sql: Sql, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql(schema)} cascade`;
  await sql.end({ timeout: 5 });
}

let seq = 0;
export const uniqueId = (prefix: string): string => `${prefix}_${++seq}_${randomBytes(3).toString('hex')}`;

/** A tenants row (channels reference it), inserted as the connecting (super)user. */
export async function newTenant(sql: Sql): Promise<string> {
  const id = uniqueId('tenant');
  await sql`insert into tenants (id, name) values (${id}, ${`Tenant ${id}`})`;
  return id;
}

export const t0 = Date.UTC(2026, 2, 1, 8, 0, 0);

export function makeOrder(tenant: string, over: Partial<Order> = {}): Order {
  return {
    id: uniqueId('ord'),
    tenant,
    channel: 'shop',
    externalId: uniqueId('EXT'),
    status: 'paid',
    placedAtMs: t0,
    paidAtMs: t0 + 5_000,
    buyer: { name: '李雷', phone: '13800000000', email: 'lei@example.com' },
    shippingAddress: {
      name: '李雷', phone: '13900000000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区',
      address1: '文三路 1 号', postalCode: '310000',
    },
    lines: [{ sku: 'YD-2026', channelSku: 'tb-991', qty: 2, unitPriceMinor: 12_900 }],
    totals: { currency: 'CNY', itemsMinor: 25_800, shippingMinor: 0, discountMinor: 800, totalMinor: 25_000 },
    holds: [],
    version: 1,
    ...over,
  };
}

export function draft(action: string, atMs: number, changes: AuditDraft['changes'] = {}): AuditDraft {
  return { actor: { kind: 'key', id: 'key_test' }, atMs, action, changes };
}
