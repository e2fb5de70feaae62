// The writeback role (issue 12): a durable pull consumer (`writeback`) of
// order.changed events. For an order that is shipped it pushes each of its
// shipments not pushed yet to the order's channel, through the adapter of the
// channel's type (app/writeback.service.ts). It reads the order as it is now,
// and every push is recorded per (order, shipment): a redelivered or repeated
// event pushes nothing twice.
//
// Acks only after every shipment of the order was taken by the platform (or
// there is nothing to push). A failed push naks with a growing delay (250 ms
// doubling, at most PALLET_WRITEBACK_RETRY_DELAY_MS_MAX); the consumer's
// max_deliver is the number of tries; after the last one the write-back
// record is marked dead with its last error (GET /v1/orders/{id}/writebacks),
// the event is copied to `<ns>_dlq.writeback.<subject>` and termed.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Log } from '../app/log.port.ts';
import type { WritebackService } from '../app/writeback.service.ts';
import { pushRetryDelayMs } from '../core/pick-task.rules.ts';
import type { EventsConfig, WritebackConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import { decodeEnvelope, subjectOf } from '../adapters/events/envelope.codec.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { publishDeadLetter } from '../adapters/nats/dead-letter.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';

export interface WritebackRoleDeps {
  readonly nats: Pick<Nats, 'js'>;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly writeback: WritebackConfig;
  readonly service: WritebackService;
  readonly log: Log;
  readonly metrics: Metrics;
}

const fetchExpiresMsMin = 1_000;
const consumerName = 'writeback';
const idPattern = /^[A-Za-z0-9_:.-]{1,200}$/;

/** The tenant and order of an order.changed message (and its status); a string says why it is not one. */
export function changedOrderOf(m: Pick<JsMsg, 'data' | 'subject'>, namespace: string): { tenant: string; orderId: string; status: string } | string {
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
  return { tenant: env.tenant, orderId: c.orderId!, status: c.status ?? '' };
}

/** Statuses whose events may have shipments to push (the service checks the order as it is now). */
const relevant = new Set(['shipped', 'delivered']);

export class WritebackRole {
  private readonly t: Topology;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private batch: ConsumerMessages | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: WritebackRoleDeps) {
    this.t = topology(deps.namespace);
  }

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops fetching and waits for the events in hand (unacked ones are redelivered later). */
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
        consumer ??= await this.deps.nats.js.consumers.get(this.t.eventsStream, this.t.consumers.writeback.durable);
        await this.fetchOnce(consumer);
        failures = 0;
      } catch (err) {
        failures++;
        consumer = null;
        this.deps.log.error({ err, failures }, 'writeback role: fetch failed; retrying');
        await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** One bounded pull (PALLET_WRITEBACK_BATCH_MAX); events are handled concurrently as they arrive. */
  private async fetchOnce(consumer: Consumer): Promise<void> {
    const msgs = await consumer.fetch({ max_messages: this.deps.writeback.batchMax, expires: Math.max(fetchExpiresMsMin, this.deps.events.consumerMaxWaitMs) });
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
    const ev = changedOrderOf(m, this.deps.namespace);
    if (typeof ev === 'string') return this.deadLetter(m, ev);
    if (!relevant.has(ev.status)) return m.ack();
    const last = m.info.deliveryCount >= this.deps.events.consumerMaxDeliver;
    const retryMs = pushRetryDelayMs(m.info.deliveryCount, this.deps.writeback.retryDelayMsMax);
    try {
      m.working();
      const run = await this.deps.service.run(ev.tenant, ev.orderId, last);
      if (run.kind === 'pushed' && run.count > 0) this.deps.log.info({ tenant: ev.tenant, orderId: ev.orderId, shipments: run.count }, 'shipments written back');
      if (run.kind !== 'failed') return m.ack();
      this.deps.log.warn({ tenant: ev.tenant, orderId: ev.orderId, errors: run.errors, delivery: m.info.deliveryCount, dead: last }, 'write-back failed');
      if (last) return await this.deadLetter(m, `write-back failed after ${m.info.deliveryCount} deliveries: ${run.errors.join('; ')}`);
      m.nak(retryMs);
    } catch (err) {
      if (last) return this.deadLetter(m, `gave up after ${m.info.deliveryCount} deliveries: ${(err as Error).message}`);
      this.deps.log.warn({ err, tenant: ev.tenant, orderId: ev.orderId, delivery: m.info.deliveryCount }, 'write-back not done; retrying');
      m.nak(retryMs);
    }
  }

  /** Copies the event to `<ns>_dlq.writeback.<subject>`, then terms it; naks when the copy fails. */
  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    try {
      await publishDeadLetter(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, timeoutMs: 5_000 });
      this.deps.metrics.consumerDeadLetters.inc({ consumer: consumerName });
      this.deps.log.error({ subject: m.subject, seq: m.seq, reason }, 'order change dead-lettered by writeback');
      m.term();
    } catch (err) {
      this.deps.log.error({ err, seq: m.seq }, 'dead-lettering failed; retrying');
      m.nak(this.deps.writeback.retryDelayMsMax);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}
