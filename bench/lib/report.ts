// Targets, verdicts, the stdout table and the RESULTS.md section. Pure.

import type { BenchConfig, ScenarioName } from './config.ts';
import type { CpuShares } from './cpu.ts';
import type { Environment } from './environment.ts';
import type { LoadResult } from './load.ts';
import { scenarioDescriptions } from './scenarios.ts';
import { targets as wrkTargets } from './targets.ts';
import { bareRatioLines, cpuHeader, cpuLegend, cpuNumeric, cpuRows, throughputHeader, throughputNumeric, throughputRows, type TargetRun } from './throughput.ts';

export type System = 'pallet' | 'pg-baseline';

export interface ScenarioRun {
  readonly system: System;
  readonly result: LoadResult;
  /** Who used the CPUs over the measured phase; null when it could not be sampled. */
  readonly cpu: CpuShares | null;
}

export interface Verdict {
  readonly met: boolean | null;
  readonly target: string;
  readonly text: string;
}

export const targets = Object.freeze({
  singleOkPerSecondMin: 15_000,
  singleLatencyMsP99Max: 20,
  cart5OkPerSecondMin: 8_000,
  hotRatioToBaselineMin: 8,
  e2eOrdersPerSecondMin: 10_000,
  e2eLagMsP99Max: 1_000,
});

const pct = (n: number): string => `${n.toFixed(1)} %`;

export function verdictFor(scenario: ScenarioName, pallet: LoadResult | undefined, baseline: LoadResult | undefined): Verdict {
  if (pallet === undefined) return { met: null, target: '', text: 'not run' };
  switch (scenario) {
    case 'single': {
      const target = `≥ ${fmtInt(targets.singleOkPerSecondMin)}/s, p99 ≤ ${targets.singleLatencyMsP99Max} ms, 0 errors`;
      const misses: string[] = [];
      if (pallet.okPerSecond < targets.singleOkPerSecondMin) {
        misses.push(`throughput −${pct(((targets.singleOkPerSecondMin - pallet.okPerSecond) / targets.singleOkPerSecondMin) * 100)}`);
      }
      if (pallet.latencyMsP99 > targets.singleLatencyMsP99Max) {
        misses.push(`p99 +${pct(((pallet.latencyMsP99 - targets.singleLatencyMsP99Max) / targets.singleLatencyMsP99Max) * 100)}`);
      }
      if (pallet.errors > 0) misses.push(`${fmtInt(pallet.errors)} errors (${pct((pallet.errors / (pallet.errors + pallet.ok)) * 100)} of answers)`);
      return { met: misses.length === 0, target, text: misses.length === 0 ? 'MET' : `MISSED (${misses.join('; ')})` };
    }
    case 'cart5': {
      const target = `≥ ${fmtInt(targets.cart5OkPerSecondMin)}/s`;
      const short = targets.cart5OkPerSecondMin - pallet.okPerSecond;
      return { met: short <= 0, target, text: short <= 0 ? 'MET' : `MISSED (throughput −${pct((short / targets.cart5OkPerSecondMin) * 100)})` };
    }
    case 'hot': {
      const target = `≥ ${targets.hotRatioToBaselineMin}× PG baseline`;
      if (baseline === undefined || baseline.okPerSecond === 0) return { met: null, target, text: 'n/a (no PG baseline figure)' };
      const ratio = pallet.okPerSecond / baseline.okPerSecond;
      const short = targets.hotRatioToBaselineMin - ratio;
      return {
        met: short <= 0,
        target,
        text: short <= 0 ? `MET (${ratio.toFixed(1)}×)` : `MISSED (${ratio.toFixed(1)}×, −${pct((short / targets.hotRatioToBaselineMin) * 100)})`,
      };
    }
    case 'e2e': {
      const target = `≥ ${fmtInt(targets.e2eOrdersPerSecondMin)} orders/s, lag p99 < ${fmtInt(targets.e2eLagMsP99Max)} ms`;
      const x = pallet.e2e;
      if (x === undefined) return { met: null, target, text: 'n/a (no e2e figures)' };
      const misses: string[] = [];
      if (pallet.okPerSecond < targets.e2eOrdersPerSecondMin) {
        misses.push(`throughput −${pct(((targets.e2eOrdersPerSecondMin - pallet.okPerSecond) / targets.e2eOrdersPerSecondMin) * 100)}`);
      }
      if (x.lagMsP99 >= targets.e2eLagMsP99Max) {
        misses.push(`lag p99 +${pct(((x.lagMsP99 - targets.e2eLagMsP99Max) / targets.e2eLagMsP99Max) * 100)}`);
      }
      if (x.unconfirmed > 0) misses.push(`${fmtInt(x.unconfirmed)} unconfirmed after ${x.lagDrainSeconds} s`);
      if (x.tracked === 0) misses.push('no reservation measured');
      return { met: misses.length === 0, target, text: misses.length === 0 ? 'MET' : `MISSED (${misses.join('; ')})` };
    }
  }
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const fmtMs = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function errorsCell(r: LoadResult): string {
  if (r.errors === 0) return '0';
  const kinds = Object.entries(r.errorsByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind}: ${fmtInt(n)}`)
    .join(', ');
  return `${fmtInt(r.errors)} (${kinds})`;
}

function cpuCell(run: ScenarioRun): string {
  const c = run.cpu;
  if (c === null) return `gen ${run.result.generatorCpuPercent}`;
  const steal = c.steal > 0 ? ` steal ${c.steal}` : '';
  return `srv ${c.server} gen ${c.generator} redis ${c.redis} nats ${c.nats} pg ${c.postgres} irq ${c.irq} other ${c.other}${steal}`;
}

function timelineCell(r: LoadResult): string {
  if (r.okPerSecondTimeline.length === 0) return '';
  return `${fmtInt(Math.min(...r.okPerSecondTimeline))}–${fmtInt(Math.max(...r.okPerSecondTimeline))}`;
}

export interface Report {
  readonly config: BenchConfig;
  readonly environment: Environment;
  /** The wrk targets (single-line reservations), bare first. */
  readonly targets: readonly TargetRun[];
  readonly runs: readonly ScenarioRun[];
  readonly notes: readonly string[];
}

const find = (runs: readonly ScenarioRun[], system: System, scenario: ScenarioName): LoadResult | undefined =>
  runs.find((r) => r.system === system && r.result.scenario === scenario)?.result;

export function ratioLines(report: Report): string[] {
  const lines: string[] = [];
  for (const scenario of ['hot', 'single'] as const) {
    const pallet = find(report.runs, 'pallet', scenario);
    const pg = find(report.runs, 'pg-baseline', scenario);
    if (pallet === undefined || pg === undefined || pg.okPerSecond === 0) continue;
    const ratio = pallet.okPerSecond / pg.okPerSecond;
    const target = scenario === 'hot' ? ` (target ≥ ${targets.hotRatioToBaselineMin}×)` : ' (no target)';
    lines.push(`${scenario}: Pallet / PG baseline = ${fmtInt(pallet.okPerSecond)} / ${fmtInt(pg.okPerSecond)} = ${ratio.toFixed(2)}×${target}`);
  }
  return lines;
}

interface Row {
  readonly cells: readonly string[];
}

function rows(report: Report): Row[] {
  return report.runs.filter((run) => run.result.scenario !== 'e2e').map((run) => {
    const r = run.result;
    const verdict =
      run.system === 'pallet' ? verdictFor(r.scenario, r, find(report.runs, 'pg-baseline', r.scenario)) : { target: '(baseline)', text: '' };
    return {
      cells: [
        run.system,
        r.scenario,
        fmtInt(r.okPerSecond),
        fmtMs(r.latencyMsP50),
        fmtMs(r.latencyMsP99),
        fmtMs(r.latencyMsMax),
        errorsCell(r),
        timelineCell(r),
        cpuCell(run),
        verdict.target,
        verdict.text,
      ],
    };
  });
}

const header = ['system', 'scenario', 'reservations/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', '1-s min–max', 'CPU, % of one core', 'target', 'verdict'];

function kindsCell(total: number, byKind: Readonly<Record<string, number>>): string {
  if (total === 0) return '0';
  const kinds = Object.entries(byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind}: ${fmtInt(n)}`)
    .join(', ');
  return `${fmtInt(total)} (${kinds})`;
}

const e2eHeader = [
  'system', 'scenario', 'orders/s', 'callbacks/s', 'reserve p99 ms', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'unconfirmed',
  'reserve errors', 'callback errors', '1-s min–max', 'CPU, % of one core', 'target', 'verdict',
];
/** Right-aligned (numeric) columns of the e2e table. */
const e2eNumeric = (i: number): boolean => i >= 2 && i <= 8;

function e2eRows(report: Report): Row[] {
  return report.runs.filter((run) => run.result.scenario === 'e2e').map((run) => {
    const r = run.result;
    const x = r.e2e;
    const verdict = verdictFor('e2e', r, undefined);
    return {
      cells: [
        run.system,
        r.scenario,
        fmtInt(r.okPerSecond),
        x ? fmtInt(x.callbacksPerSecond) : '',
        fmtMs(r.latencyMsP99),
        x ? fmtInt(x.lagMsP50) : '',
        x ? fmtInt(x.lagMsP99) : '',
        x ? fmtInt(x.lagMsMax) : '',
        x ? `${fmtInt(x.unconfirmed)} of ${fmtInt(x.tracked)}` : '',
        errorsCell(r),
        x ? kindsCell(x.callbackErrors, x.callbackErrorsByKind) : '',
        timelineCell(r),
        cpuCell(run),
        verdict.target,
        verdict.text,
      ],
    };
  });
}

export function renderAligned(head: readonly string[], body: readonly Row[], numeric: (i: number) => boolean): string {
  const all = [head, ...body.map((r) => r.cells)];
  const widths = head.map((_, i) => Math.max(...all.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The end-to-end table: reserve → signed payment callback → confirmed in PostgreSQL. */
export function renderE2eTable(report: Report): string {
  return renderAligned(e2eHeader, e2eRows(report), e2eNumeric);
}

export function renderTable(report: Report): string {
  const all = [header, ...rows(report).map((r) => r.cells)];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The wrk part of the stdout report: throughput table, ratios to bare, CPU per reservation. */
export function renderTargetTables(report: Report): string {
  const { config } = report;
  const rowsOf = (cells: readonly (readonly string[])[]): Row[] => cells.map((c) => ({ cells: c }));
  return [
    renderAligned(throughputHeader, rowsOf(throughputRows(report.targets, config.measureSeconds)), throughputNumeric),
    '',
    ...bareRatioLines(report.targets).flatMap((l, i, all) => (i === all.length - 1 ? [l, ''] : [l])),
    'µs of CPU per reservation:',
    renderAligned(cpuHeader, rowsOf(cpuRows(report.targets)), cpuNumeric),
  ].join('\n');
}

const mdCell = (c: string): string => c.replaceAll('|', '\\|');

function markdownTable(head: readonly string[], body: readonly (readonly string[])[], numeric: (i: number) => boolean): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (numeric(i) ? '---:' : '---')).join(' | ')} |`, ...body.map((cells) => `| ${cells.map(mdCell).join(' | ')} |`), ''];
}

function targetMarkdown(report: Report): string[] {
  const { config } = report;
  if (report.targets.length === 0) return [];
  return [
    `wrk ${config.wrkThreads} thread(s), ${config.connections} connections, single-line reservations (random SKU of ${config.skuCount}, qty 1, one warehouse, a unique Idempotency-Key each), ${config.warmupSeconds} s warm-up then ${config.measureSeconds} s measured per target, one target at a time, bare first:`,
    '',
    ...markdownTable(throughputHeader, throughputRows(report.targets, config.measureSeconds), throughputNumeric),
    ...report.targets.map((r) => `- \`${r.target}\`: ${wrkTargets[r.target].label}`),
    ...bareRatioLines(report.targets).map((l) => `- ${l}`),
    '',
    'CPU per reservation (µs):',
    '',
    ...markdownTable(cpuHeader, cpuRows(report.targets), cpuNumeric),
    `- ${cpuLegend}`,
    '',
  ];
}

export function renderMarkdown(report: Report): string {
  const { config, environment: env } = report;
  const out: string[] = [];
  out.push(`## ${env.dateUtc} — commit ${env.commit}`, '');
  out.push(`- Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB RAM; before the run: ${env.busyPercentBefore} % of one core busy, load average ${env.loadAverages}`);
  out.push(`- Node ${env.node}; Redis ${env.redis.version} (appendonly ${env.redis.appendonly}, appendfsync ${env.redis.appendfsync}); PostgreSQL ${env.postgres.version} (synchronous_commit ${env.postgres.synchronousCommit}, fsync ${env.postgres.fsync})`);
  if (report.runs.length > 0) {
    out.push(
      `- Node-generator scenarios: closed loop, ${config.connections} connections × pipelining ${config.pipelining} = ${config.connections * config.pipelining} in flight; warm-up ${config.warmupSeconds} s, measured ${config.measureSeconds} s per scenario; generator in its own process on the same machine; ${config.skuCount} SKUs, seed ${config.seed}; PG baseline pool ${config.baselinePoolMax}`,
    );
  }
  out.push('');
  out.push(...targetMarkdown(report));
  const plainRows = rows(report);
  if (plainRows.length > 0) {
    out.push(`| ${header.join(' | ')} |`);
    out.push(`| ${header.map((_, i) => (i >= 2 && i <= 5 ? '---:' : '---')).join(' | ')} |`);
    for (const row of plainRows) out.push(`| ${row.cells.map(mdCell).join(' | ')} |`);
    out.push('');
  }
  const endToEnd = e2eRows(report);
  if (endToEnd.length > 0) {
    out.push(`| ${e2eHeader.join(' | ')} |`);
    out.push(`| ${e2eHeader.map((_, i) => (e2eNumeric(i) ? '---:' : '---')).join(' | ')} |`);
    for (const row of endToEnd) out.push(`| ${row.cells.map(mdCell).join(' | ')} |`);
    out.push('');
    for (const run of report.runs) {
      const x = run.result.e2e;
      if (x === undefined) continue;
      out.push(
        `- e2e: server roles \`${config.e2eRoles}\` in one process (namespace of its own); callbacks over ${config.e2eCallbackConnections} connections × pipelining ${config.e2eCallbackPipelining} = ${config.e2eCallbackConnections * config.e2eCallbackPipelining} in flight, reserves pause while ${fmtInt(config.e2eCallbackQueueMax)} callbacks wait to be sent. ` +
          `Lag = wall clock from the reserve's 201 to the first poll (every ${x.pollMs} ms) that saw the reservation \`confirmed\` in PostgreSQL, over the ${fmtInt(x.tracked)} reservations answered 201 in the measured window; ${fmtInt(x.confirmed)} confirmed, ${fmtInt(x.unconfirmed)} not within ${x.lagDrainSeconds} s after the last callback. ` +
          `Split: callback 202 → seen confirmed p50 ${fmtInt(x.afterCallbackMsP50)} ms, p99 ${fmtInt(x.afterCallbackMsP99)} ms (the rest of the lag is the wait for the callback to be sent and accepted); 201 → confirm event time (\`confirmed_at\`, before projection) p99 ${fmtInt(x.confirmEventMsP99)} ms. Callbacks given up on: ${fmtInt(x.callbacksGivenUp)}.`,
      );
    }
  }
  if (report.runs.length > 0) out.push('- CPU: % of one core over the measured phase (200 = both cores busy): srv = server process tree, gen = load generator, redis / nats = their servers, pg = all postgres processes, irq = interrupt work (much of it the loopback traffic itself), other = every other process, steal = taken by the hypervisor.');
  for (const line of ratioLines(report)) out.push(`- ${line}`);
  for (const scenario of config.scenarios) out.push(`- \`${scenario}\`: ${scenarioDescriptions[scenario]}`);
  for (const note of report.notes) out.push(`- Note: ${note}`);
  out.push('');
  return out.join('\n');
}

/** Warnings that change how the figures must be read. */
export function runNotes(env: Environment, runs: readonly ScenarioRun[]): string[] {
  const notes = environmentNotes(env, runs.some((r) => r.system === 'pg-baseline'));
  for (const r of runs) {
    const x = r.result.e2e;
    if (x !== undefined && x.unconfirmed > 0) {
      notes.push(`${r.system}/${r.result.scenario}: ${fmtInt(x.unconfirmed)} of ${fmtInt(x.tracked)} reservations were not confirmed in PostgreSQL ${x.lagDrainSeconds} s after the last callback; the lag percentiles cover only the confirmed ones.`);
    }
    if (r.result.abandoned > 0) {
      notes.push(`${r.system}/${r.result.scenario}: ${fmtInt(r.result.abandoned)} requests were still unanswered after the drain time and were abandoned (not counted).`);
    }
  }
  const busiest = runs.reduce<ScenarioRun | undefined>((top, r) => ((r.cpu?.other ?? 0) > (top?.cpu?.other ?? 0) ? r : top), undefined);
  if (busiest?.cpu && busiest.cpu.other > otherCpuPercentNoted) {
    notes.push(
      `processes other than the server, the generator, Redis, NATS and PostgreSQL used up to ${busiest.cpu.other} % of one core during a measured phase (${busiest.system}/${busiest.result.scenario}); the figures are lower than on an otherwise idle machine.`,
    );
  }
  return notes;
}

const otherCpuPercentNoted = 20;

function environmentNotes(env: Environment, withPgBaseline: boolean): string[] {
  const notes: string[] = [];
  if (env.busyPercentBefore > 30) {
    notes.push(`the machine was busy before the run (${env.busyPercentBefore} % of one core in use, load average ${env.loadAverages}); other work competes with the benchmark.`);
  }
  if (!withPgBaseline) {
    if (env.redis.appendonly !== 'yes') notes.push(`Redis runs with appendonly ${env.redis.appendonly}: a 2xx (Pallet's or the bare server's) is not on disk.`);
    else notes.push(`Redis runs with appendonly yes, appendfsync ${env.redis.appendfsync}; Pallet and the bare server share that Redis, so their durability is the same.`);
  } else if (env.redis.appendonly !== 'yes') {
    notes.push(
      `Redis runs with appendonly ${env.redis.appendonly}: a Pallet 2xx is not on disk, while every PG baseline commit is fsynced (synchronous_commit ${env.postgres.synchronousCommit}); the durability of the two columns differs.`,
    );
  } else if (env.redis.appendfsync !== 'always') {
    notes.push(`Redis appendfsync ${env.redis.appendfsync}: a Pallet 2xx survives a process crash, not a power loss of the last ~1 s; PG commits are fsynced (synchronous_commit ${env.postgres.synchronousCommit}).`);
  }
  if (env.cpus <= 2) notes.push(`the load generator, the server and its backing services share ${env.cpus} cores; figures include that contention.`);
  return notes;
}
