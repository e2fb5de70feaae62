// `npm run bench:orders`: channel intake end to end (issue 11, "Figures") —
// signed Shopify webhooks → POST /v1/channels/{id}/orders (verify, dedupe by
// delivery id, durable in the intake stream, 202) → the orders role (map,
// dedupe by external id, reserve + confirm, order row + audit entry +
// delivery record in one transaction). Goal: ≥ 3,000 orders/s with p99 lag
// from the 202 to the order row in PostgreSQL < 1 s.
//
// One Pallet server (`serve` with PALLET_ROLES=all, or `start`) in its own
// namespace; tenant, warehouse, SKUs and a `shopify` channel made through the
// API; wrk sends pre-signed documents (bench/wrk/intake.lua), each once, at
// BENCH_ORDERS_RATE/s (default 3000, `max` = closed loop); the benchmark
// process sends probe documents on the side and times their rows
// (probe.ts), samples the backlog from JetStream (backlog.ts), waits for the
// drain, and reads CPU per process from /proc. Prints a table, appends a
// section to bench/RESULTS.md, deletes the namespace (schema, Redis keys,
// JetStream streams). See bench/README.md, "Order intake".

import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connectNats } from '../../src/adapters/nats/connection.ts';
import { CleanupStack, deleteNatsStreams, deleteRedisNamespace, dropPostgresSchema } from '../lib/cleanup.ts';
import { loadBenchConfig, type BenchConfig } from '../lib/config.ts';
import { cpuSnapshot, cpuTicksBetween, type CpuSnapshot } from '../lib/cpu.ts';
import { describeEnvironment } from '../lib/environment.ts';
import { JsonClient } from '../lib/http.ts';
import { freePort, runToExit, ServerProcess } from '../lib/processes.ts';
import { buildCatalog, type BenchCatalog } from '../lib/scenarios.ts';
import { seedPallet } from '../lib/seed.ts';
import { runWrkWith } from '../lib/wrk.ts';
import { BacklogSampler, readProgress, waitForRows } from './backlog.ts';
import { documentsFor, loadOrdersBenchConfig, type OrdersBenchConfig } from './config.ts';
import { signedDocuments, writeWrkDocuments, type DocumentSource } from './documents.ts';
import { ProbeClient } from './probe.ts';
import { renderMarkdown, renderStdout, type IntakeRun, type IntakeWrkSummary } from './report.ts';
import { analyzeSchema, connectRows, countRows, rowStats, type OrderRows } from './rows.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scriptPath = fileURLToPath(new URL('../wrk/intake.lua', import.meta.url));
const channel = 'shop-bench';
const startedMs = performance.now();
const log = (line: string): void => void process.stdout.write(`[${((performance.now() - startedMs) / 1_000).toFixed(1).padStart(5)} s] ${line}\n`);

interface Ctx {
  readonly bench: BenchConfig;
  readonly config: OrdersBenchConfig;
  readonly id: string;
  readonly namespace: string;
  readonly catalog: BenchCatalog;
  readonly cleanup: CleanupStack;
  readonly logDir: string;
  readonly docDir: string;
}

interface Started {
  readonly server: ServerProcess;
  readonly origin: string;
  readonly label: string;
  readonly path: string;
  readonly source: DocumentSource;
}

async function main(): Promise<number> {
  // The main harness's settings (URLs, wrk binary, CLI, seeding); its target and scenario lists are not used here.
  const bench = loadBenchConfig({ ...process.env, BENCH_TARGETS: '', BENCH_SCENARIOS: '' });
  const config = loadOrdersBenchConfig();
  const id = randomBytes(4).toString('hex');
  const catalog = buildCatalog(config.skuCount);
  const ctx: Ctx = {
    bench, config, id, namespace: `bench_${id}_orders`, cleanup: new CleanupStack(),
    // One warehouse: every order is allocated from it.
    catalog: { ...catalog, warehouses: catalog.warehouses.slice(0, 1) },
    logDir: mkdtempSync(join(tmpdir(), `pallet-bench-orders-${id}-`)),
    docDir: mkdtempSync(join(tmpdir(), `pallet-bench-orders-${id}-docs-`)),
  };
  ctx.cleanup.push(`remove ${ctx.docDir}`, async () => rmSync(ctx.docDir, { recursive: true, force: true }));
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`bench:orders: ${signal}; cleaning up`);
    void ctx.cleanup.runAll(log).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`bench:orders: run ${id}; ${config.ratePerSecond === null ? 'closed loop' : `${config.ratePerSecond} documents/s`}; ${config.warmupSeconds} s warm-up + ${config.measureSeconds} s measured; logs in ${ctx.logDir}`);
    const environment = await describeEnvironment(root, bench.redisUrl, bench.databaseUrl);
    log(`bench:orders: load average before the run ${environment.loadAverages}; ${environment.busyPercentBefore} % of one core busy; commit ${environment.commit}`);
    const started = await startPallet(ctx);
    const run = await measure(ctx, started);
    const result: IntakeRun = { ...run, config, environment, serverLabel: started.label };
    console.log(`\n${renderStdout(result)}\n`);
    writeResults(bench.resultsPath, renderMarkdown(result));
    keepLogIfNoteworthy(ctx.logDir);
    return 0;
  } finally {
    await ctx.cleanup.runAll(log);
    log('bench:orders: done');
  }
}

/** Migrates the namespace, starts Pallet, seeds tenant, warehouse, SKUs and stock, creates the shopify channel. */
async function startPallet(ctx: Ctx): Promise<Started> {
  const { bench, config, cleanup, namespace } = ctx;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  const httpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === httpPort) wsPort = await freePort();
  // The channel-secrets key (and `start`'s demo keys) go here, not into the developer's .data/.
  const dataDir = mkdtempSync(join(tmpdir(), `pallet-bench-${namespace}-data-`));
  const env = {
    PALLET_NAMESPACE: namespace, PALLET_DATA_DIR: dataDir, PALLET_ADMIN_KEY: adminKey, PALLET_ROLES: config.roles,
    PALLET_HTTP_PORT: String(httpPort), PALLET_WS_PORT: String(wsPort), PALLET_METRICS_PORT: 'off',
    PALLET_LOG_LEVEL: 'warn', PALLET_LOG_REQUESTS: 'false',
    REDIS_URL: bench.redisUrl, DATABASE_URL: bench.databaseUrl, NATS_URL: bench.natsUrl,
  };
  // Pushed first, so they run last: after the server has stopped.
  cleanup.push(`delete Redis keys ${namespace}:*`, async () => `${await deleteRedisNamespace(bench.redisUrl, namespace)} keys`);
  cleanup.push(`drop schema ${namespace}`, () => dropPostgresSchema(bench.databaseUrl, namespace));
  cleanup.push(`delete JetStream streams of ${namespace}`, () => deleteNatsStreams(bench.natsUrl, namespace));
  cleanup.push(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
  const logPath = join(ctx.logDir, `${namespace}.log`);
  log(`bench:orders: migrate (namespace ${namespace})`);
  await runToExit({ name: 'pallet migrate', args: [bench.palletCli, 'migrate'], cwd: root, env, logPath }, 120);
  const server = await ServerProcess.start(
    { name: `pallet ${config.command}`, args: [bench.palletCli, config.command], cwd: root, env, logPath },
    `http://127.0.0.1:${httpPort}/readyz`,
    bench.readySecondsMax,
  );
  cleanup.push(`stop pallet ${config.command} (pid ${server.pid})`, () => server.stop());
  const label = `pallet ${config.command}, PALLET_ROLES=${config.roles}`;
  log(`bench:orders: ${label}: serving on :${httpPort} (pid ${server.pid})`);
  const origin = `http://127.0.0.1:${httpPort}`;
  const client = new JsonClient(origin, bench.seedConcurrency);
  try {
    const seeded = await seedPallet(client, adminKey, ctx.catalog, bench.seedConcurrency);
    log(`bench:orders: seeded with ${seeded.requests} API calls in ${seeded.seconds.toFixed(1)} s (${seeded.phases})`);
    const secret = `shpss_bench_${randomBytes(16).toString('hex')}`;
    await client.expect([201], 'POST', '/v1/channels', seeded.apiKey, { id: channel, type: 'shopify', name: 'Benchmark shop', webhookSecret: secret });
    const source: DocumentSource = { runId: ctx.id, secret, skus: ctx.catalog.randomSkus, seed: config.seed };
    return { server, origin, label, path: `/v1/channels/${channel}/orders?tenant=${encodeURIComponent(ctx.catalog.tenant)}`, source };
  } finally {
    await client.close();
  }
}

function wrkArgs(ctx: Ctx, started: Started, file: string, seconds: number): string[] {
  const { config } = ctx;
  return [
    `-t${config.wrkThreads}`, `-c${config.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptPath, started.origin,
    '--', file, started.path, String(config.wrkThreads), config.ratePerSecond === null ? 'max' : String(config.ratePerSecond),
  ];
}

/** Runs wrk over a documents file; `onClockStart` when it has loaded them (its clock starts right after). */
async function runIntakeWrk(ctx: Ctx, started: Started, file: string, seconds: number, onClockStart: (wrkPid: number) => void = () => {}): Promise<IntakeWrkSummary> {
  let pid = 0;
  let signalled = false;
  const summary = await runWrkWith(ctx.bench.wrkBinary, wrkArgs(ctx, started, file, seconds), seconds + 60, (p) => void (pid = p), (output) => {
    if (signalled || !output.includes('WRK_LOADED')) return;
    signalled = true;
    onClockStart(pid);
  });
  if (!signalled) throw new Error('wrk never reported its documents loaded (WRK_LOADED)');
  return summary as IntakeWrkSummary;
}

/** Warm-up load (its own documents), then waits until every accepted document is an order row and the server is idle. */
async function warmUp(ctx: Ctx, started: Started, rows: OrderRows, progress: () => Promise<number>): Promise<void> {
  const { config } = ctx;
  if (config.warmupSeconds > 0) {
    const file = join(ctx.docDir, 'warm.tsv');
    const count = documentsFor(config, config.warmupSeconds);
    await writeWrkDocuments(file, started.source, 'warm', count);
    log(`bench:orders: warming up ${config.warmupSeconds} s (${count} documents)`);
    const w = await runIntakeWrk(ctx, started, file, config.warmupSeconds);
    rmSync(file, { force: true });
    const fromMs = performance.now();
    const drained = await waitForRows(rows, progress, fromMs, fromMs + config.drainSecondsMax * 1_000, config.backlogPollMs);
    log(`bench:orders: warm-up: ${w.requests - w.errors.status} of ${w.sent} answered 202; ${drained.orders} orders after ${((performance.now() - fromMs) / 1_000).toFixed(1)} s`);
  }
  log(`bench:orders: analysed ${await analyzeSchema(rows)} tables (statistics as autovacuum keeps them on a running system)`);
  const idleSeconds = await settle(started.server);
  if (idleSeconds >= 1) log(`bench:orders: waited ${idleSeconds.toFixed(1)} s for the server to go idle`);
}

const settleSampleMs = 500;
const settleCpuPercentMax = 25;
const settleSecondsMax = 15;

/** Waits until the server's CPU is below settleCpuPercentMax of a core (background work done), bounded. */
async function settle(server: ServerProcess): Promise<number> {
  const startMs = performance.now();
  while (performance.now() - startMs < settleSecondsMax * 1_000) {
    const before = server.cpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, settleSampleMs));
    if (((server.cpuSeconds() - before) / (settleSampleMs / 1_000)) * 100 < settleCpuPercentMax) break;
  }
  return (performance.now() - startMs) / 1_000;
}

type Measured = Omit<IntakeRun, 'config' | 'environment' | 'serverLabel'>;

/** The measured window: wrk + probes + backlog samples, then the drain, CPU from the load's start to the drain's end. */
async function measure(ctx: Ctx, started: Started): Promise<Measured> {
  const { bench, config, cleanup } = ctx;
  const rows = connectRows(bench.databaseUrl, ctx.namespace, ctx.catalog.tenant, channel);
  cleanup.push('close PostgreSQL connections', () => rows.sql.end({ timeout: 5 }));
  const nats = await connectNats(bench.natsUrl, `pallet-bench-orders-${ctx.id}`);
  cleanup.push('close NATS connection', () => nats.close());
  const jsm = await nats.jsm();
  const progress = async (): Promise<number> => (await readProgress(jsm, ctx.namespace)).accepted;
  await warmUp(ctx, started, rows, progress);

  const file = join(ctx.docDir, 'measure.tsv');
  const count = documentsFor(config, config.measureSeconds);
  const bytes = await writeWrkDocuments(file, started.source, 'measure', count);
  const probeDocs = [...signedDocuments(started.source, 'probe', Math.ceil(config.probeRatePerSecond * config.measureSeconds))];
  log(`bench:orders: measuring ${config.measureSeconds} s (${count} documents, ${(bytes / 1024 ** 2).toFixed(0)} MiB; ${probeDocs.length} probes)`);
  const ordersBefore = (await countRows(rows)).orders;
  const sampler = new BacklogSampler(jsm, ctx.namespace, config.backlogPollMs);
  const probes = new ProbeClient(started.origin, started.path, probeDocs, config.probeRatePerSecond, rows, config.probePollMs);
  let before: CpuSnapshot | null = null;
  let wrkPid = 0;
  const wrk = await runIntakeWrk(ctx, started, file, config.measureSeconds, (pid) => {
    before = cpuSnapshot();
    wrkPid = pid;
    sampler.start();
    probes.start();
  });
  const loadEndMs = performance.now();
  const windowEndWallMs = Date.now();
  rmSync(file, { force: true });
  await probes.stopSending();
  const backlog = await sampler.stop();
  if (sampler.errors > 0) log(`bench:orders: ${sampler.errors} backlog samples failed (JetStream did not answer)`);
  log(`bench:orders: load done: ${wrk.requests - wrk.errors.status} of ${wrk.sent} answered 202; ${await progress()} documents in the intake stream; draining`);
  const drain = await waitForRows(rows, progress, loadEndMs, loadEndMs + config.drainSecondsMax * 1_000, config.backlogPollMs);
  const after = cpuSnapshot();
  const probeSummary = await probes.finish(performance.now() + 5_000);
  const stats = await rowStats(rows, windowEndWallMs - wrk.durationUs / 1_000, windowEndWallMs);
  if (before === null) throw new Error('no CPU snapshot at the start of the load');
  const start: CpuSnapshot = before;
  const ticksOf = (s: CpuSnapshot, pid: number): number => s.processes.get(pid)?.[2] ?? 0;
  // wrk reports its own ticks (it has exited by now), loading its documents included: take off what it had used by the start.
  const generatorTicks = Math.max(0, wrk.cpuTicks - ticksOf(start, wrkPid)) + ticksOf(after, process.pid) - ticksOf(start, process.pid);
  return {
    wrk, probes: probeSummary, rows: stats, backlog, drain, ordersDuring: drain.orders - ordersBefore,
    cpu: cpuTicksBetween(start, after, started.server.pid, generatorTicks),
  };
}

const resultsHeader = `# Benchmark results

Appended by the benchmarks in bench/ (see bench/README.md), newest at the bottom.

`;

function writeResults(path: string, section: string): void {
  if (path === '') return;
  const file = resolve(root, path);
  if (!existsSync(file)) writeFileSync(file, resultsHeader);
  appendFileSync(file, `\n${section}`);
  log(`bench:orders: appended results to ${path}`);
}

/** The server log is kept (and named) when it has a warning, an error or a structured (pino) line; else removed. */
function keepLogIfNoteworthy(dir: string): void {
  const noteworthy = readdirSync(dir)
    .map((f) => join(dir, f))
    .filter((f) => readFileSync(f, 'utf8').split('\n').some((line) => line.startsWith('{') || /\b(warn|warning|error)\b/i.test(line)));
  if (noteworthy.length > 0) log(`bench:orders: the server logged warnings or errors; see ${noteworthy.join(', ')}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench:orders: FAILED:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
