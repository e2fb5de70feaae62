// `npm run bench:cluster`: Pallet's single-line reservations with wrk on a
// private plain Redis (the baseline of the run) and then on private Redis
// Clusters of 1, 2 and 3 masters (BENCH_CLUSTER_MASTERS), one at a time, each
// with its own `pallet serve` (PALLET_ROLES=api,sweeper, as bench/run.ts's
// `api` target). The tenants are chosen by hash slot so every master holds
// some, and wrk takes their API keys in turn. Prints throughput, p50/p99 and
// µs of CPU per reservation per process (Pallet, each redis-server, NATS,
// PostgreSQL, wrk), every figure also as a ratio of the plain-Redis baseline,
// and a projection to N machines from those costs; appends it all to
// bench/RESULTS.md. BENCH_CLUSTER_START=1 adds `pallet start` (every role:
// relay → NATS, projector → PostgreSQL) on the plain Redis and on the largest
// cluster, which is where the NATS and PostgreSQL cost per reservation comes
// from. BENCH_CLUSTER_WAIT=1 adds the largest cluster with one replica per
// master, twice with the same load: PALLET_REDIS_WAIT_REPLICAS=0, then =1 (the
// cost of WAIT on the reserve path). See bench/README.md ("Redis Cluster: 1,
// 2, 3 masters").

import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CleanupStack, deleteNatsStreams, dropPostgresSchema } from '../lib/cleanup.ts';
import { loadBenchConfig, type BenchConfig } from '../lib/config.ts';
import { cpuSnapshot, cpuTicksBetween, type CpuSnapshot, type CpuTicks } from '../lib/cpu.ts';
import { intEnv } from '../lib/env.ts';
import { describeEnvironment, type Environment } from '../lib/environment.ts';
import { JsonClient } from '../lib/http.ts';
import { freePort, runToExit, ServerProcess } from '../lib/processes.ts';
import { clusterKeySlot as keySlot } from '../../src/adapters/redis/connection.ts';
import { slotOwner, startPrivateRedis, tenantsAcrossSlots, type PrivateRedis } from '../lib/redis-cluster.ts';
import { buildCatalog, type BenchCatalog } from '../lib/scenarios.ts';
import { seedPallet } from '../lib/seed.ts';
import { runWrk, wrkErrors, wrkOk, type WrkJob, type WrkSummary } from '../lib/wrk.ts';
import { renderProjection, renderTables, type CaseRun, type ClusterBench } from './report.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const startedMs = performance.now();
const log = (line: string): void =>
  void process.stdout.write(line === '' || !/^(bench|cleanup)/.test(line) ? `${line}\n` : `[${((performance.now() - startedMs) / 1_000).toFixed(1).padStart(5)} s] ${line}\n`);

export interface ClusterOptions {
  /** Master counts of the clusters, in order (the plain server always runs first). */
  readonly masters: readonly number[];
  readonly tenants: number;
  /** Also `pallet start` (every role) on the plain server and on the largest cluster. */
  readonly withStart: boolean;
  /** `start` cases: after wrk, the cost window runs on until the server is idle again, at most this long. */
  readonly drainSecondsMax: number;
  /** Also the largest cluster with one replica per master, with PALLET_REDIS_WAIT_REPLICAS 0 and 1. */
  readonly withWait: boolean;
  /** PALLET_REDIS_WAIT_TIMEOUT_MS of the WAIT case. */
  readonly waitTimeoutMs: number;
}

function clusterOptions(): ClusterOptions {
  const raw = process.env.BENCH_CLUSTER_MASTERS?.trim() || '1,2,3';
  const masters = raw.split(',').map((s) => Number(s.trim()));
  if (masters.some((m) => !Number.isSafeInteger(m) || m < 1 || m > 8)) throw new Error(`BENCH_CLUSTER_MASTERS=${raw}: a comma list of master counts in 1..8`);
  const start = process.env.BENCH_CLUSTER_START?.trim() ?? '0';
  if (!/^[01]$/.test(start)) throw new Error(`BENCH_CLUSTER_START=${start}: must be 0 or 1`);
  const wait = process.env.BENCH_CLUSTER_WAIT?.trim() ?? '0';
  if (!/^[01]$/.test(wait)) throw new Error(`BENCH_CLUSTER_WAIT=${wait}: must be 0 or 1`);
  return {
    masters,
    // 6: every master of a 1-, 2- or 3-master cluster holds the same number of tenants.
    tenants: intEnv('BENCH_CLUSTER_TENANTS', 6, 1, 64),
    withStart: start === '1',
    drainSecondsMax: intEnv('BENCH_CLUSTER_DRAIN_SECONDS_MAX', 30, 0, 300),
    withWait: wait === '1',
    // Pallet's own default.
    waitTimeoutMs: intEnv('BENCH_CLUSTER_WAIT_TIMEOUT_MS', 100, 1, 10_000),
  };
}

interface Run {
  readonly config: BenchConfig;
  readonly options: ClusterOptions;
  readonly id: string;
  readonly catalog: BenchCatalog;
  readonly tenants: readonly string[];
  readonly logDir: string;
  readonly cleanup: CleanupStack;
}

interface Case {
  readonly name: string;
  /** 0 = the plain (non-cluster) Redis server. */
  readonly masters: number;
  readonly command: 'serve' | 'start';
  /** Replicas per master (BENCH_CLUSTER_WAIT cases), else 0. */
  readonly replicas: number;
  /** PALLET_REDIS_WAIT_REPLICAS of the case (only with replicas). */
  readonly waitReplicas: number;
}

/** Distinguishes the cases' namespaces and idempotency keys. */
const caseTag = (c: Case): string => `c${c.masters}${c.command === 'start' ? 's' : ''}${c.replicas > 0 ? `r${c.replicas}w${c.waitReplicas}` : ''}`;

async function main(): Promise<number> {
  // 50 SKUs per tenant (6 tenants: 300 cells) keeps the seeding short; Redis runs one command at a time, so fewer cells change no contention.
  const config = loadBenchConfig({ ...process.env, BENCH_SKUS: process.env.BENCH_SKUS ?? '50' });
  const options = clusterOptions();
  const id = randomBytes(4).toString('hex');
  const cleanup = new CleanupStack();
  const full = buildCatalog(config.skuCount);
  // One warehouse, as bench/run.ts's wrk targets have.
  const catalog: BenchCatalog = { ...full, warehouses: full.warehouses.slice(0, 1) };
  const run: Run = { config, options, id, catalog, tenants: tenantsAcrossSlots(`bench${id}`, options.tenants), logDir: mkdtempSync(join(tmpdir(), `pallet-bench-cluster-${id}-`)), cleanup };
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`bench: ${signal}; cleaning up`);
    void cleanup.runAll(log).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let failed = true;
  try {
    log(`bench: cluster run ${id}; masters ${options.masters.join(', ')} after the plain server; ${options.tenants} tenants × ${config.skuCount} SKUs; ${config.connections} connections; ${config.warmupSeconds} s warm-up + ${config.measureSeconds} s measured; logs in ${run.logDir}`);
    log(`bench: tenants (slot): ${run.tenants.map((t) => `${t} (${keySlot(t)})`).join(', ')}`);
    const cases: Case[] = [
      { name: 'plain Redis', masters: 0, command: 'serve', replicas: 0, waitReplicas: 0 },
      ...options.masters.map((m): Case => ({ name: `cluster, ${m} master${m === 1 ? '' : 's'}`, masters: m, command: 'serve', replicas: 0, waitReplicas: 0 })),
    ];
    const largest = Math.max(...options.masters);
    if (options.withStart) {
      cases.push({ name: 'plain Redis, start', masters: 0, command: 'start', replicas: 0, waitReplicas: 0 }, { name: `cluster, ${largest} masters, start`, masters: largest, command: 'start', replicas: 0, waitReplicas: 0 });
    }
    if (options.withWait) {
      // Same cluster layout and same load (the wrk seed depends on the masters only); only the WAIT differs.
      for (const waitReplicas of [0, 1]) {
        cases.push({ name: `cluster, ${largest} master${largest === 1 ? '' : 's'} + 1 replica each, WAIT ${waitReplicas}`, masters: largest, command: 'serve', replicas: 1, waitReplicas });
      }
    }
    // The load before anything of this run starts; the Redis settings are read from the first private Redis below.
    const before = await describeEnvironment(root, config.redisUrl, config.databaseUrl);
    log(`bench: load average before the run ${before.loadAverages}; ${before.busyPercentBefore} % of one core busy; commit ${before.commit}`);
    const migratedMs = performance.now();
    const prepared = await Promise.all(cases.map((c) => prepareCase(run, c)));
    log(`bench: migrated ${prepared.length} namespaces in ${((performance.now() - migratedMs) / 1_000).toFixed(1)} s`);
    let environment: Environment | undefined;
    const runs: CaseRun[] = [];
    for (const [i, c] of cases.entries()) {
      runs.push(
        await runCase(run, c, prepared[i] as Prepared, async (redis) => {
          // The private servers' AOF settings are the ones measured, not the shared Redis's.
          environment ??= { ...before, redis: (await describeEnvironment(root, redis.url, config.databaseUrl)).redis };
        }),
      );
    }
    if (environment === undefined) throw new Error('no case ran');
    const bench: ClusterBench = { config, options, environment, tenants: run.tenants, runs, command: commandLine() };
    const { text, markdown } = renderTables(bench);
    const projection = renderProjection(bench);
    log('');
    log(text);
    log('');
    log(projection);
    writeResults(config.resultsPath, `${markdown}\n${projection}\n`);
    failed = false;
    return 0;
  } finally {
    await cleanup.runAll(log);
    keepLogsIfAny(run.logDir, failed);
    log('bench: done');
  }
}

function commandLine(): string {
  const knobs = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v ?? ''}`)
    .sort();
  return `${knobs.length > 0 ? `${knobs.join(' ')} ` : ''}npm run bench:cluster`;
}

/** One case: its own Redis (stopped at the end of the case), its own Pallet server in its namespace, seed, warm-up, measure. */
async function runCase(run: Run, c: Case, p: Prepared, onRedis: (redis: PrivateRedis) => Promise<void>): Promise<CaseRun> {
  const dir = mkdtempSync(join(tmpdir(), `pallet-bench-cluster-redis-${c.masters}-`));
  const redis = await startPrivateRedis(c.masters, dir, run.cleanup, c.replicas);
  log(`bench: ${c.name}: redis-server ${redis.nodes.map((n) => `:${n.port} (pid ${n.pid}${n.replica ? ', replica' : ''})`).join(', ')}`);
  try {
    await onRedis(redis);
    if (c.masters > 0) await checkSlots(run, redis);
    const pallet = await startPallet(run, c, p, redis);
    try {
      return await measure(run, c, redis, pallet);
    } finally {
      await pallet.server.stop();
    }
  } finally {
    await redis.stop();
  }
}

/** keySlot must agree with Redis itself, and every master must own at least one tenant. */
async function checkSlots(run: Run, redis: PrivateRedis): Promise<void> {
  const perMaster = Array<number>(redis.masters).fill(0);
  for (const tenant of run.tenants) {
    const slot = await redis.serverKeySlot(`{${tenant}}`);
    if (slot !== keySlot(tenant)) throw new Error(`CLUSTER KEYSLOT {${tenant}} = ${slot}, keySlot() = ${keySlot(tenant)}: the slot computation is wrong`);
    perMaster[slotOwner(slot, redis.masters)]! += 1;
  }
  if (perMaster.some((n) => n === 0)) throw new Error(`a master holds no tenant (tenants per master: ${perMaster.join(', ')}); raise BENCH_CLUSTER_TENANTS`);
}

interface Prepared {
  readonly namespace: string;
  /** Pallet's environment without the Redis of the case (started later). */
  readonly env: Readonly<Record<string, string>>;
  readonly adminKey: string;
  readonly roles: string;
  readonly httpPort: number;
  readonly logPath: string;
}

interface Pallet {
  readonly server: ServerProcess;
  readonly origin: string;
  readonly apiKeys: readonly string[];
}

/**
 * A namespace of its own per case, migrated before any case runs (all at once: under load a migration takes
 * seconds of tsx start-up and PostgreSQL round trips that need not be paid between the measured cases).
 */
async function prepareCase(run: Run, c: Case): Promise<Prepared> {
  const { config, cleanup } = run;
  const namespace = `bench_${run.id}_${caseTag(c)}`;
  const httpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === httpPort) wsPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `pallet-bench-${namespace}-data-`));
  cleanup.push(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    PALLET_NAMESPACE: namespace,
    PALLET_DATA_DIR: dataDir,
    PALLET_ADMIN_KEY: `bench-admin-${randomBytes(16).toString('hex')}`,
    PALLET_HTTP_PORT: String(httpPort),
    PALLET_WS_PORT: String(wsPort),
    PALLET_METRICS_PORT: 'off',
    PALLET_LOG_LEVEL: 'warn',
    PALLET_LOG_REQUESTS: 'false',
    PALLET_ROLES: c.command === 'start' ? 'all' : 'api,sweeper',
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
  };
  // Redis keys go with the private Redis; the schema and the streams are on the shared servers.
  cleanup.push(`drop schema ${namespace}`, () => dropPostgresSchema(config.databaseUrl, namespace));
  cleanup.push(`delete JetStream streams of ${namespace}`, () => deleteNatsStreams(config.natsUrl, namespace));
  const logPath = join(run.logDir, `${namespace}.log`);
  // Migrations are PostgreSQL's; the CLI still connects to a Redis: the shared one, untouched.
  await runToExit({ name: 'pallet migrate', args: [config.palletCli, 'migrate'], cwd: root, env: { ...env, REDIS_URL: config.redisUrl, REDIS_CLUSTER: '0' }, logPath }, 180);
  return { namespace, env, adminKey: env.PALLET_ADMIN_KEY, roles: env.PALLET_ROLES, httpPort, logPath };
}

/** Starts the server of a prepared case on `redis`, seeds every tenant through the API. */
async function startPallet(run: Run, c: Case, p: Prepared, redis: PrivateRedis): Promise<Pallet> {
  const { config, cleanup } = run;
  // The WAIT settings only here: Pallet refuses PALLET_REDIS_WAIT_REPLICAS > 0 outside cluster mode (the migration runs on the plain shared Redis).
  const wait: Record<string, string> = c.replicas > 0 ? { PALLET_REDIS_WAIT_REPLICAS: String(c.waitReplicas), PALLET_REDIS_WAIT_TIMEOUT_MS: String(run.options.waitTimeoutMs) } : {};
  const env = { ...p.env, REDIS_URL: redis.url, REDIS_CLUSTER: redis.clusterFlag, ...wait };
  const server = await ServerProcess.start(
    { name: `pallet ${c.command}`, args: [config.palletCli, c.command], cwd: root, env, logPath: p.logPath },
    `http://127.0.0.1:${p.httpPort}/readyz`,
    config.readySecondsMax,
  );
  cleanup.push(`stop pallet ${c.command} (pid ${server.pid})`, () => server.stop());
  const origin = `http://127.0.0.1:${p.httpPort}`;
  const client = new JsonClient(origin, config.seedConcurrency);
  const seededMs = performance.now();
  const perTenant = Math.max(1, Math.floor(config.seedConcurrency / run.tenants.length));
  const seeded = await Promise.all(run.tenants.map((tenant) => seedPallet(client, p.adminKey, { ...run.catalog, tenant }, perTenant))).finally(() => client.close());
  const apiKeys = seeded.map((s) => s.apiKey);
  if (apiKeys.some((k) => k.includes(','))) throw new Error('an API key contains a comma: wrk/reserve.lua takes them as a comma list');
  log(`bench: ${c.name}: pallet ${c.command} :${p.httpPort} (pid ${server.pid}, roles ${p.roles}); ${run.tenants.length} tenants seeded with ${seeded.reduce((n, s) => n + s.requests, 0)} API calls in ${((performance.now() - seededMs) / 1_000).toFixed(1)} s`);
  return { server, origin, apiKeys };
}

const settleSampleMs = 500;

/** Waits until the server's tree uses less than the threshold of one core, bounded; returns whether it did. */
async function settle(server: ServerProcess, cpuPercentMax: number, secondsMax: number): Promise<boolean> {
  const deadline = performance.now() + secondsMax * 1_000;
  while (performance.now() < deadline) {
    const before = server.cpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, settleSampleMs));
    if (((server.cpuSeconds() - before) / (settleSampleMs / 1_000)) * 100 < cpuPercentMax) return true;
  }
  return false;
}

async function measure(run: Run, c: Case, redis: PrivateRedis, pallet: Pallet): Promise<CaseRun> {
  const { config, options } = run;
  const drainSecondsMax = c.command === 'start' ? options.drainSecondsMax : config.settleSecondsMax;
  await settle(pallet.server, config.settleCpuPercentMax, drainSecondsMax);
  const job = (phase: 'warm' | 'measure', seconds: number): WrkJob => ({
    binary: config.wrkBinary,
    origin: pallet.origin,
    threads: config.wrkThreads,
    connections: config.connections,
    seconds,
    apiKey: pallet.apiKeys.join(','),
    keyPrefix: `${run.id}-${caseTag(c)}-${phase}-`,
    skuCount: config.skuCount,
    region: run.catalog.warehouses[0]?.region ?? 'CN-ZJ',
    seed: (config.seed + c.masters * 7_919 + (phase === 'warm' ? 1 : 0)) % 0x7fffffff,
  });
  if (config.warmupSeconds > 0) {
    await runWrk(job('warm', config.warmupSeconds));
    // The warm-up's backlog (relay, projector) must not be billed to the measured reservations.
    if (c.command === 'start') await settle(pallet.server, config.settleCpuPercentMax, drainSecondsMax);
  }
  log(`bench: ${c.name}: measuring ${config.measureSeconds} s`);
  const waitsBefore = await redis.commandCalls('wait');
  const before = cpuSnapshot();
  const summary = await runWrk(job('measure', config.measureSeconds));
  // `start`: the cost window runs on until the pipeline behind the API is idle, so its NATS and PostgreSQL work is counted.
  const drainStartMs = performance.now();
  const drained = c.command === 'start' ? await settle(pallet.server, config.settleCpuPercentMax, drainSecondsMax) : true;
  const drainSeconds = c.command === 'start' ? (performance.now() - drainStartMs) / 1_000 : 0;
  const after = cpuSnapshot();
  const waits = (await redis.commandCalls('wait')) - waitsBefore;
  if (!pallet.server.running) throw new Error(`${c.name}: the server exited during the measured run; log ${pallet.server.logPath}`);
  const result = { ...caseRun(c, redis, summary, before, after, pallet.server.pid, await redis.keysPerNode(), drainSeconds, drained), waitCalls: waits, waitTimeoutMs: c.waitReplicas > 0 ? options.waitTimeoutMs : 0 };
  log(`bench: ${c.name}: ${Math.round(result.okPerSecond)} reservations/s, p50 ${(summary.latencyUs.p50 / 1_000).toFixed(2)} ms, p99 ${(summary.latencyUs.p99 / 1_000).toFixed(2)} ms, ${result.errors} errors; keys per node ${result.keysPerNode.join(', ')}; WAIT calls on the masters ${waits}`);
  return result;
}

function caseRun(c: Case, redis: PrivateRedis, wrk: WrkSummary, before: CpuSnapshot, after: CpuSnapshot, serverPid: number, keysPerNode: readonly number[], drainSeconds: number, drained: boolean): CaseRun {
  const cpu: CpuTicks = cpuTicksBetween(before, after, serverPid, wrk.cpuTicks);
  const ticksOf = (pid: number): number => Math.max(0, (after.processes.get(pid)?.[2] ?? 0) - (before.processes.get(pid)?.[2] ?? 0));
  const nodeTicks = redis.nodes.map((n) => ({ port: n.port, pid: n.pid, replica: n.replica, ticks: ticksOf(n.pid) }));
  const ok = wrkOk(wrk);
  const seconds = wrk.durationUs / 1e6;
  return {
    name: c.name,
    masters: c.masters,
    command: c.command,
    replicas: c.replicas,
    waitReplicas: c.waitReplicas,
    waitCalls: 0,
    waitTimeoutMs: 0,
    wrk,
    ok,
    okPerSecond: seconds > 0 ? ok / seconds : 0,
    errors: wrkErrors(wrk),
    cpu,
    nodeTicks,
    // Any other redis-server (the shared one on 6379) is someone else's work.
    otherRedisTicks: Math.max(0, cpu.redis - nodeTicks.reduce((n, t) => n + t.ticks, 0)),
    keysPerNode,
    drainSeconds,
    drained,
  };
}

/** Server logs are kept when the run failed or a server logged a warning or an error; else removed. */
function keepLogsIfAny(dir: string, failed: boolean): void {
  const noteworthy = (file: string): boolean => readFileSync(file, 'utf8').split('\n').some((line) => line.startsWith('{') || /\b(warn|warning|error)\b/i.test(line));
  const kept = readdirSync(dir).map((f) => join(dir, f)).filter(noteworthy);
  if (kept.length > 0) log(`bench: servers logged warnings or errors; see ${kept.join(', ')}`);
  else if (failed) log(`bench: logs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const resultsHeader = '# Benchmark results\n\nAppended by the benchmarks in bench/, newest at the bottom. See bench/README.md.\n\n';

function writeResults(path: string, section: string): void {
  if (path === '') return;
  const file = resolve(root, path);
  if (!existsSync(file)) writeFileSync(file, resultsHeader);
  appendFileSync(file, `${section}\n`);
  log(`bench: appended results to ${path}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench: FAILED:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
