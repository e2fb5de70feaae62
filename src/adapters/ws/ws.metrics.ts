// The dashboard server's metrics (pallet_ws_*), registered on the process's
// metrics registry (served by its metrics listener, never on the ws port).
// Hot-path totals reach Prometheus at scrape time (collect), not per frame.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { FrameType } from './frames.codec.ts';

/** Unexpected errors the ws role caught (aggregator and fanout), by where they happened. */
export function wsErrorsCounter(registry: Registry): Counter<'where'> {
  return (registry.getSingleMetric('pallet_ws_errors_total') as Counter<'where'> | undefined) ?? new Counter({
    registers: [registry], name: 'pallet_ws_errors_total', labelNames: ['where'] as const,
    help: 'Unexpected errors the ws role (dashboard aggregator and fanout) caught, logged and survived, by where',
  });
}

export interface FanoutMetrics {
  readonly closed: Counter<'reason'>;
  readonly rejected: Counter<'status'>;
  readonly errors: Counter<'where'>;
}

export interface FanoutTotals {
  readonly connections: number;
  readonly frames: Readonly<Record<FrameType, number>>;
  readonly bytes: number;
  readonly dropped: number;
}

export function fanoutMetrics(registry: Registry, totals: () => FanoutTotals): FanoutMetrics {
  const r = { registers: [registry] };
  const get = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();
  /** A counter that catches up with a running total when scraped. */
  const scraped = (name: string, help: string, value: (t: FanoutTotals) => number) => get(name, () => {
    let reported = 0;
    return new Counter({ ...r, name, help, collect() { const v = value(totals()); this.inc(v - reported); reported = v; } });
  });
  get('pallet_ws_connections', () => new Gauge({ ...r, name: 'pallet_ws_connections', help: 'Open dashboard WebSocket connections', collect() { this.set(totals().connections); } }));
  get('pallet_ws_frames_total', () => {
    const reported: Record<string, number> = {};
    return new Counter({
      ...r, name: 'pallet_ws_frames_total', help: 'Frames sent to dashboards by type', labelNames: ['type'] as const,
      collect() {
        for (const [type, v] of Object.entries(totals().frames)) {
          this.inc({ type }, v - (reported[type] ?? 0));
          reported[type] = v;
        }
      },
    });
  });
  scraped('pallet_ws_sent_bytes_total', 'Bytes of frames sent to dashboards', (t) => t.bytes);
  scraped('pallet_ws_frames_dropped_total', 'Delta frames dropped for slow dashboard connections', (t) => t.dropped);
  return {
    closed: get('pallet_ws_closed_total', () => new Counter({ ...r, name: 'pallet_ws_closed_total', help: 'Dashboard connections closed, by reason', labelNames: ['reason'] as const })),
    rejected: get('pallet_ws_rejected_total', () => new Counter({ ...r, name: 'pallet_ws_rejected_total', help: 'Dashboard upgrades refused, by HTTP status', labelNames: ['status'] as const })),
    errors: wsErrorsCounter(registry),
  };
}
