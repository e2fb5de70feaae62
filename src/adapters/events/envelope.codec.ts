// Event envelopes: protobuf encoding (generated from proto/, never edited by
// hand), the mapping from Redis outbox entries, and NATS subjects.
import $protobuf from 'protobufjs/minimal.js';
import { pallet } from '../../gen/events.pb.js';

// int64 fields decode to plain numbers (every value Pallet stores is far below 2^53).
$protobuf.util.Long = undefined as never;
$protobuf.configure();

export const Envelope = pallet.events.v1.Envelope;
export type Envelope = pallet.events.v1.Envelope;
export type EnvelopeInit = pallet.events.v1.IEnvelope;
export type CellChange = pallet.events.v1.ICellChange;

export const encodeEnvelope = (e: EnvelopeInit): Uint8Array => Envelope.encode(e).finish();
export const decodeEnvelope = (bytes: Uint8Array): Envelope => Envelope.decode(bytes);

/** Event types as they appear in Envelope.type and in subjects. */
export const stockEventTypes = ['stock.set', 'stock.adjusted', 'stock.reserved', 'stock.confirmed', 'stock.released', 'stock.expired', 'stock.fulfilled'] as const;
export const paymentEventTypes = ['payment.received', 'payment.orphaned'] as const;
export type EventType = (typeof stockEventTypes)[number] | (typeof paymentEventTypes)[number];

/** `<ns>.<tenant>.<stock|payment>.<event>` — tenant ids contain no '.'. */
export const subjectOf = (namespace: string, tenant: string, type: string): string => `${namespace}.${tenant}.${type}`;

type CellTuple = [string, string, number, number, number, number, number, number, number];

const cellOf = (t: CellTuple): CellChange => ({
  warehouse: t[0], sku: t[1], dOnHand: t[2], dReserved: t[3], dCommitted: t[4],
  onHand: t[5], reserved: t[6], committed: t[7], version: t[8],
});

interface OutboxData {
  res?: string; exp?: number; from?: string; wh?: string; sku?: string; reason?: string;
  inTransit?: number; safetyStock?: number; cells: CellTuple[];
}

/**
 * The envelope of one outbox entry (fields id, type, agg, ts, data as the Lua
 * scripts write them). Throws on an entry no script writes (poison).
 */
export function envelopeFromOutbox(tenant: string, outboxId: string, f: Readonly<Record<string, string>>): EnvelopeInit {
  const data = JSON.parse(f.data ?? '') as OutboxData;
  const cells = data.cells.map(cellOf);
  const base = {
    eventId: f.id, tenant, aggregateId: f.agg, occurredAtMs: Number(f.ts), outboxId,
    correlationId: data.res ?? '', causationId: '',
  };
  const level = { warehouse: data.wh, sku: data.sku, reason: data.reason, inTransit: data.inTransit, safetyStock: data.safetyStock, cell: cells[0] };
  switch (f.type) {
    case 'set': return { ...base, type: 'stock.set', sequence: cells[0]?.version ?? 0, stockSet: level };
    case 'adjusted': return { ...base, type: 'stock.adjusted', sequence: cells[0]?.version ?? 0, stockAdjusted: level };
    case 'reserved': return { ...base, type: 'stock.reserved', sequence: 1, stockReserved: { reservationId: data.res, expiresAtMs: data.exp, cells } };
    case 'confirmed': return { ...base, type: 'stock.confirmed', sequence: 2, stockConfirmed: { reservationId: data.res, cells } };
    case 'expired': return { ...base, type: 'stock.expired', sequence: 2, stockExpired: { reservationId: data.res, cells } };
    case 'released': return { ...base, type: 'stock.released', sequence: data.from === 'confirmed' ? 3 : 2, stockReleased: { reservationId: data.res, fromStatus: data.from, cells } };
    case 'fulfilled': return { ...base, type: 'stock.fulfilled', sequence: 3, stockFulfilled: { reservationId: data.res, cells } };
    default: throw new Error(`outbox entry ${outboxId} has unknown type ${JSON.stringify(f.type)}`);
  }
}

/** The cell changes an envelope carries (empty for payment events). */
export function cellsOf(e: Envelope): CellChange[] {
  switch (e.payload) {
    case 'stockSet': return e.stockSet?.cell ? [e.stockSet.cell] : [];
    case 'stockAdjusted': return e.stockAdjusted?.cell ? [e.stockAdjusted.cell] : [];
    case 'stockReserved': return e.stockReserved?.cells ?? [];
    case 'stockConfirmed': return e.stockConfirmed?.cells ?? [];
    case 'stockReleased': return e.stockReleased?.cells ?? [];
    case 'stockExpired': return e.stockExpired?.cells ?? [];
    case 'stockFulfilled': return e.stockFulfilled?.cells ?? [];
    default: return [];
  }
}
