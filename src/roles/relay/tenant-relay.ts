// One tenant's outbox under the relay: its lease, taking over what previous
// owners left pending, one batch at a time (pipelined, or in order after a
// failure), acks only after JetStream acked, and the trim.
import type { OutboxEntry, TrimResult } from '../../adapters/redis/outbox.ts';
import { RedisOutbox, isMissingGroup, streamIdMs, relayLeaseKey } from '../../adapters/redis/outbox.ts';
import { RedisLease } from '../../adapters/redis/lease.ts';
import { TenantKeys } from '../../adapters/redis/keys.ts';
import { errorText, leaseRenewFraction, mono, type RelayContext } from './relay.options.ts';

const claimRoundsMax = 16;
/** In-order publishing checks the lease every this many messages. */
const leaseCheckEvery = 64;

export class TenantRelay {
  readonly outbox: RedisOutbox;
  /** Which relay owns the tenant's outbox (monotonic time, see RedisLease). */
  readonly lease: RedisLease;
  /** One subject per event type, built once. */
  readonly subjects = new Map<string, string>();
  /** Earliest monotonic ms to try the lease again when another instance holds it. */
  acquireAtMs = 0;
  /** The group exists and every entry previous owners left pending is claimed. */
  private ready = false;
  private claimCursor = '0-0';
  /** Reading our own pending entries ('0') before new ones ('>'). */
  private draining = true;
  /** Consecutive failed batches: > 0 means publish one at a time. */
  failures = 0;
  retryAtMs = 0;
  idleStreak = 0;
  pollAtMs = 0;
  trimAtMs = 0;

  constructor(readonly tenant: string, private readonly ctx: RelayContext) {
    if (tenant === '' || /[.\s*>{}:]/.test(tenant)) throw new Error(`relay: bad tenant id ${JSON.stringify(tenant)}`);
    const { opts } = ctx;
    const k = new TenantKeys(opts.namespace, tenant);
    const redis = () => opts.redis.next();
    this.outbox = new RedisOutbox(redis, k);
    this.lease = new RedisLease(redis, relayLeaseKey(k), opts.instanceId, { ms: opts.events.relayLeaseMs });
  }

  /**
   * One step: take or keep the lease, claim what a previous owner left
   * pending, publish one batch, ack it, and trim when due. Returns how many
   * entries were acked (0 when not the owner, idle, or backing off).
   */
  async relayOnce(): Promise<number> {
    if (!(await this.holdLease())) return 0;
    if (this.retryAtMs > mono()) return 0; // backing off, but the lease stays ours
    if (!this.ready && !(await this.takeOver())) return 0;
    let acked = 0;
    try {
      acked = await this.relayBatch();
    } catch (err) {
      // Whatever was read and not acked stays pending under this consumer: read it again first.
      this.draining = true;
      throw err;
    }
    if (mono() >= this.trimAtMs) await this.trim();
    return acked;
  }

  /** Due for a step at monotonic `now`: a lease to renew, a poll or retry that is due, or a lease to try for. */
  due(now: number): boolean {
    const owned = this.lease.held(0, now);
    const renew = this.lease.due(leaseRenewFraction, now);
    return owned ? renew || (this.pollAtMs <= now && this.retryAtMs <= now) : this.acquireAtMs <= now;
  }

  /** Counts a failure and backs off; returns the delay. */
  backOff(): number {
    this.failures++;
    const { opts } = this.ctx;
    const delayMs = Math.min(opts.retryDelayMsMax ?? 5_000, (opts.retryDelayMsMin ?? 100) * 2 ** Math.min(this.failures - 1, 20));
    this.retryAtMs = mono() + delayMs;
    return delayMs;
  }

  /**
   * Trims the outbox below the lower of the projector watermark (or the
   * retention floor, when configured) and the first entry not yet acked;
   * samples the outbox length.
   */
  async trim(): Promise<TrimResult> {
    const { opts, clock } = this.ctx;
    this.trimAtMs = mono() + (opts.trimIntervalMs ?? 1_000);
    const retention = opts.outboxRetentionMs ?? null;
    const out = await this.outbox.trim({
      wallFloorMs: retention === null ? null : clock.nowMs() - retention,
      consumer: opts.instanceId, idleConsumerMs: 2 * opts.events.relayLeaseMs,
    });
    if ('refused' in out) {
      opts.log.warn({ tenant: this.tenant, reply: out.refused }, 'outbox not trimmed');
      return { trimmed: 0, cutoff: '0-0', length: -1, consumersDeleted: 0 };
    }
    opts.metrics.outboxLength.set({ tenant: this.tenant }, out.result.length);
    if (opts.journal !== undefined) opts.metrics.paymentJournalLength.set({ tenant: this.tenant }, await opts.journal.length(this.tenant));
    return out.result;
  }

  /** Gives the lease up (it expires when Redis does not answer) and forgets the ownership. */
  async release(): Promise<void> {
    try {
      await this.lease.release();
    } catch (err) {
      this.ctx.opts.log.warn({ tenant: this.tenant, err: errorText(err) }, 'relay lease not released; it will expire');
    }
    this.dropOwnership();
  }

  // ---- ownership -------------------------------------------------------------------------------

  /** True while the lease is ours; renews it once a third of it has passed, takes it when free. */
  private async holdLease(): Promise<boolean> {
    const { lease } = this;
    const { log, instanceId } = this.ctx.opts;
    const sentAtMs = mono();
    if (!lease.due(leaseRenewFraction, sentAtMs)) return true;
    const hadUntilMs = lease.heldUntilMs;
    const outcome = await lease.acquireOrRenew();
    if (outcome.kind !== 'held') {
      // Acquired means nobody held it a moment ago: whatever state we had is stale, take over afresh.
      if (outcome.kind === 'acquired' || hadUntilMs <= sentAtMs) this.resetOwnership();
      if (hadUntilMs === 0) log.info({ tenant: this.tenant, instance: instanceId }, 'relay took the tenant outbox');
      return true;
    }
    if (hadUntilMs > 0) log.warn({ tenant: this.tenant, holder: outcome.holder }, 'relay lost the tenant outbox lease');
    this.dropOwnership();
    // Try again shortly after the holder's lease would end if it stopped renewing.
    this.acquireAtMs = mono() + Math.min(lease.ms, outcome.remainingMs) + 10;
    return false;
  }

  private resetOwnership(): void {
    this.ready = false;
    this.claimCursor = '0-0';
    this.draining = true;
    this.failures = 0;
    this.retryAtMs = 0;
  }

  private dropOwnership(): void {
    this.lease.drop();
    this.resetOwnership();
    const { metrics } = this.ctx.opts;
    metrics.relayLagSeconds.remove({ tenant: this.tenant });
    metrics.outboxLength.remove({ tenant: this.tenant });
    metrics.paymentJournalLength.remove({ tenant: this.tenant });
  }

  /** Creates the group when missing and claims every entry other consumers left pending (bounded per call). */
  private async takeOver(): Promise<boolean> {
    if (this.claimCursor === '0-0') await this.outbox.ensureGroup();
    for (let round = 0; round < claimRoundsMax; round++) {
      this.claimCursor = await this.outbox.claim(this.ctx.opts.instanceId, this.claimCursor, this.ctx.readCount);
      if (this.claimCursor === '0-0') {
        this.ready = true;
        this.draining = true;
        return true;
      }
    }
    return false;
  }

  /** Our own pending entries first (claimed or left by a failed batch), then new ones. */
  private async readBatch(): Promise<OutboxEntry[]> {
    if (this.draining) {
      const pending = await this.read('0');
      if (pending.length > 0) return pending;
      this.draining = false;
    }
    return this.read('>');
  }

  private async read(from: '0' | '>'): Promise<OutboxEntry[]> {
    try {
      return await this.outbox.read(this.ctx.opts.instanceId, from, this.ctx.readCount);
    } catch (err) {
      // The stream (and its group) was deleted: set it up again on the next call.
      if (isMissingGroup(err)) this.resetOwnership();
      throw err;
    }
  }

  // ---- publishing ------------------------------------------------------------------------------

  private async relayBatch(): Promise<number> {
    const entries = await this.readBatch();
    const { metrics } = this.ctx.opts;
    if (entries.length === 0) {
      metrics.relayLagSeconds.set({ tenant: this.tenant }, 0);
      this.idleStreak++;
      return 0;
    }
    metrics.relayLagSeconds.set({ tenant: this.tenant }, Math.max(0, this.ctx.clock.nowMs() - streamIdMs(entries[0]![0])) / 1000);
    this.idleStreak = 0;
    return this.failures > 0 ? this.publishInOrder(entries) : this.publishPipelined(entries);
  }

  /** Publishes the batch with every message in flight at once, then acks all of it, or none. */
  private async publishPipelined(entries: OutboxEntry[]): Promise<number> {
    const result = await this.ctx.publisher.publishBatch(this.ctx.publisher.prepare(this, entries));
    if (result.failed >= 0) {
      this.batchFailed(entries.length, new Error(`entry ${entries[result.failed]![0]}: ${result.error}`));
      return 0;
    }
    return this.ackBatch(entries, entries.length);
  }

  /** After a failure: one publish at a time, in order; acks the prefix that made it. */
  private async publishInOrder(entries: OutboxEntry[]): Promise<number> {
    const p = this.ctx.publisher.prepare(this, entries);
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && i % leaseCheckEvery === 0 && !(await this.holdLease())) return this.ackBatch(entries, i, false);
      try {
        await this.ctx.publisher.publishAt(p, i);
      } catch (err) {
        const acked = await this.ackBatch(entries, i, false);
        this.batchFailed(entries.length - i, err);
        return acked;
      }
    }
    return this.ackBatch(entries, entries.length);
  }

  private batchFailed(unacked: number, err: unknown): void {
    this.draining = true;
    const delayMs = this.backOff();
    this.ctx.opts.log.warn({ tenant: this.tenant, unacked, failures: this.failures, retryInMs: delayMs, err: errorText(err) },
      'relay publish failed; will publish the unacked entries again in order');
  }

  /** XACKs entries[0..n) in one call; `healthy` clears the failure count. */
  private async ackBatch(entries: OutboxEntry[], n: number, healthy = true): Promise<number> {
    if (n > 0) {
      await this.outbox.ack(entries, n);
      this.ctx.opts.metrics.relayPublished.inc(n);
    }
    if (healthy) this.failures = 0;
    return n;
  }
}
