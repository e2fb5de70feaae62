// The tail guard: finds out that JetStream lost acknowledged messages and
// repairs the event log from Redis.
//
// Why: NATS 2.9 acknowledges a publish before it syncs the stream to disk
// (every 2 minutes by default). After a power loss the stream comes back
// without its unsynced tail, and a durable consumer that had already been
// handed that tail comes back *ahead* of the stream: on NATS 2.9.10 it then
// skips the messages stored under the lost sequence numbers again, old or new
// (test/faults shows both).
//
// Detection: every publisher notes the stream sequence of each PubAck
// (AckedSeqMark) and raises `<ns>:js:acked` in Redis with it about once a
// check interval. JetStream never lowers its last sequence on its own (limits
// and purges keep it), so a stream whose last sequence is below that mark has
// lost acknowledged messages.
//
// Repair (one instance at a time, by a lease):
// 1. every durable consumer whose delivered or ack floor is beyond the
//    stream's last sequence L is recreated (same config) to start at
//    min(ack floor, L) + 1;
// 2. every tenant is refilled (OutboxRelay.refillTenant): the outbox above
//    the projector's watermark and the payment journal, with their original
//    message ids — duplicates are dropped by JetStream or by the consumers'
//    idempotency;
// 3. the mark is set to the stream's last sequence.
// The relay goes on meanwhile: new messages land after L, where the
// recreated consumers start.
//
// Blind spot: a tail lost entirely within the last check interval while the
// publishing processes died too (the same power cut) leaves a mark that never
// saw those acks. `pallet refill` repairs unconditionally for that case.
import { DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import type { Redis } from 'ioredis';
import type { EventsConfig } from '../config.ts';
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

/**
 * The highest PubAck sequence this process saw since its last flush. Cheap to
 * note on every ack; flushed (raised in Redis, never lowered there) by the
 * process's own timer. Reset on flush, so a mark from before a repair is
 * flushed at most once.
 */
export class AckedSeqMark {
  private highest = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: RedisSource, private readonly namespace: string) {}

  note(seq: number): void {
    if (seq > this.highest) this.highest = seq;
  }

  /** Raises the Redis mark to what was noted since the last flush; keeps it when Redis fails. */
  async flush(): Promise<void> {
    const seq = this.highest;
    if (seq === 0) return;
    this.highest = 0;
    try {
      await runScript(this.redis.next(), 'raiseWatermark', [eventLogKeys(this.namespace).ackedSeq], [`${seq}-0`]);
    } catch (err) {
      this.note(seq);
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
  readonly consumersMoved: { name: string; from: number; to: number }[];
  readonly tenants: number;
  readonly outboxRepublished: number;
  readonly journalRepublished: number;
  readonly ms: number;
}

const leaseMsMin = 30_000;

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

  /** Flushes this process's mark, compares it with the stream, and repairs on a loss; null when nothing was lost. */
  async checkOnce(): Promise<RepairReport | null> {
    await this.deps.mark.flush();
    const jsm = await this.deps.nats.jsm();
    const lastSeq = await this.lastSeq(jsm);
    const raw = await this.deps.redis.next().get(eventLogKeys(this.deps.namespace).ackedSeq);
    const ackedSeq = raw === null ? 0 : Number(raw.split('-')[0]);
    if (!(ackedSeq > lastSeq)) return null;
    this.deps.log.error({ lastSeq, ackedSeq }, 'tail guard: JetStream lost acknowledged messages (its last sequence is below the highest acknowledged one); repairing');
    return this.repair(ackedSeq);
  }

  /**
   * Repositions the consumers that are ahead of the stream and refills every
   * tenant; null when another instance holds the repair lease. `ackedSeq` is
   * for the report (0 when forced by `pallet refill`).
   */
  async repair(ackedSeq = 0): Promise<RepairReport | null> {
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
      const consumersMoved = await this.repositionConsumers(jsm, lastSeq);
      const tenants = await this.deps.listTenants(this.deps.tenantsMax ?? 10_000);
      let outboxRepublished = 0;
      let journalRepublished = 0;
      for (const tenant of tenants) {
        await redis.pexpire(lease, leaseMs);
        const n = await this.deps.refill(tenant);
        outboxRepublished += n.outbox;
        journalRepublished += n.journal;
      }
      await redis.set(eventLogKeys(this.deps.namespace).ackedSeq, `${await this.lastSeq(jsm)}-0`);
      this.repairs++;
      const report: RepairReport = {
        lastSeq, ackedSeq, consumersMoved, tenants: tenants.length, outboxRepublished, journalRepublished, ms: Date.now() - started,
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

  /** Recreates, at min(ack floor, lastSeq) + 1, every durable consumer that is ahead of the stream. */
  private async repositionConsumers(jsm: JetStreamManager, lastSeq: number): Promise<{ name: string; from: number; to: number }[]> {
    const t = topology(this.deps.namespace);
    const moved: { name: string; from: number; to: number }[] = [];
    for (const name of Object.keys(t.consumers) as ConsumerName[]) {
      const durable = t.consumers[name].durable;
      const info = await jsm.consumers.info(t.eventsStream, durable);
      const delivered = info.delivered.stream_seq;
      const floor = info.ack_floor.stream_seq;
      if (delivered <= lastSeq && floor <= lastSeq) continue;
      const start = Math.min(floor, lastSeq) + 1;
      await jsm.consumers.delete(t.eventsStream, durable);
      await jsm.consumers.add(t.eventsStream, {
        ...consumerConfig(t, name, this.deps.events), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start,
      });
      moved.push({ name, from: delivered, to: start });
    }
    return moved;
  }
}
