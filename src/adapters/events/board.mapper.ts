// Events as board inputs (the dashboard aggregator's translation): what one
// event of the events stream changes on the board, and a message of the
// dead-letter stream as a board exception.
import type { JsMsg } from '@nats-io/jetstream';
import type { BoardInputs } from '../../app/board.port.ts';
import { deadLetterKind, type DeadLetterView, type OrderUpdate } from '../../app/board/board.types.ts';
import type { ReservationStatus } from '../../core/stock.types.ts';
import { cellsOf, decodeEnvelope, type Envelope } from './envelope.codec.ts';

/** Tenant ids in subjects (the API's tenant alphabet is narrower). */
const idPattern = /^[A-Za-z0-9._-]+$/;
const dlqReasonLengthMax = 500;

const statusOfPayload: ReadonlyMap<string, ReservationStatus> = new Map<NonNullable<Envelope['payload']>, ReservationStatus>([
  ['stockReserved', 'held'], ['stockConfirmed', 'confirmed'], ['stockReleased', 'released'], ['stockExpired', 'expired'], ['stockFulfilled', 'fulfilled'],
]);

/** What one event changes on the board (pure apart from the board). */
export function applyEnvelope(board: BoardInputs, env: Envelope): void {
  const tenant = env.tenant;
  const at = Number(env.occurredAtMs);
  const payload = env.payload;
  if (payload === undefined) return;
  if (payload === 'orderChanged') {
    board.applyOrder(tenant, orderUpdateOf(env.orderChanged!, at));
    return;
  }
  if (payload === 'paymentOrphaned') {
    const p = env.paymentOrphaned!;
    board.applyOrphanedPayment(tenant, {
      paymentId: p.paymentId ?? '', reservationId: p.reservationId ?? '', reason: p.reason ?? '', resolution: p.resolution ?? '',
      newReservationId: p.newReservationId ?? '', at,
    });
    return;
  }
  const level = payload === 'stockSet' ? env.stockSet : payload === 'stockAdjusted' ? env.stockAdjusted : null;
  for (const c of cellsOf(env)) {
    board.applyCell(tenant, {
      warehouse: c.warehouse ?? '', sku: c.sku ?? '', onHand: Number(c.onHand ?? 0), reserved: Number(c.reserved ?? 0),
      committed: Number(c.committed ?? 0), version: Number(c.version ?? 0), at,
      ...(level ? { inTransit: Number(level.inTransit), safetyStock: Number(level.safetyStock) } : {}),
    });
  }
  const status = statusOfPayload.get(payload);
  if (status === undefined) return;
  const reservationId = (env[payload] as { reservationId?: string } | null | undefined)?.reservationId ?? '';
  if (reservationId === '') return;
  board.applyReservation(tenant, {
    id: reservationId, status, sequence: Number(env.sequence), ...(status === 'held' ? { createdAt: at } : {}),
  });
}

/**
 * An order.changed payload as the board's input: version 1 is the order's creation (its time is the
 * creation time); a change into released is a release at the event's time.
 */
export function orderUpdateOf(o: NonNullable<Envelope['orderChanged']>, at: number): OrderUpdate {
  const version = Number(o.version ?? 0);
  const status = o.status ?? '';
  return {
    id: o.orderId ?? '', channel: o.channel ?? '', externalId: o.externalId ?? '', status, version, at,
    ...(version === 1 ? { createdAt: at } : {}), paidAt: Number(o.paidAtMs ?? 0), ...(status === 'released' ? { releasedAt: at } : {}),
    holds: (o.holds ?? []).map((h) => ({ rule: h.rule ?? '', detail: h.detail ?? '' })),
    currency: o.currency ?? '', totalMinor: Number(o.totalMinor ?? 0),
  };
}

/**
 * A message of the DLQ stream as a board exception: subject `<ns>_dlq.<consumer>.<ns>.<tenant>.<type>`,
 * headers Pallet-Dead-Reason (see the projector's and the payments consumer's deadLetter), data the
 * event as it was (its id when it decodes). Null when the subject names no tenant.
 */
export function deadLetterOf(namespace: string, m: Pick<JsMsg, 'subject' | 'seq' | 'data' | 'headers' | 'timestampNanos'>): { tenant: string; view: DeadLetterView } | null {
  const head = `${namespace}_dlq.`;
  if (!m.subject.startsWith(head)) return null;
  const rest = m.subject.slice(head.length);
  const dot = rest.indexOf('.');
  const consumer = rest.slice(0, dot);
  const subject = rest.slice(dot + 1);
  if (dot < 1 || !subject.startsWith(`${namespace}.`)) return null;
  const [tenant = '', ...type] = subject.slice(namespace.length + 1).split('.');
  if (!idPattern.test(tenant)) return null;
  let eventId = '';
  try {
    eventId = (decodeEnvelope(m.data).eventId ?? '').slice(0, 200);
  } catch {
    // Not a decodable event (that may be why it was dead-lettered): shown without its id.
  }
  const reason = (m.headers?.get('Pallet-Dead-Reason') ?? '').slice(0, dlqReasonLengthMax);
  const at = Number(m.timestampNanos / 1_000_000n);
  return { tenant, view: { kind: deadLetterKind, seq: m.seq, consumer, subject, eventId, eventType: type.join('.'), reason, at } };
}
