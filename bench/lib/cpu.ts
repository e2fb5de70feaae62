// Who used the CPUs during a measured phase (Linux /proc). On a 2-core box
// the server, the generator, Redis and PostgreSQL share the cores, and
// anything else running at the same time takes its cut; the figures are only
// readable next to this split.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

interface MachineTicks {
  /** user + nice + system: time charged to processes. */
  readonly process: number;
  /** irq + softirq: interrupt work, e.g. the loopback TCP traffic of the benchmark itself. */
  readonly irq: number;
  /** Time the hypervisor gave to other guests. */
  readonly steal: number;
}

export interface CpuSnapshot {
  readonly atMs: number;
  /** Busy ticks of the whole machine (all cores), from /proc/stat. */
  readonly machine: MachineTicks;
  /** pid → [command name, parent pid, utime + stime ticks]. */
  readonly processes: ReadonlyMap<number, readonly [string, number, number]>;
}

/** Percent of one core over the window, per consumer. */
export interface CpuShares {
  readonly server: number;
  readonly generator: number;
  readonly redis: number;
  readonly nats: number;
  readonly postgres: number;
  /** Interrupt work (irq + softirq), much of it the benchmark's own loopback traffic. */
  readonly irq: number;
  /** Process time of everything else: other programs, processes that came and went. */
  readonly other: number;
  readonly steal: number;
  readonly machine: number;
}

const processesMax = 10_000;

export function cpuSnapshot(): CpuSnapshot {
  const processes = new Map<number, readonly [string, number, number]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    // not Linux: every share reads 0
  }
  for (const entry of entries.slice(0, processesMax)) {
    const parsed = readStat(Number(entry));
    if (parsed !== null) processes.set(Number(entry), parsed);
  }
  return { atMs: performance.now(), machine: machineTicks(), processes };
}

function readStat(pid: number): readonly [string, number, number] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After the command name: state, ppid, …; utime and stime are stat fields 14 and 15.
    return [stat.slice(open + 1, close), Number(fields[1]), Number(fields[11]) + Number(fields[12])];
  } catch {
    return null;
  }
}

function machineTicks(): MachineTicks {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
    return { process: user + nice + system, irq: irq + softirq, steal };
  } catch {
    return { process: 0, irq: 0, steal: 0 };
  }
}

const busy = (t: MachineTicks): number => t.process + t.irq + t.steal;

/** All descendants of `root` (and root) present in the snapshot. */
function tree(snapshot: CpuSnapshot, root: number): Set<number> {
  const members = new Set<number>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, [, ppid]] of snapshot.processes) {
      if (!members.has(pid) && members.has(ppid)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return members;
}

export function cpuShares(before: CpuSnapshot, after: CpuSnapshot, serverPid: number, generatorPid: number): CpuShares {
  const seconds = (after.atMs - before.atMs) / 1_000;
  const hz = ticksPerSecond();
  const percent = (ticks: number): number => (seconds > 0 ? Math.round((ticks / hz / seconds) * 100) : 0);
  const server = tree(after, serverPid);
  const generator = tree(after, generatorPid);
  const sums = { server: 0, generator: 0, redis: 0, nats: 0, postgres: 0 };
  for (const [pid, [comm, , ticks]] of after.processes) {
    const delta = ticks - (before.processes.get(pid)?.[2] ?? ticks);
    if (delta <= 0) continue;
    // Services by name first: a benchmark may start its own private redis-server as a child.
    if (server.has(pid)) sums.server += delta;
    else if (comm.startsWith('redis-server')) sums.redis += delta;
    else if (comm === 'nats-server') sums.nats += delta;
    else if (comm === 'postgres' || comm.startsWith('postgres:')) sums.postgres += delta;
    else if (generator.has(pid)) sums.generator += delta;
  }
  const known = sums.server + sums.generator + sums.redis + sums.nats + sums.postgres;
  return {
    server: percent(sums.server),
    generator: percent(sums.generator),
    redis: percent(sums.redis),
    nats: percent(sums.nats),
    postgres: percent(sums.postgres),
    irq: percent(after.machine.irq - before.machine.irq),
    other: percent(Math.max(0, after.machine.process - before.machine.process - known)),
    steal: percent(after.machine.steal - before.machine.steal),
    machine: percent(busy(after.machine) - busy(before.machine)),
  };
}

/** Percent of one core the whole machine was busy over `ms`, sampled now. */
export async function machineBusyPercent(ms: number): Promise<number> {
  const before = busy(machineTicks());
  const startMs = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const seconds = (performance.now() - startMs) / 1_000;
  return Math.round(((busy(machineTicks()) - before) / ticksPerSecond() / seconds) * 100);
}

let clockTicksPerSecond: number | undefined;

export function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

/** One process of the server's tree and the clock ticks it used over the window. */
export interface ProcessTicks {
  readonly pid: number;
  /** Command name and the arguments after the entry script, e.g. `node serve`. */
  readonly label: string;
  readonly ticks: number;
}

/** Clock ticks per consumer over a window: the cost side of a throughput figure. */
export interface CpuTicks {
  readonly seconds: number;
  readonly hz: number;
  /** Every process of the server's tree that used CPU in the window, the busiest first. */
  readonly serverProcesses: readonly ProcessTicks[];
  readonly server: number;
  readonly generator: number;
  readonly redis: number;
  readonly nats: number;
  readonly postgres: number;
  readonly irq: number;
  /** Process time of everything else (other programs, processes that came and went). */
  readonly other: number;
  readonly steal: number;
}

/**
 * Ticks per consumer between two snapshots. The generator is given as ticks
 * (`generatorTicks`), not as a PID: wrk has exited by the second snapshot and
 * reports its own CPU (bench/wrk/reserve.lua); it must not have existed at the first.
 */
export function cpuTicksBetween(before: CpuSnapshot, after: CpuSnapshot, serverPid: number, generatorTicks: number): CpuTicks {
  const server = tree(after, serverPid);
  const serverProcesses: ProcessTicks[] = [];
  const sums = { server: 0, redis: 0, nats: 0, postgres: 0 };
  for (const [pid, [comm, , ticks]] of after.processes) {
    const delta = ticks - (before.processes.get(pid)?.[2] ?? 0);
    if (delta <= 0) continue;
    if (server.has(pid)) {
      sums.server += delta;
      serverProcesses.push({ pid, label: processLabel(pid, comm), ticks: delta });
    } else if (comm.startsWith('redis-server')) sums.redis += delta;
    else if (comm === 'nats-server') sums.nats += delta;
    else if (comm === 'postgres' || comm.startsWith('postgres:')) sums.postgres += delta;
  }
  const generator = Math.max(0, generatorTicks);
  const known = sums.server + sums.redis + sums.nats + sums.postgres + generator;
  return {
    seconds: (after.atMs - before.atMs) / 1_000,
    hz: ticksPerSecond(),
    serverProcesses: serverProcesses.sort((a, b) => b.ticks - a.ticks),
    ...sums,
    generator,
    irq: after.machine.irq - before.machine.irq,
    other: Math.max(0, after.machine.process - before.machine.process - known),
    steal: after.machine.steal - before.machine.steal,
  };
}

const labelArgsCharsMax = 40;

/** ` [api]` when the process was started with PALLET_ROLES (a supervisor's children are): which roles its CPU paid for. */
function rolesOf(pid: number): string {
  try {
    const roles = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((v) => v.startsWith('PALLET_ROLES='));
    return roles === undefined ? '' : ` [${roles.slice('PALLET_ROLES='.length).slice(0, labelArgsCharsMax)}]`;
  } catch {
    return '';
  }
}

/**
 * The command name and what follows the entry script (`node serve` for `node --import tsx src/cli.ts serve`),
 * or the entry script's last two path segments when nothing follows (`node bare/server.ts`), then the roles.
 */
function processLabel(pid: number, comm: string): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    const entry = args.findIndex((a, i) => i > 0 && /\.(ts|js|mjs|cjs)$/.test(a));
    if (entry < 0) return comm;
    const rest = args.slice(entry + 1).join(' ') || (args[entry] ?? '').split('/').slice(-2).join('/');
    return `${comm} ${rest.slice(0, labelArgsCharsMax)}${rolesOf(pid)}`;
  } catch {
    return comm;
  }
}
