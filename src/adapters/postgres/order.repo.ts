// Orders and their audit chain in PostgreSQL (migration 004).
//
// Every function takes a TenantTx (withTenant): row-level security scopes it
// to one tenant whatever the SQL says, and the explicit tenant_id predicates
// below are there for the indexes. An order change and its audit entry are
// written in the SAME transaction, under the order row's lock:
// - insertOrder writes the order and audit seq 1 in one statement;
// - updateOrder and appendAudit lock the order row (select … for update),
//   read the chain head it records (audit_seq, audit_head), hash the next
//   entry and write entry and new head together.
// So two writers of one order serialise on its row, and the entry's seq is
// the head's + 1 with no read of order_audit at all.
// Listing orders is in order.list.ts; the audit verifier's scan in
// order-audit.repo.ts.

import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { chainStart, sealEntry, type AuditDraft, type AuditEntry, type ChainPoint, type Sha256 } from '../../core/audit.chain.ts';
import type { Order } from '../../core/order.types.ts';
import { auditColumns, auditEntryOf, orderColumns, orderOf, orderValues, type AuditRow, type OrderRow } from './order.mapping.ts';
import type { TxSql } from './sql.ts';
import type { TenantTx } from './tenant.scope.ts';
import type { InsertOrderOutcome } from '../../app/order.port.ts';
export type { InsertOrderOutcome };

export { withTenant, type TenantTx } from './tenant.scope.ts';
export { listOrders, type OrderListFilters, type OrderPage } from './order.list.ts';

export const sha256: Sha256 = (data) => createHash('sha256').update(data).digest();

const json = (tx: TxSql, v: unknown) => tx.json(v as postgres.JSONValue);

/** The jsonb and other columns of orderValues, as query parameters. */
function orderParams(tx: TxSql, o: Order) {
  const v = orderValues(o);
  return {
    ...v, buyer: json(tx, v.buyer), shipping_address: json(tx, v.shipping_address), lines: json(tx, v.lines),
    totals: json(tx, v.totals), holds: json(tx, v.holds), flags: v.flags === null ? null : json(tx, v.flags),
  };
}

const valueColumns = [
  'status', 'placed_at', 'paid_at', 'cancelled_at', 'buyer', 'shipping_address', 'lines', 'totals', 'currency',
  'total_minor', 'reservation_id', 'holds', 'flags',
] as const;

function assertSameTenant(t: TenantTx, order: Order): void {
  if (order.tenant !== t.tenant) throw new Error(`order ${order.id} belongs to tenant ${order.tenant}, the transaction to ${t.tenant}`);
}


/**
 * Inserts a new order (version 1) with audit seq 1; created_at and
 * updated_at are the entry's time. A duplicate (same channel and externalId,
 * or same id) writes nothing and returns the order already stored.
 */
export async function insertOrder(t: TenantTx, order: Order, audit: AuditDraft): Promise<InsertOrderOutcome> {
  assertSameTenant(t, order);
  if (order.version !== 1) throw new Error(`a new order has version 1, order ${order.id} has ${order.version}`);
  const { tx } = t;
  const entry = sealEntry(t.tenant, order.id, chainStart(), audit, sha256);
  const at = new Date(entry.atMs);
  const row = {
    ...orderParams(tx, order), tenant_id: t.tenant, id: order.id, channel: order.channel, external_id: order.externalId,
    version: 1, audit_seq: entry.seq, audit_head: entry.hash, created_at: at, updated_at: at,
  };
  const inserted = await tx`
    with ins as (
      insert into orders ${tx(row, 'tenant_id', 'id', 'channel', 'external_id', ...valueColumns, 'version', 'audit_seq', 'audit_head', 'created_at', 'updated_at')}
      on conflict do nothing
      returning tenant_id, id
    )
    insert into order_audit (tenant_id, order_id, seq, actor_kind, actor_id, at, action, changes, prev_hash, hash)
    select ins.tenant_id, ins.id, ${entry.seq}, ${entry.actor.kind}, ${entry.actor.id}, ${at}, ${entry.action},
      ${json(tx, entry.changes)}, ${entry.prevHash}, ${entry.hash}
    from ins
    returning seq`;
  if (inserted.length === 1) return { inserted: true, entry };
  const existing = await findByExternalId(t, order.channel, order.externalId) ?? await getOrder(t, order.id);
  if (existing === null) throw new Error(`insert of order ${order.id} conflicted, yet neither its id nor its external id is stored`);
  return { inserted: false, existing };
}

interface HeadRow {
  channel: string;
  external_id: string;
  version: number;
  audit_seq: number;
  audit_head: Uint8Array | null;
}

/** Locks the order row and reads its chain head; null when the tenant has no such order. */
async function lockHead(t: TenantTx, orderId: string): Promise<HeadRow | null> {
  const [row] = await t.tx<HeadRow[]>`
    select channel, external_id, version, audit_seq, audit_head from orders
    where tenant_id = ${t.tenant} and id = ${orderId}
    for update`;
  return row ?? null;
}

const headPoint = (h: HeadRow): ChainPoint => (h.audit_head === null ? chainStart() : { seq: h.audit_seq, hash: h.audit_head });

async function insertAudit(tx: TxSql, e: AuditEntry): Promise<void> {
  await tx`
    insert into order_audit (tenant_id, order_id, seq, actor_kind, actor_id, at, action, changes, prev_hash, hash)
    values (${e.tenant}, ${e.orderId}, ${e.seq}, ${e.actor.kind}, ${e.actor.id}, ${new Date(e.atMs)}, ${e.action},
      ${json(tx, e.changes)}, ${e.prevHash}, ${e.hash})`;
}

/**
 * Replaces the order's fields if its stored version is `expectedVersion`,
 * storing version expectedVersion + 1 (which `order.version` must be) and
 * appending `audit` to its chain. false, with nothing written, when the
 * version differs (someone else changed it first: re-read and retry) or the
 * tenant has no such order. id, tenant, channel and externalId never change.
 */
export async function updateOrder(t: TenantTx, order: Order, expectedVersion: number, audit: AuditDraft): Promise<boolean> {
  assertSameTenant(t, order);
  if (order.version !== expectedVersion + 1) throw new Error(`updating order ${order.id} from version ${expectedVersion}: the new order must have version ${expectedVersion + 1}, it has ${order.version}`);
  const head = await lockHead(t, order.id);
  if (head === null || head.version !== expectedVersion) return false;
  if (head.channel !== order.channel || head.external_id !== order.externalId) {
    throw new Error(`order ${order.id}: channel and externalId never change (stored ${head.channel}/${head.external_id}, given ${order.channel}/${order.externalId})`);
  }
  const { tx } = t;
  const entry = sealEntry(t.tenant, order.id, headPoint(head), audit, sha256);
  const values = { ...orderParams(tx, order), version: order.version, audit_seq: entry.seq, audit_head: entry.hash, updated_at: new Date(entry.atMs) };
  await Promise.all([
    tx`
      update orders set ${tx(values, ...valueColumns, 'version', 'audit_seq', 'audit_head', 'updated_at')}
      where tenant_id = ${t.tenant} and id = ${order.id}`,
    insertAudit(tx, entry),
  ]);
  return true;
}

/**
 * Appends an entry to the order's chain without changing the order (a note,
 * a notification sent …); null when the tenant has no such order.
 */
export async function appendAudit(t: TenantTx, orderId: string, audit: AuditDraft): Promise<AuditEntry | null> {
  const head = await lockHead(t, orderId);
  if (head === null) return null;
  const { tx } = t;
  const entry = sealEntry(t.tenant, orderId, headPoint(head), audit, sha256);
  await Promise.all([
    tx`update orders set audit_seq = ${entry.seq}, audit_head = ${entry.hash} where tenant_id = ${t.tenant} and id = ${orderId}`,
    insertAudit(tx, entry),
  ]);
  return entry;
}

export async function getOrder(t: TenantTx, orderId: string): Promise<Order | null> {
  const { tx } = t;
  const [row] = await tx<OrderRow[]>`
    select ${orderColumns(tx)} from orders where tenant_id = ${t.tenant} and id = ${orderId}`;
  return row === undefined ? null : orderOf(row);
}

/** The order a channel knows by `externalId` (compared exactly, as the platform wrote it). */
export async function findByExternalId(t: TenantTx, channel: string, externalId: string): Promise<Order | null> {
  const { tx } = t;
  const [row] = await tx<OrderRow[]>`
    select ${orderColumns(tx)} from orders
    where tenant_id = ${t.tenant} and channel = ${channel} and external_id = ${externalId}`;
  return row === undefined ? null : orderOf(row);
}

export const auditPageMax = 1000;

/**
 * The order's audit entries in seq order, after `afterSeq` (default 0: from
 * the first), at most `limit` (default and maximum auditPageMax). An unknown
 * order reads as [].
 */
export async function readAudit(t: TenantTx, orderId: string, opts: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  const limit = opts.limit ?? auditPageMax;
  const afterSeq = opts.afterSeq ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > auditPageMax) throw new Error(`readAudit limit must be 1-${auditPageMax}, got ${limit}`);
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new Error(`readAudit afterSeq must be a whole number ≥ 0, got ${afterSeq}`);
  const { tx } = t;
  const rows = await tx<AuditRow[]>`
    select ${auditColumns(tx)} from order_audit
    where tenant_id = ${t.tenant} and order_id = ${orderId} and seq > ${afterSeq}
    order by seq limit ${limit}`;
  return rows.map(auditEntryOf);
}
