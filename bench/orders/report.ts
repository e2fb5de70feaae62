// Figures of `npm run bench:orders`, the verdict against issue 11's goal,
// the stdout tables and the RESULTS.md section. Pure.

import type { CpuTicks } from '../lib/cpu.ts';
import type { Environment } from '../lib/environment.ts';
import { fmtInt, renderAligned } from '../lib/report.ts';
import { wrkErrors, wrkOk, type WrkSummary } from '../lib/wrk.ts';
import type { BacklogSample, DrainResult } from './backlog.ts';
import { intakeGoal, type OrdersBenchConfig } from './config.ts';
import { percentile, type ProbeSummary } from './probe.ts';
import type { RowStats } from './rows.ts';

/** bench/wrk/intake.lua's summary: reserve.lua's fields plus its own. */
export interface IntakeWrkSummary extends WrkSummary {
  readonly sent: number;
  readonly documents: number;
  readonly exhausted: number;
  readonly lateMsMax: number;
}

export interface IntakeRun {
  readonly config: OrdersBenchConfig;
  readonly environment: Environment;
  readonly serverLabel: string;
  readonly wrk: IntakeWrkSummary;
  readonly probes: ProbeSummary;
  readonly rows: RowStats;
  /** Backlog samples taken while wrk ran. */
  readonly backlog: readonly BacklogSample[];
  readonly drain: DrainResult;
  /** Order rows written from the start of the load to the end of the drain: the orders the CPU figures are divided by. */
  readonly ordersDuring: number;
  /** CPU from the start of the load to the end of the drain; `generator` = wrk + this process (probes, pollers). */
  readonly cpu: CpuTicks;
}

export interface Figures {
  readonly seconds: number;
  readonly acceptedPerSecond: number;
  readonly persistedPerSecond: number;
  readonly errors: number;
  readonly lagVisibleMsP99: number;
  readonly backlogMax: number;
  readonly backlogAtEnd: number;
}

export function figuresOf(run: IntakeRun): Figures {
  const seconds = run.wrk.durationUs / 1e6;
  const backlogs = run.backlog.map((s) => s.accepted - s.applied);
  const probeErrors = Object.values(run.probes.refused).reduce((a, b) => a + b, 0);
  return {
    seconds,
    acceptedPerSecond: seconds > 0 ? (wrkOk(run.wrk) + run.probes.accepted) / seconds : 0,
    persistedPerSecond: seconds > 0 ? run.rows.createdInWindow / seconds : 0,
    errors: wrkErrors(run.wrk) + probeErrors,
    lagVisibleMsP99: percentile(run.probes.lagVisibleMs, 99),
    backlogMax: backlogs.length === 0 ? 0 : Math.max(...backlogs),
    backlogAtEnd: backlogs[backlogs.length - 1] ?? 0,
  };
}

const pct = (short: number, goal: number): string => `${((short / goal) * 100).toFixed(1)} %`;

/** MET, or MISSED with the shortfall of each criterion. */
export function verdictOf(run: IntakeRun, f: Figures): string {
  const misses: string[] = [];
  const goal = intakeGoal.ordersPerSecondMin;
  if (f.acceptedPerSecond < goal) misses.push(`202/s −${pct(goal - f.acceptedPerSecond, goal)}`);
  if (f.persistedPerSecond < goal) misses.push(`rows/s −${pct(goal - f.persistedPerSecond, goal)}`);
  if (Number.isNaN(f.lagVisibleMsP99)) misses.push('no lag measured (no probe row seen)');
  else if (f.lagVisibleMsP99 >= intakeGoal.lagMsP99Max) misses.push(`lag p99 +${pct(f.lagVisibleMsP99 - intakeGoal.lagMsP99Max, intakeGoal.lagMsP99Max)} (${fmtMs(f.lagVisibleMsP99)} ms)`);
  if (run.probes.unseen > 0) misses.push(`${fmtInt(run.probes.unseen)} probes' rows never seen`);
  if (f.errors > 0) misses.push(`${fmtInt(f.errors)} errors`);
  if (run.drain.drainMs === null) misses.push(`${fmtInt(run.drain.accepted - run.drain.orders - run.drain.deadLetters)} accepted documents not orders after ${run.config.drainSecondsMax} s`);
  if (run.rows.deadLetters > 0) misses.push(`${fmtInt(run.rows.deadLetters)} dead letters`);
  return misses.length === 0 ? 'MET' : `MISSED (${misses.join('; ')})`;
}

const fmtMs = (ms: number): string => (Number.isNaN(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const lagCell = (xs: readonly number[]): string =>
  xs.length === 0 ? '—' : `${fmtMs(percentile(xs, 50))} / ${fmtMs(percentile(xs, 99))} / ${fmtMs(xs[xs.length - 1]!)} ms`;

function errorsCell(run: IntakeRun): string {
  const w = run.wrk;
  const kinds = Object.entries(w.errors).filter(([, n]) => n > 0).map(([k, n]) => `wrk ${k === 'status' ? 'status ≥ 400' : k} ${fmtInt(n)}`);
  const probes = Object.entries(run.probes.refused).map(([k, n]) => `probe ${k} ${fmtInt(n)}`);
  const all = [...kinds, ...probes];
  return all.length === 0 ? '0' : all.join(', ');
}

const timelineSecondsMax = 120;

/** Documents accepted and applied in each whole second of the window (from the backlog samples), at most timelineSecondsMax. */
export function timelineOf(samples: readonly BacklogSample[]): { readonly accepted: number[]; readonly applied: number[] } {
  const accepted: number[] = [];
  const applied: number[] = [];
  const first = samples[0];
  if (first === undefined) return { accepted, applied };
  let mark = first;
  for (const s of samples) {
    if (s.atMs - mark.atMs < 1_000) continue;
    const perSecond = 1_000 / (s.atMs - mark.atMs);
    accepted.push(Math.round((s.accepted - mark.accepted) * perSecond));
    applied.push(Math.round((s.applied - mark.applied) * perSecond));
    mark = s;
    if (accepted.length >= timelineSecondsMax) break;
  }
  return { accepted, applied };
}

function probesCell(p: ProbeSummary): string {
  const parts = [`${fmtInt(p.sent)} sent, ${fmtInt(p.accepted)} answered 202, ${fmtInt(p.lagVisibleMs.length)} rows seen`];
  if (p.unseen > 0) parts.push(`${fmtInt(p.unseen)} never seen`);
  if (p.pollErrors > 0) parts.push(`${fmtInt(p.pollErrors)} failed lookups`);
  return parts.join(', ');
}

/** The figures as [figure, measured, goal] rows. */
export function figureRows(run: IntakeRun, f: Figures): string[][] {
  const c = run.config;
  const w = run.wrk;
  const goal = `≥ ${fmtInt(intakeGoal.ordersPerSecondMin)}/s`;
  const offered = c.ratePerSecond === null ? `closed loop (as fast as answered)` : `${fmtInt(c.ratePerSecond)}/s paced`;
  const statuses = Object.entries(run.rows.byStatus).map(([s, n]) => `${s} ${fmtInt(n)}`).join(', ') || 'none';
  const timeline = timelineOf(run.backlog);
  const drain = run.drain.drainMs === null ? `not done after ${c.drainSecondsMax} s` : `${(run.drain.drainMs / 1_000).toFixed(1)} s`;
  return [
    ['server', run.serverLabel, ''],
    ['offered by wrk', `${offered}, -t${c.wrkThreads} -c${c.connections}, ${f.seconds.toFixed(1)} s; ${fmtInt(w.sent)} of ${fmtInt(w.documents)} documents sent${w.exhausted > 0 ? ` (${w.exhausted} thread(s) ran out)` : ''}${c.ratePerSecond === null ? '' : `, at most ${fmtMs(w.lateMsMax)} ms behind schedule`}`, ''],
    ['202/s over the window (wrk + probes)', fmtInt(f.acceptedPerSecond), goal],
    ['order rows/s created in the window (created_at)', fmtInt(f.persistedPerSecond), goal],
    ['202 latency p50 / p99 / max (wrk)', `${fmtMs(w.latencyUs.p50 / 1_000)} / ${fmtMs(w.latencyUs.p99 / 1_000)} / ${fmtMs(w.latencyUs.max / 1_000)} ms`, ''],
    ['202 latency p50 / p99 / max (probes)', lagCell(run.probes.latencyMs), ''],
    ['errors', errorsCell(run), '0'],
    [`lag 202 → row visible p50 / p99 / max (poll ${c.probePollMs} ms)`, lagCell(run.probes.lagVisibleMs), `p99 < ${fmtInt(intakeGoal.lagMsP99Max)} ms`],
    ['lag 202 → created_at p50 / p99 / max (same probes)', lagCell(run.probes.lagCreatedMs), ''],
    ['probes', probesCell(run.probes), ''],
    ['backlog (accepted − applied) max / at end of load', `${fmtInt(f.backlogMax)} / ${fmtInt(f.backlogAtEnd)} documents`, ''],
    ['accepted/s, second by second (intake stream)', timeline.accepted.map(fmtInt).join(' '), ''],
    ['applied/s, second by second (orders consumer acks)', timeline.applied.map(fmtInt).join(' '), ''],
    ['drain after the load', `${drain} (${fmtInt(run.drain.orders)} orders + ${fmtInt(run.drain.deadLetters)} dead letters of ${fmtInt(run.drain.accepted)} accepted, warm-up and probes included)`, ''],
    ['order rows by status', statuses, ''],
    ['verdict', verdictOf(run, f), ''],
  ];
}

export const cpuHeader = ['orders', 'server', 'redis', 'nats', 'postgres', 'wrk+bench', 'irq', 'other', 'total', 'machine busy', 'other (% of a core)', 'server processes (µs/order)'];

/** µs of CPU per order row for every consumer from the start of the load to the end of the drain. */
export function cpuRow(run: IntakeRun): string[] {
  const c = run.cpu;
  const n = run.ordersDuring;
  if (n <= 0) return [fmtInt(n), ...Array<string>(11).fill('—')];
  const cell = (ticks: number): string => ((ticks / c.hz / n) * 1e6).toFixed(1);
  const total = c.server + c.redis + c.nats + c.postgres + c.generator + c.irq + c.other;
  const percentOfCore = (ticks: number): string => (c.seconds > 0 ? `${Math.round((ticks / c.hz / c.seconds) * 100)} %` : '—');
  const processes = c.serverProcesses.map((p) => `${p.label} (pid ${p.pid}) ${cell(p.ticks)}`).join('; ');
  return [fmtInt(n), cell(c.server), cell(c.redis), cell(c.nats), cell(c.postgres), cell(c.generator), cell(c.irq), cell(c.other), cell(total), percentOfCore(total + c.steal), percentOfCore(c.other), processes];
}

export const cpuLegend =
  'µs of CPU per order row written from the start of the load to the end of the drain (/proc, utime + stime, 10 ms ticks): server = the ' +
  'Pallet process tree (each process at the right), redis / nats / postgres = those servers (shared: any other client\'s work counts too), ' +
  'wrk+bench = wrk and the benchmark process (probes, pollers), irq = interrupt work, other = every other process on the machine, ' +
  'machine busy and other also as % of one core (200 % = both cores).';

export function renderStdout(run: IntakeRun): string {
  const f = figuresOf(run);
  const rows = (cells: readonly (readonly string[])[]) => cells.map((c) => ({ cells: c }));
  return [
    renderAligned(['figure', 'measured', 'goal (issue 11)'], rows(figureRows(run, f)), () => false),
    '',
    'µs of CPU per order:',
    renderAligned(cpuHeader, rows([cpuRow(run)]), (i) => i >= 0 && i <= 10),
  ].join('\n');
}

const mdCell = (c: string): string => c.replaceAll('|', '\\|');
const mdTable = (head: readonly string[], body: readonly (readonly string[])[]): string[] =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.map(mdCell).join(' | ')} |`)];

export function renderMarkdown(run: IntakeRun): string {
  const e = run.environment;
  const c = run.config;
  const f = figuresOf(run);
  return [
    `## Order intake — ${e.dateUtc}`,
    '',
    `Machine: ${e.cpus} × ${e.cpuModel}, ${e.memoryGiB} GiB; Node ${e.node}; commit ${e.commit}; Redis ${e.redis.version} (appendonly ${e.redis.appendonly}, appendfsync ${e.redis.appendfsync}); PostgreSQL ${e.postgres.version} (synchronous_commit ${e.postgres.synchronousCommit}, fsync ${e.postgres.fsync}).`,
    `Before the run: load average ${e.loadAverages}; ${e.busyPercentBefore} % of one core busy.`,
    `Command: \`BENCH_ORDERS_RATE=${c.ratePerSecond ?? 'max'} BENCH_ORDERS_SECONDS=${c.measureSeconds} BENCH_ORDERS_COMMAND=${c.command} npm run bench:orders\` (seed ${c.seed}); signed Shopify \`orders/create\` webhooks (paid, 1–2 lines of ${c.skuCount} SKUs, one warehouse), each a new order; ${c.warmupSeconds} s warm-up, drained, then the window; probes at ${c.probeRatePerSecond}/s from the benchmark process.`,
    '',
    ...mdTable(['figure', 'measured', 'goal (issue 11)'], figureRows(run, f)),
    '',
    ...mdTable(cpuHeader, [cpuRow(run)]),
    '',
    cpuLegend,
    '',
  ].join('\n');
}
