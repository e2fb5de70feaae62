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
// message id it acknowledged (AckedSeqMark) and, about once a second, logs
// the highest in the sorted set `<ns>:{js}:acked` (noteAcked-1.lua, at most
// PALLET_ACK_LOG_MAX entries). An entry checks out when the message at its
// sequence exists and carries its id. The log keeps the entries of the last
// lossWindowMs (what a power loss can take); older ones were synced and are
// dropped. A regular check verifies the entries above the highest verified
// sequence (`<ns>:{js}:acked:verified`); a full check — at start, after every
// NATS disconnect or reconnect, and every fullCheckEvery checks — verifies all
// of them, so a stream that lost its tail and already grew past it again still
// fails on the entries logged before the loss. Limits only remove messages
// from the front; an entry below the stream's first sequence checks out.
//
// Repair (one instance at a time, by a lease renewed while it works):
// 1. every durable consumer that may have been handed a lost sequence number
//    is recreated (same config) to start at the earlier of its ack floor + 1
//    and the first message stored after the earliest unverified entry's time
//    − lossWindowMs (JetStream syncs at least every 2 minutes, so older
//    messages were on disk);
// 2. every tenant is refilled (OutboxRelay.refillTenant): the outbox above
//    the projector's watermark and the payment journal, with their original
//    message ids — duplicates are dropped by JetStream or by the consumers'
//    idempotency;
// 3. the log is cleared.
// Until then the projector does not pull (it checks tailState at start, after
// a failed pull and after every NATS disconnect or reconnect) and does not
// raise outbox watermarks, so it cannot skip messages and cannot let the relay
// trim an event that is only in the outbox.
//
// Blind spot: a tail lost entirely within the last flush interval while the
// publishing processes died too (the same power cut) was never logged.
// `pallet refill` repairs unconditionally for that case.
import { DeliverPolicy, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import type { Redis } from 'ioredis';
import type { EventsConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import { watchReconnects, type Nats } from '../adapters/nats/connection.ts';
import { consumerConfig, topology, type ConsumerName } from '../adapters/nats/topology.ts';
import { eventLogKeys, eventLogLossWindowMs, eventLogMarginMs } from '../adapters/redis/keys.ts';
import { runScript } from '../adapters/redis/scripts.ts';
import { RedisLease } from '../adapters/redis/lease.ts';



/** Anything that hands out a Redis connection with the scripts registered (RedisPool). */
interface RedisSource { next(): Redis }

/** What a power loss can take from JetStream 2.9 (its sync interval plus skew). */
export const lossWindowMs = eventLogLossWindowMs;

export interface GuardLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** One logged acknowledgement: the stream sequence, the message id stored at it, and when it was acknowledged. */
export interface AckMark {
  readonly seq: number;
  readonly id: string;
  readonly atMs: number;
}

/**
 * The highest PubAck sequence this process saw since its last flush, with its
 * message id. Cheap to note on every ack; flushed into the Redis log by the
 * process's own timer. Reset on flush.
 */
export class AckedSeqMark {
  private highest: AckMark | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: RedisSource, private readonly namespace: string, private readonly logMax: number) {
    if (!(logMax >= 1)) throw new Error('AckedSeqMark: logMax must be ≥ 1');
  }

  note(seq: number, msgId: string): void {
    if (seq > 0 && msgId !== '' && (this.highest === null || seq > this.highest.seq)) this.highest = { seq, id: msgId, atMs: Date.now() };
  }

  /** Logs what was noted since the last flush; keeps it when Redis fails. */
  async flush(): Promise<void> {
    const m = this.highest;
    if (m === null) return;
    this.highest = null;
    try {
      await runScript(this.redis.next(), 'noteAcked', [eventLogKeys(this.namespace).ackedMark], [m.seq, m.id, m.atMs, this.logMax]);
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

/** The logged acknowledgements, lowest sequence first (at most the log's bound). */
export async function readAckLog(redis: Redis, namespace: string): Promise<{ member: string; mark: AckMark }[]> {
  const members = await redis.zrange(eventLogKeys(namespace).ackedMark, 0, -1);
  const out: { member: string; mark: AckMark }[] = [];
  for (const member of members) {
    const [seq, at, ...id] = member.split('|');
    out.push({ member, mark: { seq: Number(seq), atMs: Number(at), id: id.join('|') } });
  }
  return out;
}

export interface TailState {
  readonly intact: boolean;
  /** Why not ('' when intact). */
  readonly reason: string;
  /** The earliest logged acknowledgement the stream no longer holds (null when intact), and its log member. */
  readonly lost: AckMark | null;
  readonly lostMember?: string;
  /** The earliest acknowledgement in the window (null when the log is empty). */
  readonly earliest: AckMark | null;
  /** The highest sequence verified by this check (0: none). */
  readonly verifiedSeq: number;
  /** Log members older than the loss window that this (full) check verified: the guard drops them. */
  readonly stale: string[];
  readonly lastSeq: number;
}

/** The highest sequence a regular check verified. */
const verifiedKey = (namespace: string): string => eventLogKeys(namespace).verified;

/**
 * Whether the stream still holds the logged acknowledged messages of the loss
 * window: all of them (`full`), or those above the highest verified sequence.
 */
export async function tailState(jsm: JetStreamManager, redis: Redis, namespace: string, full = true): Promise<TailState> {
  const stream = topology(namespace).eventsStream;
  const keys = eventLogKeys(namespace);
  const [entries, verifiedRaw, damaged] = await Promise.all([readAckLog(redis, namespace), redis.get(verifiedKey(namespace)), redis.get(keys.damaged)]);
  const { state } = await jsm.streams.info(stream);
  if (damaged !== null) {
    return { intact: false, reason: `a loss was found and is being repaired: ${damaged}`, lost: null, earliest: entries[0]?.mark ?? null, verifiedSeq: 0, stale: [], lastSeq: state.last_seq };
  }
  const after = full ? 0 : Number((verifiedRaw ?? '0').split('-')[0]) || 0;
  const floorMs = Date.now() - lossWindowMs - eventLogMarginMs;
  const stale: string[] = [];
  let earliest: AckMark | null = null;
  let verifiedSeq = 0;
  for (const { member, mark } of entries) {
    // Old entries are checked like any other (NATS may have been down longer than the window); a full check that
    // verified them drops them.
    earliest ??= mark;
    if (mark.seq <= after) continue;
    if (mark.seq < state.first_seq) {
      verifiedSeq = Math.max(verifiedSeq, mark.seq);
      if (full && mark.atMs < floorMs) stale.push(member);
      continue;
    }
    let reason = '';
    if (mark.seq > state.last_seq) {
      reason = `the stream ends at ${state.last_seq}, below the acknowledged ${mark.seq}`;
    } else {
      const stored = await jsm.streams.getMessage(stream, { seq: mark.seq });
      const id = stored?.header?.get('Nats-Msg-Id') ?? '';
      if (stored === null) reason = `no message at the acknowledged sequence ${mark.seq}`;
      else if (id !== mark.id) reason = `the message at ${mark.seq} is ${JSON.stringify(id)}, not the acknowledged ${JSON.stringify(mark.id)}`;
    }
    if (reason !== '') return { intact: false, reason, lost: mark, lostMember: member, earliest, verifiedSeq: 0, stale: [], lastSeq: state.last_seq };
    verifiedSeq = Math.max(verifiedSeq, mark.seq);
    if (full && mark.atMs < floorMs) stale.push(member);
  }
  return { intact: true, reason: '', lost: null, earliest, verifiedSeq, stale, lastSeq: state.last_seq };
}

/** What refills one tenant (OutboxRelay.refillTenant); `owned` false stops it between batches. */
export type Refill = (tenant: string, owned: () => boolean) => Promise<{ outbox: number; journal: number }>;

export interface TailGuardDeps {
  readonly nats: Nats;
  readonly redis: RedisSource;
  readonly namespace: string;
  readonly events: EventsConfig;
  /** Tenant ids in id order after `afterId`, at most `limit` (paged through to the end). */
  readonly listTenants: (limit: number, afterId?: string) => Promise<string[]>;
  readonly refill: Refill;
  readonly mark: AckedSeqMark;
  readonly log: GuardLog;
  readonly metrics?: Pick<Metrics, 'eventLogRepairs' | 'eventLogIntact'>;
  /** The lease owner: unique per instance. */
  readonly instanceId: string;
  /** How often to check (0: never on a timer; checkOnce / repair still work). */
  readonly checkIntervalMs: number;
}

export interface RepairReport {
  /** The stream's last sequence when the repair started. */
  readonly lastSeq: number;
  /** The acknowledged sequence the stream lost (0 when forced). */
  readonly ackedSeq: number;
  /** Why the event log was found damaged, or why the repair was forced. */
  readonly reason: string;
  readonly consumersMoved: { name: string; from: number; to: number }[];
  readonly tenants: number;
  readonly outboxRepublished: number;
  readonly journalRepublished: number;
  readonly ms: number;
}

const leaseMsMin = 30_000;
const tenantsPage = 1_000;
/** Every this many regular checks, a full one. */
const fullCheckEvery = 12;
/** How long a recorded intact check pins the retention floors at most (an outage longer than this trims again). */
const okAtTtlMs = 6 * 3_600_000;

export class JetStreamTailGuard {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private checks = 0;
  /** A full check is due: at start, after a disconnect or reconnect. */
  private fullDue = true;
  private watcher: { stop(): void } | null = null;
  /** Repairs done by this instance (tests, logs). */
  repairs = 0;

  constructor(private readonly deps: TailGuardDeps) {}

  start(): void {
    if (this.timer !== null || this.deps.checkIntervalMs <= 0) return;
    const tick = (): void => {
      if (this.running !== null) return;
      const full = this.fullDue || ++this.checks % fullCheckEvery === 0;
      this.fullDue = false;
      this.running = this.checkOnce(full)
        .catch((err: unknown) => {
          this.fullDue ||= full;
          this.deps.log.error({ err }, 'tail guard: check failed; next check retries');
        })
        .finally(() => { this.running = null; });
    };
    this.watchConnection(tick);
    tick();
    this.timer = setInterval(tick, this.deps.checkIntervalMs);
  }

  /** A NATS server that restarted may have lost its tail: a full check right after every disconnect or reconnect. */
  private watchConnection(tick: () => void): void {
    this.watcher ??= watchReconnects(this.deps.nats.nc, (type) => {
      this.fullDue = true;
      if (type === 'reconnect' && this.timer !== null) tick();
    });
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.watcher?.stop();
    this.watcher = null;
    await this.running;
  }

  /**
   * Flushes this process's mark, checks the log against the stream (all of
   * the window when `full`), and repairs on a loss; null when nothing was lost.
   */
  async checkOnce(full = true): Promise<RepairReport | null> {
    await this.deps.mark.flush();
    const redis = this.deps.redis.next();
    const t = await tailState(await this.deps.nats.jsm(), redis, this.deps.namespace, full);
    this.deps.metrics?.eventLogIntact.set(t.intact ? 1 : 0);
    if (t.intact) {
      if (t.stale.length > 0) await redis.zrem(eventLogKeys(this.deps.namespace).ackedMark, ...t.stale);
      if (t.verifiedSeq > 0) await runScript(redis, 'raiseWatermark', [verifiedKey(this.deps.namespace)], [`${t.verifiedSeq}-0`]);
      await this.markIntact(redis);
      return null;
    }
    // Every projector stops pulling and raising watermarks until the repair is done (tailState reads this). Only
    // while the lost entry is still logged: a repair that finished meanwhile deleted both.
    if (t.lostMember !== undefined) {
      const keys = eventLogKeys(this.deps.namespace);
      const reply = await runScript(redis, 'markDamaged', [keys.ackedMark, keys.damaged], [t.lostMember, t.reason.slice(0, 500)]);
      if (reply[0] !== 0) return null; // repaired by another instance; the next check looks again
    }
    this.deps.log.error({ lastSeq: t.lastSeq, lost: t.lost, reason: t.reason }, 'tail guard: JetStream lost acknowledged messages; repairing');
    return this.repair(t.earliest, t.lost?.seq ?? 0, t.reason);
  }

  /**
   * Moves back the consumers that may have been handed a lost sequence and
   * refills every tenant; null when another instance holds the repair lease,
   * or this one lost it on the way (the log stays, so the next check repairs
   * again). `since` is the earliest unverified acknowledgement; without one
   * (`pallet refill` with nothing logged) consumers go back lossWindowMs.
   */
  async repair(since: AckMark | null = null, ackedSeq = 0, reason = 'forced', opts: { force?: boolean; sinceMs?: number } = {}): Promise<RepairReport | null> {
    const started = Date.now();
    const leaseMs = Math.max(leaseMsMin, 4 * this.deps.events.relayLeaseMs);
    const lease = new RedisLease(() => this.deps.redis.next(), eventLogKeys(this.deps.namespace).repairLease, this.deps.instanceId, { ms: leaseMs });
    const taken = await lease.acquireOrRenew();
    if (taken.kind === 'held') {
      this.deps.log.warn({ holder: taken.holder }, 'tail guard: another instance is repairing');
      return null;
    }
    lease.keepRenewing((err) => this.deps.log.warn({ err }, 'tail guard: repair lease not renewed'));
    // Owned with a third of the lease to spare: a refill step never runs on a lease about to lapse.
    const owned = (): boolean => lease.held(Math.floor(leaseMs / 3));
    try {
      const jsm = await this.deps.nats.jsm();
      if (opts.force !== true) {
        // Another instance may have repaired between our check and the lease.
        const again = await tailState(jsm, this.deps.redis.next(), this.deps.namespace, true);
        if (again.intact) return null;
      }
      const lastSeq = (await jsm.streams.info(topology(this.deps.namespace).eventsStream)).state.last_seq;
      const sinceMs = Math.min(opts.sinceMs ?? Infinity, (since?.atMs || Date.now()) - lossWindowMs);
      const consumersMoved = await this.repositionConsumers(jsm, sinceMs);
      let tenants = 0;
      let outboxRepublished = 0;
      let journalRepublished = 0;
      for (let after: string | undefined; ;) {
        const page = await this.deps.listTenants(tenantsPage, after);
        for (const tenant of page) {
          if (!owned()) throw new Error('tail guard: the repair lease was lost; the next check repairs again');
          const n = await this.deps.refill(tenant, owned);
          outboxRepublished += n.outbox;
          journalRepublished += n.journal;
          tenants++;
        }
        if (page.length < tenantsPage) break;
        after = page[page.length - 1];
      }
      if (!owned()) throw new Error('tail guard: the repair lease was lost; the next check repairs again');
      // Everything logged so far is now covered: what the stream lost was published again.
      const keys = eventLogKeys(this.deps.namespace);
      await this.deps.redis.next().del(keys.ackedMark, verifiedKey(this.deps.namespace), keys.damaged);
      if (this.deps.checkIntervalMs > 0) await this.markIntact(this.deps.redis.next());
      this.repairs++;
      this.deps.metrics?.eventLogRepairs.inc();
      this.deps.metrics?.eventLogIntact.set(1);
      const report: RepairReport = {
        lastSeq, ackedSeq, reason, consumersMoved, tenants, outboxRepublished, journalRepublished, ms: Date.now() - started,
      };
      this.deps.log.warn({ ...report }, 'tail guard: event log repaired');
      return report;
    } finally {
      await lease.release().catch((err: unknown) => this.deps.log.warn({ err }, 'tail guard: repair lease not released; it will expire'));
    }
  }

  /**
   * Records when the log was last found intact, for the retention floors. It
   * expires: a guard that stops checking (turned off, gone) pins retention for
   * at most okAtTtlMs; during an outage no check passes and the floor stays.
   */
  private async markIntact(redis: Redis): Promise<void> {
    await redis.set(eventLogKeys(this.deps.namespace).okAt, String(Date.now()), 'PX', okAtTtlMs);
  }

  /** The first sequence stored at or after `ms` (binary search by stored time), or last + 1 when none is. */
  private async firstSeqAfter(jsm: JetStreamManager, ms: number): Promise<number> {
    const stream = topology(this.deps.namespace).eventsStream;
    const { state } = await jsm.streams.info(stream);
    if (state.messages === 0) return state.last_seq + 1;
    let lo = Math.max(1, state.first_seq);
    let hi = state.last_seq + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const m = await jsm.streams.getMessage(stream, { seq: mid });
      // A hole (deleted message) counts as "after": the search then errs towards redelivering more.
      if (m === null || m.time.getTime() >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Recreates every durable consumer that got past the first message stored
   * after `sinceMs`, to start at the earlier of that message and its ack
   * floor + 1: whatever it may have been handed since then comes again. A
   * consumer that is missing (a repair that stopped between delete and add)
   * is created at that point.
   */
  private async repositionConsumers(jsm: JetStreamManager, sinceMs: number): Promise<{ name: string; from: number; to: number }[]> {
    const t = topology(this.deps.namespace);
    const moved: { name: string; from: number; to: number }[] = [];
    const since = await this.firstSeqAfter(jsm, sinceMs);
    for (const name of Object.keys(t.consumers) as ConsumerName[]) {
      const durable = t.consumers[name].durable;
      const info = await jsm.consumers.info(t.eventsStream, durable).catch((err: unknown) => {
        if (err instanceof JetStreamApiError && err.code === 10014) return null; // consumer not found
        throw err;
      });
      const delivered = info?.delivered.stream_seq ?? 0;
      const start = info === null ? since : Math.min(info.ack_floor.stream_seq + 1, since);
      if (info !== null && delivered < start) continue;
      if (info !== null) await jsm.consumers.delete(t.eventsStream, durable);
      await jsm.consumers.add(t.eventsStream, {
        ...consumerConfig(t, name, this.deps.events), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start,
      });
      moved.push({ name, from: delivered, to: start });
    }
    return moved;
  }
}
