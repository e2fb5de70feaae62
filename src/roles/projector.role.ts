// The projector role: the durable pull consumer `projector` that writes every
// event into PostgreSQL (the LedgerStore's projectBatch), one transaction per
// batch. This file is the loop; its parts are in roles/projector/:
//
// - Reading (pull.pump.ts): a pump pulls at most consumerBatchMax messages at
//   a time into a bounded buffer (at most 2 × consumerBatchMax messages, plus
//   the batch being written).
// - Batches: a batch is cut when it is full, or consumerMaxWaitMs after its
//   first message once the previous batch is written (so under load batches
//   grow instead of queueing). One batch is written (one transaction) while
//   the next is being collected and decoded (triage.ts).
// - Writing (batch.writer.ts): acks only after the batch's transaction
//   committed; a transient database error naks the batch and the projector
//   waits until PostgreSQL answers (the pump stops pulling once its buffer is
//   full, so an outage does not burn deliveries); data errors are narrowed
//   down by splitting; poison is dead-lettered, then terminated.
// - The outbox watermark (watermarks.ts): a committed batch's highest outbox
//   id per tenant is held back until the consumer's ack floor — every message
//   up to it acked by any projector instance — has passed the batch's highest
//   stream sequence. So several projector instances may run at once. The floor
//   is read with the consumer info sampled about once a second.
// - The tail: while JetStream may have lost acknowledged messages
//   (app/tail-check.service.ts), the projector neither pulls nor raises
//   watermarks.
import type { JsMsg } from '@nats-io/jetstream';
import type { Clock } from '../app/clock.port.ts';
import { tailState } from '../app/tail-check.service.ts';
import { watchReconnects, type Nats } from '../adapters/nats/connection.ts';
import { JetStreamEventStream } from '../adapters/nats/event-stream.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';
import { RedisAckLog } from '../adapters/redis/ack-log.ts';
import { eventLogKeys } from '../adapters/redis/keys.ts';
import { BatchWriter } from './projector/batch.writer.ts';
import { projectorConsumer, type ProjectorDeps } from './projector/deps.ts';
import { idleMs, Pump } from './projector/pull.pump.ts';
import { triage } from './projector/triage.ts';
import { raiseWatermarks, WatermarkGate } from './projector/watermarks.ts';

export { projectorConsumer, type ProjectionStore, type ProjectorDeps } from './projector/deps.ts';

/** A pull request waits at least this long (the nats.js minimum). */
const fetchExpiresMsMin = 1_000;
const consumerInfoEveryMs = 1_000;
/** After a NATS disconnect or reconnect, the tail is checked only this much later (publishers flush their acks every ~1 s). */
const reconnectSettleMs = 2_000;

export class Projector {
  private readonly t: Topology;
  private readonly clock: Clock;
  private readonly pump: Pump;
  private readonly gate: WatermarkGate;
  private readonly writer: BatchWriter;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private infoAtMs = -Infinity;
  private infoInFlight = false;
  /** The gate's generation when each buffered message was pulled. */
  private readonly pulledIn = new WeakMap<JsMsg, number>();
  /**
   * A NATS server that restarted may have lost its tail, and an open pull
   * silently re-pulls after a reconnect: on every disconnect or reconnect the
   * open pull is stopped and the event log checked again before the next one.
   */
  private watcher: { stop(): void } | null = null;
  private tailWarnedAtMs = -Infinity;
  /** The last tail check passed and no disconnect came since: watermarks may be raised. */
  private tailOk = false;
  private connectionChangedAtMs = -Infinity;

  constructor(private readonly deps: ProjectorDeps) {
    const e = deps.events;
    if (e.consumerBatchMax < 1 || e.consumerMaxWaitMs < 1 || e.consumerMaxDeliver < 1) throw new Error('projector: batch, wait and deliveries must be ≥ 1');
    this.t = topology(deps.namespace);
    this.clock = deps.clock ?? { nowMs: () => Date.now() };
    // Batches committed but not yet under the ack floor: as many as can be unacked at once, and some.
    this.gate = new WatermarkGate(Math.max(64, 4 * Math.ceil(e.consumerMaxAckPending / e.consumerBatchMax)));
    this.pump = new Pump(
      () => deps.nats.js.consumers.get(this.t.eventsStream, this.t.consumers.projector.durable),
      e.consumerBatchMax, Math.max(fetchExpiresMsMin, e.consumerMaxWaitMs),
      (err, failures) => deps.log.error({ err, failures }, 'projector: pull failed; retrying'),
      () => this.tailIntact(),
      (m) => this.pulledIn.set(m, this.gate.generation),
    );
    this.writer = new BatchWriter({
      store: deps.store, js: deps.nats.js, topology: this.t, metrics: deps.metrics, log: deps.log, clock: this.clock,
      maxDeliver: e.consumerMaxDeliver, gate: this.gate, pulledIn: (m) => this.pulledIn.get(m),
      stopping: () => this.stopping, pause: (ms) => this.pause(ms),
    });
  }

  /** Events committed by this instance (tests and logs). */
  get projectedTotal(): number {
    return this.writer.projectedTotal;
  }

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.watchConnection();
    this.pump.start();
    this.loop = this.run();
  }

  /**
   * Stops pulling; the open pull (at most max(1 s, consumerMaxWaitMs)) is read
   * to its end and everything buffered is written, so nothing in hand waits
   * for an ack timeout.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.pump.stop();
    await this.loop;
    this.loop = null;
    this.watcher?.stop();
    this.watcher = null;
    await this.releaseWatermarks();
  }

  private watchConnection(): void {
    this.watcher ??= watchReconnects(this.deps.nats.nc, () => {
      this.tailOk = false;
      this.connectionChangedAtMs = this.clock.nowMs();
      this.pump.recheck();
    }, (err) => { if (err !== undefined) this.deps.log.warn({ err }, 'projector: connection status watch ended'); });
  }

  /** Raises the watermarks the ack floor now allows (the sampler does it every second; stop does it once more). */
  private async releaseWatermarks(): Promise<void> {
    const consumer = this.pump.consumer();
    if (consumer === null || this.gate.size === 0 || !this.tailOk) return;
    try {
      await this.deps.nats.nc.flush(); // the acks just sent reach the server before the info request
      const marks = this.gate.release((await consumer.info(false)).ack_floor.stream_seq);
      if (marks.size > 0) await this.raise(marks);
    } catch (err) {
      this.deps.log.warn({ err }, 'projector: watermarks not raised at stop; the next projector raises them');
    }
  }

  private raise(marks: ReadonlyMap<string, string>): Promise<void> {
    return raiseWatermarks(() => this.deps.redis.next(), this.deps.namespace, marks, this.deps.log);
  }

  /**
   * Whether the event log still holds every acknowledged message (tailState).
   * While it does not, the projector does not pull: its consumer may point
   * past a lost tail and would skip what is stored there next, and the
   * watermark would pass events that are only in the outbox. The tail guard
   * (relay role) or `pallet refill` repairs; this check then passes.
   */
  private async tailIntact(): Promise<boolean> {
    // Right after a reconnect, give every publisher one flush (about a second) to log what it saw acknowledged.
    const settleMs = reconnectSettleMs - (this.clock.nowMs() - this.connectionChangedAtMs);
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    try {
      const t = await tailState(new RedisAckLog(this.deps.redis.next(), this.deps.namespace), new JetStreamEventStream(await this.deps.nats.jsm(), this.deps.namespace));
      // Marks held from before a damaged log refer to sequence numbers the repair moved: drop them (the watermark only lags).
      if (!t.intact || !this.tailOk) this.gate.clear();
      this.tailOk = t.intact;
      if (!t.intact && this.clock.nowMs() - this.tailWarnedAtMs > 30_000) {
        this.tailWarnedAtMs = this.clock.nowMs();
        this.deps.log.error({ reason: t.reason }, 'projector: JetStream lost acknowledged messages; not pulling until the tail guard (relay role) or `pallet refill` repairs it');
      }
      return t.intact;
    } catch (err) {
      this.tailOk = false;
      this.deps.log.warn({ err }, 'projector: could not check the event log; retrying');
      return false;
    }
  }

  private async run(): Promise<void> {
    // The batch being written. One at a time and in order; the next batch is collected and decoded meanwhile.
    let writing: Promise<void> = Promise.resolve();
    const redelivered = () => this.deps.metrics.consumerRedeliveries.inc({ consumer: projectorConsumer });
    const deadLetter = (m: JsMsg, reason: string) => this.writer.deadLetter(m, reason);
    while (!this.pump.drained()) {
      try {
        const batch = await this.collect(writing);
        this.sampleConsumer();
        if (batch.length === 0) continue;
        const triaged = triage(batch, this.deps.namespace, redelivered, deadLetter);
        await writing;
        writing = this.writer.write(triaged).catch((err: unknown) => this.deps.log.error({ err }, 'projector: writing a batch threw'));
      } catch (err) {
        // A bug, not an operating error; the messages in hand come back after ack_wait.
        this.deps.log.error({ err }, 'projector: batch loop failed');
        await this.pause(1_000);
      }
    }
    await writing;
  }

  /**
   * The next batch: waits (at most idleMs) for a first message, then until the
   * batch is full or consumerMaxWaitMs passed and `busy` (the batch being
   * written) settled. Empty when nothing came.
   */
  private async collect(busy: Promise<unknown>): Promise<JsMsg[]> {
    const { consumerBatchMax, consumerMaxWaitMs } = this.deps.events;
    if (this.pump.size() === 0) await this.pump.changed(idleMs);
    if (this.pump.size() === 0) return [];
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => { timer = setTimeout(resolve, consumerMaxWaitMs); });
    let cut = false;
    void Promise.all([waited, busy.catch(() => undefined)]).then(() => { cut = true; this.pump.poke(); });
    try {
      while (!cut && this.pump.size() < consumerBatchMax && !this.pump.ended()) await this.pump.changed();
    } finally {
      clearTimeout(timer);
      cut = true;
    }
    return this.pump.take(consumerBatchMax);
  }

  /** Consumer pending / ack pending, sampled at most once per second, never awaited by the loop. */
  private sampleConsumer(): void {
    const now = this.clock.nowMs();
    const consumer = this.pump.consumer();
    if (consumer === null || this.infoInFlight || now - this.infoAtMs < consumerInfoEveryMs) return;
    this.infoAtMs = now;
    this.infoInFlight = true;
    consumer.info(false).then(async (info) => {
      this.deps.metrics.consumerPending.set({ consumer: projectorConsumer }, info.num_pending);
      this.deps.metrics.consumerAckPending.set({ consumer: projectorConsumer }, info.num_ack_pending);
      if (!this.tailOk) return;
      // A loss the tail guard found (possibly without any disconnect seen here): stop and wait for the repair.
      const damaged = await this.deps.redis.next().get(eventLogKeys(this.deps.namespace).damaged);
      if (damaged !== null) {
        this.tailOk = false;
        this.gate.clear();
        this.pump.recheck();
        return;
      }
      const marks = this.gate.release(info.ack_floor.stream_seq);
      if (marks.size > 0) await this.raise(marks);
    }, () => undefined).finally(() => { this.infoInFlight = false; });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}

/**
 * Waits until the projector consumer has nothing pending and nothing unacked
 * (every event in the stream is written, or dead-lettered), at most
 * `timeoutMs`; false on timeout. Some projector must be running.
 */
export async function waitUntilProjected(nats: Nats, namespace: string, timeoutMs: number, pollMs = 100): Promise<boolean> {
  const t = topology(namespace);
  const jsm = await nats.jsm();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await jsm.consumers.info(t.eventsStream, t.consumers.projector.durable);
    if (info.num_pending === 0 && info.num_ack_pending === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Runs a projector of its own until the consumer has nothing pending (or
 * `timeoutMs` passed), then stops it: what `pallet rebuild` does first, so
 * PostgreSQL has every event JetStream has. Other projector processes may run
 * meanwhile; they share the durable consumer.
 */
export async function drainProjector(deps: ProjectorDeps, timeoutMs: number): Promise<boolean> {
  const projector = new Projector(deps);
  projector.start();
  try {
    return await waitUntilProjected(deps.nats, deps.namespace, timeoutMs);
  } finally {
    await projector.stop();
  }
}
