// Dead letters (migration 004): channel documents that could not be mapped
// to an order, kept byte for byte with where and why mapping failed, until a
// person fixes the mapping and replays them. Lists return summaries (the
// document's size, not the document); get returns the document.

import { randomBytes } from 'node:crypto';
import { domainError, fail, ok, type Result } from '../../core/errors.ts';
import type { TxSql, Sql } from './sql.ts';
import { decodeCursor, encodeCursor, listLimitMax, withTenant, type ListCursor, type TenantTx } from './tenant.scope.ts';
import type { NewDeadLetter, DeadLetterSummary, DeadLetter, DeadLetterFilters, DeadLetterPage } from '../../app/order.port.ts';
export type { NewDeadLetter, DeadLetterSummary, DeadLetter, DeadLetterFilters, DeadLetterPage };






/** PALLET_BODY_BYTES_MAX's ceiling: no webhook body is larger. */
export const deadLetterBytesMax = 16 * 1024 * 1024;

interface SummaryRow {
  tenant_id: string;
  id: string;
  channel: string;
  document_bytes: number;
  source_path: string | null;
  rule: string | null;
  reason: string;
  mapping_version: number | null;
  created_at: Date;
  replayed_at: Date | null;
  created_us: string;
}

const summaryColumns = (tx: TxSql) => tx`
  tenant_id, id, channel, octet_length(document) as document_bytes, source_path, rule, reason, mapping_version,
  created_at, replayed_at, (extract(epoch from created_at) * 1000000)::bigint::text as created_us`;

function summaryOf(r: SummaryRow): DeadLetterSummary {
  return {
    tenant: r.tenant_id, id: r.id, channel: r.channel, documentBytes: r.document_bytes, sourcePath: r.source_path,
    rule: r.rule, reason: r.reason, mappingVersion: r.mapping_version, createdAt: r.created_at, replayedAt: r.replayed_at,
  };
}

export const newDeadLetterId = (): string => `dl_${randomBytes(12).toString('base64url')}`;

/** Stores a dead letter in the caller's transaction (e.g. with the delivery record of the webhook that brought it). */
export async function insertDeadLetterIn(t: TenantTx, d: NewDeadLetter): Promise<DeadLetter> {
  const document = typeof d.document === 'string' ? Buffer.from(d.document, 'utf8') : Buffer.from(d.document);
  if (document.length > deadLetterBytesMax) throw new Error(`a dead letter's document is at most ${deadLetterBytesMax} bytes, got ${document.length}`);
  const { tx } = t;
  const [r] = await tx<SummaryRow[]>`
    insert into dead_letters (tenant_id, channel, id, document, source_path, rule, reason, mapping_version)
    values (${t.tenant}, ${d.channel}, ${newDeadLetterId()}, ${document}, ${d.sourcePath ?? null}, ${d.rule ?? null},
      ${d.reason}, ${d.mappingVersion ?? null})
    returning ${summaryColumns(tx)}`;
  return { ...summaryOf(r!), document };
}

/** Marks it replayed in the caller's transaction; false when unknown or already replayed. */
export async function markDeadLetterReplayedIn(t: TenantTx, id: string): Promise<boolean> {
  const rows = await t.tx`
    update dead_letters set replayed_at = now()
    where tenant_id = ${t.tenant} and id = ${id} and replayed_at is null
    returning 1`;
  return rows.length === 1;
}

export class DeadLetterRepo {
  constructor(private readonly sql: Sql) {}

  async insert(tenant: string, d: NewDeadLetter): Promise<DeadLetter> {
    return withTenant(this.sql, tenant, (t) => insertDeadLetterIn(t, d));
  }

  async get(tenant: string, id: string): Promise<DeadLetter | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<(SummaryRow & { document: Buffer })[]>`
        select ${summaryColumns(tx)}, document from dead_letters where tenant_id = ${tenant} and id = ${id}`;
      return r === undefined ? null : { ...summaryOf(r), document: r.document };
    });
  }

  async markReplayed(tenant: string, id: string): Promise<boolean> {
    return withTenant(this.sql, tenant, (t) => markDeadLetterReplayedIn(t, id));
  }

  /** Newest first, keyset-paged; VALIDATION_FAILED names a bad limit or cursor. */
  async list(tenant: string, filters: DeadLetterFilters, cursor: string | null, limit: number): Promise<Result<DeadLetterPage>> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > listLimitMax) {
      return fail(domainError('VALIDATION_FAILED', `limit must be a whole number 1-${listLimitMax}`, { field: 'limit' }));
    }
    const after: ListCursor | null = cursor === null ? null : decodeCursor(cursor);
    if (cursor !== null && after === null) return fail(domainError('VALIDATION_FAILED', 'cursor is not a cursor this list returned', { field: 'cursor' }));
    const rows = await withTenant(this.sql, tenant, ({ tx }) => {
      const conds = [tx`tenant_id = ${tenant}`];
      if (filters.channel !== undefined) conds.push(tx`channel = ${filters.channel}`);
      if (filters.replayed !== undefined) conds.push(filters.replayed ? tx`replayed_at is not null` : tx`replayed_at is null`);
      if (after !== null) conds.push(tx`(created_at, id) < ('epoch'::timestamptz + ${after.createdUs}::bigint::float8 * interval '1 microsecond', ${after.id})`);
      return tx<SummaryRow[]>`
        select ${summaryColumns(tx)} from dead_letters
        where ${conds.reduce((a, c) => tx`${a} and ${c}`)}
        order by created_at desc, id desc limit ${limit + 1}`;
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last !== undefined ? encodeCursor({ createdUs: last.created_us, id: last.id }) : null;
    return ok({ deadLetters: page.map(summaryOf), nextCursor });
  }
}
