// The outbox relay: moves each tenant's Redis outbox stream into JetStream.
//
// Ownership: one relay instance at a time per tenant, by a lease key under the
// tenant's hash tag (renewLease-1.lua / releaseLease-1.lua). Progress is the
// Redis consumer group `relay` on the outbox stream: an entry is read
// (XREADGROUP), published with Nats-Msg-Id = `<tenant>:<event id>`, and XACKed only after
// JetStream acked it. A new owner first claims what previous owners read but
// never acked (XAUTOCLAIM) and publishes it again; JetStream's duplicate
// window and the consumers' idempotency drop the copies.
//
// Durability: the outbox is not trimmed when JetStream acks (JetStream 2.9
// syncs to disk every 2 min) but only up to the projector's watermark (the
// highest outbox id durable in PostgreSQL), and never past an entry the relay
// has not acked (trimOutbox-2.lua, one atomic step).
//
// Order: a batch is published pipelined on one NATS connection, which keeps
// order in the normal path. After a failed publish nothing of the batch is
// acked, and the unacked entries are published again one at a time, in order,
// after a bounded backoff.
//
// Cost: the pipelined path does not call js.publish per message (a request
// with its own timer, promise and captured stack each); BatchPublisher sends
// plain publishes with reply subjects on one inbox subscription and one timer
// per batch, like JetStream clients' async publish.
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { PubHeaders } from '@nats-io/jetstream';
import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import type { Clock } from '../app/catalog.port.ts';
import type { EventsConfig } from '../config.ts';
import { encodeEnvelope, envelopeFromOutbox, subjectOf } from '../adapters/events/envelope.codec.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { topology } from '../adapters/nats/topology.ts';
import type { RedisPool } from '../adapters/redis/connection.ts';
import { TenantKeys, readOkAtMs, retentionFloor } from '../adapters/redis/keys.ts';
import { runScript } from '../adapters/redis/scripts.ts';
import { RedisLease } from '../adapters/redis/lease.ts';
import type { PaymentJournal } from '../adapters/redis/payment-journal.ts';
import type { AckedSeqMark } from './tail-guard.ts';

export interface RelayLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type RelayMetrics = Pick<Metrics, 'relayPublished' | 'relayLagSeconds' | 'outboxLength' | 'paymentJournalLength'>;

export interface RelayOptions {
  readonly redis: RedisPool;
  readonly nats: Nats;
  readonly namespace: string;
  readonly events: EventsConfig;
  /** Tenant ids to relay, in id order: a page of at most `limit` after `afterId`. */
  readonly listTenants: (limit: number, afterId?: string) => Promise<string[]>;
  readonly log: RelayLog;
  readonly metrics: RelayMetrics;
  /** Unique per running relay: the lease owner and the Redis consumer name. */
  readonly instanceId: string;
  /** Wall clock, for lag and the retention floor (leases use monotonic time). */
  readonly clock?: Clock;
  /** How often the tenant list is refreshed (default 5,000 ms). */
  readonly tenantsRefreshMs?: number;
  /** Trim and outbox-length sample per tenant at most this often (default 1,000 ms). */
  readonly trimIntervalMs?: number;
  /** Entries older than this may be trimmed once acked even above the projector watermark (default null: never). */
  readonly outboxRetentionMs?: number | null;
  /** A quiet tenant is polled less often, up to this interval (default 200 ms). */
  readonly idlePollMsMax?: number;
  /** Backoff after a failed batch: doubles from min to max (defaults 100 ms, 5,000 ms). */
  readonly retryDelayMsMin?: number;
  readonly retryDelayMsMax?: number;
  /** JetStream ack timeout per publish (default a third of the lease, at most 5,000 ms). */
  readonly publishTimeoutMs?: number;
  /** Notes every PubAck's stream sequence for the tail guard. */
  readonly acked?: AckedSeqMark;
  /** Payment events to publish again when the tail guard refills a tenant. */
  readonly journal?: PaymentJournal;
}

/** The Redis consumer group of the relay on every outbox stream. */
export const relayGroup = 'relay';
/** The lease key of a tenant's outbox. */
export const relayLeaseKey = (k: TenantKeys): string => k.relayLease;
/** Where the projector stores the highest outbox id durably committed to PostgreSQL. */
export const outboxProjectedKey = (k: TenantKeys): string => k.outboxProjected;


export interface TrimResult {
  readonly trimmed: number;
  /** Entries below this id were removed (0-0: nothing could be). */
  readonly cutoff: string;
  readonly length: number;
  /** Consumers of previous relay instances removed from the group (nothing pending, idle for two leases). */
  readonly consumersDeleted: number;
}

type Fields = string[] | null;
type OutboxFields = { id: string; type: string; agg: string; ts: string; data: string };
type Entry = [id: string, fields: Fields];

interface TenantState {
  readonly tenant: string;
  readonly outbox: string;
  /** Which relay owns the tenant's outbox (monotonic time, see RedisLease). */
  readonly lease: RedisLease;
  readonly projectedKey: string;
  /** One subject per event type, built once. */
  readonly subjects: Map<string, string>;
  /** Earliest monotonic ms to try the lease again when another instance holds it. */
  acquireAtMs: number;
  /** The group exists and every entry previous owners left pending is claimed. */
  ready: boolean;
  claimCursor: string;
  /** Reading our own pending entries ('0') before new ones ('>'). */
  draining: boolean;
  /** Consecutive failed batches: > 0 means publish one at a time. */
  failures: number;
  retryAtMs: number;
  idleStreak: number;
  pollAtMs: number;
  trimAtMs: number;
}

interface Prepared {
  readonly subjects: string[];
  readonly payloads: Uint8Array[];
  readonly msgIds: string[];
}

const claimRoundsMax = 16;
const tenantsPageMax = 1_000;
const leaseRenewFraction = 1 / 3;
const textEncoder = new TextEncoder();
const empty = new Uint8Array(0);
const mono = (): number => performance.now();
const msOfId = (id: string): number => Number(id.slice(0, id.indexOf('-')));
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class OutboxRelay {
  private readonly states = new Map<string, TenantState>();
  private readonly clock: Clock;
  private readonly readCount: number;
  private readonly concurrency: number;
  /** Publishes awaiting a JetStream ack, relay batches and refills together: at most relayInflightMax. */
  private readonly inflight: Permits;
  private readonly publishTimeoutMs: number;
  private readonly dlqSubject: (subject: string) => string;
  /** Subjects of the events stream (the DLQ's are `<ns>_dlq.…`). */
  private readonly eventsPrefix: string;
  private tenants: string[] = [];
  private tenantsAtMs = -Infinity;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private publisher: BatchPublisher | null = null;

  constructor(private readonly opts: RelayOptions) {
    const e = opts.events;
    if (!(e.relayBatchMax >= 1 && e.relayInflightMax >= 1 && e.relayLeaseMs >= 100 && e.relayIdleMs >= 1)) {
      throw new Error('relay bounds must be positive (batch, inflight, idle) and the lease at least 100 ms');
    }
    // A new owner publishes again what its predecessor may have published up to a lease (and a retry) earlier:
    // JetStream drops those copies only inside its duplicate window.
    if (e.duplicateWindowSeconds * 1000 < 4 * e.relayLeaseMs) {
      throw new Error(`the JetStream duplicate window (${e.duplicateWindowSeconds} s) must be at least 4 relay leases (${e.relayLeaseMs} ms)`);
    }
    if (opts.instanceId === '' || /[\s{}]/.test(opts.instanceId)) throw new Error('relay instanceId must be non-empty, without spaces or braces');
    this.clock = opts.clock ?? { nowMs: () => Date.now() };
    // Every batch has at most readCount publishes in flight and at most `concurrency` batches run
    // at once, so the relay never has more than relayInflightMax publishes awaiting an ack.
    this.readCount = Math.min(e.relayBatchMax, e.relayInflightMax);
    this.concurrency = Math.max(1, Math.floor(e.relayInflightMax / this.readCount));
    this.inflight = new Permits(e.relayInflightMax);
    this.publishTimeoutMs = opts.publishTimeoutMs ?? Math.min(5_000, Math.max(100, Math.floor(e.relayLeaseMs * leaseRenewFraction)));
    this.eventsPrefix = `${opts.namespace}.`;
    const dlq = topology(opts.namespace).dlqSubject;
    this.dlqSubject = (subject) => dlq('relay', subject);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batches in flight, then releases every lease this instance holds. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.releaseAll();
    this.publisher?.close();
    this.publisher = null;
  }

  /**
   * One step for a tenant: take or keep its lease, claim what a previous owner
   * left pending, publish one batch, ack it, and trim when due. Returns how
   * many entries were acked (0 when not the owner, idle, or backing off).
   */
  async relayTenantOnce(tenant: string): Promise<number> {
    const st = this.stateOf(tenant);
    if (!(await this.holdLease(st))) return 0;
    if (st.retryAtMs > mono()) return 0; // backing off, but the lease stays ours
    if (!st.ready && !(await this.takeOver(st))) return 0;
    let acked = 0;
    try {
      acked = await this.relayBatch(st);
    } catch (err) {
      // Whatever was read and not acked stays pending under this consumer: read it again first.
      st.draining = true;
      throw err;
    }
    if (mono() >= st.trimAtMs) await this.trimTenant(tenant);
    return acked;
  }

  /**
   * Trims the tenant's outbox below the lower of the projector watermark (or
   * the retention floor, when configured) and the first entry not yet acked;
   * samples the outbox length.
   */
  async trimTenant(tenant: string): Promise<TrimResult> {
    const st = this.stateOf(tenant);
    st.trimAtMs = mono() + (this.opts.trimIntervalMs ?? 1_000);
    const retention = this.opts.outboxRetentionMs ?? null;
    const floor = retention === null ? ''
      : `${retentionFloor(this.clock.nowMs() - retention, await readOkAtMs(this.redis(), this.opts.namespace))}-0`;
    const reply = await runScript(this.redis(), 'trimOutbox', [st.outbox, st.projectedKey],
      [relayGroup, floor, this.opts.instanceId, 2 * this.opts.events.relayLeaseMs]);
    if (reply[0] !== 0) {
      this.opts.log.warn({ tenant, reply }, 'outbox not trimmed');
      return { trimmed: 0, cutoff: '0-0', length: -1, consumersDeleted: 0 };
    }
    const result = { trimmed: Number(reply[1]), cutoff: String(reply[2]), length: Number(reply[3]), consumersDeleted: Number(reply[4]) };
    this.opts.metrics.outboxLength.set({ tenant }, result.length);
    if (this.opts.journal !== undefined) this.opts.metrics.paymentJournalLength.set({ tenant }, await this.opts.journal.length(tenant));
    return result;
  }

  /** Tenants whose lease this instance holds right now (by its own conservative clock). */
  ownedTenants(): string[] {
    const now = mono();
    return [...this.states.values()].filter((s) => s.lease.held(0, now)).map((s) => s.tenant);
  }

  private redis(): Redis {
    return this.opts.redis.next();
  }

  private stateOf(tenant: string): TenantState {
    let st = this.states.get(tenant);
    if (st === undefined) {
      if (tenant === '' || /[.\s*>{}:]/.test(tenant)) throw new Error(`relay: bad tenant id ${JSON.stringify(tenant)}`);
      const k = new TenantKeys(this.opts.namespace, tenant);
      st = {
        tenant, outbox: k.outbox, projectedKey: outboxProjectedKey(k), subjects: new Map(),
        lease: new RedisLease(() => this.redis(), relayLeaseKey(k), this.opts.instanceId, { ms: this.opts.events.relayLeaseMs }),
        acquireAtMs: 0, ready: false, claimCursor: '0-0', draining: true,
        failures: 0, retryAtMs: 0, idleStreak: 0, pollAtMs: 0, trimAtMs: 0,
      };
      this.states.set(tenant, st);
    }
    return st;
  }

  // ---- ownership -------------------------------------------------------------------------------

  /** True while the lease is ours; renews it once a third of it has passed, takes it when free. */
  private async holdLease(st: TenantState): Promise<boolean> {
    const { lease } = st;
    const sentAtMs = mono();
    if (!lease.due(leaseRenewFraction, sentAtMs)) return true;
    const hadUntilMs = lease.heldUntilMs;
    const outcome = await lease.acquireOrRenew();
    if (outcome.kind !== 'held') {
      // Acquired means nobody held it a moment ago: whatever state we had is stale, take over afresh.
      if (outcome.kind === 'acquired' || hadUntilMs <= sentAtMs) this.resetOwnership(st);
      if (hadUntilMs === 0) this.opts.log.info({ tenant: st.tenant, instance: this.opts.instanceId }, 'relay took the tenant outbox');
      return true;
    }
    if (hadUntilMs > 0) this.opts.log.warn({ tenant: st.tenant, holder: outcome.holder }, 'relay lost the tenant outbox lease');
    this.dropOwnership(st);
    // Try again shortly after the holder's lease would end if it stopped renewing.
    st.acquireAtMs = mono() + Math.min(lease.ms, outcome.remainingMs) + 10;
    return false;
  }

  private resetOwnership(st: TenantState): void {
    st.ready = false;
    st.claimCursor = '0-0';
    st.draining = true;
    st.failures = 0;
    st.retryAtMs = 0;
  }

  private dropOwnership(st: TenantState): void {
    st.lease.drop();
    this.resetOwnership(st);
    this.opts.metrics.relayLagSeconds.remove({ tenant: st.tenant });
    this.opts.metrics.outboxLength.remove({ tenant: st.tenant });
    this.opts.metrics.paymentJournalLength.remove({ tenant: st.tenant });
  }

  /** Creates the group when missing and claims every entry other consumers left pending (bounded per call). */
  private async takeOver(st: TenantState): Promise<boolean> {
    const redis = this.redis();
    if (st.claimCursor === '0-0') {
      try {
        await redis.xgroup('CREATE', st.outbox, relayGroup, '0', 'MKSTREAM');
      } catch (err) {
        if (!errorText(err).includes('BUSYGROUP')) throw err;
      }
    }
    for (let round = 0; round < claimRoundsMax; round++) {
      const reply = (await redis.xautoclaim(st.outbox, relayGroup, this.opts.instanceId, 0, st.claimCursor,
        'COUNT', this.readCount, 'JUSTID')) as [string, ...unknown[]];
      st.claimCursor = reply[0];
      if (st.claimCursor === '0-0') {
        st.ready = true;
        st.draining = true;
        return true;
      }
    }
    return false;
  }

  /** Our own pending entries first (claimed or left by a failed batch), then new ones. */
  private async readBatch(st: TenantState): Promise<Entry[]> {
    if (st.draining) {
      const pending = await this.xreadgroup(st, '0');
      if (pending.length > 0) return pending;
      st.draining = false;
    }
    return this.xreadgroup(st, '>');
  }

  private async xreadgroup(st: TenantState, from: '0' | '>'): Promise<Entry[]> {
    try {
      const reply = (await this.redis().xreadgroup('GROUP', relayGroup, this.opts.instanceId, 'COUNT', this.readCount,
        'STREAMS', st.outbox, from)) as [string, Entry[]][] | null;
      return reply?.[0]?.[1] ?? [];
    } catch (err) {
      // The stream (and its group) was deleted: set it up again on the next call.
      if (errorText(err).includes('NOGROUP')) this.resetOwnership(st);
      throw err;
    }
  }

  // ---- publishing ------------------------------------------------------------------------------

  private async relayBatch(st: TenantState): Promise<number> {
    const entries = await this.readBatch(st);
    if (entries.length === 0) {
      this.opts.metrics.relayLagSeconds.set({ tenant: st.tenant }, 0);
      st.idleStreak++;
      return 0;
    }
    this.opts.metrics.relayLagSeconds.set({ tenant: st.tenant }, Math.max(0, this.clock.nowMs() - msOfId(entries[0]![0])) / 1000);
    st.idleStreak = 0;
    return st.failures > 0 ? this.publishInOrder(st, entries) : this.publishPipelined(st, entries);
  }

  /** Publishes the batch with every message in flight at once, then acks all of it, or none. */
  private async publishPipelined(st: TenantState, entries: Entry[]): Promise<number> {
    const p = this.prepare(st, entries);
    const result = await this.publishBatch(p.subjects, p.payloads, p.msgIds);
    if (result.failed >= 0) {
      this.batchFailed(st, entries.length, new Error(`entry ${entries[result.failed]![0]}: ${result.error}`));
      return 0;
    }
    return this.ackBatch(st, entries, entries.length);
  }

  /** After a failure: one publish at a time, in order; acks the prefix that made it. */
  private async publishInOrder(st: TenantState, entries: Entry[]): Promise<number> {
    const p = this.prepare(st, entries);
    const js = this.opts.nats.js;
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % 64 === 0 && !(await this.holdLease(st))) return this.ackBatch(st, entries, i, false);
      if (p.subjects[i] === '') continue;
      try {
        const ack = await js.publish(p.subjects[i]!, p.payloads[i]!, { msgID: p.msgIds[i]!, timeout: this.publishTimeoutMs });
        if (p.subjects[i]!.startsWith(this.eventsPrefix)) this.opts.acked?.note(ack.seq, p.msgIds[i]!);
      } catch (err) {
        const acked = await this.ackBatch(st, entries, i, false);
        this.batchFailed(st, entries.length - i, err);
        return acked;
      }
    }
    return this.ackBatch(st, entries, entries.length);
  }

  /** One pipelined batch within the relay's in-flight bound. */
  private async publishBatch(subjects: string[], payloads: Uint8Array[], msgIds: string[]): Promise<BatchResult> {
    const n = subjects.length;
    await this.inflight.acquire(n);
    try {
      return await this.batchPublisher().publish(subjects, payloads, msgIds, this.publishTimeoutMs);
    } finally {
      this.inflight.release(n);
    }
  }

  private batchPublisher(): BatchPublisher {
    const acked = this.opts.acked;
    // Only acks of the events stream: a dead letter's sequence is the DLQ stream's.
    this.publisher ??= new BatchPublisher(this.opts.nats.nc, acked === undefined ? null : (seq, msgId, subject) => {
      if (subject.startsWith(this.eventsPrefix)) acked.note(seq, msgId);
    });
    return this.publisher;
  }

  // ---- refill ----------------------------------------------------------------------------------

  /**
   * After JetStream lost its unsynced tail: publishes again, with their
   * original message ids, every outbox entry above the projector's watermark
   * (not yet in PostgreSQL) and every journaled payment event of the
   * retention window. What JetStream still holds is dropped as a duplicate,
   * or, past the duplicate window, by the consumers' idempotency. Does not
   * touch the relay's consumer group: the normal path goes on meanwhile.
   * Throws when a publish is not acknowledged (the guard retries).
   */
  async refillTenant(tenant: string, owned: () => boolean = () => true): Promise<{ outbox: number; journal: number }> {
    const st = this.stateOf(tenant);
    const watermark = await this.redis().get(st.projectedKey);
    // Up to what the outbox holds now: later entries take the normal path, so the refill ends under load too.
    const last = (await this.redis().xrevrange(st.outbox, '+', '-', 'COUNT', 1)) as Entry[];
    const end = last[0]?.[0] ?? '0-0';
    let outbox = 0;
    let from = watermark === null ? '-' : `(${watermark}`;
    for (;;) {
      const entries = (await this.redis().xrange(st.outbox, from, end, 'COUNT', this.readCount)) as Entry[];
      if (entries.length === 0) break;
      if (!owned()) throw new Error(`refill of ${tenant} stopped: the repair lease was lost`);
      const p = this.prepare(st, entries);
      await this.publishAll(p.subjects, p.payloads, p.msgIds, `outbox of ${tenant}`);
      outbox += entries.length;
      from = `(${entries[entries.length - 1]![0]}`;
    }
    let journal = 0;
    const j = this.opts.journal;
    if (j !== undefined) {
      let after = '';
      const untilMs = this.clock.nowMs();
      for (;;) {
        const rows = (await j.read(tenant, after, this.readCount)).filter((r) => msOfId(r.id) <= untilMs);
        if (rows.length === 0) break;
        if (!owned()) throw new Error(`refill of ${tenant} stopped: the repair lease was lost`);
        await this.publishAll(rows.map((r) => r.subject), rows.map((r) => r.data), rows.map((r) => r.msgId), `payment journal of ${tenant}`);
        journal += rows.length;
        after = rows[rows.length - 1]!.id;
      }
    }
    return { outbox, journal };
  }

  private async publishAll(subjects: string[], payloads: Uint8Array[], msgIds: string[], what: string): Promise<void> {
    const result = await this.publishBatch(subjects, payloads, msgIds);
    if (result.failed >= 0) throw new Error(`refill of the ${what} stopped at message ${msgIds[result.failed]}: ${result.error}`);
  }

  private batchFailed(st: TenantState, unacked: number, err: unknown): void {
    st.failures++;
    st.draining = true;
    const delayMs = this.retryDelayMs(st.failures);
    st.retryAtMs = mono() + delayMs;
    this.opts.log.warn({ tenant: st.tenant, unacked, failures: st.failures, retryInMs: delayMs, err: errorText(err) },
      'relay publish failed; will publish the unacked entries again in order');
  }

  private retryDelayMs(failures: number): number {
    return Math.min(this.opts.retryDelayMsMax ?? 5_000, (this.opts.retryDelayMsMin ?? 100) * 2 ** Math.min(failures - 1, 20));
  }

  /** XACKs entries[0..n) in one call; `healthy` clears the failure count. */
  private async ackBatch(st: TenantState, entries: Entry[], n: number, healthy = true): Promise<number> {
    if (n > 0) {
      const ids = new Array<string>(n);
      for (let i = 0; i < n; i++) ids[i] = entries[i]![0];
      await this.redis().xack(st.outbox, relayGroup, ...ids);
      this.opts.metrics.relayPublished.inc(n);
    }
    if (healthy) st.failures = 0;
    return n;
  }

  /**
   * Subjects, payloads and message ids, aligned with the entries: poison goes to
   * the DLQ; an entry deleted from the stream while pending gets subject '' (only acked).
   */
  private prepare(st: TenantState, entries: Entry[]): Prepared {
    const subjects: string[] = [];
    const payloads: Uint8Array[] = [];
    const msgIds: string[] = [];
    for (const [id, raw] of entries) {
      if (raw === null) {
        subjects.push('');
        payloads.push(empty);
        msgIds.push('');
        continue;
      }
      const fields = fieldsOf(raw);
      try {
        if (fields.id === '') throw new Error('no event id');
        const envelope = envelopeFromOutbox(st.tenant, id, fields);
        payloads.push(encodeEnvelope(envelope));
        subjects.push(this.subjectFor(st, envelope.type!));
        // JetStream dedupes message ids across the whole stream, which all tenants share.
        msgIds.push(`${st.tenant}:${fields.id}`);
      } catch (err) {
        this.opts.log.error({ tenant: st.tenant, outboxId: id, fields: raw, err: errorText(err) }, 'poison outbox entry sent to the dead-letter stream');
        payloads.push(textEncoder.encode(JSON.stringify({ tenant: st.tenant, outboxId: id, fields: raw, error: errorText(err) })));
        subjects.push(this.dlqSubject(`${this.opts.namespace}.${st.tenant}.outbox`));
        msgIds.push(`relay-poison:${st.tenant}:${id}`);
      }
    }
    return { subjects, payloads, msgIds };
  }

  private subjectFor(st: TenantState, type: string): string {
    let s = st.subjects.get(type);
    if (s === undefined) {
      s = subjectOf(this.opts.namespace, st.tenant, type);
      if (st.subjects.size < 64) st.subjects.set(type, s);
    }
    return s;
  }

  // ---- the loop --------------------------------------------------------------------------------

  private async run(): Promise<void> {
    while (this.running) {
      let work = 0;
      try {
        await this.refreshTenants();
        work = await this.round();
      } catch (err) {
        this.opts.log.error({ err: errorText(err) }, 'relay round failed');
      }
      if (work === 0 && this.running) await this.sleep(this.opts.events.relayIdleMs);
    }
  }

  /** One batch for every tenant that is due, `concurrency` tenants at a time. */
  private async round(): Promise<number> {
    const now = mono();
    const due: TenantState[] = [];
    for (const t of this.tenants) {
      const st = this.stateOf(t);
      const owned = st.lease.held(0, now);
      const renew = st.lease.due(leaseRenewFraction, now);
      if (owned ? renew || (st.pollAtMs <= now && st.retryAtMs <= now) : st.acquireAtMs <= now) due.push(st);
    }
    let next = 0;
    let work = 0;
    const worker = async (): Promise<void> => {
      while (this.running && next < due.length) {
        const n = await this.step(due[next++]!);
        work += n;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
    return work;
  }

  /** relayTenantOnce with errors contained to the tenant, and the idle backoff. */
  private async step(st: TenantState): Promise<number> {
    try {
      const n = await this.relayTenantOnce(st.tenant);
      const idleMs = this.opts.events.relayIdleMs;
      st.pollAtMs = st.idleStreak === 0 ? 0
        : mono() + Math.min(this.opts.idlePollMsMax ?? 200, idleMs * 2 ** Math.min(st.idleStreak - 1, 16));
      return n;
    } catch (err) {
      st.failures++;
      st.retryAtMs = mono() + this.retryDelayMs(st.failures);
      this.opts.log.warn({ tenant: st.tenant, err: errorText(err) }, 'relay step failed');
      return 0;
    }
  }

  private async refreshTenants(): Promise<void> {
    if (mono() - this.tenantsAtMs < (this.opts.tenantsRefreshMs ?? 5_000)) return;
    this.tenantsAtMs = mono();
    // Every tenant, page by page: no cap (a tenant past a cap would never have its outbox relayed).
    const listed: string[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.opts.listTenants(tenantsPageMax, after);
      listed.push(...page);
      if (page.length < tenantsPageMax) break;
      after = page[page.length - 1];
    }
    const keep = new Set(listed);
    for (const st of [...this.states.values()]) {
      if (keep.has(st.tenant)) continue;
      if (st.lease.heldUntilMs > 0) await this.release(st);
      this.states.delete(st.tenant);
    }
    this.tenants = listed;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }

  private async releaseAll(): Promise<void> {
    const held = [...this.states.values()].filter((s) => s.lease.heldUntilMs > 0);
    await Promise.all(held.map((st) => this.release(st)));
  }

  private async release(st: TenantState): Promise<void> {
    try {
      await st.lease.release();
    } catch (err) {
      this.opts.log.warn({ tenant: st.tenant, err: errorText(err) }, 'relay lease not released; it will expire');
    }
    this.dropOwnership(st);
  }
}

// ---- JetStream batch publishing --------------------------------------------------------------------

/** A counting semaphore: acquire(n) waits (FIFO) until n of `capacity` permits are free. */
class Permits {
  private free: number;
  private readonly waiting: { n: number; resolve: () => void }[] = [];

  constructor(private readonly capacity: number) {
    this.free = capacity;
  }

  acquire(n: number): Promise<void> {
    const take = Math.min(n, this.capacity);
    if (this.waiting.length === 0 && this.free >= take) {
      this.free -= take;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ n: take, resolve }));
  }

  release(n: number): void {
    this.free += Math.min(n, this.capacity);
    while (this.waiting.length > 0 && this.free >= this.waiting[0]!.n) {
      const w = this.waiting.shift()!;
      this.free -= w.n;
      w.resolve();
    }
  }
}

export interface BatchResult {
  /** Index of the first message JetStream did not ack (error or timeout), or -1 when all were acked. */
  readonly failed: number;
  readonly error: string;
}

interface BatchState {
  /** Per message: 0 awaiting its ack, 1 acked, 2 failed; '' subjects start acked (nothing to send). */
  readonly status: Uint8Array;
  readonly msgIds: readonly string[];
  readonly subjects: readonly string[];
  waiting: number;
  failed: number;
  error: string;
  readonly timer: NodeJS.Timeout;
  readonly resolve: (r: BatchResult) => void;
}

const batchesMax = 1_024;

/**
 * Publishes many messages to JetStream at once and collects their PubAcks on
 * one inbox subscription: `<inbox>.<batch>.<index>` is each message's reply
 * subject. Per batch one timer instead of one request (timer, promise and
 * error object) per message, as JetStream clients' async publish does.
 */
export class BatchPublisher {
  private readonly prefix: string;
  private readonly sub: Subscription;
  private readonly batches = new Map<number, BatchState>();
  private batchSeq = 0;

  constructor(private readonly nc: NatsConnection, private readonly onAck: ((seq: number, msgId: string, subject: string) => void) | null = null) {
    this.prefix = `${createInbox()}.`;
    this.sub = nc.subscribe(`${this.prefix}>`, { callback: (err, msg) => this.onReply(err, msg) });
  }

  /** Sends every message ('' subject = skip) with Nats-Msg-Id, resolves when all are acked, one failed, or the timeout passed. */
  publish(subjects: readonly string[], payloads: readonly Uint8Array[], msgIds: readonly string[], timeoutMs: number): Promise<BatchResult> {
    if (this.batches.size >= batchesMax) throw new Error('too many batches in flight');
    const batchNo = ++this.batchSeq;
    const replyPrefix = `${this.prefix}${batchNo}.`;
    const hdrs = headers();
    return new Promise<BatchResult>((resolve) => {
      const status = new Uint8Array(subjects.length);
      const timer = setTimeout(() => this.finish(batchNo, 'no JetStream ack before the timeout'), timeoutMs);
      const b: BatchState = { status, msgIds, subjects, waiting: 0, failed: -1, error: '', timer, resolve };
      this.batches.set(batchNo, b);
      let i = 0;
      try {
        for (; i < subjects.length; i++) {
          if (subjects[i] === '') { status[i] = 1; continue; }
          // publish encodes the headers before it returns, so one headers object serves the batch
          hdrs.set(PubHeaders.MsgIdHdr, msgIds[i]!);
          this.nc.publish(subjects[i]!, payloads[i]!, { reply: `${replyPrefix}${i}`, headers: hdrs });
          b.waiting++;
        }
      } catch (err) {
        this.fail(b, i, err instanceof Error ? err.message : String(err));
        status.fill(2, i);
      }
      if (b.waiting === 0 || b.failed >= 0) this.finish(batchNo, '');
    });
  }

  close(): void {
    for (const no of [...this.batches.keys()]) this.finish(no, 'publisher closed');
    this.sub.unsubscribe();
  }

  private onReply(err: Error | null, msg: Msg): void {
    if (err !== null) {
      for (const no of [...this.batches.keys()]) this.finish(no, `ack subscription failed: ${err.message}`);
      return;
    }
    const s = msg.subject;
    const dot = s.lastIndexOf('.');
    const b = this.batches.get(Number(s.slice(this.prefix.length, dot)));
    const i = Number(s.slice(dot + 1));
    if (b === undefined || b.status[i] !== 0) return; // late or repeated
    const problem = ackProblem(msg);
    if (problem === null) {
      b.status[i] = 1;
      if (this.onAck !== null) this.onAck(pubAckSeq(msg.data), b.msgIds[i]!, b.subjects[i]!);
    } else {
      b.status[i] = 2;
      this.fail(b, i, problem);
    }
    if (--b.waiting === 0) this.finish(Number(s.slice(this.prefix.length, dot)), '');
  }

  private fail(b: BatchState, i: number, error: string): void {
    if (b.failed < 0 || i < b.failed) {
      b.failed = i;
      b.error = error;
    }
  }

  /** Resolves a batch; messages still awaiting an ack count as failed with `reason`. */
  private finish(batchNo: number, reason: string): void {
    const b = this.batches.get(batchNo);
    if (b === undefined) return;
    this.batches.delete(batchNo);
    clearTimeout(b.timer);
    const firstWaiting = b.status.indexOf(0);
    if (firstWaiting >= 0) this.fail(b, firstWaiting, reason || 'not sent');
    b.resolve({ failed: b.failed, error: b.error });
  }
}

/** The fields the outbox scripts write (one shape for every entry; others are ignored, missing ones ''). */
function fieldsOf(raw: string[]): OutboxFields {
  const f: OutboxFields = { id: '', type: '', agg: '', ts: '', data: '' };
  for (let i = 0; i + 1 < raw.length; i += 2) {
    switch (raw[i]) {
      case 'id': f.id = raw[i + 1]!; break;
      case 'type': f.type = raw[i + 1]!; break;
      case 'agg': f.agg = raw[i + 1]!; break;
      case 'ts': f.ts = raw[i + 1]!; break;
      case 'data': f.data = raw[i + 1]!; break;
      default: break;
    }
  }
  return f;
}

const seqMember = new TextEncoder().encode('"seq":');

/** The stream sequence of a PubAck (`…"seq":123…`), 0 when it has none. */
export function pubAckSeq(d: Uint8Array): number {
  outer: for (let i = 0; i + seqMember.length < d.length; i++) {
    for (let j = 0; j < seqMember.length; j++) if (d[i + j] !== seqMember[j]) continue outer;
    let n = 0;
    for (let k = i + seqMember.length; k < d.length && d[k]! >= 48 && d[k]! <= 57; k++) n = n * 10 + (d[k]! - 48);
    return n;
  }
  return 0;
}

// A PubAck starts with {"stream": (the server writes the error member first when there is one).
const pubAckStart = new TextEncoder().encode('{"stream":');

/** null for a PubAck, else why the message was not stored. */
function ackProblem(msg: Msg): string | null {
  const d = msg.data;
  if (d.length === 0) return msg.headers?.code === 503 ? 'no stream listens on the subject' : 'empty reply';
  if (d.length > pubAckStart.length + 2 && d[pubAckStart.length] === 34 /* " */ && d[pubAckStart.length + 1] !== 34) {
    let i = 0;
    while (i < pubAckStart.length && d[i] === pubAckStart[i]) i++;
    if (i === pubAckStart.length) return null;
  }
  try {
    const r = JSON.parse(msg.string()) as { stream?: string; error?: { code?: number; description?: string } };
    if (r.error !== undefined) return `JetStream error ${r.error.code ?? '?'}: ${r.error.description ?? ''}`;
    return typeof r.stream === 'string' && r.stream !== '' ? null : 'invalid ack';
  } catch {
    return 'ack is not JSON';
  }
}
