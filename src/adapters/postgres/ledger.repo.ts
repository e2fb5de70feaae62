// Ledger repository: the PostgreSQL system of record fed by the projector
// (stock ledger, reservations and their history, payments), and the reads of
// the ledger routes, reconcile and rebuild.
//
// Conventions:
// - projectBatch writes a whole batch in ONE transaction of at most five
//   statements, whatever the batch size: every table gets one multi-row
//   INSERT … SELECT FROM unnest($1, $2, …) … ON CONFLICT. The statements are
//   pipelined (one round trip for the batch plus BEGIN/COMMIT).
// - Idempotent by event id: every table has a unique key that contains it;
//   replaying a batch inserts nothing and leaves every row as it was.
// - reservations only move forward: a row is changed only by an event with a
//   higher sequence (status), or to fill a field only an earlier event carries.
// - Rows are sorted by key before they are written, so concurrent projectors
//   take row locks in one order and cannot deadlock each other.
// - Times travel as epoch milliseconds and are converted exactly in SQL;
//   bigint columns come back as strings and are converted to safe integers.

import type {
  AllocationTuple, CellAtVersion, LedgerCellState, LedgerCellSums, LedgerCellVersion, LedgerReader, ReservationRecord,
} from '../../app/ledger.port.ts';
import type { ReservationStatus } from '../../core/stock.types.ts';
import type { Envelope, CellChange } from '../events/envelope.codec.ts';
import { cellsOf } from '../events/envelope.codec.ts';
import type { Sql, TxSql } from './sql.ts';

export interface LedgerEntry {
  readonly eventId: string;
  readonly type: string;
  readonly reservationId: string | null;
  readonly reason: string | null;
  readonly dOnHand: number;
  readonly dReserved: number;
  readonly dCommitted: number;
  readonly onHand: number;
  readonly reserved: number;
  readonly committed: number;
  readonly inTransit: number | null;
  readonly safetyStock: number | null;
  readonly version: number;
  readonly occurredAtMs: number;
  readonly recordedAtMs: number;
}

/** Keyset position in a cell's ledger: after (version, eventId). */
export interface LedgerCursor {
  readonly version: number;
  readonly eventId: string;
}

export interface LedgerPage {
  readonly items: LedgerEntry[];
  /** Where the next page starts; null on the last page. */
  readonly next: LedgerCursor | null;
}

export interface HistoryEntry {
  readonly eventId: string;
  readonly type: string;
  readonly status: ReservationStatus;
  readonly fromStatus: string | null;
  readonly sequence: number;
  readonly occurredAtMs: number;
  readonly recordedAtMs: number;
}

export interface ReservationHistory {
  /** The current state; null when no event of the reservation is projected. */
  readonly reservation: ReservationRecord | null;
  readonly events: HistoryEntry[];
}

// ---------------------------------------------------------------- rows

const statusOfType: Readonly<Record<string, ReservationStatus>> = {
  'stock.reserved': 'held', 'stock.confirmed': 'confirmed', 'stock.released': 'released',
  'stock.expired': 'expired', 'stock.fulfilled': 'fulfilled',
};

const knownTypes = new Set([
  'stock.set', 'stock.adjusted', ...Object.keys(statusOfType), 'payment.received', 'payment.orphaned',
]);

const payloadOfType: Readonly<Record<string, string>> = {
  'stock.set': 'stockSet', 'stock.adjusted': 'stockAdjusted', 'stock.reserved': 'stockReserved',
  'stock.confirmed': 'stockConfirmed', 'stock.released': 'stockReleased', 'stock.expired': 'stockExpired',
  'stock.fulfilled': 'stockFulfilled', 'payment.received': 'paymentReceived', 'payment.orphaned': 'paymentOrphaned',
};

const textMax = 200;
const isText = (s: unknown, max = textMax): s is string => typeof s === 'string' && s.length > 0 && s.length <= max;
/** Ids (warehouse, sku, reservation, payment, event) and tenants, as the API admits them. */
const idPattern = /^[A-Za-z0-9._:-]{1,200}$/;
const tenantPattern = /^[A-Za-z0-9_-]{1,200}$/;
const isId = (s: unknown): s is string => typeof s === 'string' && idPattern.test(s);
/** Event ids are composed (`payment:<tenant>:<payment id>:<status>`), so longer. */
const eventIdPattern = /^[A-Za-z0-9._:-]{1,500}$/;

/**
 * An int64 field of a decoded envelope as a number. The generated code set the
 * prototype defaults of int64 fields while Long was still configured, so a
 * field that was zero on the wire reads as a Long {low, high}, not 0; NaN for
 * anything that is not an integer.
 */
export function int64(v: unknown): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : Number.NaN;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'object' && 'low' in v && 'high' in v) {
    const { low, high, unsigned } = v as { low: number; high: number; unsigned?: boolean };
    const n = (unsigned ? high >>> 0 : high) * 4_294_967_296 + (low >>> 0);
    return Number.isSafeInteger(n) ? n : Number.NaN;
  }
  return Number.NaN;
}

const isCount = (n: unknown): boolean => Number.isSafeInteger(int64(n));

/**
 * Why an envelope cannot be projected (poison: dead-letter it), or null when
 * it can. Types this version does not know are projectable: they are recorded
 * in projected_events only.
 */
export function envelopeProblem(e: Envelope): string | null {
  if (typeof e.eventId !== 'string' || !eventIdPattern.test(e.eventId)) return 'eventId is empty, too long or not of [A-Za-z0-9._:-]';
  if (typeof e.tenant !== 'string' || !tenantPattern.test(e.tenant)) return 'tenant is empty, too long or not of [A-Za-z0-9_-]';
  if (!isText(e.type, 100) || !/^[a-z]+\.[a-z_]+$/.test(e.type)) return 'type is not <aggregate>.<event>';
  if (!(int64(e.occurredAtMs) > 0)) return 'occurredAtMs is not a positive integer';
  if (!knownTypes.has(e.type)) return null;
  if (e.payload !== payloadOfType[e.type]) return `payload ${String(e.payload)} does not match type ${e.type}`;
  const status = statusOfType[e.type];
  if (status !== undefined) {
    const res = reservationIdOf(e);
    if (!isId(res)) return 'reservationId is empty or malformed';
    if (!(int64(e.sequence) >= 1)) return 'sequence of a reservation event must be ≥ 1';
  }
  if (e.type.startsWith('stock.')) {
    const level = e.payload === 'stockSet' ? e.stockSet : e.payload === 'stockAdjusted' ? e.stockAdjusted : null;
    if (level && ((level.reason ?? '').length > textMax || !isCount(level.inTransit) || !isCount(level.safetyStock))) return 'reason too long or a bad side tier';
    const cells = cellsOf(e);
    if (cells.length === 0) return 'a stock event without cells';
    for (const c of cells) {
      if (!isId(c.warehouse) || !isId(c.sku)) return 'a cell with a missing or malformed warehouse or sku';
      const nums = [c.dOnHand, c.dReserved, c.dCommitted, c.onHand, c.reserved, c.committed, c.version];
      if (!nums.every(isCount) || int64(c.version) < 1) return `cell ${c.warehouse}/${c.sku} has a bad number`;
    }
  }
  if (e.type === 'payment.received') {
    const p = e.paymentReceived!;
    if (!isId(p.paymentId) || !isId(p.reservationId)) return 'paymentId or reservationId is missing or malformed';
    if (!isCount(p.amountMinor)) return 'amountMinor is not an integer';
    if ((p.currency ?? '').length > 16 || (p.status ?? '').length > 50 || (p.deliveryId ?? '').length > textMax) return 'currency, status or deliveryId too long';
  }
  if (e.type === 'payment.orphaned') {
    const p = e.paymentOrphaned!;
    if (!isId(p.paymentId) || !isId(p.reservationId)) return 'paymentId or reservationId is missing or malformed';
    if (p.newReservationId && !isId(p.newReservationId)) return 'newReservationId is malformed';
    if ((p.reason ?? '').length > textMax || (p.resolution ?? '').length > textMax) return 'reason or resolution too long';
  }
  return null;
}

function reservationIdOf(e: Envelope): string | null | undefined {
  switch (e.payload) {
    case 'stockReserved': return e.stockReserved?.reservationId;
    case 'stockConfirmed': return e.stockConfirmed?.reservationId;
    case 'stockReleased': return e.stockReleased?.reservationId;
    case 'stockExpired': return e.stockExpired?.reservationId;
    case 'stockFulfilled': return e.stockFulfilled?.reservationId;
    default: return null;
  }
}

interface LedgerRow {
  tenant_id: string; warehouse: string; sku: string; event_id: string; event_type: string;
  reservation_id: string | null; reason: string | null;
  d_on_hand: number; d_reserved: number; d_committed: number;
  on_hand_after: number; reserved_after: number; committed_after: number;
  in_transit: number | null; safety_stock: number | null; cell_version: number; occurred_ms: number;
}
interface HistoryRow {
  tenant_id: string; reservation_id: string; event_id: string; event_type: string;
  status: ReservationStatus; from_status: string | null; sequence: number; occurred_ms: number;
}
interface ReservationRow {
  tenant_id: string; id: string; status: ReservationStatus; seq: number; event_id: string;
  alloc: AllocationTuple[]; exp_ms: number | null; created_ms: number | null; confirmed_ms: number | null;
}
interface PaymentRow {
  tenant_id: string; payment_id: string; reservation_id: string; amount_minor: number; currency: string;
  status: string; delivery_id: string; event_id: string; received_ms: number;
}
interface ExceptionRow {
  tenant_id: string; payment_id: string; reservation_id: string; reason: string; resolution: string;
  new_reservation_id: string | null; event_id: string; occurred_ms: number;
}

export interface ProjectionRows {
  readonly ledger: LedgerRow[];
  readonly history: HistoryRow[];
  readonly reservations: ReservationRow[];
  readonly payments: PaymentRow[];
  readonly exceptions: ExceptionRow[];
}

const num = int64;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The allocation an event's cell change implies: the reserved or committed quantity it moved. */
const allocationOf = (c: CellChange): AllocationTuple =>
  [c.warehouse!, c.sku!, Math.max(Math.abs(num(c.dReserved)), Math.abs(num(c.dCommitted)))];

/** The rows a batch writes, sorted by key; the envelopes must be valid (envelopeProblem === null). */
export function projectionRows(envelopes: readonly Envelope[]): ProjectionRows {
  const out: ProjectionRows = { ledger: [], history: [], reservations: [], payments: [], exceptions: [] };
  const reservations = new Map<string, ReservationRow>();
  const seen = new Set<string>();
  for (const e of envelopes) {
    const key = `${e.tenant}\u0000${e.eventId}`;
    if (seen.has(key)) continue; // the same event twice in one batch (redelivery): once is enough
    seen.add(key);
    if (e.type.startsWith('stock.')) addStockRows(out, reservations, e);
    else if (e.type === 'payment.received') addPayment(out, e);
    else if (e.type === 'payment.orphaned') addException(out, e);
  }
  out.reservations.push(...reservations.values());
  out.ledger.sort((a, b) => cmp(a.tenant_id, b.tenant_id) || cmp(a.event_id, b.event_id) || cmp(a.warehouse, b.warehouse) || cmp(a.sku, b.sku));
  out.history.sort((a, b) => cmp(a.tenant_id, b.tenant_id) || cmp(a.event_id, b.event_id));
  out.reservations.sort((a, b) => cmp(a.tenant_id, b.tenant_id) || cmp(a.id, b.id));
  out.payments.sort((a, b) => cmp(a.tenant_id, b.tenant_id) || cmp(a.event_id, b.event_id));
  out.exceptions.sort((a, b) => cmp(a.tenant_id, b.tenant_id) || cmp(a.event_id, b.event_id));
  return out;
}

function addStockRows(out: ProjectionRows, reservations: Map<string, ReservationRow>, e: Envelope): void {
  const level = e.payload === 'stockSet' ? e.stockSet : e.payload === 'stockAdjusted' ? e.stockAdjusted : null;
  const resId = reservationIdOf(e) ?? null;
  const cells = cellsOf(e);
  for (const c of cells) {
    out.ledger.push({
      tenant_id: e.tenant, warehouse: c.warehouse!, sku: c.sku!, event_id: e.eventId, event_type: e.type,
      reservation_id: resId, reason: level ? (level.reason || null) : null,
      d_on_hand: num(c.dOnHand), d_reserved: num(c.dReserved), d_committed: num(c.dCommitted),
      on_hand_after: num(c.onHand), reserved_after: num(c.reserved), committed_after: num(c.committed),
      in_transit: level ? num(level.inTransit) : null, safety_stock: level ? num(level.safetyStock) : null,
      cell_version: num(c.version), occurred_ms: int64(e.occurredAtMs),
    });
  }
  const status = statusOfType[e.type];
  if (status === undefined || resId === null) return;
  const sequence = int64(e.sequence);
  out.history.push({
    tenant_id: e.tenant, reservation_id: resId, event_id: e.eventId, event_type: e.type, status,
    from_status: e.payload === 'stockReleased' ? (e.stockReleased?.fromStatus || null) : null, sequence, occurred_ms: int64(e.occurredAtMs),
  });
  const key = `${e.tenant}\u0000${resId}`;
  const row = reservations.get(key) ?? {
    tenant_id: e.tenant, id: resId, status, seq: sequence, event_id: e.eventId,
    alloc: cells.map(allocationOf), exp_ms: null, created_ms: null, confirmed_ms: null,
  };
  if (sequence > row.seq) Object.assign(row, { status, seq: sequence, event_id: e.eventId });
  if (e.payload === 'stockReserved') {
    row.created_ms = int64(e.occurredAtMs);
    row.exp_ms = num(e.stockReserved?.expiresAtMs);
  }
  if (e.payload === 'stockConfirmed') row.confirmed_ms = int64(e.occurredAtMs);
  reservations.set(key, row);
}

function addPayment(out: ProjectionRows, e: Envelope): void {
  const p = e.paymentReceived!;
  out.payments.push({
    tenant_id: e.tenant, payment_id: p.paymentId!, reservation_id: p.reservationId!, amount_minor: num(p.amountMinor),
    currency: p.currency ?? '', status: p.status ?? '', delivery_id: p.deliveryId ?? '', event_id: e.eventId,
    received_ms: num(p.receivedAtMs) > 0 ? num(p.receivedAtMs) : int64(e.occurredAtMs),
  });
}

function addException(out: ProjectionRows, e: Envelope): void {
  const p = e.paymentOrphaned!;
  out.exceptions.push({
    tenant_id: e.tenant, payment_id: p.paymentId!, reservation_id: p.reservationId!, reason: p.reason ?? '',
    resolution: p.resolution ?? '', new_reservation_id: p.newReservationId || null, event_id: e.eventId, occurred_ms: int64(e.occurredAtMs),
  });
}

// ---------------------------------------------------------------- repository

/** Bounds the rows one read returns. */
const pageLimitMax = 1_000;
const idsPerQueryMax = 10_000;

export class LedgerRepo implements LedgerReader {
  constructor(private readonly sql: Sql) {}

  /**
   * Projects a batch of valid envelopes in one transaction; `inserted` counts
   * the stock and payment events that were not in PostgreSQL before (event
   * types this version does not know write nothing and count 0). Throws on any
   * database error, and then nothing of the batch is written.
   */
  async projectBatch(envelopes: readonly Envelope[]): Promise<{ inserted: number }> {
    if (envelopes.length === 0) return { inserted: 0 };
    for (const e of envelopes) {
      const problem = envelopeProblem(e);
      if (problem !== null) throw new Error(`projectBatch got an invalid envelope ${e.eventId}: ${problem} (validate before projecting)`);
    }
    const rows = projectionRows(envelopes);
    if (rows.ledger.length + rows.payments.length + rows.exceptions.length === 0) return { inserted: 0 };
    return this.sql.begin(async (tx) => {
      // Sent back to back on the transaction's connection (pipelined), awaited together.
      const counts = await Promise.all([
        rows.ledger.length > 0 ? insertLedger(tx, rows.ledger) : 0,
        rows.history.length > 0 ? insertHistory(tx, rows.history).then(() => 0) : 0,
        rows.reservations.length > 0 ? upsertReservations(tx, rows.reservations).then(() => 0) : 0,
        rows.payments.length > 0 ? insertPayments(tx, rows.payments) : 0,
        rows.exceptions.length > 0 ? insertExceptions(tx, rows.exceptions) : 0,
      ]);
      return { inserted: counts.reduce((a, b) => a + b, 0) };
    });
  }

  /** One page of a cell's ledger in version order, after `cursor` when given. */
  async ledgerPage(tenant: string, warehouse: string, sku: string, cursor: LedgerCursor | null, limit: number): Promise<LedgerPage> {
    assertLimit(limit, pageLimitMax);
    const sql = this.sql;
    const rows = await sql<LedgerEntryRow[]>`
      select event_id, event_type, reservation_id, reason, d_on_hand, d_reserved, d_committed,
        on_hand_after, reserved_after, committed_after, in_transit, safety_stock, cell_version,
        (extract(epoch from occurred_at) * 1000)::bigint as occurred_ms,
        (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms
      from stock_ledger
      where tenant_id = ${tenant} and warehouse = ${warehouse} and sku = ${sku}
        ${cursor === null ? sql`` : sql`and (cell_version, event_id) > (${cursor.version}, ${cursor.eventId})`}
      order by cell_version, event_id
      limit ${limit + 1}`;
    const items = rows.slice(0, limit).map(toLedgerEntry);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last !== undefined ? { version: last.version, eventId: last.eventId } : null };
  }

  /** The reservation's current state and every projected event of it, in sequence order. */
  async reservationHistory(tenant: string, id: string): Promise<ReservationHistory> {
    const sql = this.sql;
    const [events, current] = await Promise.all([
      sql<HistoryEntryRow[]>`
        select event_id, event_type, status, from_status, sequence,
          (extract(epoch from occurred_at) * 1000)::bigint as occurred_ms,
          (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms
        from reservation_history
        where tenant_id = ${tenant} and reservation_id = ${id}
        order by sequence, occurred_at, event_id
        limit ${pageLimitMax}`,
      this.reservationsByIds(tenant, [id]),
    ]);
    return {
      reservation: current[0] ?? null,
      events: events.map((r) => ({
        eventId: r.event_id, type: r.event_type, status: r.status, fromStatus: r.from_status, sequence: r.sequence,
        occurredAtMs: toSafeInt(r.occurred_ms), recordedAtMs: toSafeInt(r.recorded_ms),
      })),
    };
  }

  /** Every cell of the tenant with the sums of all its rows, its latest post-state and side tiers. */
  async ledgerSums(tenant: string): Promise<LedgerCellState[]> {
    const rows = await this.sql<CellStateRow[]>`
      select g.warehouse, g.sku, g.on_hand, g.reserved, g.committed, g.version, g.rows,
        coalesce(lvl.in_transit, 0) as in_transit, coalesce(lvl.safety_stock, 0) as safety_stock,
        last.on_hand_after, last.reserved_after, last.committed_after
      from (
        select warehouse, sku, sum(d_on_hand) as on_hand, sum(d_reserved) as reserved, sum(d_committed) as committed,
          max(cell_version) as version, count(*) as rows
        from stock_ledger where tenant_id = ${tenant}
        group by warehouse, sku
      ) g
      cross join lateral (
        select on_hand_after, reserved_after, committed_after from stock_ledger s
        where s.tenant_id = ${tenant} and s.warehouse = g.warehouse and s.sku = g.sku
        order by s.cell_version desc, s.event_id desc limit 1
      ) last
      left join lateral (
        select in_transit, safety_stock from stock_ledger s
        where s.tenant_id = ${tenant} and s.warehouse = g.warehouse and s.sku = g.sku and s.in_transit is not null
        order by s.cell_version desc, s.event_id desc limit 1
      ) lvl on true
      order by g.warehouse, g.sku`;
    return rows.map((r) => ({
      ...toSums(r), inTransit: toSafeInt(r.in_transit), safetyStock: toSafeInt(r.safety_stock),
      latest: { onHand: toSafeInt(r.on_hand_after), reserved: toSafeInt(r.reserved_after), committed: toSafeInt(r.committed_after) },
    }));
  }

  /** Every cell of the tenant with its highest version and row count (an index-only read). */
  async ledgerCells(tenant: string): Promise<LedgerCellVersion[]> {
    const rows = await this.sql<{ warehouse: string; sku: string; version: string; rows: string }[]>`
      select warehouse, sku, max(cell_version) as version, count(*) as rows
      from stock_ledger where tenant_id = ${tenant}
      group by warehouse, sku order by warehouse, sku`;
    return rows.map((r) => ({ warehouse: r.warehouse, sku: r.sku, version: toSafeInt(r.version), rows: toSafeInt(r.rows) }));
  }

  /**
   * The sums of each given cell over its rows with cell_version ≤ the given
   * version (what Redis held at that version, if no row is missing), in the
   * order of `cells`.
   */
  async ledgerSumsAt(tenant: string, cells: readonly CellAtVersion[]): Promise<LedgerCellSums[]> {
    const out: LedgerCellSums[] = [];
    for (let i = 0; i < cells.length; i += idsPerQueryMax) {
      const chunk = cells.slice(i, i + idsPerQueryMax).map((c) => ({ warehouse: c.warehouse, sku: c.sku, v: c.version }));
      const rows = await this.sql<SumsRow[]>`
        select c.warehouse, c.sku,
          coalesce(sum(l.d_on_hand), 0) as on_hand, coalesce(sum(l.d_reserved), 0) as reserved,
          coalesce(sum(l.d_committed), 0) as committed, coalesce(max(l.cell_version), 0) as version, count(l.event_id) as rows
        from rows from (json_to_recordset(${JSON.stringify(chunk)}::text::json) as (warehouse text, sku text, v bigint))
          with ordinality as c(warehouse, sku, v, n)
        left join stock_ledger l
          on l.tenant_id = ${tenant} and l.warehouse = c.warehouse and l.sku = c.sku and l.cell_version <= c.v
        group by c.n, c.warehouse, c.sku
        order by c.n`;
      out.push(...rows.map(toSums));
    }
    return out;
  }

  /** Held and confirmed reservations of a tenant in id order, after `afterId`, at most `limit`. */
  async liveReservations(tenant: string, limit: number, afterId?: string): Promise<ReservationRecord[]> {
    assertLimit(limit, idsPerQueryMax);
    const sql = this.sql;
    const rows = await sql<ReservationRecordRow[]>`
      select ${reservationColumns(sql)} from reservations
      where tenant_id = ${tenant} and status in ('held', 'confirmed')
        ${afterId === undefined ? sql`` : sql`and id > ${afterId}`}
      order by id limit ${limit}`;
    return rows.map(toReservation);
  }

  /** Every held or confirmed reservation of a tenant (paged internally, at most `max`). */
  async allLiveReservations(tenant: string, max: number): Promise<ReservationRecord[]> {
    const out: ReservationRecord[] = [];
    let after: string | undefined;
    while (out.length < max) {
      const want = Math.min(5_000, max - out.length);
      const page = await this.liveReservations(tenant, want, after);
      out.push(...page);
      if (page.length < want) break;
      after = page[page.length - 1]!.id;
    }
    return out;
  }

  /** The reservations with these ids that PostgreSQL knows, any status. */
  async reservationsByIds(tenant: string, ids: readonly string[]): Promise<ReservationRecord[]> {
    if (ids.length === 0) return [];
    const sql = this.sql;
    const out: ReservationRecord[] = [];
    for (let i = 0; i < ids.length; i += idsPerQueryMax) {
      const rows = await sql<ReservationRecordRow[]>`
        select ${reservationColumns(sql)} from reservations
        where tenant_id = ${tenant} and id = any(${ids.slice(i, i + idsPerQueryMax) as string[]}::text[])
        order by id`;
      out.push(...rows.map(toReservation));
    }
    return out;
  }

  /**
   * Tenant ids in id order after `afterId`, at most `limit`: the catalog's
   * tenants and every tenant with ledger rows (found by a loose index scan).
   */
  async tenantIds(limit: number, afterId = ''): Promise<string[]> {
    assertLimit(limit, idsPerQueryMax);
    const rows = await this.sql<{ id: string }[]>`
      with recursive ledger_tenants(id) as (
        (select tenant_id from stock_ledger where tenant_id > ${afterId} order by tenant_id limit 1)
        union all
        select (select tenant_id from stock_ledger where tenant_id > lt.id order by tenant_id limit 1)
        from ledger_tenants lt where lt.id is not null
      )
      select id from (
        select id from ledger_tenants where id is not null
        union
        select id from tenants where id > ${afterId}
      ) t order by id limit ${limit}`;
    return rows.map((r) => r.id);
  }

  /** Whether PostgreSQL answers. */
  async ping(): Promise<boolean> {
    try {
      await this.sql`select 1`;
      return true;
    } catch {
      return false;
    }
  }

  /** The catalog version of a tenant (0 when the tenant is not in the catalog). */
  async catalogVersion(tenant: string): Promise<number> {
    const [row] = await this.sql<{ catalog_version: string }[]>`select catalog_version from tenants where id = ${tenant}`;
    return row ? toSafeInt(row.catalog_version) : 0;
  }
}

// ---------------------------------------------------------------- statements

type Tx = TxSql;

// Every statement takes one array per column and reads them back with
// unnest(…) (rows in array order, so the sort above is the lock order): ~3×
// cheaper for PostgreSQL to parse than the same rows as one JSON document.
// Epoch milliseconds (bigint, may be null) become timestamptz exactly with
// `'epoch'::timestamptz + ms * interval '1 millisecond'` (null stays null).

/** The values of one field of every row, in row order. */
function col<R, K extends keyof R>(rows: readonly R[], key: K): R[K][] {
  return rows.map((r) => r[key]);
}

/** Inserts the ledger rows; returns how many events had no row yet. */
async function insertLedger(tx: Tx, rows: LedgerRow[]): Promise<number> {
  const [r] = await tx<{ n: number }[]>`
    with ins as (
      insert into stock_ledger (tenant_id, warehouse, sku, event_id, event_type, reservation_id, reason,
        d_on_hand, d_reserved, d_committed, on_hand_after, reserved_after, committed_after,
        in_transit, safety_stock, cell_version, occurred_at)
      select x.tenant_id, x.warehouse, x.sku, x.event_id, x.event_type, x.reservation_id, x.reason,
        x.d_on_hand, x.d_reserved, x.d_committed, x.on_hand_after, x.reserved_after, x.committed_after,
        x.in_transit, x.safety_stock, x.cell_version, 'epoch'::timestamptz + x.occurred_ms * interval '1 millisecond'
      from unnest(
        ${col(rows, 'tenant_id')}::text[], ${col(rows, 'warehouse')}::text[], ${col(rows, 'sku')}::text[],
        ${col(rows, 'event_id')}::text[], ${col(rows, 'event_type')}::text[], ${col(rows, 'reservation_id') as string[]}::text[],
        ${col(rows, 'reason') as string[]}::text[], ${col(rows, 'd_on_hand')}::bigint[], ${col(rows, 'd_reserved')}::bigint[],
        ${col(rows, 'd_committed')}::bigint[], ${col(rows, 'on_hand_after')}::bigint[], ${col(rows, 'reserved_after')}::bigint[],
        ${col(rows, 'committed_after')}::bigint[], ${col(rows, 'in_transit') as number[]}::bigint[],
        ${col(rows, 'safety_stock') as number[]}::bigint[], ${col(rows, 'cell_version')}::bigint[], ${col(rows, 'occurred_ms')}::bigint[]
      ) as x(tenant_id, warehouse, sku, event_id, event_type, reservation_id, reason, d_on_hand, d_reserved, d_committed,
        on_hand_after, reserved_after, committed_after, in_transit, safety_stock, cell_version, occurred_ms)
      on conflict do nothing
      returning tenant_id, event_id
    )
    select count(*)::int as n from (select distinct tenant_id, event_id from ins) d`;
  return r?.n ?? 0;
}

async function insertHistory(tx: Tx, rows: HistoryRow[]): Promise<void> {
  await tx`
    insert into reservation_history (tenant_id, reservation_id, event_id, event_type, status, from_status, sequence, occurred_at)
    select x.tenant_id, x.reservation_id, x.event_id, x.event_type, x.status, x.from_status, x.sequence,
      'epoch'::timestamptz + x.occurred_ms * interval '1 millisecond'
    from unnest(
      ${col(rows, 'tenant_id')}::text[], ${col(rows, 'reservation_id')}::text[], ${col(rows, 'event_id')}::text[],
      ${col(rows, 'event_type')}::text[], ${col(rows, 'status')}::text[], ${col(rows, 'from_status') as string[]}::text[],
      ${col(rows, 'sequence')}::int[], ${col(rows, 'occurred_ms')}::bigint[]
    ) as x(tenant_id, reservation_id, event_id, event_type, status, from_status, sequence, occurred_ms)
    on conflict do nothing`;
}

async function upsertReservations(tx: Tx, rows: ReservationRow[]): Promise<void> {
  // The WHERE makes the upsert forward-only and a replay a no-op (no new row version).
  await tx`
    insert into reservations as r (tenant_id, id, status, last_sequence, last_event_id, allocations, expires_at, created_at, confirmed_at)
    select x.tenant_id, x.id, x.status, x.seq, x.event_id, x.alloc::jsonb,
      'epoch'::timestamptz + x.exp_ms * interval '1 millisecond',
      'epoch'::timestamptz + x.created_ms * interval '1 millisecond',
      'epoch'::timestamptz + x.confirmed_ms * interval '1 millisecond'
    from unnest(
      ${col(rows, 'tenant_id')}::text[], ${col(rows, 'id')}::text[], ${col(rows, 'status')}::text[], ${col(rows, 'seq')}::int[],
      ${col(rows, 'event_id')}::text[], ${rows.map((r) => JSON.stringify(r.alloc))}::text[],
      ${col(rows, 'exp_ms') as number[]}::bigint[], ${col(rows, 'created_ms') as number[]}::bigint[], ${col(rows, 'confirmed_ms') as number[]}::bigint[]
    ) as x(tenant_id, id, status, seq, event_id, alloc, exp_ms, created_ms, confirmed_ms)
    on conflict (tenant_id, id) do update set
      status = case when excluded.last_sequence > r.last_sequence then excluded.status else r.status end,
      last_event_id = case when excluded.last_sequence > r.last_sequence then excluded.last_event_id else r.last_event_id end,
      last_sequence = greatest(r.last_sequence, excluded.last_sequence),
      expires_at = coalesce(r.expires_at, excluded.expires_at),
      created_at = coalesce(r.created_at, excluded.created_at),
      confirmed_at = coalesce(r.confirmed_at, excluded.confirmed_at),
      updated_at = now()
    where excluded.last_sequence > r.last_sequence
      or (r.created_at is null and excluded.created_at is not null)
      or (r.confirmed_at is null and excluded.confirmed_at is not null)`;
}

async function insertPayments(tx: Tx, rows: PaymentRow[]): Promise<number> {
  const [r] = await tx<{ n: number }[]>`
    with ins as (
      insert into payments (tenant_id, payment_id, reservation_id, amount_minor, currency, status, delivery_id, event_id, received_at)
      select x.tenant_id, x.payment_id, x.reservation_id, x.amount_minor, x.currency, x.status, x.delivery_id, x.event_id,
        'epoch'::timestamptz + x.received_ms * interval '1 millisecond'
      from unnest(
        ${col(rows, 'tenant_id')}::text[], ${col(rows, 'payment_id')}::text[], ${col(rows, 'reservation_id')}::text[],
        ${col(rows, 'amount_minor')}::bigint[], ${col(rows, 'currency')}::text[], ${col(rows, 'status')}::text[],
        ${col(rows, 'delivery_id')}::text[], ${col(rows, 'event_id')}::text[], ${col(rows, 'received_ms')}::bigint[]
      ) as x(tenant_id, payment_id, reservation_id, amount_minor, currency, status, delivery_id, event_id, received_ms)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from ins`;
  return r?.n ?? 0;
}

async function insertExceptions(tx: Tx, rows: ExceptionRow[]): Promise<number> {
  const [r] = await tx<{ n: number }[]>`
    with ins as (
      insert into payment_exceptions (tenant_id, payment_id, reservation_id, reason, resolution, new_reservation_id, event_id, occurred_at)
      select x.tenant_id, x.payment_id, x.reservation_id, x.reason, x.resolution, x.new_reservation_id, x.event_id,
        'epoch'::timestamptz + x.occurred_ms * interval '1 millisecond'
      from unnest(
        ${col(rows, 'tenant_id')}::text[], ${col(rows, 'payment_id')}::text[], ${col(rows, 'reservation_id')}::text[],
        ${col(rows, 'reason')}::text[], ${col(rows, 'resolution')}::text[], ${col(rows, 'new_reservation_id') as string[]}::text[],
        ${col(rows, 'event_id')}::text[], ${col(rows, 'occurred_ms')}::bigint[]
      ) as x(tenant_id, payment_id, reservation_id, reason, resolution, new_reservation_id, event_id, occurred_ms)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from ins`;
  return r?.n ?? 0;
}

// ---------------------------------------------------------------- row conversion

interface LedgerEntryRow {
  event_id: string; event_type: string; reservation_id: string | null; reason: string | null;
  d_on_hand: string; d_reserved: string; d_committed: string; on_hand_after: string; reserved_after: string;
  committed_after: string; in_transit: string | null; safety_stock: string | null; cell_version: string;
  occurred_ms: string; recorded_ms: string;
}
interface HistoryEntryRow {
  event_id: string; event_type: string; status: ReservationStatus; from_status: string | null; sequence: number;
  occurred_ms: string; recorded_ms: string;
}
interface SumsRow { warehouse: string; sku: string; on_hand: string; reserved: string; committed: string; version: string; rows: string }
interface CellStateRow extends SumsRow {
  in_transit: string; safety_stock: string; on_hand_after: string; reserved_after: string; committed_after: string;
}
interface ReservationRecordRow {
  id: string; status: ReservationStatus; last_sequence: number; allocations: AllocationTuple[];
  expires_ms: string | null; created_ms: string | null; confirmed_ms: string | null;
}

const reservationColumns = (sql: Sql) => sql`
  id, status, last_sequence, allocations,
  (extract(epoch from expires_at) * 1000)::bigint as expires_ms,
  (extract(epoch from created_at) * 1000)::bigint as created_ms,
  (extract(epoch from confirmed_at) * 1000)::bigint as confirmed_ms`;

function toLedgerEntry(r: LedgerEntryRow): LedgerEntry {
  return {
    eventId: r.event_id, type: r.event_type, reservationId: r.reservation_id, reason: r.reason,
    dOnHand: toSafeInt(r.d_on_hand), dReserved: toSafeInt(r.d_reserved), dCommitted: toSafeInt(r.d_committed),
    onHand: toSafeInt(r.on_hand_after), reserved: toSafeInt(r.reserved_after), committed: toSafeInt(r.committed_after),
    inTransit: r.in_transit === null ? null : toSafeInt(r.in_transit),
    safetyStock: r.safety_stock === null ? null : toSafeInt(r.safety_stock),
    version: toSafeInt(r.cell_version), occurredAtMs: toSafeInt(r.occurred_ms), recordedAtMs: toSafeInt(r.recorded_ms),
  };
}

const toSums = (r: SumsRow): LedgerCellSums => ({
  warehouse: r.warehouse, sku: r.sku, onHand: toSafeInt(r.on_hand), reserved: toSafeInt(r.reserved),
  committed: toSafeInt(r.committed), version: toSafeInt(r.version), rows: toSafeInt(r.rows),
});

const optMs = (v: string | null): number | null => (v === null ? null : toSafeInt(v));

const toReservation = (r: ReservationRecordRow): ReservationRecord => ({
  id: r.id, status: r.status, lastSequence: r.last_sequence, allocations: r.allocations,
  expiresAtMs: optMs(r.expires_ms), createdAtMs: optMs(r.created_ms), confirmedAtMs: optMs(r.confirmed_ms),
});

function toSafeInt(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is not a safe integer`);
  return n;
}

function assertLimit(limit: number, max: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) throw new Error(`limit must be an integer in 1..${max}, got ${limit}`);
}
