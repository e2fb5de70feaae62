// The orders role (issue 11): reads the intake stream (channel documents as
// received) through its durable consumer and applies each document to the
// order pool (app/order.apply.service.ts). Acks only after the order, its
// audit entry and the delivery record are committed; a failure naks with
// backoff; a message that is not an intake document, or one that keeps
// failing, goes to the dead-letter stream. Bounded: at most
// PALLET_ORDERS_BATCH_MAX documents in hand, applied concurrently.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Log } from '../app/log.port.ts';
import type { IntakeDocument } from '../app/intake.port.ts';
import type { ApplyOutcome, OrderApplyService } from '../app/order.apply.service.ts';
import type { EventsConfig, OrdersConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { deadLetterAndTerm } from '../adapters/nats/pull-loop.ts';
import { intakeOf } from '../adapters/nats/intake.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';

export interface OrdersRoleDeps {
  readonly nats: Nats;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly orders: OrdersConfig;
  readonly apply: OrderApplyService;
  readonly log: Log;
  readonly metrics: Metrics;
}

const fetchExpiresMs = 1_000;
const retryDelayMsMax = 30_000;
const consumerName = 'orders';

export class OrdersRole {
  private readonly t: Topology;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private batch: ConsumerMessages | null = null;
  private wake: (() => void) | null = null;
  /** Documents in hand (pulled, not yet acked, nacked or dead-lettered). */
  private held = 0;

  constructor(private readonly deps: OrdersRoleDeps) {
    this.t = topology(deps.namespace);
  }

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops pulling and waits for the documents in hand (unacked ones are redelivered later). */
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
    const inflight = new Set<Promise<void>>();
    try {
      while (!this.stopping) {
        try {
          consumer ??= await this.deps.nats.js.consumers.get(this.t.intakeStream, this.t.intakeDurable);
          await this.pullOnce(consumer, inflight);
          failures = 0;
        } catch (err) {
          failures++;
          consumer = null;
          this.deps.log.error({ err, failures }, 'orders role: fetch failed; retrying');
          await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        }
      }
    } finally {
      await Promise.all(inflight);
    }
  }

  /**
   * One pull for the room left under PALLET_ORDERS_BATCH_MAX documents in
   * hand: documents of the previous pull still being applied keep their
   * places, so the next pull does not wait for the slowest of them. The
   * messages that arrive together (one turn of the event loop) are applied
   * as one batch (OrderApplyService.applyMany: shared transactions).
   */
  private async pullOnce(consumer: Consumer, inflight: Set<Promise<void>>): Promise<void> {
    const max = this.deps.orders.batchMax;
    while (this.held >= max) await Promise.race(inflight);
    const msgs = await consumer.fetch({ max_messages: max - this.held, expires: fetchExpiresMs });
    this.batch = msgs;
    let gathered: JsMsg[] = [];
    const flush = (): void => {
      if (gathered.length === 0) return;
      const taken = gathered;
      gathered = [];
      this.held += taken.length;
      const work: Promise<void> = this.handleMany(taken).finally(() => { this.held -= taken.length; inflight.delete(work); });
      inflight.add(work);
    };
    try {
      for await (const m of msgs) {
        gathered.push(m);
        if (gathered.length === 1) setImmediate(flush);
      }
    } finally {
      this.batch = null;
      flush();
    }
  }

  private async handleMany(msgs: readonly JsMsg[]): Promise<void> {
    const docs: IntakeDocument[] = [];
    const carriers: JsMsg[] = [];
    const poison: Promise<void>[] = [];
    for (const m of msgs) {
      if (m.redelivered) this.deps.metrics.consumerRedeliveries.inc({ consumer: consumerName });
      const doc = intakeOf(m, this.deps.namespace);
      if (typeof doc === 'string') poison.push(this.deadLetter(m, doc));
      else { docs.push(doc); carriers.push(m); }
    }
    const outcomes = docs.length === 0 ? [] : await this.deps.apply.applyMany(docs).catch((err: unknown) => docs.map(() => err as Error));
    await Promise.all([...poison, ...outcomes.map((outcome, i) => this.settle(carriers[i]!, docs[i]!, outcome))]);
  }

  private async settle(m: JsMsg, doc: IntakeDocument, outcome: ApplyOutcome | Error): Promise<void> {
    if (!(outcome instanceof Error)) {
      this.deps.metrics.ordersApplied.inc({ outcome: outcome.kind });
      if (outcome.kind === 'dead_letter') {
        this.deps.log.warn({ tenant: doc.tenant, channel: doc.channel, deliveryId: doc.deliveryId, deadLetter: outcome.deadLetterId, reason: outcome.reason }, 'order document did not map: dead letter');
      }
      m.ack();
      return;
    }
    const n = m.info.deliveryCount;
    if (n >= this.deps.events.consumerMaxDeliver) return this.deadLetter(m, `gave up after ${n} deliveries: ${outcome.message}`);
    this.deps.log.warn({ err: outcome, tenant: doc.tenant, channel: doc.channel, deliveryId: doc.deliveryId, delivery: n }, 'order document not applied; retrying');
    m.nak(Math.min(retryDelayMsMax, 250 * 2 ** Math.min(Math.max(n - 1, 0), 10)));
  }

  private deadLetter(m: JsMsg, reason: string): Promise<void> {
    return deadLetterAndTerm(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, retryMs: retryDelayMsMax, log: this.deps.log, metrics: this.deps.metrics });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}
