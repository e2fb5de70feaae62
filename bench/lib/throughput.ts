// Figures of the wrk targets (bench/lib/targets.ts): throughput, latency,
// errors, the ratio to the bare server measured in the same run, and µs of
// CPU per reservation for every process involved. Pure.

import type { CpuTicks } from './cpu.ts';
import { targets, type PalletGoal, type TargetName, type TargetSpec } from './targets.ts';
import { wrkErrors, wrkOk, type WrkSummary } from './wrk.ts';

export interface TargetRun {
  readonly target: TargetName;
  readonly wrk: WrkSummary;
  /** Answers below 400 (the 201s) in wrk's measured run. */
  readonly ok: number;
  readonly okPerSecond: number;
  readonly errors: number;
  /** CPU over the measured run (from just before wrk started to just after it exited); null if not sampled. */
  readonly cpu: CpuTicks | null;
}

export function targetRun(target: TargetName, wrk: WrkSummary, cpu: CpuTicks | null): TargetRun {
  const ok = wrkOk(wrk);
  const seconds = wrk.durationUs / 1e6;
  return { target, wrk, ok, okPerSecond: seconds > 0 ? ok / seconds : 0, errors: wrkErrors(wrk), cpu };
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtMs = (us: number): string => {
  const ms = us / 1_000;
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
};

/** Pallet's reservations/s over the bare server's in the same run; null without a bare figure. */
export function ratioToBare(run: TargetRun, runs: readonly TargetRun[]): number | null {
  const bare = runs.find((r) => r.target === 'bare');
  return bare === undefined || bare.okPerSecond === 0 ? null : run.okPerSecond / bare.okPerSecond;
}

function goalText(goal: PalletGoal): string {
  const parts: string[] = [];
  if (goal.ratioToBareMin !== undefined) parts.push(`≥ ${goal.ratioToBareMin}× bare`);
  if (goal.okPerSecondMin !== undefined) parts.push(`≥ ${fmtInt(goal.okPerSecondMin)}/s`);
  if (goal.latencyMsP99Max !== undefined) parts.push(`p99 ≤ ${goal.latencyMsP99Max} ms`);
  if (goal.measureSecondsMin !== undefined) parts.push(`over ${goal.measureSecondsMin} s`);
  return parts.join(', ');
}

/** MET / MISSED (what was short) against the issue-9 goal of a Pallet target. */
export function targetVerdict(run: TargetRun, runs: readonly TargetRun[], measureSeconds: number): { readonly goal: string; readonly text: string } {
  const spec: TargetSpec = targets[run.target];
  if (spec.kind === 'bare') return { goal: '(calibration)', text: '' };
  const { goal } = spec;
  const misses: string[] = [];
  const ratio = ratioToBare(run, runs);
  if (goal.ratioToBareMin !== undefined) {
    if (ratio === null) misses.push('no bare figure');
    else if (ratio < goal.ratioToBareMin) misses.push(`${ratio.toFixed(2)}× bare`);
  }
  if (goal.okPerSecondMin !== undefined && run.okPerSecond < goal.okPerSecondMin) {
    misses.push(`throughput −${(((goal.okPerSecondMin - run.okPerSecond) / goal.okPerSecondMin) * 100).toFixed(1)} %`);
  }
  const p99Ms = run.wrk.latencyUs.p99 / 1_000;
  if (goal.latencyMsP99Max !== undefined && p99Ms > goal.latencyMsP99Max) misses.push(`p99 ${fmtMs(run.wrk.latencyUs.p99)} ms`);
  if (run.errors > 0) misses.push(`${fmtInt(run.errors)} errors`);
  const short = goal.measureSecondsMin !== undefined && measureSeconds < goal.measureSecondsMin ? `; measured ${measureSeconds} s, the goal names ${goal.measureSecondsMin} s` : '';
  return { goal: goalText(goal), text: `${misses.length === 0 ? 'MET' : `MISSED (${misses.join('; ')})`}${short}` };
}

function errorsCell(w: WrkSummary): string {
  const total = wrkErrors(w);
  if (total === 0) return '0';
  const kinds = Object.entries(w.errors).filter(([, n]) => n > 0).map(([kind, n]) => `${kind === 'status' ? 'status ≥ 400' : kind}: ${fmtInt(n)}`);
  return `${fmtInt(total)} (${kinds.join(', ')})`;
}

export const throughputHeader = ['target', 'reservations/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'vs bare', 'goal (issue 9)', 'verdict'];
/** Right-aligned (numeric) columns of the throughput table. */
export const throughputNumeric = (i: number): boolean => i >= 1 && i <= 4;

export function throughputRows(runs: readonly TargetRun[], measureSeconds: number): string[][] {
  return runs.map((run) => {
    const ratio = ratioToBare(run, runs);
    const verdict = targetVerdict(run, runs, measureSeconds);
    const l = run.wrk.latencyUs;
    return [run.target, fmtInt(run.okPerSecond), fmtMs(l.p50), fmtMs(l.p99), fmtMs(l.max), errorsCell(run.wrk), ratio === null ? '' : `${ratio.toFixed(2)}×`, verdict.goal, verdict.text];
  });
}

export const cpuHeader = ['target', 'reservations', 'server', 'redis', 'nats', 'postgres', 'wrk', 'irq', 'other', 'total', 'machine busy', 'server processes (µs/reservation)'];
export const cpuNumeric = (i: number): boolean => i >= 1 && i <= 10;

/** µs of CPU per reservation (201) for every consumer over the measured run. */
export function cpuRows(runs: readonly TargetRun[]): string[][] {
  return runs.map((run) => {
    const c = run.cpu;
    if (c === null || run.ok === 0) return [run.target, fmtInt(run.ok), ...Array<string>(9).fill('—'), ''];
    const us = (ticks: number): number => (ticks / c.hz / run.ok) * 1e6;
    const cell = (ticks: number): string => us(ticks).toFixed(1);
    const total = c.server + c.redis + c.nats + c.postgres + c.generator + c.irq + c.other;
    const busy = c.seconds > 0 ? `${Math.round(((total + c.steal) / c.hz / c.seconds) * 100)} %` : '—';
    const processes = c.serverProcesses.map((p) => `${p.label} (pid ${p.pid}) ${cell(p.ticks)}`).join('; ');
    return [run.target, fmtInt(run.ok), cell(c.server), cell(c.redis), cell(c.nats), cell(c.postgres), cell(c.generator), cell(c.irq), cell(c.other), cell(total), busy, processes];
  });
}

/** One line per Pallet target: its figure over the bare server's. */
export function bareRatioLines(runs: readonly TargetRun[]): string[] {
  const bare = runs.find((r) => r.target === 'bare');
  if (bare === undefined) return [];
  return runs
    .filter((r) => r.target !== 'bare')
    .map((r) => `${r.target}: ${fmtInt(r.okPerSecond)} / bare ${fmtInt(bare.okPerSecond)} = ${(ratioToBare(r, runs) ?? 0).toFixed(2)}× (p99 ${fmtMs(r.wrk.latencyUs.p99)} ms vs ${fmtMs(bare.wrk.latencyUs.p99)} ms)`);
}

const otherCpuPercentNoted = 20;

/** Warnings that change how the wrk figures must be read: other work on the machine during a measured run. */
export function targetNotes(runs: readonly TargetRun[]): string[] {
  const percent = (r: TargetRun): number => (r.cpu === null || r.cpu.seconds <= 0 ? 0 : Math.round((r.cpu.other / r.cpu.hz / r.cpu.seconds) * 100));
  const busiest = runs.reduce<TargetRun | undefined>((top, r) => (percent(r) > (top === undefined ? 0 : percent(top)) ? r : top), undefined);
  if (busiest === undefined || percent(busiest) <= otherCpuPercentNoted) return [];
  const each = runs.map((r) => `${r.target} ${percent(r)} %`).join(', ');
  return [`processes other than the server, wrk, Redis, NATS and PostgreSQL used CPU during the measured wrk runs (% of one core: ${each}); the figures are lower than on an otherwise idle machine, and the ratios to bare hold only as far as that load was even.`];
}

export const cpuLegend =
  'µs of CPU per reservation (201) over the measured run, from /proc (utime + stime, clock ticks of ' +
  '10 ms): server = the target\'s process tree (each process listed at the right), redis / nats = their servers, postgres = every postgres process, ' +
  'wrk = the load generator, irq = interrupt work (irq + softirq, much of it the loopback traffic itself), other = every other process on the machine ' +
  '(on a shared machine: other people\'s work), total = all of them; machine busy = % of one core (200 % = both cores of a 2-core machine). ' +
  'redis, nats and postgres count everything those shared servers did, for any client.';
