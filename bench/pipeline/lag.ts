// Projection lag of the event pipeline at a fixed offered rate:
// reservations made straight through the stock engine (the Lua scripts, no
// HTTP in front — the reserve API has its own benchmark) at RATE/s, open
// loop; the relay and the projector run in their own `pallet serve`
// process(es), as in production; lag is the time from a reservation to the
// first moment its row is visible in PostgreSQL.
//
//   npm run bench:pipeline                      # rates 2000,5000,10000, 20 s each
//   BENCH_PIPE_RATES=10000 BENCH_PIPE_SECONDS=30 BENCH_PIPE_SPLIT=1 npm run bench:pipeline
//
// - Reservation ids are `p<rate>-<zero-padded counter>`: within one tenant the
//   relay publishes the outbox in order and the projector commits in stream
//   order, so `max(id)` of the tenant's reservations tells what is visible.
//   The poller reads it every BENCH_PIPE_POLL_MS (index-only, cheap); the lag
//   of reservation k = first poll that saw max(id) ≥ k − the moment k was
//   acknowledged by Redis. Resolution: one poll interval.
// - The projector's own histogram (`pallet_projection_lag_seconds`, event time
//   → commit) is read from the pipeline process's metrics listener (GET /metrics on PALLET_METRICS_PORT) as a cross-check.
// - BENCH_PIPE_SPLIT=1 runs the relay and the projector in two processes.
// - BENCH_PIPE_REDIS=always (default) | everysec starts a private redis-server
//   with AOF and that fsync policy on a free port (data in a temp dir, stopped
//   by PID and deleted after) — the durable setting; BENCH_PIPE_REDIS=shared
//   uses REDIS_URL as it is.
// - The namespace (Redis keys, schema, streams) is deleted afterwards.
// Prints a table and appends it to bench/RESULTS.md (BENCH_PIPE_RECORD=0: not).

import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { build, type Histogram } from 'hdr-histogram-js';
import { request } from 'undici';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, runMigrations } from '../../src/main.ts';
import { deleteNatsStreams, deleteRedisNamespace, dropPostgresSchema, CleanupStack } from '../lib/cleanup.ts';
import { cpuShares, cpuSnapshot, type CpuSnapshot } from '../lib/cpu.ts';
import { describeEnvironment } from '../lib/environment.ts';
import { freePort, ServerProcess } from '../lib/processes.ts';

const root = join(import.meta.dirname, '..', '..');
const env = process.env;
const num = (name: string, fallback: number, min: number, max: number): number => {
  const v = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} must be a number in [${min}, ${max}]`);
  return v;
};
const rates = (env.BENCH_PIPE_RATES ?? '2000,5000,10000').split(',').map(Number);
if (rates.some((r) => !(r >= 1 && r <= 100_000))) throw new Error('BENCH_PIPE_RATES: rates in [1, 100000]');
const seconds = num('BENCH_PIPE_SECONDS', 20, 2, 600);
const warmupSeconds = num('BENCH_PIPE_WARMUP_SECONDS', 3, 0, 60);
const drainSecondsMax = num('BENCH_PIPE_DRAIN_SECONDS', 30, 1, 600);
const inflightMax = num('BENCH_PIPE_INFLIGHT_MAX', 512, 1, 100_000);
const pollMs = num('BENCH_PIPE_POLL_MS', 20, 5, 1_000);
const skus = num('BENCH_PIPE_SKUS', 1_000, 1, 100_000);
const split = env.BENCH_PIPE_SPLIT === '1';
const record = env.BENCH_PIPE_RECORD !== '0';
const tickMs = 5;

const redisMode = env.BENCH_PIPE_REDIS ?? 'always';
if (!['always', 'everysec', 'shared'].includes(redisMode)) throw new Error('BENCH_PIPE_REDIS: always, everysec or shared');
const runId = randomBytes(3).toString('hex');
const cleanup = new CleanupStack();
const redisUrl = redisMode === 'shared' ? env.REDIS_URL ?? 'redis://127.0.0.1:6379' : await privateRedis(redisMode);
const namespace = `bench_pipe_${runId}`;
const tenant = 'pipe';
const warehouse = 'w1';
const config = loadConfig({ ...env, REDIS_URL: redisUrl, PALLET_NAMESPACE: namespace, PALLET_ROLES: 'api' });
const log = (line: string): void => console.log(line);

interface RateResult {
  readonly offered: number;
  readonly reserved: number;
  readonly achieved: number;
  /** Sends skipped because BENCH_PIPE_INFLIGHT_MAX reservations were awaiting Redis. */
  readonly shed: number;
  readonly errors: number;
  readonly lagP50: number;
  readonly lagP99: number;
  readonly lagMax: number;
  /** Reservations of the window not visible in PostgreSQL drainSecondsMax after the last send. */
  readonly unseen: number;
  readonly drainMs: number;
  readonly histogramP99: string;
  readonly cpu: string;
}

const rt = await buildRuntime(config);
const servers: ServerProcess[] = [];
/** The metrics port of each pipeline process (PALLET_METRICS_PORT: GET /metrics; the API does not serve them). */
const metricsPorts: number[] = [];
try {
  cleanup.push(`drop schema ${namespace}`, () => dropPostgresSchema(config.databaseUrl, namespace));
  cleanup.push(`delete Redis keys ${namespace}:*`, () => deleteRedisNamespace(config.redisUrl, namespace));
  cleanup.push(`delete streams of ${namespace}`, () => deleteNatsStreams(config.natsUrl, namespace));
  await runMigrations(rt);
  await rt.store.createTenant(tenant, 'Pipeline bench');
  const version = await rt.engine.catalogVersion(tenant);
  for (let i = 0; i < skus; i++) {
    const sku = `s${i}`;
    const w = { warehouse, sku, eventId: `init-${sku}`, operationKey: `init-${sku}`, fingerprint: 'init', reason: 'bench', nowMs: Date.now() };
    const out = await rt.engine.setStock(tenant, w, { onHand: 1_000_000_000 });
    if (out.kind === 'error') throw new Error(`setStock ${sku}: ${out.error.code} ${out.error.detail}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pallet-bench-pipe-'));
  const roleSets = split ? ['api,relay', 'api,projector'] : ['api,relay,projector'];
  for (const [i, roles] of roleSets.entries()) {
    const port = await freePort();
    let metricsPort = await freePort();
    while (metricsPort === port) metricsPort = await freePort();
    metricsPorts.push(metricsPort);
    servers.push(await ServerProcess.start({
      name: `pipeline ${roles}`, args: [join(root, 'src', 'cli.ts'), 'serve'], cwd: root, logPath: join(dir, `serve-${i}.log`),
      env: { REDIS_URL: redisUrl, PALLET_NAMESPACE: namespace, PALLET_ROLES: roles, PALLET_HTTP_PORT: String(port), PALLET_HTTP_HOST: '127.0.0.1', PALLET_METRICS_HOST: '127.0.0.1', PALLET_METRICS_PORT: String(metricsPort), PALLET_LOG_LEVEL: 'warn', PALLET_LOG_REQUESTS: 'false' },
    }, `http://127.0.0.1:${port}/readyz`, 60));
    cleanup.push(`stop ${roles}`, () => servers[i]!.stop());
  }

  const results: RateResult[] = [];
  for (const rate of rates) results.push(await runRate(rate, version));
  const table = render(results);
  console.log(table);
  if (record) {
    const e = await describeEnvironment(root, redisUrl, config.databaseUrl);
    appendFileSync(join(root, 'bench', 'RESULTS.md'), [
      '', `## Pipeline projection lag — ${e.dateUtc}`, '',
      `Machine: ${e.cpus} × ${e.cpuModel}, ${e.memoryGiB} GiB; Node ${e.node}; commit ${e.commit}; Redis ${e.redis.version} (${redisMode === 'shared' ? 'the shared one' : 'private'}, appendonly ${e.redis.appendonly}, appendfsync ${e.redis.appendfsync}); PostgreSQL ${e.postgres.version} (synchronous_commit ${e.postgres.synchronousCommit}); machine busy before: ${e.busyPercentBefore} % of a core.`,
      `Command: \`BENCH_PIPE_RATES=${rates.join(',')} BENCH_PIPE_SECONDS=${seconds} BENCH_PIPE_REDIS=${redisMode}${split ? ' BENCH_PIPE_SPLIT=1' : ''} npm run bench:pipeline\`; reservations through the engine (no HTTP), relay and projector in ${split ? 'two processes' : 'one process'}; lag = reserve acknowledged → row visible in PostgreSQL (poll every ${pollMs} ms).`,
      '', table, '',
    ].join('\n'));
  }
} finally {
  await cleanup.runAll(log);
  await rt.close();
}

/** What one rate's sends, Redis acknowledgements and polls share. Reservation n has id `${prefix}${n, 9 digits}`. */
interface RateRun {
  readonly rate: number;
  readonly prefix: string;
  readonly catalogVersion: number;
  /** Reservation n → performance.now() of its Redis acknowledgement (reserved ones only). */
  readonly ackedAt: number[];
  /** Lag of every measured reservation, recorded by the poller when it first sees it. */
  readonly lags: Histogram;
  sent: number;
  inflight: number;
  shed: number;
  errors: number;
  /** The measured reservations are [measureFrom, measureTo); -1 until known. */
  measureFrom: number;
  measureTo: number;
  /** The first reservation the poller has not seen yet. */
  next: number;
  sendingDone: boolean;
  sendEndAt: number;
}

interface CpuAt {
  readonly snap: CpuSnapshot;
  readonly servers: number[];
}

async function runRate(rate: number, catalogVersion: number): Promise<RateResult> {
  const run: RateRun = {
    rate, prefix: `p${String(rate).padStart(6, '0')}-`, catalogVersion, ackedAt: [],
    lags: build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: 3 }),
    sent: 0, inflight: 0, shed: 0, errors: 0, measureFrom: -1, measureTo: -1, next: 0, sendingDone: false, sendEndAt: 0,
  };
  // The poller runs from the start: each poll records the lag of every measured reservation it newly sees.
  const poller = pollVisible(run);
  const started = performance.now();
  let cpuAt = cpuNow();
  const histBefore = await projectorHistogram();
  await sendOpenLoop(run, started, () => { cpuAt = cpuNow(); });
  const measuredMs = performance.now() - started - warmupSeconds * 1000;
  const cpuAfter = cpuNow();
  while (run.inflight > 0) await new Promise((r) => setTimeout(r, 5));
  const drainStart = performance.now();
  run.sendEndAt = drainStart;
  run.sendingDone = true;
  await poller;
  const result = await rateResult(run, measuredMs, drainStart, cpuAt, cpuAfter, histBefore);
  run.lags.destroy();
  log(`rate ${rate}/s: ${JSON.stringify(result)}`);
  return result;
}

function idOf(run: RateRun, n: number): string {
  return `${run.prefix}${String(n).padStart(9, '0')}`;
}

function cpuNow(): CpuAt {
  return { snap: cpuSnapshot(), servers: servers.map((s) => s.cpuSeconds()) };
}

/** Open loop: every tick, send what the schedule says is due; `onMeasureStart` when the warmup is over. */
function sendOpenLoop(run: RateRun, started: number, onMeasureStart: () => void): Promise<void> {
  const totalMs = (warmupSeconds + seconds) * 1000;
  return new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (run.measureFrom < 0 && elapsed >= warmupSeconds * 1000) {
        run.measureFrom = run.sent;
        onMeasureStart();
      }
      const due = Math.min(Math.floor((Math.min(elapsed, totalMs) * run.rate) / 1000), Math.ceil((totalMs * run.rate) / 1000));
      while (run.sent < due) {
        if (run.inflight >= inflightMax) { run.shed += due - run.sent; run.sent = due; break; }
        reserveOne(run, run.sent++);
      }
      if (elapsed >= totalMs) {
        clearInterval(timer);
        run.measureTo = run.sent;
        resolve();
      }
    }, tickMs);
  });
}

function reserveOne(run: RateRun, n: number): void {
  run.inflight++;
  const now = Date.now();
  rt.engine.reserve(tenant, {
    reservationId: idOf(run, n), idempotencyKey: `k${idOf(run, n)}`, fingerprint: 'f', nowMs: now, expiresAtMs: now + 3_600_000,
    catalogVersion: run.catalogVersion, allowSplit: false, warehouses: [warehouse], demand: [{ sku: `s${n % skus}`, qty: 1 }],
  }).then((out) => {
    if (out.kind === 'reserved') run.ackedAt[n] = performance.now();
    else run.errors++;
  }, () => { run.errors++; }).finally(() => { run.inflight--; });
}

/** Polls max(id) until sending is done and the last acknowledged reservation is visible (or the drain bound ran out). */
async function pollVisible(run: RateRun): Promise<void> {
  const { prefix, ackedAt } = run;
  const lastAcked = (): number => { for (let n = run.measureTo - 1; n >= run.measureFrom; n--) if (ackedAt[n] !== undefined) return n; return -1; };
  for (;;) {
    const rows = await rt.sql<{ max: string | null }[]>`select max(id) as max from ${rt.sql(namespace)}.reservations where tenant_id = ${tenant} and id like ${`${prefix}%`}`;
    const now = performance.now();
    const visible = rows[0]?.max == null ? -1 : Number(rows[0].max.slice(prefix.length));
    for (; run.next <= visible; run.next++) {
      const at = ackedAt[run.next];
      if (run.measureFrom >= 0 && run.next >= run.measureFrom && (run.measureTo < 0 || run.next < run.measureTo) && at !== undefined) run.lags.recordValue(Math.max(1, Math.round(now - at)));
    }
    if (run.sendingDone && (run.next > lastAcked() || now - run.sendEndAt > drainSecondsMax * 1000)) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

async function rateResult(run: RateRun, measuredMs: number, drainStart: number, cpuAt: CpuAt, cpuAfter: CpuAt, histBefore: Map<string, number>): Promise<RateResult> {
  const { ackedAt, measureFrom, measureTo, lags } = run;
  // Measured reservations the drain bound ran out on.
  let unseen = 0;
  for (let n = Math.max(run.next, measureFrom); n < measureTo; n++) if (ackedAt[n] !== undefined) unseen++;
  let reserved = 0;
  for (let n = measureFrom; n < measureTo; n++) if (ackedAt[n] !== undefined) reserved++;
  const shares = cpuShares(cpuAt.snap, cpuAfter.snap, servers[0]!.pid, process.pid);
  const windowS = (cpuAfter.snap.atMs - cpuAt.snap.atMs) / 1000;
  const serverPct = servers.map((s, i) => Math.round(((cpuAfter.servers[i]! - cpuAt.servers[i]!) / windowS) * 100));
  return {
    offered: run.rate, reserved, achieved: Math.round(reserved / (measuredMs / 1000)), shed: run.shed, errors: run.errors,
    lagP50: lags.getValueAtPercentile(50), lagP99: lags.getValueAtPercentile(99), lagMax: lags.maxValue,
    unseen, drainMs: Math.round(performance.now() - drainStart), histogramP99: p99Bucket(histBefore, await projectorHistogram()),
    // cpuShares counts the second pipeline process (a child of this one) as the driver's.
    cpu: `pipeline ${serverPct.join(' + ')} %, driver ${shares.generator - serverPct.slice(1).reduce((x, y) => x + y, 0)} %, Redis ${shares.redis} %, NATS ${shares.nats} %, PostgreSQL ${shares.postgres} %, machine ${shares.machine} % (of one core)`,
  };
}

/** The projector's `pallet_projection_lag_seconds` buckets (le → cumulative count), from its process's metrics listener. */
async function projectorHistogram(): Promise<Map<string, number>> {
  const res = await request(`http://127.0.0.1:${metricsPorts[metricsPorts.length - 1]}/metrics`);
  const text = await res.body.text();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^pallet_projection_lag_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** The upper bound of the bucket holding the p99 of what was observed between two readings. */
function p99Bucket(before: Map<string, number>, after: Map<string, number>): string {
  const total = (after.get('+Inf') ?? 0) - (before.get('+Inf') ?? 0);
  if (total <= 0) return '-';
  for (const [le, n] of after) if (n - (before.get(le) ?? 0) >= 0.99 * total) return le === '+Inf' ? '> 30 s' : `≤ ${Number(le) * 1000} ms`;
  return '-';
}

/** A redis-server with AOF and the given fsync policy, on a free port; stopped and deleted by the cleanup. */
async function privateRedis(fsync: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pallet-bench-redis-'));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
    '--appendonly', 'yes', '--appendfsync', fsync, '--maxmemory-policy', 'noeviction', '--logfile', join(dir, 'redis.log')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.push(`stop private redis-server ${port} (appendfsync ${fsync})`, async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  const { Redis } = await import('ioredis');
  for (let i = 0; i < 100; i++) {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      if ((await r.ping()) === 'PONG') return `redis://127.0.0.1:${port}`;
    } catch { /* not up yet */ } finally {
      r.disconnect();
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`private redis-server on ${port} did not answer`);
}

function render(rs: readonly RateResult[]): string {
  const head = '| offered/s | reserved/s in window | shed | errors | lag p50 | lag p99 | lag max | projector histogram p99 | not visible after drain | CPU |';
  const sep = '|---|---|---|---|---|---|---|---|---|---|';
  const rows = rs.map((r) => `| ${r.offered} | ${r.achieved} | ${r.shed} | ${r.errors} | ${r.lagP50} ms | ${r.lagP99} ms | ${r.lagMax} ms | ${r.histogramP99} | ${r.unseen} (drain ${r.drainMs} ms) | ${r.cpu} |`);
  return [head, sep, ...rows].join('\n');
}
