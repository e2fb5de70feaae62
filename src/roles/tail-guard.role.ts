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
// the highest in the sorted set `<ns>:{js}:acked` (adapters/redis/ack-log.ts,
// at most PALLET_ACK_LOG_MAX entries). The log keeps the entries of the last
// loss window (what a power loss can take); older ones were synced and are
// dropped. A regular check verifies the entries above the highest verified
// sequence; a full check — at start, after every NATS disconnect or
// reconnect, and every fullCheckEvery checks — verifies all of them
// (app/tail-check.service.ts).
//
// Repair (one instance at a time, by a lease renewed while it works):
// 1. every durable consumer that may have been handed a lost sequence number
//    is recreated (same config) to start at the earlier of its ack floor + 1
//    and the first message stored after the earliest unverified entry's time
//    − the loss window (JetStream syncs at least every 2 minutes, so older
//    messages were on disk) (adapters/nats/event-stream.ts);
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
import type { RedisClient } from '../adapters/redis/connection.ts';
import type { AckMark } from '../app/event-log.port.ts';
import type { Log } from '../app/log.port.ts';
import { tailState } from '../app/tail-check.service.ts';
import type { EventsConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import { watchReconnects, type Nats } from '../adapters/nats/connection.ts';
import { JetStreamEventStream, type ConsumerMove } from '../adapters/nats/event-stream.ts';
import { RedisAckLog, type AckedSeqMark } from '../adapters/redis/ack-log.ts';
import { eventLogKeys, eventLogLossWindowMs } from '../adapters/redis/keys.ts';
import { RedisLease } from '../adapters/redis/lease.ts';

/** Anything that hands out a Redis connection with the scripts registered (RedisPool). */
interface RedisSource { next(): RedisClient }

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
  readonly log: Log;
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
  readonly consumersMoved: ConsumerMove[];
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
const leaseLost = (): Error => new Error('tail guard: the repair lease was lost; the next check repairs again');

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
    const log = this.ackLog();
    const t = await tailState(log, await this.eventStream(), full);
    this.deps.metrics?.eventLogIntact.set(t.intact ? 1 : 0);
    if (t.intact) {
      await log.dropStale(t.stale);
      await log.raiseVerified(t.verifiedSeq);
      await log.markIntact(okAtTtlMs);
      return null;
    }
    // Every projector stops pulling and raising watermarks until the repair is done (tailState reads this). Only
    // while the lost entry is still logged: a repair that finished meanwhile deleted both.
    if (t.lostMember !== undefined && !(await log.markDamaged(t.lostMember, t.reason))) {
      return null; // repaired by another instance; the next check looks again
    }
    this.deps.log.error({ lastSeq: t.lastSeq, lost: t.lost, reason: t.reason }, 'tail guard: JetStream lost acknowledged messages; repairing');
    return this.repair(t.earliest, t.lost?.seq ?? 0, t.reason);
  }

  /**
   * Moves back the consumers that may have been handed a lost sequence and
   * refills every tenant; null when another instance holds the repair lease,
   * or this one lost it on the way (the log stays, so the next check repairs
   * again). `since` is the earliest unverified acknowledgement; without one
   * (`pallet refill` with nothing logged) consumers go back the loss window.
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
      const stream = await this.eventStream();
      // Another instance may have repaired between our check and the lease.
      if (opts.force !== true && (await tailState(this.ackLog(), stream, true)).intact) return null;
      const { lastSeq } = await stream.bounds();
      const sinceMs = Math.min(opts.sinceMs ?? Infinity, (since?.atMs || Date.now()) - eventLogLossWindowMs);
      const consumersMoved = await stream.repositionConsumers(sinceMs, this.deps.events);
      const refilled = await this.refillAll(owned);
      if (!owned()) throw leaseLost();
      await this.repaired();
      const report: RepairReport = { lastSeq, ackedSeq, reason, consumersMoved, ...refilled, ms: Date.now() - started };
      this.deps.log.warn({ ...report }, 'tail guard: event log repaired');
      return report;
    } finally {
      await lease.release().catch((err: unknown) => this.deps.log.warn({ err }, 'tail guard: repair lease not released; it will expire'));
    }
  }

  /** Refills every tenant, page by page, while the repair lease is ours. */
  private async refillAll(owned: () => boolean): Promise<Pick<RepairReport, 'tenants' | 'outboxRepublished' | 'journalRepublished'>> {
    let tenants = 0;
    let outboxRepublished = 0;
    let journalRepublished = 0;
    for (let after: string | undefined; ;) {
      const page = await this.deps.listTenants(tenantsPage, after);
      for (const tenant of page) {
        if (!owned()) throw leaseLost();
        const n = await this.deps.refill(tenant, owned);
        outboxRepublished += n.outbox;
        journalRepublished += n.journal;
        tenants++;
      }
      if (page.length < tenantsPage) break;
      after = page[page.length - 1];
    }
    return { tenants, outboxRepublished, journalRepublished };
  }

  /** Everything logged so far is now covered: what the stream lost was published again. */
  private async repaired(): Promise<void> {
    const log = this.ackLog();
    await log.clear();
    if (this.deps.checkIntervalMs > 0) await log.markIntact(okAtTtlMs);
    this.repairs++;
    this.deps.metrics?.eventLogRepairs.inc();
    this.deps.metrics?.eventLogIntact.set(1);
  }

  private ackLog(): RedisAckLog {
    return new RedisAckLog(this.deps.redis.next(), this.deps.namespace);
  }

  private async eventStream(): Promise<JetStreamEventStream> {
    return new JetStreamEventStream(await this.deps.nats.jsm(), this.deps.namespace);
  }
}
