// `npm run bench`: loads the bare reserve server (the calibration of the box)
// and then Pallet with wrk, single-line reservations, one target at a time
// (BENCH_TARGETS), and prints Pallet's figures as a ratio of the bare one with
// µs of CPU per reservation per process; then, when selected, the
// Node-generator scenarios (BENCH_SCENARIOS: cart5, hot, e2e, single) against
// Pallet and a PostgreSQL row-lock baseline. Appends everything to
// bench/RESULTS.md. Servers and load generators are separate processes.
// See bench/README.md for the targets, the scenarios and the BENCH_* knobs.

import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CleanupStack, deleteNatsStreams, deleteRedisNamespace, dropPostgresSchema } from './lib/cleanup.ts';
import { baselineScenarioNames, loadBenchConfig, scenarioNames, type BenchConfig, type ScenarioName } from './lib/config.ts';
import { cpuShares, cpuSnapshot, cpuTicksBetween, type CpuSnapshot } from './lib/cpu.ts';
import { describeEnvironment } from './lib/environment.ts';
import { generate } from './lib/generate.ts';
import { JsonClient } from './lib/http.ts';
import type { E2eJob, LoadJob } from './lib/load.ts';
import { freePort, runToExit, ServerProcess } from './lib/processes.ts';
import { ratioLines, runNotes, renderE2eTable, renderMarkdown, renderTable, renderTargetTables, type Report, type ScenarioRun, type System } from './lib/report.ts';
import { buildCatalog, type BenchCatalog } from './lib/scenarios.ts';
import { seedPallet } from './lib/seed.ts';
import { targets, type TargetName, type TargetSpec } from './lib/targets.ts';
import { targetNotes, targetRun, type TargetRun } from './lib/throughput.ts';
import { runWrk, type WrkJob } from './lib/wrk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const startedMs = performance.now();
/** Progress lines carry the seconds since start, so slow phases show. */
const log = (line: string): void =>
  void process.stdout.write(line === '' || !/^(bench|cleanup)/.test(line) ? `${line}\n` : `[${((performance.now() - startedMs) / 1_000).toFixed(1).padStart(5)} s] ${line}\n`);

interface Run {
  readonly config: BenchConfig;
  readonly id: string;
  readonly catalog: BenchCatalog;
  readonly logDir: string;
  readonly cleanup: CleanupStack;
}

async function main(): Promise<number> {
  const config = loadBenchConfig();
  const id = randomBytes(4).toString('hex');
  const cleanup = new CleanupStack();
  const run: Run = { config, id, catalog: buildCatalog(config.skuCount), logDir: mkdtempSync(join(tmpdir(), `pallet-bench-${id}-`)), cleanup };
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`bench: ${signal}; cleaning up`);
    void cleanup.runAll(log).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`bench: run ${id}; wrk targets ${config.targets.join(', ') || 'none'}; scenarios ${config.scenarios.join(', ') || 'none'}; ${config.connections} connections; ${config.warmupSeconds} s warm-up + ${config.measureSeconds} s measured; logs in ${run.logDir}`);
    const environment = await describeEnvironment(root, config.redisUrl, config.databaseUrl);
    log(`bench: load average before the run ${environment.loadAverages}; ${environment.busyPercentBefore} % of one core busy; commit ${environment.commit}`);
    const targetRuns = await benchTargets(run);
    const runs: ScenarioRun[] = [];
    const plain = config.scenarios.filter((s) => s !== 'e2e');
    if (plain.length > 0) runs.push(...(await benchPallet(run, plain)));
    if (config.scenarios.includes('e2e')) runs.push(await benchE2e(run));
    const baselineScenarios = config.baseline ? config.scenarios.filter((s) => baselineScenarioNames.includes(s)) : [];
    if (baselineScenarios.length > 0) runs.push(...(await benchBaseline(run, baselineScenarios)));
    const report: Report = { config, environment, targets: targetRuns, runs, notes: [...runNotes(environment, runs), ...targetNotes(targetRuns)] };
    log('');
    if (targetRuns.length > 0) {
      log(renderTargetTables(report));
      log('');
    }
    if (runs.some((r) => r.result.scenario !== 'e2e')) {
      log(renderTable(report));
      log('');
    }
    if (runs.some((r) => r.result.scenario === 'e2e')) {
      log(renderE2eTable(report));
      log('');
    }
    for (const line of [...ratioLines(report), ...report.notes.map((n) => `note: ${n}`)]) log(line);
    writeResults(config.resultsPath, renderMarkdown(report));
    keepLogsIfAny(run.logDir);
    return 0;
  } finally {
    await cleanup.runAll(log);
    log('bench: done');
  }
}

interface PalletServer {
  readonly server: ServerProcess;
  readonly origin: string;
  readonly namespace: string;
  readonly adminKey: string;
  readonly apiKey: string;
}

/** Migrates, starts `serve` (or `command`) in its own namespace (extra env wins over the harness's), seeds the catalog. */
async function startPallet(
  run: Run,
  namespace: string,
  extraEnv: Readonly<Record<string, string>> = {},
  command: 'serve' | 'start' = 'serve',
  catalog: BenchCatalog = run.catalog,
): Promise<PalletServer> {
  const { config, cleanup } = run;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  const httpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === httpPort) wsPort = await freePort();
  // `start` writes the demo tenant's keys there: not into the developer's .data/.
  const dataDir = mkdtempSync(join(tmpdir(), `pallet-bench-${namespace}-data-`));
  cleanup.push(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    PALLET_NAMESPACE: namespace,
    PALLET_DATA_DIR: dataDir,
    PALLET_ADMIN_KEY: adminKey,
    PALLET_HTTP_PORT: String(httpPort),
    PALLET_WS_PORT: String(wsPort),
    // Not scraped here; off, so a Pallet already running on this machine (its metrics on 9464) does not stop the bench.
    PALLET_METRICS_PORT: 'off',
    PALLET_LOG_LEVEL: 'warn',
    // No line per request: the figures measure the API, not logging (bench/README.md).
    PALLET_LOG_REQUESTS: 'false',
    REDIS_URL: config.redisUrl,
    DATABASE_URL: config.databaseUrl,
    NATS_URL: config.natsUrl,
    ...extraEnv,
  };
  // Pushed first, so they run last: after the server has stopped.
  cleanup.push(`delete Redis keys ${namespace}:*`, async () => `${await deleteRedisNamespace(config.redisUrl, namespace)} keys`);
  cleanup.push(`drop schema ${namespace}`, () => dropPostgresSchema(config.databaseUrl, namespace));
  cleanup.push(`delete JetStream streams of ${namespace}`, () => deleteNatsStreams(config.natsUrl, namespace));
  const cli = config.palletCli;
  const logPath = join(run.logDir, `${namespace}.log`);
  log(`bench: pallet: migrate (namespace ${namespace})`);
  await runToExit({ name: 'pallet migrate', args: [cli, 'migrate'], cwd: root, env, logPath }, 120);
  const server = await ServerProcess.start(
    { name: `pallet ${command}`, args: [cli, command], cwd: root, env, logPath },
    `http://127.0.0.1:${httpPort}/readyz`,
    config.readySecondsMax,
  );
  cleanup.push(`stop pallet ${command} (pid ${server.pid})`, () => server.stop());
  const roles = extraEnv.PALLET_ROLES ?? process.env.PALLET_ROLES ?? 'all';
  log(`bench: pallet ${command}: serving on :${httpPort} (pid ${server.pid}, roles ${roles || 'all'})`);
  const origin = `http://127.0.0.1:${httpPort}`;
  const client = new JsonClient(origin, config.seedConcurrency);
  const seeded = await seedPallet(client, adminKey, catalog, config.seedConcurrency).finally(() => client.close());
  log(`bench: pallet: seeded with ${seeded.requests} API calls in ${seeded.seconds.toFixed(1)} s (${seeded.phases})`);
  return { server, origin, namespace, adminKey, apiKey: seeded.apiKey };
}

interface StartedTarget {
  readonly server: ServerProcess;
  readonly origin: string;
  readonly apiKey: string;
}

/** The wrk targets, one at a time (each its own server, stopped before the next starts), bare first. */
async function benchTargets(run: Run): Promise<TargetRun[]> {
  const runs: TargetRun[] = [];
  // One warehouse, as the bare server has: the figures compare the same work.
  const catalog: BenchCatalog = { ...run.catalog, warehouses: run.catalog.warehouses.slice(0, 1) };
  for (const name of run.config.targets) {
    const spec: TargetSpec = targets[name];
    const started =
      spec.kind === 'bare' ? await startBare(run) : await startPallet(run, `bench_${run.id}_${name}`, spec.env, spec.command, catalog);
    try {
      runs.push(await measureTarget(run, name, started));
    } finally {
      await started.server.stop();
    }
  }
  return runs;
}

/** The bare reserve server (bench/bare/server.ts) on its own Redis key prefix; it seeds its cells at start and deletes its keys at exit. */
async function startBare(run: Run): Promise<StartedTarget> {
  const { config, cleanup, catalog } = run;
  const prefix = `benchbare_${run.id}`;
  const apiKey = `bench-bare-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  const env = {
    REDIS_URL: config.redisUrl,
    BARE_PREFIX: prefix,
    BARE_PORT: String(port),
    BARE_API_KEY: apiKey,
    BARE_SKUS: String(config.skuCount),
    BARE_WAREHOUSE: catalog.warehouses[0]?.id ?? 'wh-zj',
    BARE_ON_HAND: String(catalog.onHand),
  };
  // The server deletes its keys when stopped; this catches a server that was killed.
  cleanup.push(`delete Redis keys ${prefix}:*`, async () => `${await deleteRedisNamespace(config.redisUrl, prefix)} keys`);
  const server = await ServerProcess.start(
    { name: 'bare reserve server', args: ['bench/bare/server.ts'], cwd: root, env, logPath: join(run.logDir, 'bare.log') },
    `http://127.0.0.1:${port}/readyz`,
    config.readySecondsMax,
  );
  cleanup.push(`stop bare reserve server (pid ${server.pid})`, () => server.stop());
  log(`bench: bare: serving on :${port} (pid ${server.pid}, keys ${prefix}:*)`);
  return { server, origin: `http://127.0.0.1:${port}`, apiKey };
}

/** Warm-up run of wrk, then the measured run between two CPU snapshots. */
async function measureTarget(run: Run, name: TargetName, target: StartedTarget): Promise<TargetRun> {
  const { config } = run;
  const settledSeconds = await settle(target.server, config);
  if (settledSeconds >= 1) log(`bench: ${name}: waited ${settledSeconds.toFixed(1)} s for the server to go idle`);
  const job = (phase: 'warm' | 'measure', seconds: number): WrkJob => ({
    binary: config.wrkBinary,
    origin: target.origin,
    threads: config.wrkThreads,
    connections: config.connections,
    seconds,
    apiKey: target.apiKey,
    keyPrefix: `${run.id}-${name}-${phase}-`,
    skuCount: config.skuCount,
    region: run.catalog.warehouses[0]?.region ?? 'CN-ZJ',
    seed: (config.seed + config.targets.indexOf(name) * 7_919 + (phase === 'warm' ? 1 : 0)) % 0x7fffffff,
  });
  if (config.warmupSeconds > 0) {
    log(`bench: ${name}: warming up ${config.warmupSeconds} s`);
    await runWrk(job('warm', config.warmupSeconds));
  }
  log(`bench: ${name}: measuring ${config.measureSeconds} s`);
  const before = cpuSnapshot();
  const summary = await runWrk(job('measure', config.measureSeconds));
  const after = cpuSnapshot();
  if (!target.server.running) throw new Error(`${name} server exited during the measured run; log ${target.server.logPath}`);
  const result = targetRun(name, summary, cpuTicksBetween(before, after, target.server.pid, summary.cpuTicks));
  log(`bench: ${name}: ${Math.round(result.okPerSecond)} reservations/s, p50 ${(summary.latencyUs.p50 / 1_000).toFixed(2)} ms, p99 ${(summary.latencyUs.p99 / 1_000).toFixed(2)} ms, ${result.errors} errors`);
  return result;
}

async function benchPallet(run: Run, scenarios: readonly ScenarioName[]): Promise<ScenarioRun[]> {
  const { server, origin, apiKey } = await startPallet(run, `bench_${run.id}`);
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) runs.push(await runScenario(run, 'pallet', scenario, server, origin, apiKey));
  await server.stop();
  return runs;
}

/** `e2e` gets its own server (every role of the flow) and namespace, so no backlog of the other scenarios' events is in its way. */
async function benchE2e(run: Run): Promise<ScenarioRun> {
  const { config } = run;
  const namespace = `bench_${run.id}_e2e`;
  const pallet = await startPallet(run, namespace, { PALLET_ROLES: config.e2eRoles });
  const client = new JsonClient(pallet.origin, 1);
  const secret = await client
    .expect([201], 'POST', `/v1/tenants/${encodeURIComponent(run.catalog.tenant)}/payment-secret`, pallet.adminKey)
    .finally(() => client.close());
  const paymentSecret = (secret.body as { secret?: unknown }).secret;
  if (typeof paymentSecret !== 'string' || paymentSecret === '') throw new Error(`payment-secret: no secret in ${JSON.stringify(secret.body)}`);
  const e2e: E2eJob = {
    tenant: run.catalog.tenant,
    paymentSecret,
    databaseUrl: config.databaseUrl,
    schema: namespace,
    callbackConnections: config.e2eCallbackConnections,
    callbackPipelining: config.e2eCallbackPipelining,
    callbackQueueMax: config.e2eCallbackQueueMax,
    lagDrainSeconds: config.e2eLagDrainSeconds,
    pollMs: config.e2ePollMs,
  };
  const result = await runScenario(run, 'pallet', 'e2e', pallet.server, pallet.origin, pallet.apiKey, e2e);
  await pallet.server.stop();
  return result;
}

async function benchBaseline(run: Run, scenarios: readonly ScenarioName[]): Promise<ScenarioRun[]> {
  const { config, cleanup } = run;
  const schema = `bench_pg_${run.id}`;
  const apiKey = `bench-pg-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  const env = {
    DATABASE_URL: config.databaseUrl,
    BASELINE_SCHEMA: schema,
    BASELINE_PORT: String(port),
    BASELINE_API_KEY: apiKey,
    BASELINE_POOL_MAX: String(config.baselinePoolMax),
  };
  cleanup.push(`drop schema ${schema}`, () => dropPostgresSchema(config.databaseUrl, schema));
  const server = await ServerProcess.start(
    { name: 'pg baseline', args: ['bench/pg-baseline/server.ts'], cwd: root, env, logPath: join(run.logDir, 'pg-baseline.log') },
    `http://127.0.0.1:${port}/readyz`,
    config.readySecondsMax,
  );
  cleanup.push(`stop pg baseline (pid ${server.pid})`, () => server.stop());
  log(`bench: pg baseline: serving on :${port} (pid ${server.pid}, schema ${schema})`);
  const origin = `http://127.0.0.1:${port}`;
  const client = new JsonClient(origin, 1);
  const { catalog } = run;
  const stock = catalog.warehouses.flatMap((w) => catalog.skus.map((sku) => ({ warehouse: w.id, sku, onHand: catalog.onHand })));
  await client.expect([200], 'POST', '/v1/admin/seed', apiKey, { warehouses: catalog.warehouses.map(({ id, region, priority }) => ({ id, region, priority })), stock }).finally(() => client.close());
  log(`bench: pg baseline: seeded ${stock.length} stock rows`);
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) runs.push(await runScenario(run, 'pg-baseline', scenario, server, origin, apiKey));
  await server.stop();
  return runs;
}

async function runScenario(run: Run, system: System, scenario: ScenarioName, server: ServerProcess, origin: string, apiKey: string, e2e?: E2eJob): Promise<ScenarioRun> {
  const { config } = run;
  const settledSeconds = await settle(server, config);
  if (settledSeconds >= 1) log(`bench: ${system}: waited ${settledSeconds.toFixed(1)} s for the server to go idle`);
  const label = `${system}/${scenario}`;
  const job: LoadJob = {
    label,
    scenario,
    origin,
    apiKey,
    catalog: run.catalog,
    connections: config.connections,
    pipelining: config.pipelining,
    warmupSeconds: config.warmupSeconds,
    measureSeconds: config.measureSeconds,
    drainSeconds: config.drainSeconds,
    seed: (config.seed + scenarioIndex(scenario) * 1_000_003) % 0x7fffffff,
    keyPrefix: `${run.id}${system === 'pallet' ? 'p' : 'g'}${scenario}`,
    ...(e2e === undefined ? {} : { e2e }),
  };
  log(`bench: ${label}: running`);
  let generatorPid = 0;
  let before: CpuSnapshot | undefined;
  let after: CpuSnapshot | undefined;
  const result = await generate(job, {
    onSpawn: (pid) => void (generatorPid = pid),
    onMeasureStart: () => void (before = cpuSnapshot()),
    onMeasureEnd: () => void (after = cpuSnapshot()),
  });
  log(`bench: ${label}: ${Math.round(result.okPerSecond)} reservations/s, p99 ${result.latencyMsP99} ms, ${result.errors} errors`);
  if (result.e2e) {
    const x = result.e2e;
    log(`bench: ${label}: ${Math.round(x.callbacksPerSecond)} callbacks/s accepted, ${x.callbackErrors} callback errors; lag p50 ${x.lagMsP50} ms, p99 ${x.lagMsP99} ms, max ${x.lagMsMax} ms (callback 202 → confirmed p50 ${x.afterCallbackMsP50} ms, p99 ${x.afterCallbackMsP99} ms); ${x.unconfirmed} of ${x.tracked} unconfirmed after ${x.lagDrainSeconds} s`);
  }
  if (!server.running) throw new Error(`${system} server exited during ${scenario}; log ${server.logPath}`);
  const cpu = before && after ? cpuShares(before, after, server.pid, generatorPid) : null;
  return { system, result, cpu };
}

const scenarioIndex = (s: ScenarioName): number => scenarioNames.indexOf(s) + 1;
const settleSampleMs = 500;

/** Waits until the server's CPU is below the threshold (background work of the last scenario done), bounded. */
async function settle(server: ServerProcess, config: BenchConfig): Promise<number> {
  const startMs = performance.now();
  const deadline = startMs + config.settleSecondsMax * 1_000;
  while (performance.now() < deadline) {
    const before = server.cpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, settleSampleMs));
    const percent = ((server.cpuSeconds() - before) / (settleSampleMs / 1_000)) * 100;
    if (percent < config.settleCpuPercentMax) break;
  }
  return (performance.now() - startMs) / 1_000;
}

/** Server logs are kept when a run fails or a server logged a structured (pino) line, a warning or an error; else removed. */
function keepLogsIfAny(dir: string): void {
  const noteworthy = (file: string): boolean =>
    readFileSync(file, 'utf8')
      .split('\n')
      .some((line) => line.startsWith('{') || /\b(warn|warning|error)\b/i.test(line));
  const kept = readdirSync(dir)
    .map((f) => join(dir, f))
    .filter(noteworthy);
  if (kept.length > 0) log(`bench: servers logged warnings or errors; see ${kept.join(', ')}`);
  else rmSync(dir, { recursive: true, force: true });
}

const resultsHeader = `# Benchmark results

Appended by \`npm run bench\` (bench/run.ts), newest at the bottom. Each
section names the machine, commit and service settings it was measured with.
See bench/README.md for what the scenarios do and how to read the figures.

`;

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
