// The payments role: a durable pull consumer (`payments`) that settles every
// payment.received event against its reservation (PaymentSettler), acking only
// after the effect is committed — confirm in Redis, or the payment.orphaned
// event acknowledged by JetStream. Transient failures nak with a growing delay;
// poison and the last failed delivery go to the dead-letter stream, then term.
// The Redis records and the JetStream publisher of payment events are adapters
// (adapters/redis/payment-records.ts, adapters/nats/payment-events.ts).
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Clock } from '../app/clock.port.ts';
import type { Log } from '../app/log.port.ts';
import type { PaymentEvents } from '../app/payment.port.ts';
import { PaymentSettler, settleDefaults, type SettleOptions } from '../app/payment-settlement.service.ts';
import type { StockEngine } from '../app/stock.port.ts';
import type { EventsConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { publishDeadLetter } from '../adapters/nats/dead-letter.ts';
import { JetStreamPaymentEvents, paymentOf } from '../adapters/nats/payment-events.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';
import { RedisPaymentRecords, type RedisSource } from '../adapters/redis/payment-records.ts';

export interface PaymentsConsumerDeps {
  readonly nats: Pick<Nats, 'js'>;
  readonly engine: StockEngine;
  /** The Redis connections of the stock engine (payment records live next to the stock state). */
  readonly redis: RedisSource;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly log: Log;
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
      await publishDeadLetter(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, timeoutMs: this.publishTimeoutMs });
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
