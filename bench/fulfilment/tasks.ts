// `npm run bench:fulfilment`: released orders → pick tasks delivered to a
// local WMS (issue 12, "Figures"). One Pallet server (`serve`) in its own
// namespace on the shared Redis / NATS / PostgreSQL; a signed-push WMS in the
// benchmark process (wms.ts) for the one warehouse.
//
// 1. Backlog: the server runs without the fulfilment role while
//    BENCH_FULFIL_ORDERS paid storefront orders (POST /v1/orders) are made and
//    released; then it is restarted with the fulfilment role, which works
//    through the backlog of order.changed events: tasks delivered per second
//    (first push → last push) and the server's CPU per task.
// 2. Steady: orders at BENCH_FULFIL_RATE/s for BENCH_FULFIL_SECONDS with
//    every role running: the lag from the order's release (its created_at:
//    the orders role stores a paid order released) to the task's first push
//    arriving at the WMS, p50 / p99 / max.
// Prints the figures, appends a section to bench/RESULTS.md, deletes the namespace.

import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { CleanupStack, deleteNatsStreams, deleteRedisNamespace, dropPostgresSchema } from '../lib/cleanup.ts';
import { loadBenchConfig } from '../lib/config.ts';
import { intEnv } from '../lib/env.ts';
import { describeEnvironment, type Environment } from '../lib/environment.ts';
import { JsonClient } from '../lib/http.ts';
import { freePort, runToExit, ServerProcess } from '../lib/processes.ts';
import { buildCatalog } from '../lib/scenarios.ts';
import { seedPallet } from '../lib/seed.ts';
import { BenchWms } from './wms.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const orders = intEnv('BENCH_FULFIL_ORDERS', 1_000, 10, 1_000_000);
const concurrency = intEnv('BENCH_FULFIL_CONCURRENCY', 16, 1, 1_000);
const rate = intEnv('BENCH_FULFIL_RATE', 30, 1, 10_000);
const steadySeconds = intEnv('BENCH_FULFIL_SECONDS', 10, 1, 600);
const waitSecondsMax = intEnv('BENCH_FULFIL_WAIT_SECONDS', 600, 10, 7_200);
const rolesWithout = 'api,sweeper,relay,projector,payments,orders,timers';
const startedMs = performance.now();
const log = (line: string): void => void process.stdout.write(`[${((performance.now() - startedMs) / 1_000).toFixed(1).padStart(5)} s] ${line}\n`);
const nowEpochMs = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Ctx {
  readonly bench: ReturnType<typeof loadBenchConfig>;
  readonly namespace: string;
  readonly cleanup: CleanupStack;
  readonly env: Record<string, string>;
  readonly logPath: string;
  readonly wms: BenchWms;
  readonly sql: postgres.Sql;
  apiKey: string;
  origin: string;
  warehouse: string;
  skus: readonly string[];
}

async function startServer(ctx: Ctx, roles: string): Promise<ServerProcess> {
  const env = { ...ctx.env, PALLET_ROLES: roles };
  const server = await ServerProcess.start({ name: `pallet serve [${roles}]`, args: [ctx.bench.palletCli, 'serve'], cwd: root, env, logPath: ctx.logPath },
    `${ctx.origin}/readyz`, ctx.bench.readySecondsMax);
  ctx.cleanup.push(`stop pallet serve [${roles}] (pid ${server.pid})`, () => server.stop());
  return server;
}

function orderBody(ctx: Ctx, n: number, tag: string): Record<string, unknown> {
  const sku = ctx.skus[n % ctx.skus.length]!;
  return {
    externalId: `${tag}-${n}`, paidAtMs: Date.now(), buyer: { name: `Buyer ${n}`, phone: '+86 138 0013 8000' },
    shippingAddress: { name: `Buyer ${n}`, phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: `${n} Wensan Road` },
    lines: [{ sku, qty: 1, unitPriceMinor: 1_000 }],
    totals: { currency: 'CNY', itemsMinor: 1_000, shippingMinor: 0, discountMinor: 0, totalMinor: 1_000 },
  };
}

async function submit(client: JsonClient, ctx: Ctx, n: number, tag: string): Promise<void> {
  await client.expect([202], 'POST', '/v1/orders', ctx.apiKey, orderBody(ctx, n, tag), { 'idempotency-key': `${tag}-${n}-${ctx.namespace}` });
}

async function countRows(ctx: Ctx, table: 'orders' | 'pick_tasks'): Promise<number> {
  const [r] = await ctx.sql<{ n: number }[]>`select count(*)::int as n from ${ctx.sql(ctx.namespace)}.${ctx.sql(table)}`;
  return r!.n;
}

async function waitUntil(what: string, fn: () => Promise<boolean> | boolean, everyMs = 100): Promise<void> {
  const until = performance.now() + waitSecondsMax * 1_000;
  while (!(await fn())) {
    if (performance.now() > until) throw new Error(`timed out after ${waitSecondsMax} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function setUp(ctx: Ctx): Promise<ServerProcess> {
  log(`bench:fulfilment: migrate (namespace ${ctx.namespace})`);
  await runToExit({ name: 'pallet migrate', args: [ctx.bench.palletCli, 'migrate'], cwd: root, env: ctx.env, logPath: ctx.logPath }, 120);
  const server = await startServer(ctx, rolesWithout);
  const catalog = buildCatalog(20);
  const one = { ...catalog, warehouses: catalog.warehouses.slice(0, 1) };
  const client = new JsonClient(ctx.origin, 8);
  try {
    const seeded = await seedPallet(client, ctx.env.PALLET_ADMIN_KEY!, one, 8);
    ctx.apiKey = seeded.apiKey;
    ctx.warehouse = one.warehouses[0]!.id;
    ctx.skus = one.skus;
    await client.expect([200], 'PUT', `/v1/warehouses/${encodeURIComponent(ctx.warehouse)}/wms`, ctx.apiKey, { mode: 'push', url: ctx.wms.url, secret: ctx.env.BENCH_WMS_SECRET, timeoutMs: 5_000 });
  } finally {
    await client.close();
  }
  return server;
}

interface Backlog { seconds: number; perSecond: number; fromReadySeconds: number; cpuUsPerTask: number; pushes: number }

/** Phase 1: `orders` released with no fulfilment role, then the role drains them. */
async function backlog(ctx: Ctx, first: ServerProcess): Promise<{ backlog: Backlog; server: ServerProcess }> {
  log(`bench:fulfilment: making ${orders} released orders (${concurrency} in flight), no fulfilment role`);
  const client = new JsonClient(ctx.origin, concurrency);
  let next = 0;
  try {
    await Promise.all(Array.from({ length: concurrency }, async () => { while (next < orders) await submit(client, ctx, next++, 'backlog'); }));
  } finally {
    await client.close();
  }
  await waitUntil(`${orders} orders released`, async () => (await countRows(ctx, 'orders')) >= orders, 250);
  await first.stop();
  log('bench:fulfilment: all released; restarting with the fulfilment role');
  const server = await startServer(ctx, `${rolesWithout},fulfilment`);
  const readyMs = nowEpochMs();
  const cpu0 = server.cpuSeconds();
  await waitUntil(`${orders} tasks at the WMS`, () => ctx.wms.firstSeen.size >= orders, 20);
  const cpu1 = server.cpuSeconds();
  const times = [...ctx.wms.firstSeen.values()].map((v) => v.atMs).sort((a, b) => a - b);
  const seconds = (times[times.length - 1]! - times[0]!) / 1_000;
  return {
    server,
    backlog: {
      seconds, perSecond: (orders - 1) / Math.max(seconds, 1e-3), fromReadySeconds: (times[times.length - 1]! - readyMs) / 1_000,
      cpuUsPerTask: ((cpu1 - cpu0) * 1e6) / orders, pushes: ctx.wms.pushes,
    },
  };
}

interface Steady { sent: number; delivered: number; lagMs: { p50: number; p99: number; max: number } }

/** Phase 2: paced orders with every role running; lag release → first push at the WMS. */
async function steady(ctx: Ctx): Promise<Steady> {
  const total = rate * steadySeconds;
  log(`bench:fulfilment: steady: ${total} orders at ${rate}/s`);
  const client = new JsonClient(ctx.origin, concurrency);
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  try {
    for (let n = 0; n < total; n++) {
      await sleep(t0 + (n * 1_000) / rate - performance.now());
      pending.push(submit(client, ctx, n, 'steady'));
      if (pending.length >= concurrency * 4) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
  } finally {
    await client.close();
  }
  await waitUntil('every steady task at the WMS', () => ctx.wms.firstSeen.size >= orders + total, 20);
  const created = await ctx.sql<{ id: string; ms: number }[]>`
    select id, (extract(epoch from created_at) * 1000)::float8 as ms from ${ctx.sql(ctx.namespace)}.orders where external_id like 'steady-%'`;
  const createdOf = new Map(created.map((r) => [r.id, r.ms]));
  const lags = [...ctx.wms.firstSeen.values()].filter((v) => createdOf.has(v.orderId)).map((v) => v.atMs - createdOf.get(v.orderId)!).sort((a, b) => a - b);
  const q = (p: number): number => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? NaN;
  return { sent: total, delivered: lags.length, lagMs: { p50: q(0.5), p99: q(0.99), max: lags[lags.length - 1] ?? NaN } };
}

function render(env: Environment, b: Backlog, s: Steady, tasksInDb: number, badSignatures: number): string {
  const f = (n: number, d = 0): string => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    `## Pick tasks delivered to a WMS (bench/fulfilment/tasks.ts) — ${env.dateUtc}`,
    '',
    `Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB; Node ${env.node}; commit ${env.commit}; Redis ${env.redis.version} (appendonly ${env.redis.appendonly}); PostgreSQL ${env.postgres.version} (synchronous_commit ${env.postgres.synchronousCommit}).`,
    `Before the run: load average ${env.loadAverages}; ${env.busyPercentBefore} % of one core busy.`,
    `Command: \`npm run bench:fulfilment\` (BENCH_FULFIL_ORDERS=${orders} BENCH_FULFIL_RATE=${rate} BENCH_FULFIL_SECONDS=${steadySeconds}); paid storefront orders of one line, one warehouse pushed to a local WMS (node:http in the benchmark process, signature checked, 200 at once).`,
    '',
    '| figure | measured |',
    '| --- | --- |',
    `| backlog: tasks delivered/s by the fulfilment role (${f(orders)} released orders waiting; first → last push) | **${f(b.perSecond)}/s** (${f(b.seconds, 1)} s; ${f(b.fromReadySeconds, 1)} s from the server's /readyz) |`,
    `| backlog: server CPU per task delivered (process tree, /proc) | ${f(b.cpuUsPerTask)} µs |`,
    `| backlog: pushes received / distinct tasks | ${f(b.pushes)} / ${f(orders)} |`,
    `| steady: orders offered, tasks delivered | ${f(s.sent)} at ${rate}/s, ${f(s.delivered)} |`,
    `| steady: lag release (order created_at) → task at the WMS p50 / p99 / max | **${f(s.lagMs.p50)} / ${f(s.lagMs.p99)} / ${f(s.lagMs.max)} ms** |`,
    `| pick_tasks rows / bad signatures seen by the WMS | ${f(tasksInDb)} / ${badSignatures} |`,
    '',
  ].join('\n');
}

function appendResults(section: string): void {
  const path = process.env.BENCH_RESULTS ?? 'bench/RESULTS.md';
  if (path === '') return;
  const file = resolve(root, path);
  if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n');
  appendFileSync(file, `\n${section}`);
  log(`bench:fulfilment: appended results to ${path}`);
}

async function main(): Promise<number> {
  const bench = loadBenchConfig({ ...process.env, BENCH_TARGETS: '', BENCH_SCENARIOS: '' });
  const namespace = `bench_${randomBytes(4).toString('hex')}_fulfil`;
  const cleanup = new CleanupStack();
  const dataDir = mkdtempSync(join(tmpdir(), `pallet-bench-${namespace}-`));
  const secret = `wms_${randomBytes(16).toString('hex')}`;
  const wms = new BenchWms(secret);
  await wms.start();
  const httpPort = await freePort();
  const env = {
    PALLET_NAMESPACE: namespace, PALLET_DATA_DIR: dataDir, PALLET_ADMIN_KEY: `bench-admin-${randomBytes(16).toString('hex')}`,
    PALLET_HTTP_PORT: String(httpPort), PALLET_WS_PORT: String(await freePort()), PALLET_METRICS_PORT: 'off',
    PALLET_LOG_LEVEL: 'warn', PALLET_LOG_REQUESTS: 'false', PALLET_SECRETS_KEY: randomBytes(32).toString('hex'),
    REDIS_URL: bench.redisUrl, DATABASE_URL: bench.databaseUrl, NATS_URL: bench.natsUrl, BENCH_WMS_SECRET: secret,
  };
  const sql = postgres(bench.databaseUrl, { max: 2, onnotice: () => {} });
  cleanup.push(`delete Redis keys ${namespace}:*`, async () => `${await deleteRedisNamespace(bench.redisUrl, namespace)} keys`);
  cleanup.push(`drop schema ${namespace}`, () => dropPostgresSchema(bench.databaseUrl, namespace));
  cleanup.push(`delete JetStream streams of ${namespace}`, () => deleteNatsStreams(bench.natsUrl, namespace));
  cleanup.push(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push('close PostgreSQL', () => sql.end({ timeout: 5 }));
  cleanup.push('stop the WMS', () => wms.stop());
  const ctx: Ctx = { bench, namespace, cleanup, env, logPath: join(dataDir, 'server.log'), wms, sql, apiKey: '', origin: `http://127.0.0.1:${httpPort}`, warehouse: '', skus: [] };
  process.once('SIGINT', () => void cleanup.runAll(log).finally(() => process.exit(130)));
  try {
    const environment = await describeEnvironment(root, bench.redisUrl, bench.databaseUrl);
    log(`bench:fulfilment: namespace ${namespace}; load average ${environment.loadAverages}; commit ${environment.commit}`);
    const first = await setUp(ctx);
    const { backlog: b } = await backlog(ctx, first);
    log(`bench:fulfilment: backlog: ${Math.round(b.perSecond)} tasks/s`);
    const s = await steady(ctx);
    const section = render(environment, b, s, await countRows(ctx, 'pick_tasks'), wms.badSignatures);
    console.log(`\n${section}`);
    appendResults(section);
    return 0;
  } finally {
    await cleanup.runAll(log);
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error('bench:fulfilment: FAILED:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
