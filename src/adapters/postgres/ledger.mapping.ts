// Row ↔ domain mapping of the ledger tables: the rows a batch of envelopes
// writes (sorted by key, the lock order), and the read rows turned back into
// the records of app/ledger.port.ts. Pure.
//
// Times travel as epoch milliseconds; bigint columns come back as strings and
// are converted to safe integers (a bigger one is a bug: it throws).
import type {
  AllocationTuple, HistoryEntry, LedgerCellState, LedgerCellSums, LedgerEntry, ReservationRecord,
} from '../../app/ledger.port.ts';
import { statusOfEventType } from '../../core/event.rules.ts';
import type { ReservationStatus } from '../../core/stock.types.ts';
import type { CellChange, Envelope } from '../events/envelope.codec.ts';
import { cellsOf } from '../events/envelope.codec.ts';
import { int64, levelOf, reservationIdOf } from './ledger.validation.ts';

// ---------------------------------------------------------------- rows written

export interface LedgerRow {
  tenant_id: string; warehouse: string; sku: string; event_id: string; event_type: string;
  reservation_id: string | null; reason: string | null;
  d_on_hand: number; d_reserved: number; d_committed: number;
  on_hand_after: number; reserved_after: number; committed_after: number;
  in_transit: number | null; safety_stock: number | null; cell_version: number; occurred_ms: number;
}
export interface HistoryRow {
  tenant_id: string; reservation_id: string; event_id: string; event_type: string;
  status: ReservationStatus; from_status: string | null; sequence: number; occurred_ms: number;
}
export interface ReservationRow {
  tenant_id: string; id: string; status: ReservationStatus; seq: number; event_id: string;
  alloc: AllocationTuple[]; exp_ms: number | null; created_ms: number | null; confirmed_ms: number | null;
}
export interface PaymentRow {
  tenant_id: string; payment_id: string; reservation_id: string; amount_minor: number; currency: string;
  status: string; delivery_id: string; event_id: string; received_ms: number;
}
export interface ExceptionRow {
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
  const level = levelOf(e);
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
  const status = statusOfEventType[e.type];
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

// ---------------------------------------------------------------- rows read

export interface LedgerEntryRow {
  event_id: string; event_type: string; reservation_id: string | null; reason: string | null;
  d_on_hand: string; d_reserved: string; d_committed: string; on_hand_after: string; reserved_after: string;
  committed_after: string; in_transit: string | null; safety_stock: string | null; cell_version: string;
  occurred_ms: string; recorded_ms: string;
}
export interface HistoryEntryRow {
  event_id: string; event_type: string; status: ReservationStatus; from_status: string | null; sequence: number;
  occurred_ms: string; recorded_ms: string;
}
export interface SumsRow { warehouse: string; sku: string; on_hand: string; reserved: string; committed: string; version: string; rows: string }
export interface CellStateRow extends SumsRow {
  in_transit: string; safety_stock: string; on_hand_after: string; reserved_after: string; committed_after: string;
}
export interface ReservationRecordRow {
  id: string; status: ReservationStatus; last_sequence: number; allocations: AllocationTuple[];
  expires_ms: string | null; created_ms: string | null; confirmed_ms: string | null;
}

export function toSafeInt(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is not a safe integer`);
  return n;
}

const optInt = (v: string | null): number | null => (v === null ? null : toSafeInt(v));

export function toLedgerEntry(r: LedgerEntryRow): LedgerEntry {
  return {
    eventId: r.event_id, type: r.event_type, reservationId: r.reservation_id, reason: r.reason,
    dOnHand: toSafeInt(r.d_on_hand), dReserved: toSafeInt(r.d_reserved), dCommitted: toSafeInt(r.d_committed),
    onHand: toSafeInt(r.on_hand_after), reserved: toSafeInt(r.reserved_after), committed: toSafeInt(r.committed_after),
    inTransit: optInt(r.in_transit), safetyStock: optInt(r.safety_stock),
    version: toSafeInt(r.cell_version), occurredAtMs: toSafeInt(r.occurred_ms), recordedAtMs: toSafeInt(r.recorded_ms),
  };
}

export const toHistoryEntry = (r: HistoryEntryRow): HistoryEntry => ({
  eventId: r.event_id, type: r.event_type, status: r.status, fromStatus: r.from_status, sequence: r.sequence,
  occurredAtMs: toSafeInt(r.occurred_ms), recordedAtMs: toSafeInt(r.recorded_ms),
});

export const toSums = (r: SumsRow): LedgerCellSums => ({
  warehouse: r.warehouse, sku: r.sku, onHand: toSafeInt(r.on_hand), reserved: toSafeInt(r.reserved),
  committed: toSafeInt(r.committed), version: toSafeInt(r.version), rows: toSafeInt(r.rows),
});

export const toCellState = (r: CellStateRow): LedgerCellState => ({
  ...toSums(r), inTransit: toSafeInt(r.in_transit), safetyStock: toSafeInt(r.safety_stock),
  latest: { onHand: toSafeInt(r.on_hand_after), reserved: toSafeInt(r.reserved_after), committed: toSafeInt(r.committed_after) },
});

export const toReservation = (r: ReservationRecordRow): ReservationRecord => ({
  id: r.id, status: r.status, lastSequence: r.last_sequence, allocations: r.allocations,
  expiresAtMs: optInt(r.expires_ms), createdAtMs: optInt(r.created_ms), confirmedAtMs: optInt(r.confirmed_ms),
});
