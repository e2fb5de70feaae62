// The expiry sweeper: releases held reservations past their expiry. Safe to
// run in many processes at once: the expire script changes a reservation once.
import type { Clock } from '../app/catalog.port.ts';
import type { StockEngine } from '../app/stock.port.ts';

export interface SweeperOptions {
  readonly intervalMs: number;
  readonly batchMax: number;
  /** Tenants swept per round, and how often the tenant list is refreshed. */
  readonly tenantsMax: number;
  readonly tenantsRefreshMs: number;
}

export interface SweeperLog {
  error(obj: object, msg: string): void;
}

export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private tenants: string[] = [];
  private tenantsAtMs = -Infinity;
  expiredTotal = 0;

  constructor(
    private readonly engine: StockEngine,
    private readonly listTenants: (limit: number) => Promise<string[]>,
    private readonly clock: Clock,
    private readonly opts: SweeperOptions,
    private readonly log: SweeperLog,
  ) {}

  start(): void {
    if (this.timer !== null) return;
    const tick = (): void => {
      this.running = this.sweepOnce().then(
        (n) => { this.expiredTotal += n; },
        (err: unknown) => this.log.error({ err }, 'sweep failed'),
      ).finally(() => {
        if (this.timer !== null) this.timer = setTimeout(tick, this.opts.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.opts.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round over every tenant; a tenant with a full batch is swept again, up to 10 batches a round. */
  async sweepOnce(): Promise<number> {
    const now = this.clock.nowMs();
    if (now - this.tenantsAtMs >= this.opts.tenantsRefreshMs) {
      this.tenants = await this.listTenants(this.opts.tenantsMax);
      this.tenantsAtMs = now;
    }
    let expired = 0;
    for (const tenant of this.tenants) {
      for (let round = 0; round < 10; round++) {
        const n = await this.engine.sweep(tenant, this.clock.nowMs(), this.opts.batchMax);
        expired += n;
        if (n < this.opts.batchMax) break;
      }
    }
    return expired;
  }
}
