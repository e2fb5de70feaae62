// The tail guard: finds out that JetStream lost acknowledged messages and
// repairs the event log from Redis.
//
// Why: NATS 2.9 acknowledges a publish before it syncs the stream to disk
// (every 2 minutes by default). After a power loss the stream comes back
// without its unsynced tail, and a durable consumer that had already been
// handed that tail comes back *ahead* of the stream: on NATS 2.9.10 it then
// skips whatever is stored under those sequence numbers again (test/faults).
//
// Detection: every publisher notes each PubAck's stream sequence with the
// message id it acknowledged (AckedSeqMark) and raises the hash
// `<ns>:js:acked` {seq, id, at} in Redis about once a check interval. The
// stream lost acknowledged messages when its last sequence is below `seq`, or
// when the message now stored at `seq` is missing or carries another id (the
// stream lost its tail and grew again past the mark before anyone looked).
// Limits only remove messages from the front, which keeps both true.
//
// Repair (one instance at a time, by a lease):
// 1. every durable consumer that may have been handed a lost sequence number
//    is recreated (same config) to start at the earlier of its ack floor + 1
//    and the first message stored after `at` − lossWindowMs (JetStream syncs
//    at least every 2 minutes, so older messages were on disk);
// 2. every tenant is refilled (OutboxRelay.refillTenant): the outbox above
//    the projector's watermark and the payment journal, with their original
//    message ids — duplicates are dropped by JetStream or by the consumers'
//    idempotency;
// 3. the mark is set to the stream's last message.
// Until the event log is intact again the projector does not pull (it checks
// with tailIntact at start and after any failed pull), so it cannot skip
// messages and raise the outbox watermark past a lost event.
//
// Blind spot: a tail lost entirely within the last flush interval while the
// publishing processes died too (the same power cut) leaves a mark that never
// saw those acks. `pallet refill` repairs unconditionally for that case.
import { DeliverPolicy, JetStreamApiError, type JetStreamManager, type StoredMsg } from '@nats-io/jetstream';
import type { Redis } from 'ioredis';
import type { EventsConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { consumerConfig, topology, type ConsumerName } from '../adapters/nats/topology.ts';
import { eventLogKeys } from '../adapters/redis/keys.ts';
import { runScript } from '../adapters/redis/scripts.ts';

/** Anything that hands out a Redis connection with the scripts registered (RedisPool). */
interface RedisSource { next(): Redis }

export interface GuardLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the mark says: the highest acknowledged sequence, the message id stored at it, and when it was acknowledged. */
export interface AckMark {
  readonly seq: number;
  readonly id: string;
  readonly atMs: number;
}

/**
 * The highest PubAck sequence this process saw since its last flush, with its
 * message id. Cheap to note on every ack; flushed (raised in Redis, never
 * lowered there) by the process's own timer. Reset on flush, so a mark from
 * before a repair is flushed at most once.
 */
export class AckedSeqMark {
  private highest: AckMark | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: RedisSource, private readonly namespace: string) {}

  note(seq: number, msgId: string): void {
    if (seq > 0 && msgId !== '' && (this.highest === null || seq > this.highest.seq)) this.highest = { seq, id: msgId, atMs: Date.now() };
  }

  /** Raises the Redis mark to what was noted since the last flush; keeps it when Redis fails. */
  async flush(): Promise<void> {
    const m = this.highest;
    if (m === null) return;
    this.highest = null;
    try {
      await runScript(this.redis.next(), 'raiseAckMark', [eventLogKeys(this.namespace).ackedMark], [m.seq, m.id, m.atMs]);
    } catch (err) {
      const since = this.highest as AckMark | null; // noted while the flush was in flight
      if (since === null || since.seq < m.seq) this.highest = m;
      throw err;
    }
  }

  start(intervalMs: number, onError: (err: unknown) => void): void {
    if (this.timer !== null || intervalMs <= 0) return;
    this.timer = setInterval(() => { this.flush().catch(onError); }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }
}

/** What refills one tenant (OutboxRelay.refillTenant). */
export type Refill = (tenant: string) => Promise<{ outbox: number; journal: number }>;

export interface TailGuardDeps {
  readonly nats: Nats;
  readonly redis: RedisSource;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly listTenants: (limit: number) => Promise<string[]>;
  readonly refill: Refill;
  readonly mark: AckedSeqMark;
  readonly log: GuardLog;
  readonly metrics?: Pick<Metrics, 'eventLogRepairs' | 'eventLogIntact'>;
  /** The lease owner: unique per instance. */
  readonly instanceId: string;
  /** How often to compare (0: never on a timer; checkOnce / repair still work). */
  readonly checkIntervalMs: number;
  readonly tenantsMax?: number;
}

export interface RepairReport {
  /** The stream's last sequence when the repair started. */
  readonly lastSeq: number;
  /** The mark that revealed the loss (0 when forced). */
  readonly ackedSeq: number;
  /** Why the event log was found damaged ('' when forced). */
  readonly reason: string;
  readonly consumersMoved: { name: string; from: number; to: number }[];
  readonly tenants: number;
  readonly outboxRepublished: number;
  readonly journalRepublished: number;
  readonly ms: number;
}

const leaseMsMin = 30_000;
/** JetStream 2.9 syncs file storage every 2 minutes: a power loss takes at most that much, plus clock skew. */
export const lossWindowMs = 150_000;

/** The mark in Redis, or null when no publisher flushed one yet. */
export async function readAckMark(redis: Redis, namespace: string): Promise<AckMark | null> {
  const h = await redis.hgetall(eventLogKeys(namespace).ackedMark);
  const seq = Number(h.seq);
  if (!(seq >= 1)) return null;
  return { seq, id: h.id ?? '', atMs: Number(h.at) || 0 };
}

export interface TailState {
  readonly intact: boolean;
  /** Why not ('' when intact). */
  readonly reason: string;
  readonly mark: AckMark | null;
  readonly lastSeq: number;
}

/** Whether the stream still holds the message the mark names (see the header). */
export async function tailState(jsm: JetStreamManager, redis: Redis, namespace: string): Promise<TailState> {
  const stream = topology(namespace).eventsStream;
  const mark = await readAckMark(redis, namespace);
  const { state } = await jsm.streams.info(stream);
  const base = { mark, lastSeq: state.last_seq };
  if (mark === null || mark.seq < state.first_seq) return { ...base, intact: true, reason: '' };
  if (mark.seq > state.last_seq) return { ...base, intact: false, reason: `the stream ends at ${state.last_seq}, below the acknowledged ${mark.seq}` };
  const stored = await storedAt(jsm, stream, mark.seq);
  if (stored === null) return { ...base, intact: false, reason: `no message at the acknowledged sequence ${mark.seq}` };
  const id = stored.header?.get('Nats-Msg-Id') ?? '';
  if (id !== mark.id) return { ...base, intact: false, reason: `the message at ${mark.seq} is ${JSON.stringify(id)}, not the acknowledged ${JSON.stringify(mark.id)}` };
  return { ...base, intact: true, reason: '' };
}

async function storedAt(jsm: JetStreamManager, stream: string, seq: number): Promise<StoredMsg | null> {
  try {
    return await jsm.streams.getMessage(stream, { seq });
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === 10037) return null; // no message found
    throw err;
  }
}

export class JetStreamTailGuard {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  /** Repairs done by this instance (tests, logs). */
  repairs = 0;

  constructor(private readonly deps: TailGuardDeps) {}

  start(): void {
    if (this.timer !== null || this.deps.checkIntervalMs <= 0) return;
    const tick = (): void => {
      if (this.running !== null) return;
      this.running = this.checkOnce()
        .catch((err: unknown) => this.deps.log.error({ err }, 'tail guard: check failed; next check retries'))
        .finally(() => { this.running = null; });
    };
    tick();
    this.timer = setInterval(tick, this.deps.checkIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Flushes this process's mark, checks the stream against it, and repairs on a loss; null when nothing was lost. */
  async checkOnce(): Promise<RepairReport | null> {
    await this.deps.mark.flush();
    const t = await tailState(await this.deps.nats.jsm(), this.deps.redis.next(), this.deps.namespace);
    this.deps.metrics?.eventLogIntact.set(t.intact ? 1 : 0);
    if (t.intact) return null;
    this.deps.log.error({ lastSeq: t.lastSeq, mark: t.mark, reason: t.reason }, 'tail guard: JetStream lost acknowledged messages; repairing');
    return this.repair(t.mark, t.reason);
  }

  /**
   * Moves back the consumers that may have been handed a lost sequence and
   * refills every tenant; null when another instance holds the repair lease.
   * Without a mark (forced by `pallet refill` with nothing recorded) the
   * consumers start lossWindowMs before now.
   */
  async repair(mark: AckMark | null = null, reason = ''): Promise<RepairReport | null> {
    const started = Date.now();
    const redis = this.deps.redis.next();
    const lease = eventLogKeys(this.deps.namespace).repairLease;
    const leaseMs = Math.max(leaseMsMin, 4 * this.deps.events.relayLeaseMs);
    if ((await redis.set(lease, this.deps.instanceId, 'PX', leaseMs, 'NX')) !== 'OK') {
      this.deps.log.warn({ holder: await redis.get(lease) }, 'tail guard: another instance is repairing');
      return null;
    }
    try {
      const jsm = await this.deps.nats.jsm();
      const lastSeq = await this.lastSeq(jsm);
      const consumersMoved = await this.repositionConsumers(jsm, (mark?.atMs || Date.now()) - lossWindowMs);
      const tenants = await this.deps.listTenants(this.deps.tenantsMax ?? 10_000);
      let outboxRepublished = 0;
      let journalRepublished = 0;
      for (const tenant of tenants) {
        await redis.pexpire(lease, leaseMs);
        const n = await this.deps.refill(tenant);
        outboxRepublished += n.outbox;
        journalRepublished += n.journal;
      }
      await this.resetMark(jsm, redis);
      this.repairs++;
      this.deps.metrics?.eventLogRepairs.inc();
      this.deps.metrics?.eventLogIntact.set(1);
      const report: RepairReport = {
        lastSeq, ackedSeq: mark?.seq ?? 0, reason, consumersMoved, tenants: tenants.length, outboxRepublished, journalRepublished, ms: Date.now() - started,
      };
      this.deps.log.warn({ ...report }, 'tail guard: event log repaired');
      return report;
    } finally {
      if ((await redis.get(lease)) === this.deps.instanceId) await redis.del(lease);
    }
  }

  private async lastSeq(jsm: JetStreamManager): Promise<number> {
    return (await jsm.streams.info(topology(this.deps.namespace).eventsStream)).state.last_seq;
  }

  /** The mark becomes the stream's last message (nothing acknowledged is missing any more). */
  private async resetMark(jsm: JetStreamManager, redis: Redis): Promise<void> {
    const stream = topology(this.deps.namespace).eventsStream;
    const key = eventLogKeys(this.deps.namespace).ackedMark;
    const last = await this.lastSeq(jsm);
    const stored = last > 0 ? await storedAt(jsm, stream, last) : null;
    if (stored === null) await redis.del(key);
    else await redis.hset(key, 'seq', String(last), 'id', stored.header?.get('Nats-Msg-Id') ?? '', 'at', String(Date.now()));
  }

  /** The first sequence stored at or after `ms` (binary search by stored time), or last + 1 when none is. */
  private async firstSeqAfter(jsm: JetStreamManager, ms: number): Promise<number> {
    const stream = topology(this.deps.namespace).eventsStream;
    const { state } = await jsm.streams.info(stream);
    let lo = state.first_seq;
    let hi = state.last_seq + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const m = await storedAt(jsm, stream, mid);
      // A hole (deleted message) counts as "after": the search then errs towards redelivering more.
      if (m === null || m.time.getTime() >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Recreates every durable consumer that got past the first message stored
   * after `sinceMs`, to start at the earlier of that message and its ack
   * floor + 1: whatever it may have been handed since then comes again.
   */
  private async repositionConsumers(jsm: JetStreamManager, sinceMs: number): Promise<{ name: string; from: number; to: number }[]> {
    const t = topology(this.deps.namespace);
    const moved: { name: string; from: number; to: number }[] = [];
    const since = await this.firstSeqAfter(jsm, sinceMs);
    for (const name of Object.keys(t.consumers) as ConsumerName[]) {
      const durable = t.consumers[name].durable;
      const info = await jsm.consumers.info(t.eventsStream, durable);
      const delivered = info.delivered.stream_seq;
      const floor = info.ack_floor.stream_seq;
      const start = Math.min(floor + 1, since);
      if (delivered < start) continue;
      await jsm.consumers.delete(t.eventsStream, durable);
      await jsm.consumers.add(t.eventsStream, {
        ...consumerConfig(t, name, this.deps.events), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start,
      });
      moved.push({ name, from: delivered, to: start });
    }
    return moved;
  }
}
