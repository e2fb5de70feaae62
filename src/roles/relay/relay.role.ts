// The outbox relay: moves each tenant's Redis outbox stream into JetStream.
//
// Ownership: one relay instance at a time per tenant, by a lease key under the
// tenant's hash tag (RedisLease). Progress is the Redis consumer group `relay`
// on the outbox stream (RedisOutbox): an entry is read, published with
// Nats-Msg-Id = `<tenant>:<event id>`, and acked only after JetStream acked
// it. A new owner first claims what previous owners read but never acked and
// publishes it again; JetStream's duplicate window and the consumers'
// idempotency drop the copies (TenantRelay).
//
// Durability: the outbox is not trimmed when JetStream acks (JetStream 2.9
// syncs to disk every 2 min) but only up to the projector's watermark (the
// highest outbox id durable in PostgreSQL), and never past an entry the relay
// has not acked (trimOutbox-2.lua, one atomic step).
//
// Order: a batch is published pipelined on one NATS connection, which keeps
// order in the normal path. After a failed publish nothing of the batch is
// acked, and the unacked entries are published again one at a time, in order,
// after a bounded backoff (RelayPublisher, BatchPublisher).
//
// This file schedules: which tenants are due, how many at once, the idle
// backoff, the tenant list, start and stop.
import type { TrimResult } from '../../adapters/redis/outbox.ts';
import { refillTenant, type RefillCount } from './refill.ts';
import { errorText, leaseRenewFraction, mono, type RelayContext, type RelayOptions } from './relay.options.ts';
import { RelayPublisher } from './relay.publisher.ts';
import { TenantRelay } from './tenant-relay.ts';

export type { RelayMetrics, RelayOptions } from './relay.options.ts';

const tenantsPageMax = 1_000;

export class OutboxRelay {
  private readonly states = new Map<string, TenantRelay>();
  private readonly ctx: RelayContext;
  private readonly concurrency: number;
  private tenants: string[] = [];
  private tenantsAtMs = -Infinity;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

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
    // Every batch has at most readCount publishes in flight and at most `concurrency` batches run
    // at once, so the relay never has more than relayInflightMax publishes awaiting an ack.
    const readCount = Math.min(e.relayBatchMax, e.relayInflightMax);
    this.concurrency = Math.max(1, Math.floor(e.relayInflightMax / readCount));
    const publishTimeoutMs = opts.publishTimeoutMs ?? Math.min(5_000, Math.max(100, Math.floor(e.relayLeaseMs * leaseRenewFraction)));
    const publisher = new RelayPublisher({
      nats: opts.nats, namespace: opts.namespace, log: opts.log, acked: opts.acked, inflightMax: e.relayInflightMax, publishTimeoutMs,
    });
    this.ctx = { opts, clock: opts.clock ?? { nowMs: () => Date.now() }, publisher, readCount };
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
    this.ctx.publisher.close();
  }

  /**
   * One step for a tenant: take or keep its lease, claim what a previous owner
   * left pending, publish one batch, ack it, and trim when due. Returns how
   * many entries were acked (0 when not the owner, idle, or backing off).
   */
  async relayTenantOnce(tenant: string): Promise<number> {
    return this.stateOf(tenant).relayOnce();
  }

  /**
   * Trims the tenant's outbox below the lower of the projector watermark (or
   * the retention floor, when configured) and the first entry not yet acked;
   * samples the outbox length.
   */
  async trimTenant(tenant: string): Promise<TrimResult> {
    return this.stateOf(tenant).trim();
  }

  /**
   * After JetStream lost its unsynced tail: publishes again, with their
   * original message ids, every outbox entry above the projector's watermark
   * and every journaled payment event of the retention window (see refill.ts).
   * Throws when a publish is not acknowledged (the guard retries).
   */
  async refillTenant(tenant: string, owned: () => boolean = () => true): Promise<RefillCount> {
    return refillTenant(this.stateOf(tenant), this.ctx, owned);
  }

  /** Tenants whose lease this instance holds right now (by its own conservative clock). */
  ownedTenants(): string[] {
    const now = mono();
    return [...this.states.values()].filter((s) => s.lease.held(0, now)).map((s) => s.tenant);
  }

  private stateOf(tenant: string): TenantRelay {
    let st = this.states.get(tenant);
    if (st === undefined) {
      st = new TenantRelay(tenant, this.ctx);
      this.states.set(tenant, st);
    }
    return st;
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
    const due = this.tenants.map((t) => this.stateOf(t)).filter((st) => st.due(now));
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

  /** relayOnce with errors contained to the tenant, and the idle backoff. */
  private async step(st: TenantRelay): Promise<number> {
    try {
      const n = await st.relayOnce();
      const idleMs = this.opts.events.relayIdleMs;
      st.pollAtMs = st.idleStreak === 0 ? 0
        : mono() + Math.min(this.opts.idlePollMsMax ?? 200, idleMs * 2 ** Math.min(st.idleStreak - 1, 16));
      return n;
    } catch (err) {
      st.backOff();
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
      if (st.lease.heldUntilMs > 0) await st.release();
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
    await Promise.all(held.map((st) => st.release()));
  }
}
