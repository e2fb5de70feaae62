// The process under test: the ws role alone (aggregator + fanout), as it runs
// when deployed as its own role. Reports its counters, CPU and memory to the
// orchestrator on request.
import { performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import { systemClock } from '../../src/app/clock.port.ts';
import { DashboardTokens } from '../../src/app/dashboard.token.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime } from '../../src/main.ts';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { startWsRole } from '../../src/roles/fanout.role.ts';
import type { StockData } from '../../src/app/board/board.types.ts';
import { intEnv, send, serve, type ServerStats } from './ipc.ts';

const config = loadConfig(process.env);
const rt = await buildRuntime(config, { metrics: createMetrics({ defaults: false }) });
const tokens = new DashboardTokens({ secret: process.env.BENCH_WS_SECRET ?? '', ttlSecondsDefault: 3_600, ttlSecondsMax: 86_400 }, systemClock);
const role = await startWsRole({
  redis: rt.redis, nats: rt.nats, sql: rt.sql, tokens, catalog: rt.deps.catalogs, clock: systemClock, log: rt.log,
}, {
  namespace: config.namespace,
  fanout: {
    host: '127.0.0.1', port: config.wsPort,
    connectionsMax: 20_000, connectionsPerTenantMax: 20_000,
    coalesceMs: intEnv('BENCH_WS_COALESCE_MS', 100),
    ...(process.env.BENCH_WS_BUFFERED_BYTES_MAX ? { bufferedBytesMax: intEnv('BENCH_WS_BUFFERED_BYTES_MAX', 0) } : {}),
  },
  aggregator: { driftPollMs: 0 },
});

// Instrumentation (bench only): event time → applied to the board (relay, JetStream, ordered
// consumer), and applied → in a stock.all frame (the coalescing wait), per cell.
const histogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000, numberOfSignificantValueDigits: 3 });
let applyLag = histogram();
let coalesceWait = histogram();
const appliedAt = new Map<string, number>();
const applyCell = role.board.applyCell.bind(role.board);
role.board.applyCell = (tenant, u) => {
  const applied = applyCell(tenant, u);
  if (applied && u.at > 0) {
    const now = Date.now();
    applyLag.recordValue(Math.max(1, now - u.at));
    appliedAt.set(`${u.warehouse}/${u.sku}`, now);
  }
  return applied;
};
const flush = role.board.flush.bind(role.board);
role.board.flush = () => {
  const deltas = flush();
  const now = Date.now();
  for (const d of deltas) {
    if (d.topic !== 'stock.all') continue;
    for (const c of (d.data as StockData).cells) {
      const at = appliedAt.get(`${c.warehouse}/${c.sku}`);
      if (at !== undefined) coalesceWait.recordValue(Math.max(1, now - at));
    }
  }
  return deltas;
};
const gc = (globalThis as { gc?: () => void }).gc;

// BENCH_WS_MODE=direct: no events at all; stock changes go straight into the board at BENCH_WS_RATE,
// to measure the fanout alone (board → frames → clients).
let pump: NodeJS.Timeout | null = null;
function startPump(): void {
  const rate = intEnv('BENCH_WS_RATE', 5_000);
  const skus = intEnv('BENCH_WS_SKUS', 100);
  const warehouses = (process.env.BENCH_WS_WAREHOUSES ?? 'A,B').split(',');
  const tenant = process.env.BENCH_WS_TENANT ?? '';
  const versions = new Map<string, number>();
  const t0 = performance.now();
  let done = 0;
  pump = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    for (; done < due; done++) {
      const sku = `sku-${String(Math.floor(Math.random() * skus)).padStart(4, '0')}`;
      const warehouse = warehouses[Math.floor(Math.random() * warehouses.length)]!;
      const key = `${warehouse}/${sku}`;
      const v = (versions.get(key) ?? 1_000_000) + 1;
      versions.set(key, v);
      role.board.applyCell(tenant, { warehouse, sku, onHand: 100_000_000, reserved: v % 100, committed: 0, version: v, at: Date.now() });
    }
  }, 5);
}

serve({
  start: () => {
    startPump();
    return { kind: 'started' };
  },
  reset: () => {
    applyLag = histogram();
    coalesceWait = histogram();
    return { kind: 'reset' };
  },
  stats: (): ServerStats => {
    const f = role.fanout.stats();
    const cpu = process.cpuUsage();
    // A full collection first (node --expose-gc), so RSS compares like with like.
    gc?.();
    const mem = process.memoryUsage();
    return {
      kind: 'stats', connections: f.connections, framesSent: f.framesSent, framesDropped: f.framesDropped, bytesSent: f.bytesSent,
      closedSlow: f.closedSlow, eventsApplied: role.aggregator.stats().applied, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed,
      cpuUs: cpu.user + cpu.system, applyLagMsP50: applyLag.getValueAtPercentile(50), applyLagMsP99: applyLag.getValueAtPercentile(99),
      coalesceMsP50: coalesceWait.getValueAtPercentile(50), coalesceMsP99: coalesceWait.getValueAtPercentile(99),
    };
  },
}, async () => {
  if (pump !== null) clearInterval(pump);
  await role.stop();
  await rt.close();
});

send({ kind: 'ready', port: role.port });
