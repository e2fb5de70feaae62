// Payment events on JetStream: JetStreamPaymentEvents publishes
// payment.received and payment.orphaned envelopes (PaymentEvents), and
// paymentOf reads a payment.received message back, or says why it is poison.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { AckNotes, EventJournal } from '../../app/event-log.port.ts';
import {
  paymentStatuses, type PaymentEvents, type PaymentOrphaned, type PaymentReceived, type PaymentStatus,
} from '../../app/payment.port.ts';
import { decodeEnvelope, encodeEnvelope, subjectOf } from '../events/envelope.codec.ts';
import { topology } from './topology.ts';

/**
 * Publishes payment envelopes to `<ns>.<tenant>.payment.<event>` with
 * Nats-Msg-Id = event id, into the events stream only. With a journal, an
 * event counts as published only once it is journaled too (the refill source
 * when JetStream loses its unsynced tail); with a mark, every PubAck's
 * sequence is noted for the tail guard.
 */
export class JetStreamPaymentEvents implements PaymentEvents {
  private readonly stream: string;

  constructor(
    private readonly js: JetStreamClient,
    private readonly namespace: string,
    private readonly journal: EventJournal | null = null,
    private readonly acked: AckNotes | null = null,
  ) {
    this.stream = topology(namespace).eventsStream;
  }

  received(e: PaymentReceived, timeoutMs: number): Promise<{ duplicate: boolean }> {
    return this.publish(e.tenant, subjectOf(this.namespace, e.tenant, 'payment.received'), e.eventId, timeoutMs, encodeEnvelope({
      eventId: e.eventId, tenant: e.tenant, type: 'payment.received', aggregateId: e.paymentId, sequence: 0,
      occurredAtMs: e.receivedAtMs, causationId: e.deliveryId, correlationId: e.reservationId, outboxId: '',
      paymentReceived: {
        paymentId: e.paymentId, reservationId: e.reservationId, amountMinor: e.amount, currency: e.currency ?? '',
        status: e.status, deliveryId: e.deliveryId, receivedAtMs: e.receivedAtMs,
      },
    }));
  }

  orphaned(e: PaymentOrphaned, timeoutMs: number): Promise<{ duplicate: boolean }> {
    return this.publish(e.tenant, subjectOf(this.namespace, e.tenant, 'payment.orphaned'), e.eventId, timeoutMs, encodeEnvelope({
      eventId: e.eventId, tenant: e.tenant, type: 'payment.orphaned', aggregateId: e.paymentId, sequence: 0,
      occurredAtMs: e.occurredAtMs, causationId: e.causationId, correlationId: e.reservationId, outboxId: '',
      paymentOrphaned: {
        paymentId: e.paymentId, reservationId: e.reservationId, reason: e.reason,
        resolution: e.resolution, newReservationId: e.newReservationId,
      },
    }));
  }

  private async publish(tenant: string, subject: string, msgID: string, timeout: number, data: Uint8Array): Promise<{ duplicate: boolean }> {
    const ack = await this.js.publish(subject, data, { msgID, timeout, expect: { streamName: this.stream } });
    this.acked?.note(ack.seq, msgID);
    await this.journal?.append(tenant, subject, msgID, data);
    return { duplicate: ack.duplicate };
  }
}

const idPattern = /^[A-Za-z0-9._-]{1,200}$/;
const tenantPattern = /^[A-Za-z0-9_-]{1,200}$/;

/** The payment a message carries, or why it is poison. */
export function paymentOf(m: Pick<JsMsg, 'data' | 'subject'>, namespace: string): PaymentReceived | string {
  let env;
  try {
    env = decodeEnvelope(m.data);
  } catch (err) {
    return `undecodable envelope: ${(err as Error).message}`;
  }
  const p = env.paymentReceived;
  if (env.type !== 'payment.received' || env.payload !== 'paymentReceived' || p === null || p === undefined) return `not a payment.received envelope (type ${JSON.stringify(env.type)})`;
  if (!tenantPattern.test(env.tenant) || m.subject !== subjectOf(namespace, env.tenant, 'payment.received')) return `tenant ${JSON.stringify(env.tenant)} does not match subject ${m.subject}`;
  if (!idPattern.test(p.reservationId ?? '') || !idPattern.test(p.paymentId ?? '')) return 'reservation or payment id missing or malformed';
  if (!(paymentStatuses as readonly string[]).includes(p.status ?? '')) return `unknown payment status ${JSON.stringify(p.status)}`;
  return {
    eventId: env.eventId, tenant: env.tenant, paymentId: p.paymentId!, reservationId: p.reservationId!,
    amount: Number(p.amountMinor ?? 0), currency: p.currency ?? '', status: p.status as PaymentStatus,
    deliveryId: p.deliveryId ?? '', receivedAtMs: Number(p.receivedAtMs ?? 0),
  };
}
