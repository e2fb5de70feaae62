// Runs wrk (https://github.com/wg/wrk, the Debian package `wrk`) with
// bench/wrk/reserve.lua and returns the summary its done() prints. wrk is the
// generator of the throughput figures: it costs a fraction of the CPU per
// request a Node generator costs, so the server gets more of a 2-core machine.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const wrkScriptPath = fileURLToPath(new URL('../wrk/reserve.lua', import.meta.url));

export interface WrkJob {
  /** The wrk binary (BENCH_WRK). */
  readonly binary: string;
  readonly origin: string;
  readonly threads: number;
  readonly connections: number;
  readonly seconds: number;
  readonly apiKey: string;
  /** Prefix of every Idempotency-Key: unique per run, target and phase. */
  readonly keyPrefix: string;
  readonly skuCount: number;
  readonly region: string;
  readonly seed: number;
}

export interface WrkSummary {
  readonly durationUs: number;
  /** Completed answers, whatever their status. */
  readonly requests: number;
  readonly bytes: number;
  /** wrk's counts; `status` = answers with a status ≥ 400. */
  readonly errors: { readonly connect: number; readonly read: number; readonly write: number; readonly status: number; readonly timeout: number };
  readonly latencyUs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
  /** utime + stime of the wrk process (all threads), in clock ticks, read by done() just before it exits. */
  readonly cpuTicks: number;
}

const summaryMarker = 'WRK_SUMMARY ';
/** wrk must finish within its duration plus this (connect, thread join, done()). */
const wrkSlackSeconds = 30;
const outputBytesMax = 1_000_000;

export function wrkArgs(job: WrkJob): string[] {
  return [
    `-t${job.threads}`, `-c${job.connections}`, `-d${job.seconds}s`, '-s', wrkScriptPath, job.origin,
    '--', job.apiKey, job.keyPrefix, String(job.skuCount), job.region, String(job.seed),
  ];
}

/** Runs wrk to completion; calls onSpawn with its PID. Rejects when it fails or prints no summary. */
export function runWrk(job: WrkJob, onSpawn?: (pid: number) => void): Promise<WrkSummary> {
  return runWrkWith(job.binary, wrkArgs(job), job.seconds, onSpawn);
}

/**
 * Runs wrk with any arguments (its script must print the summary line, see reserve.lua's done()); as runWrk.
 * `onOutput` sees the output so far each time more arrives (wrk's stdout is block-buffered on a pipe; a script's
 * io.stderr:write is not, see intake.lua's WRK_LOADED).
 */
export function runWrkWith(binary: string, args: readonly string[], seconds: number, onSpawn?: (pid: number) => void, onOutput?: (text: string) => void): Promise<WrkSummary> {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) onSpawn?.(child.pid);
  let output = '';
  const collect = (chunk: Buffer): void => {
    if (output.length < outputBytesMax) output += chunk.toString('utf8');
    onOutput?.(output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + wrkSlackSeconds) * 1_000);
    child.once('error', (err) => {
      clearTimeout(killer);
      const hint = (err as NodeJS.ErrnoException).code === 'ENOENT' ? ` (install it: apt-get install -y wrk, or set BENCH_WRK)` : '';
      reject(new Error(`${binary}: ${err.message}${hint}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      const summary = parseWrkSummary(output);
      if (code === 0 && summary !== null) resolve(summary);
      else reject(new Error(`wrk failed (code ${code}, signal ${signal}${summary === null ? ', no summary' : ''}):\n${output.slice(-4_000)}`));
    });
  });
}

/** The summary line bench/wrk/reserve.lua's done() prints, or null. */
export function parseWrkSummary(output: string): WrkSummary | null {
  const line = output.split('\n').find((l) => l.startsWith(summaryMarker));
  if (line === undefined) return null;
  try {
    return JSON.parse(line.slice(summaryMarker.length)) as WrkSummary;
  } catch {
    return null;
  }
}

/** Socket-level errors (connect, read, write, timeout) plus answers with a status ≥ 400. */
export const wrkErrors = (s: WrkSummary): number => s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout + s.errors.status;
/** Answers below 400: with unique Idempotency-Keys and stock that cannot run out, the 201s. */
export const wrkOk = (s: WrkSummary): number => Math.max(0, s.requests - s.errors.status);
