// Tenant-scoped transactions for the tables under row-level security
// (migration 004: channels, orders, order_audit, channel_deliveries,
// dead_letters), and the keyset cursor their lists share.
//
// withTenant opens ONE transaction, switches to the role pallet_tenant (no
// superuser, no BYPASSRLS, so the policies apply whoever Pallet connects as)
// and sets pallet.tenant for that transaction only; both revert at commit or
// rollback, so a pooled connection never carries a tenant into the next use.
// Repository functions take the resulting TenantTx, never a bare Sql: a
// query on these tables cannot run outside a tenant scope by accident.

import type { Sql, TxSql } from './sql.ts';

export const tenantRole = 'pallet_tenant';
export const tenantSetting = 'pallet.tenant';

/** A transaction running as pallet_tenant with pallet.tenant = tenant. */
export interface TenantTx {
  readonly tx: TxSql;
  readonly tenant: string;
}

const tenantLengthMax = 200;

export function assertTenant(tenant: string): void {
  if (tenant.length === 0 || tenant.length > tenantLengthMax) {
    throw new Error(`tenant id must be 1-${tenantLengthMax} characters, got ${JSON.stringify(tenant.slice(0, 40))}`);
  }
}

/** Runs `fn` in one transaction scoped to `tenant`; commits when it resolves, rolls back when it throws. */
export async function withTenant<T>(sql: Sql, tenant: string, fn: (t: TenantTx) => Promise<T>): Promise<T> {
  assertTenant(tenant);
  // One statement: set_config('role', …) is SET LOCAL ROLE. It is sent, not awaited, before the
  // caller's first query: the connection runs its queries in order, so that query is already
  // scoped, and both go out in one write (a round trip per transaction saved; on this kind of
  // machine a socket write costs tens of µs). A failure aborts the transaction, so the caller's
  // queries fail too; the awaits below report it either way.
  const result = await sql.begin(async (tx) => {
    const scoped = tx`select set_config('role', ${tenantRole}, true), set_config(${tenantSetting}, ${tenant}, true)`.execute();
    const settled = scoped.then(() => undefined, (err: unknown) => err);
    const value = await fn({ tx, tenant });
    const failed = await settled;
    if (failed !== undefined) throw failed;
    return { value };
  });
  // sql.begin's type flattens arrays returned by the callback; the box keeps T as is.
  return (result as { value: T }).value;
}

// ---------------------------------------------------------------- keyset cursor

/**
 * Position after a row in a newest-first list ordered by (created_at, id).
 * created_at is carried in microseconds (PostgreSQL's precision) as a decimal
 * string, so the cursor is exact whatever wrote the timestamp.
 */
export interface ListCursor {
  readonly createdUs: string;
  readonly id: string;
}

const cursorLengthMax = 600;
const microsPattern = /^\d{1,17}$/;

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.createdUs, c.id]), 'utf8').toString('base64url');
}

/** null when `text` is not a cursor this module wrote. */
export function decodeCursor(text: string): ListCursor | null {
  if (text.length === 0 || text.length > cursorLengthMax || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [us, id] = v as unknown[];
  if (typeof us !== 'string' || !microsPattern.test(us) || typeof id !== 'string' || id.length === 0) return null;
  return { createdUs: us, id };
}

/** Page sizes of every list here. */
export const listLimitMax = 200;
