// The order list: newest first, filtered, keyset-paged over (created_at, id)
// with an opaque cursor. Every filter is served by an index of migration 004
// (status, channel, external id, phone, SKU via GIN, holds, created_at range).

import postgres from 'postgres';
import { domainError, fail, ok, type Result } from '../../core/errors.ts';
import { orderStatuses, type Order, type OrderStatus } from '../../core/order.types.ts';
import { unstorableReason } from '../../core/text.rules.ts';
import { orderColumns, orderOf, type OrderRow } from './order.mapping.ts';
import type { TxSql } from './sql.ts';
import { decodeCursor, encodeCursor, listLimitMax, type ListCursor, type TenantTx } from './tenant.scope.ts';
import type { OrderListFilters, OrderPage } from '../../app/order.port.ts';
export type { OrderListFilters, OrderPage };



const filterTextLengthMax = 200;

function invalid(field: string, reason: string): Result<never> {
  return fail(domainError('VALIDATION_FAILED', `${field} ${reason}`, { field }));
}

function textProblem(v: string): string | null {
  if (v.length === 0 || v.length > filterTextLengthMax) return `must be 1-${filterTextLengthMax} characters`;
  return unstorableReason(v);
}

const isEpochMs = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** The first invalid filter, limit or cursor; else the decoded cursor (null: first page). */
export function checkListInput(f: OrderListFilters, cursor: string | null, limit: number): Result<ListCursor | null> {
  if (f.status !== undefined && !(orderStatuses as readonly string[]).includes(f.status)) return invalid('status', `must be one of ${orderStatuses.join(', ')}`);
  for (const field of ['channel', 'externalId', 'sku', 'phone'] as const) {
    const v = f[field];
    const problem = v === undefined ? null : textProblem(v);
    if (problem !== null) return invalid(field, problem);
  }
  if (f.fromMs !== undefined && !isEpochMs(f.fromMs)) return invalid('from', 'must be a time (epoch milliseconds ≥ 0)');
  if (f.toMs !== undefined && !isEpochMs(f.toMs)) return invalid('to', 'must be a time (epoch milliseconds ≥ 0)');
  if (f.fromMs !== undefined && f.toMs !== undefined && f.toMs < f.fromMs) return invalid('to', 'must not be before from');
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > listLimitMax) return invalid('limit', `must be a whole number 1-${listLimitMax}`);
  if (cursor === null) return ok(null);
  const decoded = decodeCursor(cursor);
  return decoded === null ? invalid('cursor', 'is not a cursor this list returned') : ok(decoded);
}

function conditions(tx: TxSql, tenant: string, f: OrderListFilters, after: ListCursor | null) {
  const conds = [tx`tenant_id = ${tenant}`];
  if (f.status !== undefined) conds.push(tx`status = ${f.status}`);
  if (f.channel !== undefined) conds.push(tx`channel = ${f.channel}`);
  if (f.externalId !== undefined) conds.push(tx`external_id = ${f.externalId}`);
  if (f.sku !== undefined) conds.push(tx`lines @> ${tx.json([{ sku: f.sku }] as postgres.JSONValue)}`);
  if (f.phone !== undefined) conds.push(tx`(ship_phone = ${f.phone} or buyer_phone = ${f.phone})`);
  if (f.hold !== undefined) conds.push(f.hold ? tx`holds <> '[]'::jsonb` : tx`holds = '[]'::jsonb`);
  if (f.fromMs !== undefined) conds.push(tx`created_at >= ${new Date(f.fromMs)}`);
  if (f.toMs !== undefined) conds.push(tx`created_at < ${new Date(f.toMs)}`);
  if (after !== null) {
    conds.push(tx`(created_at, id) < ('epoch'::timestamptz + ${after.createdUs}::bigint::float8 * interval '1 microsecond', ${after.id})`);
  }
  return conds.reduce((acc, c) => tx`${acc} and ${c}`);
}

/**
 * One page of the tenant's orders, newest first (created_at, then id, both
 * descending), at most `limit` (1-200). Invalid filters, limit or cursor are
 * VALIDATION_FAILED naming the field.
 */
export async function listOrders(t: TenantTx, filters: OrderListFilters, cursor: string | null, limit: number): Promise<Result<OrderPage>> {
  const checked = checkListInput(filters, cursor, limit);
  if (!checked.ok) return checked;
  const { tx } = t;
  const rows = await tx<OrderRow[]>`
    select ${orderColumns(tx)} from orders
    where ${conditions(tx, t.tenant, filters, checked.value)}
    order by created_at desc, id desc
    limit ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor({ createdUs: last.created_us, id: last.id }) : null;
  return ok({ orders: page.map(orderOf), nextCursor });
}
