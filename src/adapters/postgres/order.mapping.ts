// Rows of orders and order_audit ↔ the canonical Order and AuditEntry.
//
// Times: the canonical types carry epoch milliseconds, the tables
// timestamptz. Every time this code writes has millisecond precision, so a
// round trip is exact. jsonb columns come back parsed (postgres.js).

import type { Actor, AuditChanges, AuditEntry } from '../../core/audit.chain.ts';
import type { Address, Buyer, HoldReason, Order, OrderLine, OrderStatus, Totals } from '../../core/order.types.ts';
import type { TxSql } from './sql.ts';

/** The order columns every read selects, in OrderRow's shape. */
export const orderColumns = (tx: TxSql) => tx`
  tenant_id, id, channel, external_id, status, placed_at, paid_at, cancelled_at, buyer, shipping_address,
  lines, totals, reservation_id, holds, flags, version,
  (extract(epoch from created_at) * 1000000)::bigint::text as created_us`;

/** The order_audit columns every read selects, in AuditRow's shape. */
export const auditColumns = (tx: TxSql) => tx`
  tenant_id, order_id, seq, actor_kind, actor_id, at, action, changes, prev_hash, hash`;

/** The order columns a query selects (`orderColumns`), as postgres.js returns them. */
export interface OrderRow {
  tenant_id: string;
  id: string;
  channel: string;
  external_id: string;
  status: OrderStatus;
  placed_at: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  buyer: Buyer;
  shipping_address: Address;
  lines: OrderLine[];
  totals: Totals;
  reservation_id: string | null;
  holds: HoldReason[];
  flags: Record<string, boolean> | null;
  version: number;
  /** created_at in epoch microseconds (bigint as text): the list cursor's key. */
  created_us: string;
}

/** The values an insert or update writes (jsonb values still as JS values). */
export interface OrderValues {
  status: OrderStatus;
  placed_at: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  buyer: Buyer;
  shipping_address: Address;
  lines: readonly OrderLine[];
  totals: Totals;
  currency: string;
  total_minor: number;
  reservation_id: string | null;
  holds: readonly HoldReason[];
  flags: Readonly<Record<string, boolean>> | null;
}

const dateOf = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));

export function orderValues(o: Order): OrderValues {
  return {
    status: o.status,
    placed_at: new Date(o.placedAtMs),
    paid_at: dateOf(o.paidAtMs),
    cancelled_at: dateOf(o.cancelledAtMs),
    buyer: o.buyer,
    shipping_address: o.shippingAddress,
    lines: o.lines,
    totals: o.totals,
    currency: o.totals.currency,
    total_minor: o.totals.totalMinor,
    reservation_id: o.reservationId ?? null,
    holds: o.holds,
    flags: o.flags ?? null,
  };
}

export function orderOf(r: OrderRow): Order {
  return {
    id: r.id,
    tenant: r.tenant_id,
    channel: r.channel,
    externalId: r.external_id,
    status: r.status,
    placedAtMs: r.placed_at.getTime(),
    ...(r.paid_at === null ? {} : { paidAtMs: r.paid_at.getTime() }),
    ...(r.cancelled_at === null ? {} : { cancelledAtMs: r.cancelled_at.getTime() }),
    buyer: r.buyer,
    shippingAddress: r.shipping_address,
    lines: r.lines,
    totals: r.totals,
    ...(r.flags === null ? {} : { flags: r.flags }),
    ...(r.reservation_id === null ? {} : { reservationId: r.reservation_id }),
    holds: r.holds,
    version: r.version,
  };
}

/** The order_audit columns a query selects (`auditColumns`). */
export interface AuditRow {
  tenant_id: string;
  order_id: string;
  seq: number;
  actor_kind: Actor['kind'];
  actor_id: string;
  at: Date;
  action: string;
  changes: AuditChanges;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

export function auditEntryOf(r: AuditRow): AuditEntry {
  return {
    tenant: r.tenant_id, orderId: r.order_id, seq: r.seq,
    actor: { kind: r.actor_kind, id: r.actor_id }, atMs: r.at.getTime(), action: r.action, changes: r.changes,
    prevHash: r.prev_hash, hash: r.hash,
  };
}
