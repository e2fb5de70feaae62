// order.changed envelopes on the events stream (`<ns>.<tenant>.order.changed`),
// published after the order's change is committed in PostgreSQL, with
// Nats-Msg-Id = event id = `order:<id>:v<version>`: a republished version is
// dropped by the stream's duplicate window and by consumers (idempotent by
// event id). The order pool in PostgreSQL stays the record; these events
// feed the board and other consumers.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { OrderChange, OrderEvents } from '../../app/order.port.ts';
import { decodeEnvelope, encodeEnvelope, subjectOf } from '../events/envelope.codec.ts';
import { topology } from './topology.ts';

export class JetStreamOrderEvents implements OrderEvents {
  private readonly stream: string;

  constructor(private readonly js: JetStreamClient, private readonly namespace: string, private readonly timeoutMs: number) {
    this.stream = topology(namespace).eventsStream;
  }

  async changed(c: OrderChange): Promise<void> {
    const o = c.order;
    const eventId = `order:${o.id}:v${o.version}`;
    const data = encodeEnvelope({
      eventId, tenant: o.tenant, type: 'order.changed', aggregateId: o.id, sequence: o.version, occurredAtMs: c.atMs,
      causationId: '', correlationId: o.reservationId ?? '', outboxId: '',
      orderChanged: {
        orderId: o.id, channel: o.channel, externalId: o.externalId, status: o.status, previousStatus: c.previousStatus,
        version: o.version, action: c.action, currency: o.totals.currency, totalMinor: o.totals.totalMinor,
        holds: o.holds.map((h) => ({ rule: h.rule, detail: h.detail })), placedAtMs: o.placedAtMs, paidAtMs: o.paidAtMs ?? 0,
        reservationId: o.reservationId ?? '',
      },
    });
    await this.js.publish(subjectOf(this.namespace, o.tenant, 'order.changed'), data, {
      msgID: eventId, timeout: this.timeoutMs, expect: { streamName: this.stream },
    });
  }
}

const idPattern = /^[A-Za-z0-9_:.-]{1,200}$/;

/** The tenant, order, event id and status of an order.changed message; a string says why it is not one. */
export function orderChangedOf(m: Pick<JsMsg, 'data' | 'subject'>, namespace: string): { tenant: string; orderId: string; eventId: string; status: string } | string {
  let env;
  try {
    env = decodeEnvelope(m.data);
  } catch (err) {
    return `undecodable envelope: ${(err as Error).message}`;
  }
  const c = env.orderChanged;
  if (env.type !== 'order.changed' || c === null || c === undefined) return `not an order.changed envelope (type ${JSON.stringify(env.type)})`;
  if (!idPattern.test(env.tenant) || m.subject !== subjectOf(namespace, env.tenant, 'order.changed')) return `tenant ${JSON.stringify(env.tenant)} does not match subject ${m.subject}`;
  if (!idPattern.test(c.orderId ?? '')) return 'order id missing or malformed';
  return { tenant: env.tenant, orderId: c.orderId!, eventId: env.eventId, status: c.status ?? '' };
}
