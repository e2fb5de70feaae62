// Dashboard fanout benchmark: N WebSocket clients (1,000 and 5,000 by default)
// subscribed to stock.all while stock changes at a fixed rate. Four processes
// apart from this one: the ws role under test (server.ts), the stock changes
// (load.ts), the outbox relay (load.ts with BENCH_WS_RELAY=1, no changes) and
// the clients (clients.ts). PALLET_* variables reach every process (e.g.
// PALLET_RELAY_BATCH_MAX for the relay).
//
//   npx tsx bench/ws-fanout/run.ts
//
// Knobs (env): BENCH_WS_CLIENTS (comma list, "1000,5000"), BENCH_WS_RATE
// (stock changes/s, 5000), BENCH_WS_SKUS (100) × BENCH_WS_WAREHOUSES ("A,B")
// cells, BENCH_WS_FORMAT (json | protobuf), BENCH_WS_COALESCE_MS (100),
// BENCH_WS_BUFFERED_BYTES_MAX (the fanout default, 256 KiB), BENCH_WS_WARMUP_SECONDS (5),
// BENCH_WS_SECONDS (20), BENCH_WS_SAMPLE_CLIENTS (50), BENCH_WS_MODE (e2e |
// direct: no Redis/relay/JetStream, the server's board is changed in-process
// at the same rate — the fanout's own share of the lag).
//
// Reports per client count: delivery lag p50/p99/max (event time → client
// receipt, per cell in a delta, sampled clients) and where it goes (p99 of
// event → stored in JetStream: the relay; event → applied to the board: relay +
// JetStream + consumer; applied → in a
// frame: coalescing; frame made → read by a client), frames/s and MB/s
// received, frames dropped by the server, server CPU (% of one core) and
// memory per connection (RSS growth, after a full GC, from connecting and
// subscribing the clients, divided by their number; a fresh server per count).
// Prints the figures (bench/RESULTS.md is written by the owner from them).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { connectNats } from '../../src/adapters/nats/connection.ts';
import { applyTopology, deleteTopology } from '../../src/adapters/nats/topology.ts';
import { systemClock } from '../../src/app/clock.port.ts';
import { DashboardTokens } from '../../src/app/dashboard.token.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, runMigrations } from '../../src/main.ts';
import { CleanupStack, deleteRedisNamespace, dropPostgresSchema } from '../lib/cleanup.ts';
import { freePort } from '../lib/processes.ts';
import { describeEnvironment } from '../lib/environment.ts';
import { Child, intEnv, type ClientsReport, type LoadReport, type ServerStats } from './ipc.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string): void => void process.stdout.write(`${line}\n`);

const clientCounts = (process.env.BENCH_WS_CLIENTS ?? '1000,5000').split(',').map((x) => Number(x.trim())).filter((n) => n > 0);
const rate = intEnv('BENCH_WS_RATE', 5_000);
const skus = intEnv('BENCH_WS_SKUS', 100);
const warehouses = (process.env.BENCH_WS_WAREHOUSES ?? 'A,B').split(',');
const format = process.env.BENCH_WS_FORMAT === 'protobuf' ? 'protobuf' : 'json';
const warmupSeconds = intEnv('BENCH_WS_WARMUP_SECONDS', 5);
const measureSeconds = intEnv('BENCH_WS_SECONDS', 20);
const coalesceMs = intEnv('BENCH_WS_COALESCE_MS', 100);
/** e2e: stock changes through Redis, the relay and JetStream; direct: changes straight into the server's board. */
const mode = process.env.BENCH_WS_MODE === 'direct' ? 'direct' : 'e2e';

interface Row {
  readonly clients: number;
  readonly connected: number;
  readonly rate: number;
  /** Events the relay moved to JetStream per second (must keep up with rate). */
  readonly relayedPerSecond: number;
  readonly lagMsP50: number;
  readonly lagMsP99: number;
  readonly lagMsMax: number;
  /** Event time → stored in JetStream (the relay). */
  readonly streamMsP99: number;
  /** Event time → applied to the board (relay, JetStream, consumer). */
  readonly applyMsP99: number;
  /** Applied → in a frame (coalescing). */
  readonly coalesceMsP99: number;
  /** Frame made → read by the client. */
  readonly wireMsP99: number;
  readonly framesPerSecond: number;
  readonly mbPerSecond: number;
  readonly dropped: number;
  readonly gaps: number;
  readonly closedSlow: number;
  readonly serverCpuPercent: number;
  readonly clientsCpuPercent: number;
  readonly kbPerConnection: number;
  readonly serverRssMb: number;
}

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const namespace = `bench_ws_${id}`;
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ ...process.env, PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'warn' });
  const cleanup = new CleanupStack();
  const children: Child[] = [];
  cleanup.push('drop PostgreSQL schema', () => dropPostgresSchema(config.databaseUrl, namespace));
  cleanup.push('delete Redis keys', () => deleteRedisNamespace(config.redisUrl, namespace));
  const nats = await connectNats(config.natsUrl, 'bench-ws-run');
  cleanup.push('close NATS', () => nats.close());
  cleanup.push('delete JetStream streams', async () => deleteTopology(await nats.jsm(), namespace));
  cleanup.push('stop child processes', () => Promise.all(children.map((c) => c.stop())));
  const interrupted = (signal: string): void => {
    log(`bench: ${signal}; cleaning up`);
    void cleanup.runAll(log).finally(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupted('SIGINT'));
  process.once('SIGTERM', () => interrupted('SIGTERM'));
  try {
    const env = await describeEnvironment(root, config.redisUrl, config.databaseUrl);
    log(`bench ws-fanout: run ${id}, ${env.dateUtc}, ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, commit ${env.commit}, node ${env.node}`);
    log(`  mode ${mode}${mode === 'direct' ? ' (changes straight into the board: the fanout alone)' : ' (Redis Lua → outbox → relay → JetStream → aggregator → fanout)'}`);
    log(`  ${rate} stock changes/s over ${skus} SKUs × ${warehouses.length} warehouses; ${format} frames; coalescing ${coalesceMs} ms; ${warmupSeconds} s warm-up + ${measureSeconds} s measured per client count`);
    const { tenant, keyId } = await seed(config, namespace, warehouses, skus);
    await applyTopology(await nats.jsm(), namespace, config.events);
    const wsPort = await freePort();
    const childEnv = {
      PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'warn', PALLET_WS_PORT: String(wsPort), BENCH_WS_SECRET: secret,
      BENCH_WS_TENANT: tenant, BENCH_WS_PORT: String(wsPort), BENCH_WS_COALESCE_MS: String(coalesceMs), BENCH_WS_FORMAT: format,
      BENCH_WS_SKUS: String(skus), BENCH_WS_WAREHOUSES: warehouses.join(','), BENCH_WS_RATE: String(rate),
    };
    const token = new DashboardTokens({ secret, ttlSecondsDefault: 86_400, ttlSecondsMax: 86_400 }, systemClock).issue(tenant, keyId).token;
    const rows: Row[] = [];
    for (const n of clientCounts) rows.push(await runOne(n, { ...childEnv, BENCH_WS_TOKEN: token }, children));
    log('');
    log(renderTable(rows));
  } finally {
    await cleanup.runAll(log);
  }
}

/** One client count against a fresh server process (so its memory figures start from the same place). */
async function runOne(n: number, env: Record<string, string>, children: Child[]): Promise<Row> {
  const server = new Child('./server.ts', env, ['--expose-gc']);
  children.push(server);
  await server.next('ready');
  const idle = await server.ask<ServerStats>({ kind: 'stats' }, 'stats');
  const clients = new Child('./clients.ts', { ...env, BENCH_WS_CLIENTS: String(n) });
  children.push(clients);
  const sub = await clients.next<{ subscribed: number; connectMs: number; subscribeMs: number }>('subscribed', 180_000);
  log(`clients ${n}: ${sub.subscribed} subscribed in ${(sub.subscribeMs / 1000).toFixed(1)} s`);
  const connected = await server.ask<ServerStats>({ kind: 'stats' }, 'stats');
  const relay = mode === 'e2e' ? new Child('./load.ts', { ...env, BENCH_WS_RATE: '0', BENCH_WS_RELAY: '1' }) : null;
  const load = mode === 'e2e' ? new Child('./load.ts', env) : null;
  const feeders = [relay, load].filter((x): x is Child => x !== null);
  children.push(...feeders);
  await Promise.all(feeders.map((f) => f.next('started')));
  if (mode === 'direct') await server.ask({ kind: 'start' }, 'started');
  await sleep(warmupSeconds * 1000);
  await Promise.all([clients, server, ...feeders].map((c) => c.ask({ kind: 'reset' }, 'reset')));
  const s0 = await server.ask<ServerStats>({ kind: 'stats' }, 'stats');
  await sleep(measureSeconds * 1000);
  const direct: LoadReport = { kind: 'report', ops: rate * measureSeconds, failed: 0, seconds: measureSeconds, relayed: 0, streamLagMsP50: 0, streamLagMsP99: 0 };
  const [c, l, r, s1] = await Promise.all([
    clients.ask<ClientsReport>({ kind: 'report' }, 'report'), load?.ask<LoadReport>({ kind: 'report' }, 'report') ?? direct,
    relay?.ask<LoadReport>({ kind: 'report' }, 'report') ?? direct, server.ask<ServerStats>({ kind: 'stats' }, 'stats'),
  ]);
  for (const child of [...feeders, clients, server]) {
    await child.stop();
    children.splice(children.indexOf(child), 1);
  }
  const seconds = l.seconds;
  const row: Row = {
    clients: n, connected: connected.connections, rate: l.ops / seconds, relayedPerSecond: r.relayed / r.seconds,
    lagMsP50: c.lagMsP50, lagMsP99: c.lagMsP99, lagMsMax: c.lagMsMax,
    streamMsP99: r.streamLagMsP99, applyMsP99: s1.applyLagMsP99, coalesceMsP99: s1.coalesceMsP99, wireMsP99: c.wireMsP99,
    framesPerSecond: c.frames / seconds, mbPerSecond: c.bytes / seconds / 1e6,
    dropped: s1.framesDropped - s0.framesDropped, gaps: c.gaps, closedSlow: s1.closedSlow - s0.closedSlow,
    serverCpuPercent: ((s1.cpuUs - s0.cpuUs) / 1e6 / seconds) * 100,
    clientsCpuPercent: (c.cpuUs / 1e6 / seconds) * 100,
    kbPerConnection: (connected.rssBytes - idle.rssBytes) / Math.max(1, connected.connections) / 1024,
    serverRssMb: s1.rssBytes / 1e6,
  };
  log(`clients ${n}: ${JSON.stringify({
    ...row, load: l, relay: r, lagCount: c.lagCount, applyMsP50: s1.applyLagMsP50, coalesceMsP50: s1.coalesceMsP50, upstreamMsP50: c.upstreamMsP50,
    upstreamMsP99: c.upstreamMsP99, wireMsP50: c.wireMsP50, closeCodes: c.closeCodes, corrupt: c.corrupt, open: c.open, eventsApplied: s1.eventsApplied - s0.eventsApplied,
    idleRssMb: idle.rssBytes / 1e6, connectedRssMb: connected.rssBytes / 1e6,
  })}`);
  return row;
}

async function seed(config: ReturnType<typeof loadConfig>, namespace: string, whs: string[], skuCount: number): Promise<{ tenant: string; keyId: string }> {
  const rt = await buildRuntime(config, { metrics: createMetrics({ defaults: false }) });
  try {
    await runMigrations(rt);
    const tenant = `bench_${namespace.slice(-8)}`;
    await rt.store.createTenant(tenant, 'Bench tenant');
    // The ws role checks that the key behind a dashboard token is live (api_keys).
    const keyId = (await rt.store.createApiKey(tenant, ['read'], 'bench ws'))!.id;
    for (const w of whs) await rt.deps.catalogs.putWarehouse(tenant, { id: w, name: `Warehouse ${w}`, region: 'CN-ZJ', priority: 1 });
    for (let i = 0; i < skuCount; i++) {
      const sku = `sku-${String(i).padStart(4, '0')}`;
      await rt.deps.catalogs.putSku(tenant, { sku, name: `Product ${i}`, components: [] });
      for (const w of whs) {
        const r = await rt.deps.stock.set(tenant, w, sku, { onHand: 100_000_000, safetyStock: 10, reason: 'bench seed' });
        if (!r.ok) throw new Error(`seed ${w}/${sku}: ${r.error.code}`);
      }
    }
    return { tenant, keyId };
  } finally {
    await rt.close();
  }
}

function renderTable(rows: readonly Row[]): string {
  const head = ['clients', 'changes/s', 'relayed/s', 'event→client p50 ms', 'p99 ms', 'max ms', 'event→stream p99', 'event→board p99', 'board→frame p99', 'frame→client p99', 'frames/s', 'MB/s', 'dropped', 'gaps', 'closed 4008', 'server CPU %', 'clients CPU %', 'KiB/conn', 'server RSS MB'];
  const lines = rows.map((r) => [
    r.connected, r.rate, r.relayedPerSecond, r.lagMsP50, r.lagMsP99, r.lagMsMax, r.streamMsP99, r.applyMsP99, r.coalesceMsP99, r.wireMsP99, r.framesPerSecond, r.mbPerSecond, r.dropped, r.gaps, r.closedSlow,
    r.serverCpuPercent, r.clientsCpuPercent, r.kbPerConnection, r.serverRssMb,
  ].map((v, i) => (i === 11 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'))));
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(100);
  }
}

await main();
