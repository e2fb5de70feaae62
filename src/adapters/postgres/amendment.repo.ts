// Order amendments (migration 007) and the order's last address change (read
// from its audit trail). Every function takes a TenantTx: the rows are under
// row-level security, and an amendment is written in the same transaction as
// the order update (order.repo.ts updateOrder) it belongs to.
import postgres from 'postgres';
import type { Amendment, AmendmentKind, AmendmentStatus } from '../../core/amendment.rules.ts';
import type { Actor, FieldChange } from '../../core/audit.chain.ts';
import type { Address } from '../../core/order.types.ts';
import type { AddressChangeRecord } from '../../app/order.port.ts';
import type { TenantTx } from './tenant.scope.ts';

interface AmendmentRow {
  order_id: string;
  id: string;
  order_version: number;
  kind: AmendmentKind;
  before: Address;
  after: Address;
  status: AmendmentStatus;
  created_at: Date;
  acknowledged_at: Date | null;
  actor_kind: Actor['kind'];
  actor_id: string;
  acknowledged_by_kind: Actor['kind'] | null;
  acknowledged_by_id: string | null;
}

const amendmentOf = (r: AmendmentRow): Amendment => ({
  orderId: r.order_id, id: r.id, orderVersion: r.order_version, kind: r.kind, before: r.before, after: r.after, status: r.status,
  createdAtMs: r.created_at.getTime(), actor: { kind: r.actor_kind, id: r.actor_id },
  ...(r.acknowledged_at === null ? {} : { acknowledgedAtMs: r.acknowledged_at.getTime() }),
  ...(r.acknowledged_by_kind === null || r.acknowledged_by_id === null ? {} : { acknowledgedBy: { kind: r.acknowledged_by_kind, id: r.acknowledged_by_id } }),
});

const columns = (t: TenantTx) => t.tx`
  order_id, id, order_version, kind, before, after, status, created_at, acknowledged_at, actor_kind, actor_id, acknowledged_by_kind, acknowledged_by_id`;

export async function insertAmendment(t: TenantTx, a: Amendment): Promise<void> {
  if (a.status !== 'pending') throw new Error(`amendment ${a.id} must be stored pending, it is ${a.status}`);
  const { tx } = t;
  await tx`
    insert into order_amendments (tenant_id, order_id, id, order_version, kind, before, after, status, created_at, actor_kind, actor_id)
    values (${t.tenant}, ${a.orderId}, ${a.id}, ${a.orderVersion}, ${a.kind}, ${tx.json(a.before as unknown as postgres.JSONValue)},
      ${tx.json(a.after as unknown as postgres.JSONValue)}, 'pending', ${new Date(a.createdAtMs)}, ${a.actor.kind}, ${a.actor.id})`;
}

export async function getAmendment(t: TenantTx, orderId: string, id: string): Promise<Amendment | null> {
  const [row] = await t.tx<AmendmentRow[]>`
    select ${columns(t)} from order_amendments where tenant_id = ${t.tenant} and id = ${id} and order_id = ${orderId}`;
  return row === undefined ? null : amendmentOf(row);
}

export async function listAmendments(t: TenantTx, orderId: string, limit: number): Promise<Amendment[]> {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1_000) throw new Error(`listAmendments limit must be 1-1000, got ${limit}`);
  const rows = await t.tx<AmendmentRow[]>`
    select ${columns(t)} from order_amendments where tenant_id = ${t.tenant} and order_id = ${orderId}
    order by order_version limit ${limit}`;
  return rows.map(amendmentOf);
}

export async function countAmendments(t: TenantTx, orderId: string): Promise<number> {
  const [row] = await t.tx<{ n: number }[]>`
    select count(*)::int as n from order_amendments where tenant_id = ${t.tenant} and order_id = ${orderId}`;
  return row?.n ?? 0;
}

export async function acknowledgeAmendment(t: TenantTx, orderId: string, id: string, atMs: number, by: Actor): Promise<boolean> {
  const rows = await t.tx`
    update order_amendments
    set status = 'acknowledged', acknowledged_at = ${new Date(atMs)}, acknowledged_by_kind = ${by.kind}, acknowledged_by_id = ${by.id}
    where tenant_id = ${t.tenant} and id = ${id} and order_id = ${orderId} and status = 'pending'
    returning id`;
  return rows.length === 1;
}

/** The newest audit entry after the first whose changes name shippingAddress (newest first over the order's primary key). */
export async function lastAddressChange(t: TenantTx, orderId: string): Promise<AddressChangeRecord | null> {
  const [row] = await t.tx<{ at: Date; action: string; change: FieldChange }[]>`
    select at, action, changes -> 'shippingAddress' as change from order_audit
    where tenant_id = ${t.tenant} and order_id = ${orderId} and seq > 1 and changes ? 'shippingAddress'
    order by seq desc limit 1`;
  if (row === undefined) return null;
  return {
    atMs: row.at.getTime(), action: row.action,
    ...(row.change.before === undefined ? {} : { before: row.change.before as Address }),
    ...(row.change.after === undefined ? {} : { after: row.change.after as Address }),
  };
}
