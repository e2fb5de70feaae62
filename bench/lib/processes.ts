// Child processes of the harness: servers under test and one-shot commands.
// Each is started directly as `node --import tsx <entry>` so its PID is the
// server itself (no npx/tsx wrapper in between) and can be stopped by PID.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { ticksPerSecond } from './cpu.ts';

export interface Launch {
  readonly name: string;
  /** A .ts entry point and its arguments, run with `node --import tsx`. */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** stdout and stderr go here (appended). */
  readonly logPath: string;
}

const tsxArgs = ['--import', 'tsx'];
// Extra node flags for every server and command the harness starts (for a profile:
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"); split on whitespace.
const extraNodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg.length > 0);
const stopGraceMs = 10_000;
const readyPollMs = 200;
const logTailBytes = 4_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function launch(spec: Launch): ChildProcess {
  const fd = openSync(spec.logPath, 'a');
  try {
    return spawn(process.execPath, [...extraNodeArgs, ...tsxArgs, ...spec.args], {
      cwd: spec.cwd,
      // The harness's environment passes through (so PALLET_* tuning reaches the server); the spec wins.
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
}

export function logTail(path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length > logTailBytes ? `…${text.slice(-logTailBytes)}` : text;
  } catch {
    return '(no log)';
  }
}

/** Runs a command to completion; rejects with the log tail if it fails or takes too long. */
export function runToExit(spec: Launch, timeoutSeconds: number): Promise<void> {
  const child = launch(spec);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${spec.name} failed (code ${code}, signal ${signal}); log ${spec.logPath}:\n${logTail(spec.logPath)}`));
    });
  });
}

export class ServerProcess {
  private exited: Promise<void>;
  private hasExited = false;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly logPath: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      this.hasExited = true;
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name}: no pid`);
    return this.child.pid;
  }

  get running(): boolean {
    return !this.hasExited;
  }

  static async start(spec: Launch, readyUrl: string, readySecondsMax: number): Promise<ServerProcess> {
    const server = new ServerProcess(spec.name, launch(spec), spec.logPath);
    try {
      await server.waitReady(readyUrl, readySecondsMax);
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  private async waitReady(url: string, secondsMax: number): Promise<void> {
    const deadline = performance.now() + secondsMax * 1_000;
    let last = 'no answer';
    while (performance.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready; log ${this.logPath}:\n${logTail(this.logPath)}`);
      try {
        const res = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
        await res.body.dump();
        if (res.statusCode === 200) return;
        last = `status ${res.statusCode}`;
      } catch (err) {
        last = (err as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, readyPollMs));
    }
    throw new Error(`${this.name} not ready at ${url} within ${secondsMax} s (${last}); log ${this.logPath}:\n${logTail(this.logPath)}`);
  }

  /** SIGTERM by PID, then SIGKILL after a grace period. Idempotent. */
  async stop(): Promise<void> {
    if (!this.running || this.child.pid === undefined) return;
    signal(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (this.running && this.child.pid !== undefined) signal(this.child.pid, 'SIGKILL');
    }, stopGraceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** CPU seconds used so far by the server and its descendants (Linux /proc). */
  cpuSeconds(): number {
    return this.running ? treeCpuSeconds(this.pid) : 0;
  }
}

/** kill(2) by PID; a process that is already gone is not an error. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

const descendantsMax = 256;

function treeCpuSeconds(rootPid: number): number {
  const seen = new Set<number>();
  const queue = [rootPid];
  let ticks = 0;
  while (queue.length > 0 && seen.size < descendantsMax) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    ticks += processTicks(pid);
    queue.push(...childPids(pid));
  }
  return ticks / ticksPerSecond();
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(' ')
        .filter((s) => s.trim() !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}
