// The payments role: a durable pull consumer (`payments`) that settles every
// payment.received event against its reservation (PaymentSettler), acking only
// after the effect is committed — confirm in Redis, or the payment.orphaned
// event acknowledged by JetStream. Transient failures nak with a growing delay;
// poison and the last failed delivery go to the dead-letter stream, then term.
//
// Also here, until they get files of their own under src/adapters/: the Redis
// records behind the payment ports (delivery marks, orphan resolutions) and
// the JetStream publisher of payment events. Both intake and consumer use them.
import type { Redis } from 'ioredis';
import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import type { Clock } from '../app/catalog.port.ts';
import {
  PaymentSettler, paymentStatuses, settleDefaults,
  type DeliveryClaim, type PaymentEvents, type PaymentOrphaned, type PaymentReceived, type PaymentRecords, type PaymentStatus, type SettleOptions,
} from '../app/payment.service.ts';
import type { StockEngine } from '../app/stock.port.ts';
import type { EventsConfig } from '../config.ts';
import { decodeEnvelope, encodeEnvelope, subjectOf } from '../adapters/events/envelope.codec.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';
import { tenantKeysCache, type TenantKeys } from '../adapters/redis/keys.ts';
import type { PaymentJournal } from '../adapters/redis/payment-journal.ts';
import type { AckedSeqMark } from './tail-guard.ts';

// ---------------------------------------------------------------- Redis records

/** Anything that hands out a connection (RedisPool). */
export interface RedisSource { next(): Redis }

/**
 * Payment records under the tenant's hash tag, next to its stock state:
 * `<ns>:{<tenant>}:pay:dlv:<delivery id>` ("pending", then "accepted <event id>")
 * and `<ns>:{<tenant>}:pay:orph:<payment id>` (the orphan resolution, JSON).
 */
export class RedisPaymentRecords implements PaymentRecords {
  private readonly keyOf: (tenant: string) => TenantKeys;

  constructor(private readonly redis: RedisSource, private readonly namespace: string) {
    this.keyOf = tenantKeysCache(namespace);
  }

  private keys(tenant: string): TenantKeys {
    return this.keyOf(tenant);
  }

  deliveryKey(tenant: string, deliveryId: string): string {
    return `${this.keys(tenant).prefix}pay:dlv:${deliveryId}`;
  }

  orphanKey(tenant: string, paymentId: string): string {
    return `${this.keys(tenant).prefix}pay:orph:${paymentId}`;
  }

  async claimDelivery(tenant: string, deliveryId: string, pendingTtlSeconds: number): Promise<DeliveryClaim> {
    const redis = this.redis.next();
    const key = this.deliveryKey(tenant, deliveryId);
    if ((await redis.set(key, 'pending', 'EX', pendingTtlSeconds, 'NX')) === 'OK') return 'claimed';
    const mark = await redis.get(key);
    return mark !== null && mark.startsWith('accepted') ? 'accepted' : 'pending';
  }

  async acceptDelivery(tenant: string, deliveryId: string, eventId: string, ttlSeconds: number): Promise<void> {
    await this.redis.next().set(this.deliveryKey(tenant, deliveryId), `accepted ${eventId}`, 'EX', ttlSeconds);
  }

  async forgetDelivery(tenant: string, deliveryId: string): Promise<void> {
    await this.redis.next().del(this.deliveryKey(tenant, deliveryId));
  }

  orphanDecision(tenant: string, paymentId: string): Promise<string | null> {
    return this.redis.next().get(this.orphanKey(tenant, paymentId));
  }

  async decideOrphan(tenant: string, paymentId: string, decision: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.next().set(this.orphanKey(tenant, paymentId), decision, 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  /** The confirm script stamps `conf` on the reservation hash; it stays through release. */
  async wasConfirmed(tenant: string, reservationId: string): Promise<boolean> {
    return (await this.redis.next().hexists(this.keys(tenant).reservation(reservationId), 'conf')) === 1;
  }
}

// ---------------------------------------------------------------- JetStream publisher

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
    private readonly journal: PaymentJournal | null = null,
    private readonly acked: AckedSeqMark | null = null,
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

// ---------------------------------------------------------------- consumer

export interface ConsumerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PaymentsConsumerDeps {
  readonly nats: Pick<Nats, 'js'>;
  readonly engine: StockEngine;
  /** The Redis connections of the stock engine (payment records live next to the stock state). */
  readonly redis: RedisSource;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly log: ConsumerLog;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly settle?: Partial<SettleOptions>;
  /** Where payment.orphaned events go (default: JetStream without journal). */
  readonly publisher?: PaymentEvents;
}

/** A pull request waits at least this long (the nats.js minimum). */
const fetchExpiresMsMin = 1_000;
const retryDelayMsMax = 30_000;
const consumerName = 'payments';

export class PaymentsConsumer {
  private readonly t: Topology;
  private readonly settler: PaymentSettler;
  private readonly publishTimeoutMs: number;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private batch: ConsumerMessages | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: PaymentsConsumerDeps) {
    this.t = topology(deps.namespace);
    const opts = { ...settleDefaults, ...deps.settle };
    this.publishTimeoutMs = opts.publishTimeoutMs;
    this.settler = new PaymentSettler(deps.engine, new RedisPaymentRecords(deps.redis, deps.namespace),
      deps.publisher ?? new JetStreamPaymentEvents(deps.nats.js, deps.namespace), deps.clock, opts);
  }

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops fetching, waits for the messages in hand to be settled (unacked ones are redelivered later). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.batch?.close().catch(() => undefined);
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let consumer: Consumer | null = null;
    let failures = 0;
    while (!this.stopping) {
      try {
        consumer ??= await this.deps.nats.js.consumers.get(this.t.eventsStream, this.t.consumers.payments.durable);
        await this.fetchOnce(consumer);
        failures = 0;
      } catch (err) {
        failures++;
        consumer = null;
        this.deps.log.error({ err, failures }, 'payments consumer: fetch failed; retrying');
        await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** One bounded pull; messages are settled concurrently as they arrive. */
  private async fetchOnce(consumer: Consumer): Promise<void> {
    const { consumerBatchMax, consumerMaxWaitMs } = this.deps.events;
    const msgs = await consumer.fetch({ max_messages: consumerBatchMax, expires: Math.max(fetchExpiresMsMin, consumerMaxWaitMs) });
    this.batch = msgs;
    const work: Promise<void>[] = [];
    try {
      for await (const m of msgs) work.push(this.handle(m));
    } finally {
      this.batch = null;
      await Promise.all(work);
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    if (m.redelivered) this.deps.metrics.consumerRedeliveries.inc({ consumer: consumerName });
    const payment = paymentOf(m, this.deps.namespace);
    if (typeof payment === 'string') return this.deadLetter(m, payment);
    try {
      const outcome = await this.settler.settle(payment);
      if (outcome.kind === 'poison') return await this.deadLetter(m, outcome.reason);
      if (outcome.kind === 'orphaned' && !outcome.duplicate) {
        this.deps.metrics.paymentsOrphaned.inc({ resolution: outcome.decision.resolution });
        this.deps.log.warn({ tenant: payment.tenant, paymentId: payment.paymentId, reservationId: payment.reservationId, ...outcome.decision }, 'payment orphaned');
      }
      m.ack();
    } catch (err) {
      const n = m.info.deliveryCount;
      if (n >= this.deps.events.consumerMaxDeliver) return this.deadLetter(m, `gave up after ${n} deliveries: ${(err as Error).message}`);
      this.deps.log.warn({ err, paymentId: payment.paymentId, delivery: n }, 'payment settlement failed; retrying');
      m.nak(retryDelayMs(n));
    }
  }

  /** Copies the message to `<ns>_dlq.payments.<subject>` (acknowledged), then terms it; naks when the copy fails. */
  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    try {
      const h = headers();
      h.set('Pallet-Dead-Reason', reason.slice(0, 500).replace(/[\r\n]+/g, ' '));
      h.set('Pallet-Original-Subject', m.subject);
      h.set('Pallet-Stream-Seq', String(m.seq));
      await this.deps.nats.js.publish(this.t.dlqSubject(consumerName, m.subject), m.data, {
        msgID: `dlq:${consumerName}:${m.seq}`, headers: h, timeout: this.publishTimeoutMs, expect: { streamName: this.t.dlqStream },
      });
      this.deps.metrics.consumerDeadLetters.inc({ consumer: consumerName });
      this.deps.log.error({ subject: m.subject, seq: m.seq, reason }, 'payment event dead-lettered');
      // No reason argument: NATS < 2.10.4 does not parse `+TERM <reason>` and would leave the message to be redelivered.
      m.term();
    } catch (err) {
      this.deps.log.error({ err, seq: m.seq }, 'dead-lettering failed; retrying');
      m.nak(retryDelayMs(m.info.deliveryCount));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}

const retryDelayMs = (deliveryCount: number): number => Math.min(retryDelayMsMax, 250 * 2 ** Math.min(Math.max(deliveryCount - 1, 0), 10));

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
