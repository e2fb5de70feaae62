// Figures of `npm run bench:cluster` (bench/cluster/masters.ts): throughput,
// latency and µs of CPU per reservation per process for each Redis layout, as
// ratios of the plain-Redis case of the same run, and the projection to N
// machines computed from those costs. Pure: no I/O.

import type { BenchConfig } from '../lib/config.ts';
import type { CpuTicks } from '../lib/cpu.ts';
import type { Environment } from '../lib/environment.ts';
import { renderAligned } from '../lib/report.ts';
import type { WrkSummary } from '../lib/wrk.ts';
import type { ClusterOptions } from './masters.ts';

export interface CaseRun {
  readonly name: string;
  /** 0 = the plain (non-cluster) Redis server. */
  readonly masters: number;
  readonly command: 'serve' | 'start';
  /** Replicas per master (the BENCH_CLUSTER_WAIT cases), else 0. */
  readonly replicas: number;
  /** PALLET_REDIS_WAIT_REPLICAS of the case. */
  readonly waitReplicas: number;
  /** PALLET_REDIS_WAIT_TIMEOUT_MS when waitReplicas > 0, else 0. */
  readonly waitTimeoutMs: number;
  /** WAIT commands the masters ran in the measured window (INFO commandstats): shows the option was on. */
  readonly waitCalls: number;
  readonly wrk: WrkSummary;
  /** Answers below 400 (the 201s). */
  readonly ok: number;
  readonly okPerSecond: number;
  readonly errors: number;
  readonly cpu: CpuTicks;
  /** Each redis-server of the case (by PID) over the cost window. */
  readonly nodeTicks: readonly { readonly port: number; readonly pid: number; readonly replica: boolean; readonly ticks: number }[];
  /** redis-server processes that are not the case's (the shared one): counted as other. */
  readonly otherRedisTicks: number;
  readonly keysPerNode: readonly number[];
  /** `start`: how long the cost window ran on after wrk (the pipeline draining), and whether it went idle. */
  readonly drainSeconds: number;
  readonly drained: boolean;
}

export interface ClusterBench {
  readonly config: BenchConfig;
  readonly options: ClusterOptions;
  readonly environment: Environment;
  readonly tenants: readonly string[];
  readonly runs: readonly CaseRun[];
  readonly command: string;
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtMs = (us: number): string => {
  const ms = us / 1_000;
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
};
const fmtRatio = (r: number | null): string => (r === null || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);

/** µs of CPU per reservation (201) for a tick count of the run's cost window. */
export const usPer = (run: CaseRun, ticks: number): number => (run.ok > 0 ? (ticks / run.cpu.hz / run.ok) * 1e6 : Number.NaN);
const redisTicks = (run: CaseRun): number => run.nodeTicks.reduce((n, t) => n + t.ticks, 0);
const otherTicks = (run: CaseRun): number => run.cpu.other + run.otherRedisTicks;
const totalTicks = (run: CaseRun): number => {
  const c = run.cpu;
  return c.server + c.redis + c.nats + c.postgres + c.generator + c.irq + c.other;
};

/** The plain-Redis case run with the same Pallet command: the baseline of every ratio. */
function baselineOf(run: CaseRun, runs: readonly CaseRun[]): CaseRun | undefined {
  return runs.find((r) => r.masters === 0 && r.command === run.command);
}

function ratio(run: CaseRun, runs: readonly CaseRun[], figure: (r: CaseRun) => number): number | null {
  const base = baselineOf(run, runs);
  if (base === undefined) return null;
  const b = figure(base);
  return b > 0 ? figure(run) / b : null;
}

const layout = (run: CaseRun): string =>
  run.masters === 0
    ? 'plain Redis'
    : `cluster, ${run.masters} master${run.masters === 1 ? '' : 's'}${run.replicas > 0 ? ` + ${run.replicas} replica${run.replicas === 1 ? '' : 's'} each, WAIT ${run.waitReplicas}` : ''}`;

const throughputHeader = ['Redis', 'pallet', 'reservations/s', '× plain', 'p50 ms', 'p99 ms', 'p99 × plain', 'max ms', 'errors', 'keys per node'];
const throughputNumeric = (i: number): boolean => i >= 2 && i <= 8;

function throughputRows(runs: readonly CaseRun[]): string[][] {
  return runs.map((r) => {
    const l = r.wrk.latencyUs;
    const kinds = Object.entries(r.wrk.errors).filter(([, n]) => n > 0).map(([k, n]) => `${k === 'status' ? 'status ≥ 400' : k}: ${fmtInt(n)}`);
    return [
      layout(r), r.command, fmtInt(r.okPerSecond), fmtRatio(ratio(r, runs, (x) => x.okPerSecond)), fmtMs(l.p50), fmtMs(l.p99),
      fmtRatio(ratio(r, runs, (x) => x.wrk.latencyUs.p99)), fmtMs(l.max), r.errors === 0 ? '0' : `${fmtInt(r.errors)} (${kinds.join(', ')})`, r.keysPerNode.map(fmtInt).join(' / '),
    ];
  });
}

const cpuHeader = ['Redis', 'pallet', 'reservations', 'pallet', 'redis (all nodes)', 'redis × plain', 'nats', 'postgres', 'wrk', 'irq', 'other', 'total', 'total × plain', 'machine busy', 'each redis-server', 'pallet processes'];
const cpuNumeric = (i: number): boolean => i >= 2 && i <= 13;

function cpuRows(runs: readonly CaseRun[]): string[][] {
  return runs.map((r) => {
    const c = r.cpu;
    const cell = (ticks: number): string => usPer(r, ticks).toFixed(1);
    const busy = c.seconds > 0 ? `${Math.round(((totalTicks(r) + c.steal) / c.hz / c.seconds) * 100)} %` : '—';
    const nodes = r.nodeTicks.map((n) => `:${n.port}${n.replica ? ' (replica)' : ''} ${cell(n.ticks)}`).join('; ');
    const processes = c.serverProcesses.map((p) => `${p.label} ${cell(p.ticks)}`).join('; ');
    return [
      layout(r), r.command, fmtInt(r.ok), cell(c.server), cell(redisTicks(r)), fmtRatio(ratio(r, runs, (x) => usPer(x, redisTicks(x)))),
      cell(c.nats), cell(c.postgres), cell(c.generator), cell(c.irq), cell(otherTicks(r)), cell(totalTicks(r)),
      fmtRatio(ratio(r, runs, (x) => usPer(x, totalTicks(x)))), busy, nodes, processes,
    ];
  });
}

const cpuLegend =
  'µs of CPU per reservation (201) over the measured window, from /proc (utime + stime, 10 ms clock ticks): pallet = the server\'s process tree ' +
  '(each process at the right), redis = the case\'s own redis-server processes (each by port at the right), nats / postgres = the shared servers ' +
  '(everything they did, for any client), wrk = the load generator, irq = interrupt work (much of it the loopback traffic), other = every other ' +
  'process (the shared Redis included: other people\'s work on a shared machine), total = all of them; machine busy = % of one core (200 % = both cores). ' +
  '`start` rows: the window runs on after wrk until the server is idle again (the relay and projector catching up), so their NATS and PostgreSQL work is counted.';

function markdownTable(head: readonly string[], body: readonly (readonly string[])[], numeric: (i: number) => boolean): string[] {
  const cell = (s: string): string => s.replaceAll('|', '\\|');
  return [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (numeric(i) ? '---:' : '---')).join(' | ')} |`, ...body.map((row) => `| ${row.map(cell).join(' | ')} |`), ''];
}

function notes(bench: ClusterBench): string[] {
  const out: string[] = [];
  for (const r of bench.runs) {
    if (r.command === 'start') out.push(`${r.name}: the cost window ran ${r.drainSeconds.toFixed(1)} s past wrk${r.drained ? ' until the server was idle' : `, and the server was still busy when it closed (BENCH_CLUSTER_DRAIN_SECONDS_MAX=${bench.options.drainSecondsMax}): its NATS and PostgreSQL figures are low`}.`);
    const otherPercent = r.cpu.seconds > 0 ? Math.round((otherTicks(r) / r.cpu.hz / r.cpu.seconds) * 100) : 0;
    if (otherPercent > 20) out.push(`${r.name} (${r.command}): other processes used ${otherPercent} % of one core during the window; its figures are lower than on an idle machine.`);
  }
  return out;
}

const waitHeader = ['Redis', 'reservations/s', '× WAIT 0', 'p50 ms', 'p99 ms', 'p99 × WAIT 0', 'µs CPU total', 'total × WAIT 0', 'µs pallet', 'µs redis (masters + replicas)', 'WAIT calls', 'WAITs short'];
const waitNumeric = (i: number): boolean => i >= 1 && i <= 10;

/** The WAIT cases (BENCH_CLUSTER_WAIT=1), each against the WAIT 0 case of the same layout. */
function waitRows(runs: readonly CaseRun[]): string[][] {
  const withReplicas = runs.filter((r) => r.replicas > 0);
  return withReplicas.map((r) => {
    const base = withReplicas.find((b) => b.waitReplicas === 0 && b.masters === r.masters && b.replicas === r.replicas && b.command === r.command);
    const vs = (figure: (x: CaseRun) => number): string => (base === undefined || figure(base) <= 0 ? '—' : fmtRatio(figure(r) / figure(base)));
    const l = r.wrk.latencyUs;
    return [
      layout(r), fmtInt(r.okPerSecond), vs((x) => x.okPerSecond), fmtMs(l.p50), fmtMs(l.p99), vs((x) => x.wrk.latencyUs.p99),
      usPer(r, totalTicks(r)).toFixed(1), vs((x) => usPer(x, totalTicks(x))), usPer(r, r.cpu.server).toFixed(1), usPer(r, redisTicks(r)).toFixed(1),
      fmtInt(r.waitCalls),
      // StockEngine counts them (replicaWaitsShort) but Pallet does not export the count on /metrics.
      r.waitReplicas > 0 ? 'not exported' : '—',
    ];
  });
}

const waitLegend = (runs: readonly CaseRun[]): string => {
  const timeout = runs.find((r) => r.waitReplicas > 0)?.waitTimeoutMs;
  return (
    'Same cluster, same wrk load (same seed), one replica per master (attached with CLUSTER REPLICATE, measured once every link reported master_link_status:up); ' +
    `WAIT 1 = PALLET_REDIS_WAIT_REPLICAS=1${timeout === undefined ? '' : `, PALLET_REDIS_WAIT_TIMEOUT_MS=${timeout}`}: after each reservation Pallet sends WAIT 1 to the tenant's master and answers once a replica has the write (or the timeout passed). ` +
    'WAIT calls = WAIT commands the masters ran in the measured window (INFO commandstats); WAITs short = WAITs that returned fewer replicas than asked: Pallet counts them but does not export the count, so the benchmark cannot report it.'
  );
};

export function renderTables(bench: ClusterBench): { readonly text: string; readonly markdown: string } {
  const { config, environment: env, options } = bench;
  const rows = (cells: readonly (readonly string[])[]) => cells.map((c) => ({ cells: c }));
  const waits = waitRows(bench.runs);
  const text = [
    renderAligned(throughputHeader, rows(throughputRows(bench.runs)), throughputNumeric),
    '',
    'µs of CPU per reservation:',
    renderAligned(cpuHeader, rows(cpuRows(bench.runs)), cpuNumeric),
    ...(waits.length > 0 ? ['', 'WAIT on the reserve path:', renderAligned(waitHeader, rows(waits), waitNumeric), waitLegend(bench.runs)] : []),
    ...notes(bench).map((n) => `note: ${n}`),
  ].join('\n');
  const markdown = [
    `## Redis Cluster: 1, 2, 3 masters (bench/cluster/masters.ts) — ${env.dateUtc} — commit ${env.commit}`,
    '',
    `- Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB RAM; before the run: ${env.busyPercentBefore} % of one core busy, load average ${env.loadAverages}`,
    `- Node ${env.node}; Redis ${env.redis.version}, every private server and node with appendonly ${env.redis.appendonly}, appendfsync ${env.redis.appendfsync}, ${bench.runs.some((r) => r.replicas > 0) ? 'no replicas except in the WAIT cases' : 'no replicas'}; PostgreSQL ${env.postgres.version} (synchronous_commit ${env.postgres.synchronousCommit}); NATS and PostgreSQL are the shared servers`,
    `- Command: \`${bench.command}\``,
    `- Load: wrk ${config.wrkThreads} thread(s), ${config.connections} connections, single-line reservations (bench/wrk/reserve.lua: random SKU of ${config.skuCount}, qty 1, one warehouse, a unique Idempotency-Key each), the API keys of ${bench.tenants.length} tenants in turn (${bench.tenants.join(', ')}; chosen by hash slot, so each master of ${options.masters.join(', ')} holds ${options.masters.map((m) => `${(bench.tenants.length / m).toFixed(bench.tenants.length % m === 0 ? 0 : 1)}`).join(' / ')} of them); ${config.warmupSeconds} s warm-up then ${config.measureSeconds} s measured per case, one case at a time, each with its own private Redis (plain first) and Pallet namespace`,
    '',
    ...markdownTable(throughputHeader, throughputRows(bench.runs), throughputNumeric),
    'CPU per reservation (µs):',
    '',
    ...markdownTable(cpuHeader, cpuRows(bench.runs), cpuNumeric),
    `- ${cpuLegend}`,
    ...(waits.length > 0 ? ['', 'WAIT on the reserve path (BENCH_CLUSTER_WAIT=1):', '', ...markdownTable(waitHeader, waits, waitNumeric), `- ${waitLegend(bench.runs)}`] : []),
    ...notes(bench).map((n) => `- Note: ${n}`),
    '',
  ].join('\n');
  return { text, markdown };
}

/** Reservations/s one core sustains at `us` µs of CPU per reservation. */
const perCore = (us: number): number => (us > 0 && Number.isFinite(us) ? 1e6 / us : Number.NaN);

interface Costs {
  readonly source: string;
  /** The busiest master of the source case, % of one core over the window. */
  readonly masterBusyPercentMax: number;
  readonly apiUs: number;
  readonly redisUs: number;
  readonly backgroundUs: number | null;
  readonly natsUs: number | null;
  readonly pgUs: number | null;
}

/** The costs the projection uses: API and Redis from the largest cluster's `serve` case, the rest from its `start` case. */
function costs(bench: ClusterBench): Costs | null {
  const largest = (command: 'serve' | 'start'): CaseRun | undefined =>
    // The replica cases pay for replication and WAIT: the projection is of the layout without them.
    [...bench.runs].filter((r) => r.command === command && r.masters > 0 && r.replicas === 0 && r.ok > 0).sort((a, b) => b.masters - a.masters)[0];
  const serve = largest('serve');
  if (serve === undefined) return null;
  const start = largest('start');
  const background = start?.cpu.serverProcesses.filter((p) => !/\[api\]$/.test(p.label)).reduce((n, p) => n + p.ticks, 0);
  const busiest = Math.max(...serve.nodeTicks.map((n) => n.ticks));
  return {
    source: `${serve.name}${start === undefined ? '' : ` and ${start.name}`}`,
    masterBusyPercentMax: serve.cpu.seconds > 0 ? Math.round((busiest / serve.cpu.hz / serve.cpu.seconds) * 100) : 0,
    apiUs: usPer(serve, serve.cpu.server),
    redisUs: usPer(serve, redisTicks(serve)),
    backgroundUs: start === undefined || background === undefined ? null : usPer(start, background),
    natsUs: start === undefined ? null : usPer(start, start.cpu.nats),
    pgUs: start === undefined ? null : usPer(start, start.cpu.postgres),
  };
}

/** The example layout of the projection: machines (or cores) per tier. */
const example = { apiMachines: 3, coresPerMachine: 2, redisMasters: 3, backgroundMachines: 2, natsCores: 2, pgCores: 4 } as const;

export function renderProjection(bench: ClusterBench): string {
  const c = costs(bench);
  if (c === null) return '### Projection to N machines\n\nNot computed: no cluster case measured a reservation.\n';
  const e = example;
  const tiers: { name: string; rate: number; how: string }[] = [
    { name: 'API', rate: e.apiMachines * e.coresPerMachine * perCore(c.apiUs), how: `${e.apiMachines} machines × ${e.coresPerMachine} cores × ${fmtInt(perCore(c.apiUs))}/s` },
    { name: 'Redis', rate: e.redisMasters * perCore(c.redisUs), how: `${e.redisMasters} masters × ${fmtInt(perCore(c.redisUs))}/s (one core each: a redis-server runs commands on one thread)` },
  ];
  if (c.backgroundUs !== null) tiers.push({ name: 'background roles', rate: e.backgroundMachines * e.coresPerMachine * perCore(c.backgroundUs), how: `${e.backgroundMachines} machines × ${e.coresPerMachine} cores × ${fmtInt(perCore(c.backgroundUs))}/s` });
  if (c.natsUs !== null) tiers.push({ name: 'NATS', rate: e.natsCores * perCore(c.natsUs), how: `${e.natsCores} cores of the stream leader × ${fmtInt(perCore(c.natsUs))}/s (R3: every server stores every event, so more servers add safety, not rate)` });
  if (c.pgUs !== null) tiers.push({ name: 'PostgreSQL', rate: e.pgCores * perCore(c.pgUs), how: `${e.pgCores} cores of one primary × ${fmtInt(perCore(c.pgUs))}/s` });
  const bound = tiers.reduce((min, t) => (t.rate < min.rate ? t : min));
  const perCoreLines = [
    `- one API core (\`pallet serve\`, api + sweeper): **${fmtInt(perCore(c.apiUs))} reservations/s** (${c.apiUs.toFixed(1)} µs each)`,
    `- one Redis master (one core): **${fmtInt(perCore(c.redisUs))} reservations/s** (${c.redisUs.toFixed(1)} µs each, summed over the masters; each reservation runs on the one master of its tenant)`,
    c.backgroundUs === null ? '- background roles (relay, projector, …): not measured in this run (BENCH_CLUSTER_START=1 measures them)' : `- one core of background roles (relay, projector, …; \`start\`'s non-API process): **${fmtInt(perCore(c.backgroundUs))} reservations/s** (${c.backgroundUs.toFixed(1)} µs each)`,
    c.natsUs === null ? '- one NATS core: not measured in this run (BENCH_CLUSTER_START=1)' : `- one NATS core (one server, R1 here): **${fmtInt(perCore(c.natsUs))} reservations/s** (${c.natsUs.toFixed(1)} µs each; the shared server: any other client's work is in it, so the rate is a floor)`,
    c.pgUs === null ? '- one PostgreSQL core: not measured in this run (BENCH_CLUSTER_START=1)' : `- one PostgreSQL core: **${fmtInt(perCore(c.pgUs))} reservations/s** (${c.pgUs.toFixed(1)} µs each; the shared server, as NATS)`,
  ];
  return [
    '### Projection to N machines (a projection, not a measurement)',
    '',
    `Computed from the µs of CPU per reservation measured above (${c.source}), assuming each tier scales with its cores and nothing else binds (network, disk fsync, lock contention, the load balancer). Per core:`,
    '',
    ...perCoreLines,
    '',
    `Example layout: ${tiers.map((t) => `${t.name} ${t.how} ≈ ${fmtInt(t.rate)}/s`).join('; ')}. ` +
      `The system runs at the slowest tier: **≈ ${fmtInt(bound.rate)} reservations/s, bound by ${bound.name}**. ` +
      'Adding API machines and Redis masters raises their tiers linearly (the tenants spread over the masters by hash slot; one tenant stays on one master, so one tenant tops out at one master core); ' +
      'the single PostgreSQL primary and the replicated NATS stream do not scale out this way and cap the pipeline behind the API. ' +
      `The busiest master ran at ${c.masterBusyPercentMax} % of a core here; a Redis server's cost per command falls as its load rises (more commands per read and write), so the per-master rate above is a floor for a fully loaded master. ` +
      'Real networks add per-request kernel and NIC cost that loopback hides, and this 2-core box shares every core between all processes.',
    '',
  ].join('\n');
}
