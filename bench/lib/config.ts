// Benchmark configuration: read from BENCH_* (and the service URLs) once,
// validated, frozen. Every knob has a bound; units are last in the names.

export const scenarioNames = ['single', 'cart5', 'hot', 'e2e'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** What `npm run bench` runs when BENCH_SCENARIOS is not set; `e2e` is opt-in. */
export const defaultScenarioNames: readonly ScenarioName[] = ['single', 'cart5', 'hot'];

/** Scenarios the PostgreSQL row-lock baseline can serve (it knows no bundles). */
export const baselineScenarioNames: readonly ScenarioName[] = ['single', 'hot'];

export interface BenchConfig {
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

function readScenarios(env: Env, problems: string[]): readonly ScenarioName[] {
  const raw = env.BENCH_SCENARIOS?.trim();
  if (raw === undefined || raw === '') return defaultScenarioNames;
  const picked: ScenarioName[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const name = scenarioNames.find((n) => n === part);
    if (name === undefined) problems.push(`BENCH_SCENARIOS: unknown scenario ${JSON.stringify(part)} (known: ${scenarioNames.join(', ')})`);
    else if (!picked.includes(name)) picked.push(name);
  }
  if (picked.length === 0 && problems.length === 0) problems.push('BENCH_SCENARIOS: names no scenario');
  // Run in the canonical order, whatever order they were listed in.
  return scenarioNames.filter((n) => picked.includes(n));
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
    scenarios: readScenarios(env, problems),
    baseline: readBool(env, problems, 'BENCH_BASELINE', true),
    measureSeconds: int('BENCH_SECONDS', 15, 1, 3_600),
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
  if (problems.length > 0) throw new BenchConfigError(problems);
  return Object.freeze(config);
}
