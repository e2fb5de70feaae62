// The projector role: the durable pull consumer `projector` that writes every
// event into PostgreSQL (LedgerRepo.projectBatch), one transaction per batch.
//
// - Reading: a pump pulls (fetch) at most consumerBatchMax messages at a
//   time and reads every pull to its end at once into a buffer — a pull left
//   half-read dies of "heartbeats missed" in nats.js — and only starts the next
//   pull while the buffer holds less than consumerBatchMax: at most
//   2 × consumerBatchMax messages buffered, plus the batch being written.
// - Batches: a batch is cut when it is full, or consumerMaxWaitMs after its
//   first message once the previous batch is written (so under load batches
//   grow instead of queueing). One batch is written (one transaction) while
//   the next is being collected and decoded.
// - Acks only after the batch's transaction committed. A transient database
//   error naks the whole batch with a growing delay, then the projector waits
//   until PostgreSQL answers before it writes the next batch; the pump stops
//   pulling once its buffer is full, so an outage does not burn deliveries. A data error (SQLSTATE class 22 or 23) is
//   narrowed down by splitting the batch, so one poison event cannot hold back
//   the others. Poison — undecodable, invalid, or failing on its own — and a
//   message failing on its last delivery (consumerMaxDeliver) are copied to the
//   dead-letter stream, then terminated.
// - The outbox watermark (`<ns>:{<tenant>}:outbox:projected`, never lowered):
//   the relay trims the outbox up to it, so it must never pass an event that is
//   not yet in PostgreSQL. A committed batch's highest outbox id per tenant is
//   held back (WatermarkGate) until the consumer's ack floor — every message
//   up to it acked, i.e. committed or dead-lettered, by any projector
//   instance — has passed the batch's highest stream sequence. So several
//   projector instances may run at once: a batch that commits before an
//   earlier one does not raise the watermark past it. The floor is read with
//   the consumer info sampled about once a second.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import postgres from 'postgres';
import type { Clock } from '../app/catalog.port.ts';
import type { EventsConfig } from '../config.ts';
import { decodeEnvelope, subjectOf, type Envelope } from '../adapters/events/envelope.codec.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import { watchReconnects, type Nats } from '../adapters/nats/connection.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';
import { envelopeProblem, int64 } from '../adapters/postgres/ledger.repo.ts';
import { TenantKeys, eventLogKeys } from '../adapters/redis/keys.ts';
import { Code, runScript } from '../adapters/redis/scripts.ts';
import { tailState } from './tail-guard.ts';
import type { Redis } from 'ioredis';

export interface ProjectorLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the projector needs from PostgreSQL (LedgerRepo implements it). */
export interface ProjectionStore {
  projectBatch(envelopes: readonly Envelope[]): Promise<{ inserted: number }>;
  ping(): Promise<boolean>;
}

export interface ProjectorDeps {
  readonly nats: Nats;
  readonly store: ProjectionStore;
  /** Anything that hands out a Redis connection with the scripts registered (RedisPool). */
  readonly redis: { next(): Redis };
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly log: ProjectorLog;
  readonly metrics: Metrics;
  readonly clock?: Clock;
}

export const projectorConsumer = 'projector';

/** The key the relay reads: every outbox entry up to this id is committed in PostgreSQL. */
export const outboxWatermarkKey = (namespace: string, tenant: string): string =>
  new TenantKeys(namespace, tenant).outboxProjected;

/** A pull request waits at least this long (the nats.js minimum). */
const fetchExpiresMsMin = 1_000;
const retryDelayMsMax = 30_000;
const consumerInfoEveryMs = 1_000;
const dlqReasonLengthMax = 500;
/** How long the loop waits for a message before it looks around (metrics, stop). */
const idleMs = 1_000;
/** After a NATS disconnect or reconnect, the tail is checked only this much later (publishers flush their acks every ~1 s). */
const reconnectSettleMs = 2_000;

/** Delay before redelivery after the n-th failed delivery: 250 ms doubling, at most 30 s. */
export const retryDelayMs = (deliveryCount: number): number =>
  Math.min(retryDelayMsMax, 250 * 2 ** Math.min(Math.max(deliveryCount - 1, 0), 10));

/** A database error caused by the data of the batch (bad value, constraint), not by the database being unwell. */
export function isDataError(err: unknown): boolean {
  return err instanceof postgres.PostgresError && (err.code.startsWith('22') || err.code.startsWith('23'));
}

/** Compares outbox stream ids `<ms>-<seq>` numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

interface Decoded {
  readonly m: JsMsg;
  readonly e: Envelope;
}

export class Projector {
  private readonly t: Topology;
  private readonly clock: Clock;
  private readonly pump: Pump;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private infoAtMs = -Infinity;
  private infoInFlight = false;
  private readonly gate: WatermarkGate;
  /** The gate's generation when each buffered message was pulled. */
  private readonly pulledIn = new WeakMap<JsMsg, number>();
  /** Events committed by this instance (tests and logs). */
  projectedTotal = 0;

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
  }

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.watchConnection();
    this.pump.start();
    this.loop = this.run();
  }


  /**
   * A NATS server that restarted may have lost its tail, and an open pull
   * silently re-pulls after a reconnect: on every disconnect or reconnect the
   * open pull is stopped and the event log checked again before the next one.
   */
  private watcher: { stop(): void } | null = null;

  private watchConnection(): void {
    this.watcher ??= watchReconnects(this.deps.nats.nc, () => {
      this.tailOk = false;
      this.connectionChangedAtMs = this.clock.nowMs();
      this.pump.recheck();
    }, (err) => { if (err !== undefined) this.deps.log.warn({ err }, 'projector: connection status watch ended'); });
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

  /** Raises the watermarks the ack floor now allows (the sampler does it every second; stop does it once more). */
  private async releaseWatermarks(): Promise<void> {
    const consumer = this.pump.consumer();
    if (consumer === null || this.gate.size === 0 || !this.tailOk) return;
    try {
      await this.deps.nats.nc.flush(); // the acks just sent reach the server before the info request
      const marks = this.gate.release((await consumer.info(false)).ack_floor.stream_seq);
      if (marks.size > 0) await this.raiseWatermarks(marks);
    } catch (err) {
      this.deps.log.warn({ err }, 'projector: watermarks not raised at stop; the next projector raises them');
    }
  }

  private tailWarnedAtMs = -Infinity;
  /** The last tail check passed and no disconnect came since: watermarks may be raised. */
  private tailOk = false;
  private connectionChangedAtMs = -Infinity;

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
      const t = await tailState(await this.deps.nats.jsm(), this.deps.redis.next(), this.deps.namespace);
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
    while (!this.pump.drained()) {
      try {
        const batch = await this.collect(writing);
        this.sampleConsumer();
        if (batch.length === 0) continue;
        const triaged = this.triage(batch);
        await writing;
        writing = this.write(triaged).catch((err: unknown) => this.deps.log.error({ err }, 'projector: writing a batch threw'));
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

  /** Decodes and validates; the poison is dead-lettered right away. */
  private triage(batch: readonly JsMsg[]): { good: Decoded[]; dead: Promise<void>[] } {
    const good: Decoded[] = [];
    const dead: Promise<void>[] = [];
    for (const m of batch) {
      if (m.info.deliveryCount > 1) this.deps.metrics.consumerRedeliveries.inc({ consumer: projectorConsumer });
      const decoded = this.decode(m);
      if (typeof decoded === 'string') dead.push(this.deadLetter(m, decoded));
      else good.push(decoded);
    }
    return { good, dead };
  }

  private async write({ good, dead }: { good: Decoded[]; dead: Promise<void>[] }): Promise<void> {
    if (good.length > 0) await this.project(good);
    await Promise.all(dead);
  }

  /** The envelope of a message, or why it is poison. */
  private decode(m: JsMsg): Decoded | string {
    let e: Envelope;
    try {
      e = decodeEnvelope(m.data);
    } catch (err) {
      return `undecodable envelope: ${(err as Error).message}`;
    }
    const problem = envelopeProblem(e);
    if (problem !== null) return `invalid envelope: ${problem}`;
    if (m.subject !== subjectOf(this.deps.namespace, e.tenant, e.type)) return `subject ${m.subject} does not match tenant ${e.tenant} and type ${e.type}`;
    return { m, e };
  }

  /** Writes a batch; on a data error splits it to find the poison; on a transient error naks it. */
  private async project(items: readonly Decoded[]): Promise<void> {
    // The oldest generation in the batch: a batch with a message pulled before a clear is not held after it.
    let generation = this.gate.generation;
    for (const { m } of items) generation = Math.min(generation, this.pulledIn.get(m) ?? generation);
    try {
      const { inserted } = await this.deps.store.projectBatch(items.map((x) => x.e));
      let maxSeq = 0;
      for (const { m } of items) if (m.seq > maxSeq) maxSeq = m.seq;
      this.gate.hold(maxSeq, this.committed(items, inserted), generation);
    } catch (err) {
      if (isDataError(err)) {
        if (items.length === 1) return this.deadLetter(items[0]!.m, `rejected by PostgreSQL: ${(err as Error).message}`);
        const half = Math.ceil(items.length / 2);
        this.deps.log.warn({ err, size: items.length }, 'projector: data error in a batch; splitting it');
        await this.project(items.slice(0, half));
        await this.project(items.slice(half));
        return;
      }
      await this.retryLater(items, err);
    }
  }

  /** Acks and counts a committed batch; returns the highest outbox id per tenant. */
  private committed(items: readonly Decoded[], inserted: number): Map<string, string> {
    const now = this.clock.nowMs();
    const byType = new Map<string, number>();
    const marks = new Map<string, string>();
    for (const { m, e } of items) {
      m.ack();
      this.deps.metrics.projectionLagSeconds.observe(Math.max(0, now - int64(e.occurredAtMs)) / 1000);
      byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      const mark = marks.get(e.tenant);
      if (e.outboxId !== '' && (mark === undefined || compareStreamIds(e.outboxId, mark) > 0)) marks.set(e.tenant, e.outboxId);
    }
    for (const [type, n] of byType) this.deps.metrics.projected.inc({ type }, n);
    this.projectedTotal += inserted;
    return marks;
  }

  /** Best effort: a failed raise is made good by the next batch of the tenant. */
  private async raiseWatermarks(marks: ReadonlyMap<string, string>): Promise<void> {
    await Promise.all([...marks].map(async ([tenant, id]) => {
      try {
        const reply = await runScript(this.deps.redis.next(), 'raiseWatermark', [outboxWatermarkKey(this.deps.namespace, tenant)], [id]);
        if (reply[0] !== Code.OK && reply[0] !== Code.ALREADY) this.deps.log.error({ tenant, id, reply }, 'projector: watermark refused');
      } catch (err) {
        this.deps.log.warn({ err, tenant, id }, 'projector: raising the outbox watermark failed');
      }
    }));
  }

  /** Naks each message with its delay (dead-letters those on their last delivery), then waits for PostgreSQL. */
  private async retryLater(items: readonly Decoded[], err: unknown): Promise<void> {
    const max = this.deps.events.consumerMaxDeliver;
    const dead: Promise<void>[] = [];
    let delay = 0;
    for (const { m } of items) {
      const n = m.info.deliveryCount;
      if (n >= max) {
        dead.push(this.deadLetter(m, `gave up after ${n} deliveries: ${(err as Error).message}`));
      } else {
        delay = Math.max(delay, retryDelayMs(n));
        m.nak(retryDelayMs(n));
      }
    }
    this.deps.log.error({ err, size: items.length, delayMs: delay }, 'projector: writing a batch failed; naked for redelivery');
    await Promise.all(dead);
    await this.waitForDatabase(delay);
  }

  private async waitForDatabase(firstDelayMs: number): Promise<void> {
    let delay = Math.max(100, firstDelayMs);
    while (!this.stopping) {
      await this.pause(delay);
      if (await this.deps.store.ping().catch(() => false)) return;
      delay = Math.min(retryDelayMsMax, delay * 2);
    }
  }

  /** Copies the message to `<ns>_dlq.projector.<subject>` (acknowledged), then terms it; naks when the copy fails. */
  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    const why = reason.slice(0, dlqReasonLengthMax).replace(/[\r\n]+/g, ' ');
    try {
      const h = headers();
      h.set('Pallet-Dead-Reason', why);
      h.set('Pallet-Original-Subject', m.subject);
      h.set('Pallet-Stream-Seq', String(m.seq));
      h.set('Pallet-Deliveries', String(m.info.deliveryCount));
      await this.deps.nats.js.publish(this.t.dlqSubject(projectorConsumer, m.subject), m.data, {
        msgID: `dlq:${projectorConsumer}:${m.seq}`, headers: h, expect: { streamName: this.t.dlqStream },
      });
      this.deps.metrics.consumerDeadLetters.inc({ consumer: projectorConsumer });
      this.deps.log.error({ subject: m.subject, seq: m.seq, reason: why }, 'projector: event dead-lettered');
      // No reason argument: nats-server 2.9 only knows a bare "+TERM" and ignores "+TERM <reason>"
      // (the message would come back after ack_wait). The reason travels in the DLQ headers.
      m.term();
    } catch (err) {
      this.deps.log.error({ err, seq: m.seq }, 'projector: dead-lettering failed; retrying');
      m.nak(retryDelayMs(m.info.deliveryCount));
    }
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
      if (marks.size > 0) await this.raiseWatermarks(marks);
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
 * Outbox watermarks of committed batches, held until the consumer's ack floor
 * passes each batch's highest stream sequence. At most `batchesMax` entries:
 * beyond, the two oldest are merged (highest ids, highest sequence), which
 * only makes the watermark wait longer, never run ahead.
 */
export class WatermarkGate {
  private held: { maxSeq: number; marks: Map<string, string> }[] = [];
  /** Bumped by clear(): a batch pulled before a clear is not held after it. */
  generation = 0;

  constructor(private readonly batchesMax: number) {
    if (batchesMax < 2) throw new Error('WatermarkGate: batchesMax must be ≥ 2');
  }

  get size(): number {
    return this.held.length;
  }

  /** Forgets every held batch (their watermarks are then raised by later batches only). */
  clear(): void {
    this.held = [];
    this.generation++;
  }

  /** `generation`: the gate's generation when the batch was pulled (ignored when it has changed since). */
  hold(maxSeq: number, marks: ReadonlyMap<string, string>, generation = this.generation): void {
    if (marks.size === 0 || generation !== this.generation) return;
    this.held.push({ maxSeq, marks: new Map(marks) });
    if (this.held.length > this.batchesMax) {
      const [a, b] = this.held.splice(0, 2) as [{ maxSeq: number; marks: Map<string, string> }, { maxSeq: number; marks: Map<string, string> }];
      this.held.unshift({ maxSeq: Math.max(a.maxSeq, b.maxSeq), marks: mergeMarks(a.marks, b.marks) });
    }
  }

  /** The highest outbox id per tenant of every held batch whose sequences are all at or below `ackFloor`. */
  release(ackFloor: number): Map<string, string> {
    let out = new Map<string, string>();
    const keep: typeof this.held = [];
    for (const h of this.held) {
      if (h.maxSeq <= ackFloor) out = mergeMarks(out, h.marks);
      else keep.push(h);
    }
    this.held = keep;
    return out;
  }
}

function mergeMarks(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(a);
  for (const [tenant, id] of b) {
    const cur = out.get(tenant);
    if (cur === undefined || compareStreamIds(id, cur) > 0) out.set(tenant, id);
  }
  return out;
}

/**
 * Pulls messages into a bounded buffer. Every pull is read to its end as fast
 * as it arrives; the next pull is requested only while the buffer holds less
 * than `batchMax`. Errors (consumer or stream gone, no responders) are
 * reported and retried with a growing pause.
 */
class Pump {
  private buffer: JsMsg[] = [];
  private head = 0;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private finished = false;
  private current: Consumer | null = null;
  private signal: { promise: Promise<void>; resolve: () => void } | null = null;
  private wakePause: (() => void) | null = null;
  /** Check `ready` before the next pull. */
  private check = true;
  private open: ConsumerMessages | null = null;

  constructor(
    private readonly getConsumer: () => Promise<Consumer>,
    private readonly batchMax: number,
    private readonly expiresMs: number,
    private readonly onError: (err: unknown, failures: number) => void,
    /** Checked before the first pull and after any failed one; false: wait and check again. */
    private readonly ready: () => Promise<boolean>,
    /** Called for every message as it is buffered. */
    private readonly onBuffered: (m: JsMsg) => void,
  ) {}

  start(): void {
    this.stopping = false;
    this.finished = false;
    this.loop = this.run();
  }

  /** Finishes the open pull (at most expiresMs), requests no other. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakePause?.();
    this.notify();
    await this.loop;
  }

  size(): number {
    return this.buffer.length - this.head;
  }

  /** No pull will be made any more. */
  ended(): boolean {
    return this.finished;
  }

  /** Ended and empty: nothing more will come out. */
  drained(): boolean {
    return this.finished && this.size() === 0;
  }

  consumer(): Consumer | null {
    return this.current;
  }

  /** Up to `max` buffered messages, oldest first. */
  take(max: number): JsMsg[] {
    const out = this.buffer.slice(this.head, this.head + max);
    this.head += out.length;
    if (this.head > 4_096 || this.head === this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    this.notify();
    return out;
  }

  /** Resolves on the next push, take or end (or after `timeoutMs`, when given). */
  changed(timeoutMs?: number): Promise<void> {
    this.signal ??= (() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => { resolve = r; });
      return { promise, resolve };
    })();
    if (timeoutMs === undefined) return this.signal.promise;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); });
    return Promise.race([this.signal.promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Stops the open pull; `ready` is checked before the next one. */
  recheck(): void {
    this.check = true;
    this.open?.stop();
  }

  /** Wakes whoever waits in changed(). */
  poke(): void {
    this.notify();
  }

  private notify(): void {
    const s = this.signal;
    this.signal = null;
    s?.resolve();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (this.size() >= this.batchMax) {
        await this.changed(idleMs);
        continue;
      }
      if (this.check) {
        this.check = false;
        if (!(await this.ready())) {
          this.check = true;
          await this.pause(idleMs);
          continue;
        }
      }
      try {
        this.current ??= await this.getConsumer();
        const msgs: ConsumerMessages = await this.current.fetch({ max_messages: this.batchMax, expires: this.expiresMs });
        this.open = msgs;
        if (this.check) msgs.stop(); // a disconnect came while the pull was being set up
        for await (const m of msgs) {
          this.onBuffered(m);
          this.buffer.push(m);
          this.notify();
        }
        this.open = null;
        failures = 0;
      } catch (err) {
        this.open = null;
        failures++;
        this.check = true; // the server may have restarted without its tail
        this.current = null;
        this.onError(err, failures);
        if (!this.stopping) await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
    this.finished = true;
    this.notify();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wakePause = null; resolve(); }, ms);
      this.wakePause = () => { clearTimeout(timer); this.wakePause = null; resolve(); };
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
