// The expiry sweeper: releases held reservations past their expiry. Safe to
// run in many processes at once: the expire script changes a reservation once.
//
// Driven by the data: the engine's sweep index holds, per tenant, a time at or
// before its next expiry (a reservation lowers it right after its script). Each round takes the tenants due now, sweeps them, and sets their
// entry to their next expiry. No tenant list, no cap on tenants, no refresh
// delay: a tenant created a moment ago is swept on the next round after its
// first reservation falls due.
//
// A rescan every `rescanMs` pages through every tenant of the catalog and
// lowers their entries (never raises): it indexes data written before the
// index existed, and a reservation whose process died between its script and
// its index write.
import type { Clock } from '../app/clock.port.ts';
import type { Log } from '../app/log.port.ts';
import type { StockEngine } from '../app/stock.port.ts';

export interface SweeperOptions {
  readonly intervalMs: number;
  /** Reservations expired per script batch of one tenant. */
  readonly batchMax: number;
  /** Due tenants taken per round (the rest stay due for the next round). */
  readonly tenantsPerRoundMax: number;
  /** Tenants swept at once. */
  readonly concurrency: number;
  /** How often every tenant's entry is rescanned (0: only at start). */
  readonly rescanMs: number;
  /** Tenants per page of the rescan. */
  readonly rescanPageMax: number;
}

type SweepEngine = Pick<StockEngine, 'sweep' | 'dueTenants' | 'reindexExpiry' | 'indexExpiries'>;

/** Batches of one tenant per round: a tenant with more due stays due and is taken again next round. */
const batchesPerTenantMax = 10;

export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rescanAtMs = -Infinity;
  expiredTotal = 0;

  constructor(
    private readonly engine: SweepEngine,
    /** Tenant ids of the catalog in id order, a page after `afterId` (the rescan only). */
    private readonly listTenants: (limit: number, afterId?: string) => Promise<string[]>,
    private readonly clock: Clock,
    private readonly opts: SweeperOptions,
    private readonly log: Pick<Log, 'warn' | 'error'>,
  ) {
    const { intervalMs, batchMax, tenantsPerRoundMax, concurrency, rescanPageMax } = opts;
    if (![intervalMs, batchMax, tenantsPerRoundMax, concurrency, rescanPageMax].every((n) => Number.isInteger(n) && n >= 1)) {
      throw new Error('sweeper bounds must be positive integers');
    }
  }

  start(): void {
    if (this.timer !== null) return;
    const tick = (): void => {
      this.running = this.tick().then(
        (n) => { this.expiredTotal += n; },
        (err: unknown) => this.log.error({ err }, 'sweep failed'),
      ).finally(() => {
        if (this.timer !== null) this.timer = setTimeout(tick, this.opts.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<number> {
    const now = this.clock.nowMs();
    if (now >= this.rescanAtMs) {
      // The rescan failing must not stop expiry: it is retried on the next round.
      await this.rescan().then(
        () => { this.rescanAtMs = this.opts.rescanMs > 0 ? now + this.opts.rescanMs : Infinity; },
        (err: unknown) => this.log.warn({ err }, 'sweep index rescan failed; retried next round'),
      );
    }
    return this.sweepOnce();
  }

  /** One round: every tenant due now (at most tenantsPerRoundMax), `concurrency` at a time. */
  async sweepOnce(): Promise<number> {
    const now = this.clock.nowMs();
    const due = await this.engine.dueTenants(now, this.opts.tenantsPerRoundMax);
    let next = 0;
    let expired = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const tenant = due[next++]!;
        // One tenant's failure (an outbox at its bound, a lost connection) does not hold up the others.
        const n = await this.sweepTenant(tenant).catch((err: unknown) => {
          this.log.warn({ err, tenant }, 'sweep of a tenant failed; it stays due');
          return 0;
        });
        expired += n; // not `expired += await …`: that reads `expired` before the await and loses other workers' counts
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, due.length) }, worker));
    return expired;
  }

  /** Lowers every catalog tenant's index entry to its next expiry, a page at a time. */
  async rescan(): Promise<number> {
    let indexed = 0;
    for (let after: string | undefined; ;) {
      const page = await this.listTenants(this.opts.rescanPageMax, after);
      if (page.length > 0) indexed += await this.engine.indexExpiries(page);
      if (page.length < this.opts.rescanPageMax) return indexed;
      after = page[page.length - 1];
    }
  }

  private async sweepTenant(tenant: string): Promise<number> {
    let expired = 0;
    try {
      for (let batch = 0; batch < batchesPerTenantMax; batch++) {
        const n = await this.engine.sweep(tenant, this.clock.nowMs(), this.opts.batchMax);
        expired += n;
        if (n < this.opts.batchMax) break;
      }
    } finally {
      // Also after a failed batch: the entry then stays due (its next expiry is still in the past).
      await this.engine.reindexExpiry(tenant);
    }
    return expired;
  }
}
