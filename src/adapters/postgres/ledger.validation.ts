// Whether a decoded event envelope can be written to the ledger: the rules of
// core/event.rules.ts applied to the envelope's fields, plus the bounds of the
// ledger's columns. The projector dead-letters what fails here; projectBatch
// refuses it (a caller that did not validate is a bug).
import {
  eventTextMax, isEventId, isEventType, isId, isTenantId, knownEventTypes, statusOfEventType,
} from '../../core/event.rules.ts';
import type { Envelope } from '../events/envelope.codec.ts';
import { cellsOf } from '../events/envelope.codec.ts';

/** The oneof payload each known event type carries. */
const payloadOfType: Readonly<Record<string, string>> = {
  'stock.set': 'stockSet', 'stock.adjusted': 'stockAdjusted', 'stock.reserved': 'stockReserved',
  'stock.confirmed': 'stockConfirmed', 'stock.released': 'stockReleased', 'stock.expired': 'stockExpired',
  'stock.fulfilled': 'stockFulfilled', 'payment.received': 'paymentReceived', 'payment.orphaned': 'paymentOrphaned',
};

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

/** The reservation a reservation event is about (null for other payloads). */
export function reservationIdOf(e: Envelope): string | null | undefined {
  switch (e.payload) {
    case 'stockReserved': return e.stockReserved?.reservationId;
    case 'stockConfirmed': return e.stockConfirmed?.reservationId;
    case 'stockReleased': return e.stockReleased?.reservationId;
    case 'stockExpired': return e.stockExpired?.reservationId;
    case 'stockFulfilled': return e.stockFulfilled?.reservationId;
    default: return null;
  }
}

/** The stock.set / stock.adjusted level payload, else null. */
export const levelOf = (e: Envelope) => (e.payload === 'stockSet' ? e.stockSet : e.payload === 'stockAdjusted' ? e.stockAdjusted : null);

/**
 * Why an envelope cannot be projected (poison: dead-letter it), or null when
 * it can. Types this version does not know are projectable: they are recorded
 * in projected_events only.
 */
export function envelopeProblem(e: Envelope): string | null {
  if (!isEventId(e.eventId)) return 'eventId is empty, too long or not of [A-Za-z0-9._:-]';
  if (!isTenantId(e.tenant)) return 'tenant is empty, too long or not of [A-Za-z0-9_-]';
  if (!isEventType(e.type)) return 'type is not <aggregate>.<event>';
  if (!(int64(e.occurredAtMs) > 0)) return 'occurredAtMs is not a positive integer';
  if (!knownEventTypes.has(e.type)) return null;
  if (e.payload !== payloadOfType[e.type]) return `payload ${String(e.payload)} does not match type ${e.type}`;
  if (statusOfEventType[e.type] !== undefined) {
    if (!isId(reservationIdOf(e))) return 'reservationId is empty or malformed';
    if (!(int64(e.sequence) >= 1)) return 'sequence of a reservation event must be ≥ 1';
  }
  if (e.type.startsWith('stock.')) return stockProblem(e);
  if (e.type === 'payment.received') return paymentReceivedProblem(e);
  if (e.type === 'payment.orphaned') return paymentOrphanedProblem(e);
  return null;
}

function stockProblem(e: Envelope): string | null {
  const level = levelOf(e);
  if (level && ((level.reason ?? '').length > eventTextMax || !isCount(level.inTransit) || !isCount(level.safetyStock))) return 'reason too long or a bad side tier';
  const cells = cellsOf(e);
  if (cells.length === 0) return 'a stock event without cells';
  for (const c of cells) {
    if (!isId(c.warehouse) || !isId(c.sku)) return 'a cell with a missing or malformed warehouse or sku';
    const nums = [c.dOnHand, c.dReserved, c.dCommitted, c.onHand, c.reserved, c.committed, c.version];
    if (!nums.every(isCount) || int64(c.version) < 1) return `cell ${c.warehouse}/${c.sku} has a bad number`;
  }
  return null;
}

function paymentReceivedProblem(e: Envelope): string | null {
  const p = e.paymentReceived!;
  if (!isId(p.paymentId) || !isId(p.reservationId)) return 'paymentId or reservationId is missing or malformed';
  if (!isCount(p.amountMinor)) return 'amountMinor is not an integer';
  if ((p.currency ?? '').length > 16 || (p.status ?? '').length > 50 || (p.deliveryId ?? '').length > eventTextMax) return 'currency, status or deliveryId too long';
  return null;
}

function paymentOrphanedProblem(e: Envelope): string | null {
  const p = e.paymentOrphaned!;
  if (!isId(p.paymentId) || !isId(p.reservationId)) return 'paymentId or reservationId is missing or malformed';
  if (p.newReservationId && !isId(p.newReservationId)) return 'newReservationId is malformed';
  if ((p.reason ?? '').length > eventTextMax || (p.resolution ?? '').length > eventTextMax) return 'reason or resolution too long';
  return null;
}
