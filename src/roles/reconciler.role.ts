// The reconciler role: runs reconcile (report only, app/reconcile.service.ts)
// over every tenant every `intervalSeconds` (0: never) and publishes the drift
// count and the time of the last run as metrics.
import type { Log } from '../app/log.port.ts';
import { driftCount, type ReconcileReport, type ReconcileService } from '../app/reconcile.service.ts';

/** The two gauges the Reconciler sets (Metrics has them). */
export interface ReconcileMetrics {
  readonly reconcileDriftCells: { set(value: number): void };
  readonly reconcileLastRunSeconds: { set(value: number): void };
}

export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  lastReport: ReconcileReport | null = null;

  constructor(
    private readonly service: ReconcileService,
    private readonly intervalSeconds: number,
    private readonly metrics: ReconcileMetrics,
    private readonly log: Pick<Log, 'warn' | 'error'>,
  ) {}

  start(): void {
    if (this.timer !== null || this.intervalSeconds <= 0) return;
    const tick = (): void => {
      this.running = this.runOnce().then(() => undefined, (err: unknown) => this.log.error({ err }, 'reconcile failed'))
        .finally(() => {
          if (this.timer !== null) this.timer = setTimeout(tick, this.intervalSeconds * 1000);
        });
    };
    this.timer = setTimeout(tick, this.intervalSeconds * 1000);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  async runOnce(): Promise<ReconcileReport> {
    const report = await this.service.reconcile(undefined);
    this.lastReport = report;
    const drifted = driftCount(report);
    this.metrics.reconcileDriftCells.set(drifted);
    this.metrics.reconcileLastRunSeconds.set(Date.now() / 1000);
    if (drifted > 0) this.log.warn({ drift: report.drift.slice(0, 50), reservationDrift: report.reservationDrift.slice(0, 50) }, `reconcile: ${drifted} drifted`);
    return report;
  }
}
