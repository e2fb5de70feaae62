// Knobs of `npm run bench:orders` (BENCH_ORDERS_*), read once, bounded,
// frozen. The service URLs, the wrk binary, the CLI entry point and the
// seeding settings are the main harness's (bench/lib/config.ts).

import { intEnv } from '../lib/env.ts';

/** The goal of issue 11 ("Figures"): channel intake end to end. */
export const intakeGoal = Object.freeze({ ordersPerSecondMin: 3_000, lagMsP99Max: 1_000 });

export interface OrdersBenchConfig {
  /** `serve` (every role of PALLET_ROLES in one process) or `start` (supervisor, API workers, background process). */
  readonly command: 'serve' | 'start';
  /** PALLET_ROLES of the server; `all` includes `orders`. */
  readonly roles: string;
  /** Offered documents/s, paced by wrk (null: closed loop, as fast as the server answers). */
  readonly ratePerSecond: number | null;
  readonly measureSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly wrkThreads: number;
  /** Closed loop only: documents are generated for this rate × the window (bounded by documentsMax). */
  readonly sizingRatePerSecond: number;
  /** At most this many pre-signed documents per wrk run (memory of wrk and of the file). */
  readonly documentsMax: number;
  /** Documents/s the side client sends (their 202 time is known exactly); 0: none. */
  readonly probeRatePerSecond: number;
  /** How often the side client looks for its documents' order rows. */
  readonly probePollMs: number;
  /** How often the intake stream and its consumer are sampled, and the order rows counted while draining. */
  readonly backlogPollMs: number;
  /** How long to wait after the load for every accepted document to be an order row. */
  readonly drainSecondsMax: number;
  /** Plain SKUs in the catalog; each document has 1–2 lines of them. */
  readonly skuCount: number;
  readonly seed: number;
}

function rate(raw: string | undefined): number | null {
  const value = raw?.trim() ?? '';
  if (value === '') return intakeGoal.ordersPerSecondMin;
  if (value === 'max') return null;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100_000) throw new Error(`BENCH_ORDERS_RATE=${value}: an integer in 1..100000, or max`);
  return n;
}

function command(raw: string | undefined): 'serve' | 'start' {
  const value = raw?.trim() || 'serve';
  if (value !== 'serve' && value !== 'start') throw new Error(`BENCH_ORDERS_COMMAND=${value}: serve or start`);
  return value;
}

export function loadOrdersBenchConfig(env: NodeJS.ProcessEnv = process.env): OrdersBenchConfig {
  const config: OrdersBenchConfig = {
    command: command(env.BENCH_ORDERS_COMMAND),
    roles: env.BENCH_ORDERS_ROLES?.trim() || 'all',
    ratePerSecond: rate(env.BENCH_ORDERS_RATE),
    measureSeconds: intEnv('BENCH_ORDERS_SECONDS', 15, 2, 600),
    warmupSeconds: intEnv('BENCH_ORDERS_WARMUP_SECONDS', 3, 0, 60),
    connections: intEnv('BENCH_ORDERS_CONNECTIONS', 64, 1, 1_024),
    wrkThreads: intEnv('BENCH_ORDERS_WRK_THREADS', 1, 1, 16),
    sizingRatePerSecond: intEnv('BENCH_ORDERS_SIZING_RATE', 2 * intakeGoal.ordersPerSecondMin, 100, 100_000),
    documentsMax: intEnv('BENCH_ORDERS_DOCUMENTS_MAX', 150_000, 1_000, 1_000_000),
    probeRatePerSecond: intEnv('BENCH_ORDERS_PROBE_RATE', 20, 0, 1_000),
    probePollMs: intEnv('BENCH_ORDERS_PROBE_POLL_MS', 50, 10, 1_000),
    backlogPollMs: intEnv('BENCH_ORDERS_POLL_MS', 100, 20, 5_000),
    drainSecondsMax: intEnv('BENCH_ORDERS_DRAIN_SECONDS', 120, 5, 3_600),
    skuCount: intEnv('BENCH_ORDERS_SKUS', 200, 10, 10_000),
    seed: intEnv('BENCH_SEED', Math.floor(Math.random() * 0x7fffffff), 0, 0x7fffffff),
  };
  if (config.connections < config.wrkThreads) throw new Error('BENCH_ORDERS_CONNECTIONS must be at least BENCH_ORDERS_WRK_THREADS');
  return Object.freeze(config);
}

/** Documents one wrk run needs: the paced rate × its seconds (+1 %, +2 per thread for wrk's start-up check), or the sizing rate's. */
export function documentsFor(config: OrdersBenchConfig, seconds: number): number {
  const perSecond = config.ratePerSecond ?? config.sizingRatePerSecond;
  return Math.min(config.documentsMax, Math.ceil(perSecond * seconds * 1.01) + config.wrkThreads * 2);
}
