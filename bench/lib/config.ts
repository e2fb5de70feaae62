// Benchmark configuration: read from BENCH_* (and the service URLs) once,
// validated, frozen. Every knob has a bound; units are last in the names.

import { defaultTargetNames, targetNames, type TargetName } from './targets.ts';

export const scenarioNames = ['single', 'cart5', 'hot', 'e2e'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/**
 * What `npm run bench` runs with the Node generator when BENCH_SCENARIOS is not set: nothing. The single-line
 * throughput figures come from wrk (BENCH_TARGETS); these scenarios are opt-in.
 */
export const defaultScenarioNames: readonly ScenarioName[] = [];

/** Scenarios the PostgreSQL row-lock baseline can serve (it knows no bundles). */
export const baselineScenarioNames: readonly ScenarioName[] = ['single', 'hot'];

export interface BenchConfig {
  /** Servers loaded with wrk (single-line reservations), in this order; bare first when selected. */
  readonly targets: readonly TargetName[];
  /** The wrk binary and its threads (`-t`); its connections are `connections`. */
  readonly wrkBinary: string;
  readonly wrkThreads: number;
  /** Node-generator scenarios, run after the wrk targets. */
  readonly scenarios: readonly ScenarioName[];
  /** Run the PostgreSQL row-lock baseline for the selected single/hot scenarios. */
  readonly baseline: boolean;
  readonly measureSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
  /** How long in-flight requests may take to finish after the measured phase. */
  readonly drainSeconds: number;
  /** Between scenarios: wait until the server's CPU drops below this share of one core … */
  readonly settleCpuPercentMax: number;
  /** … or this long at most. */
  readonly settleSecondsMax: number;
  readonly skuCount: number;
  readonly seed: number;
  readonly seedConcurrency: number;
  readonly baselinePoolMax: number;
  /** Entry point of the Pallet CLI, relative to the project root (a stand-in can be named here). */
  readonly palletCli: string;
  readonly readySecondsMax: number;
  readonly redisUrl: string;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  /** e2e: roles of the server it runs against (its own server process and namespace). */
  readonly e2eRoles: string;
  /** e2e: keep-alive connections sending payment callbacks … */
  readonly e2eCallbackConnections: number;
  /** … and requests in flight on each. */
  readonly e2eCallbackPipelining: number;
  /** e2e: reserves pause while this many 201s still wait for their callback to be sent. */
  readonly e2eCallbackQueueMax: number;
  /** e2e: how long after the load the generator waits for the last reservations to show as confirmed in PostgreSQL. */
  readonly e2eLagDrainSeconds: number;
  /** e2e: how often PostgreSQL is polled for confirmed reservations. */
  readonly e2ePollMs: number;
  /** Where the run's section is appended; empty to skip writing. */
  readonly resultsPath: string;
}

export class BenchConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid benchmark configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'BenchConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function readInt(env: Env, problems: string[], name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name}=${JSON.stringify(raw)}: must be an integer in ${min}..${max}`);
    return fallback;
  }
  return value;
}

/** A comma list of known names, `none`, or unset (the default); returned in the canonical order. */
function readNames<T extends string>(env: Env, problems: string[], name: string, known: readonly T[], fallback: readonly T[]): readonly T[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'none') return [];
  const picked: T[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const found = known.find((n) => n === part);
    if (found === undefined) problems.push(`${name}: unknown name ${JSON.stringify(part)} (known: ${known.join(', ')}, or none)`);
    else if (!picked.includes(found)) picked.push(found);
  }
  if (picked.length === 0 && problems.length === 0) problems.push(`${name}: names nothing (use none to run none)`);
  return known.filter((n) => picked.includes(n));
}

function readBool(env: Env, problems: string[], name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name}=${JSON.stringify(raw)}: must be 1/0, true/false, yes/no or on/off`);
  return fallback;
}

export function loadBenchConfig(env: Env = process.env): BenchConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number =>
    readInt(env, problems, name, fallback, min, max);
  const config: BenchConfig = {
    targets: readNames(env, problems, 'BENCH_TARGETS', targetNames, defaultTargetNames),
    wrkBinary: env.BENCH_WRK?.trim() || 'wrk',
    wrkThreads: int('BENCH_WRK_THREADS', 1, 1, 16),
    scenarios: readNames(env, problems, 'BENCH_SCENARIOS', scenarioNames, defaultScenarioNames),
    baseline: readBool(env, problems, 'BENCH_BASELINE', true),
    measureSeconds: int('BENCH_SECONDS', 10, 1, 3_600),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 3, 0, 600),
    connections: int('BENCH_CONNECTIONS', 64, 1, 1_024),
    pipelining: int('BENCH_PIPELINING', 1, 1, 64),
    drainSeconds: int('BENCH_DRAIN_SECONDS', 10, 1, 120),
    settleCpuPercentMax: int('BENCH_SETTLE_CPU_PERCENT_MAX', 25, 1, 100),
    settleSecondsMax: int('BENCH_SETTLE_SECONDS_MAX', 15, 0, 300),
    skuCount: int('BENCH_SKUS', 1_000, 10, 100_000),
    seed: int('BENCH_SEED', Math.floor(Math.random() * 0x7fffffff), 0, 0x7fffffff),
    seedConcurrency: int('BENCH_SEED_CONCURRENCY', 32, 1, 256),
    baselinePoolMax: int('BENCH_PG_POOL_MAX', 16, 1, 90),
    palletCli: env.BENCH_PALLET_CLI?.trim() || 'src/cli.ts',
    readySecondsMax: int('BENCH_READY_SECONDS_MAX', 60, 1, 600),
    redisUrl: env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
    databaseUrl: env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: env.NATS_URL?.trim() || 'nats://127.0.0.1:4222',
    e2eRoles: env.BENCH_E2E_ROLES?.trim() || 'api,sweeper,relay,projector,payments',
    e2eCallbackConnections: int('BENCH_E2E_CALLBACK_CONNECTIONS', 16, 1, 256),
    e2eCallbackPipelining: int('BENCH_E2E_CALLBACK_PIPELINING', 4, 1, 64),
    e2eCallbackQueueMax: int('BENCH_E2E_CALLBACK_QUEUE_MAX', 20_000, 100, 1_000_000),
    e2eLagDrainSeconds: int('BENCH_E2E_LAG_DRAIN_SECONDS', 30, 1, 600),
    e2ePollMs: int('BENCH_E2E_POLL_MS', 200, 20, 10_000),
    resultsPath: env.BENCH_RESULTS_PATH?.trim() ?? 'bench/RESULTS.md',
  };
  if (config.connections * config.pipelining > 4_096) {
    problems.push(`BENCH_CONNECTIONS × BENCH_PIPELINING = ${config.connections * config.pipelining}: at most 4096 requests in flight`);
  }
  if (config.targets.length === 0 && config.scenarios.length === 0 && problems.length === 0) {
    problems.push('BENCH_TARGETS and BENCH_SCENARIOS select nothing to run');
  }
  if (problems.length > 0) throw new BenchConfigError(problems);
  return Object.freeze(config);
}
