// Closed-loop load: `connections` keep-alive connections, each keeping
// `pipelining` requests in flight and sending the next one as soon as an answer
// arrives (bench/lib/wire.ts). Every answer that completes inside the measured
// window is recorded in an HDR histogram (microseconds); answers of the
// warm-up and of the drain after the window are not.

import { performance } from 'node:perf_hooks';
import { build, type Histogram } from 'hdr-histogram-js';
import type { ScenarioName } from './config.ts';
import { bodyBuilder, createRandom, type BenchCatalog } from './scenarios.ts';
import { ClosedLoopConnection, requestText } from './wire.ts';

export interface LoadJob {
  readonly label: string;
  readonly scenario: ScenarioName;
  readonly origin: string;
  readonly apiKey: string;
  readonly catalog: BenchCatalog;
  readonly connections: number;
  readonly pipelining: number;
  readonly warmupSeconds: number;
  readonly measureSeconds: number;
  readonly drainSeconds: number;
  readonly seed: number;
  /** Prefix of every Idempotency-Key of this job; unique per run and job. */
  readonly keyPrefix: string;
  /** Only for the `e2e` scenario (bench/lib/e2e.ts). */
  readonly e2e?: E2eJob;
}

export interface E2eJob {
  readonly tenant: string;
  readonly paymentSecret: string;
  readonly databaseUrl: string;
  /** The server's namespace = its PostgreSQL schema. */
  readonly schema: string;
  readonly callbackConnections: number;
  readonly callbackPipelining: number;
  readonly callbackQueueMax: number;
  readonly lagDrainSeconds: number;
  readonly pollMs: number;
}

export interface E2eResult {
  /** 202 answers to payment callbacks completed inside the measured window. */
  readonly callbacksAccepted: number;
  readonly callbacksPerSecond: number;
  /** Non-202 callback answers (any phase; 503s and network failures are retried). */
  readonly callbackErrors: number;
  readonly callbackErrorsByKind: Readonly<Record<string, number>>;
  /** Reservations whose callback was given up on (a 4xx other than 409, or too many retries). */
  readonly callbacksGivenUp: number;
  /** Reservations answered 201 inside the measured window: the ones whose lag is measured. */
  readonly tracked: number;
  readonly confirmed: number;
  /** Tracked reservations not seen confirmed in PostgreSQL when the lag drain ran out. */
  readonly unconfirmed: number;
  readonly lagDrainSeconds: number;
  /** 201 → first poll that saw `status = 'confirmed'` in PostgreSQL (includes up to one poll interval). */
  readonly lagMsP50: number;
  readonly lagMsP99: number;
  readonly lagMsMax: number;
  /** 201 → the confirm event's own time (`confirmed_at`): how long until Redis confirmed it, before the projection. */
  readonly confirmEventMsP99: number;
  /** The callback's 202 → first poll that saw it confirmed: the event pipeline alone, without the wait to send the callback. */
  readonly afterCallbackMsP50: number;
  readonly afterCallbackMsP99: number;
  readonly pollMs: number;
}

export interface LoadResult {
  readonly label: string;
  readonly scenario: ScenarioName;
  readonly measuredSeconds: number;
  readonly ok: number;
  readonly errors: number;
  /** "409 STOCK_INSUFFICIENT", "503 OUTBOX_FULL", "net ECONNRESET", … → count. */
  readonly errorsByKind: Readonly<Record<string, number>>;
  readonly okPerSecond: number;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  readonly latencyMsMax: number;
  /** Successful answers completed in each whole second of the measured phase. */
  readonly okPerSecondTimeline: readonly number[];
  /** The generator's own CPU time over the measured phase, as % of one core. */
  readonly generatorCpuPercent: number;
  /** Requests still in flight when the drain time ran out (aborted, not counted). */
  readonly abandoned: number;
  /** Only for the `e2e` scenario. */
  readonly e2e?: E2eResult;
}

/** Hooks the caller uses to sample other processes exactly over the measured phase. */
export interface LoadHooks {
  onMeasureStart?(): void;
  onMeasureEnd?(): void;
}

const errorKindsMax = 32;
const latencyUsMax = 120_000_000;
const reconnectDelayMs = 20;
const okStatus = 201;
const errorBodyBytesMax = 4_096;

export class Tally {
  ok = 0;
  errors = 0;
  readonly byKind = new Map<string, number>();
  readonly perSecond: number[];
  readonly histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: latencyUsMax,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32,
    autoResize: true,
    useWebAssembly: false,
  });

  constructor(measureSeconds: number) {
    this.perSecond = new Array<number>(measureSeconds).fill(0);
  }

  error(kind: string): void {
    this.errors++;
    const key = this.byKind.has(kind) || this.byKind.size < errorKindsMax ? kind : 'other';
    this.byKind.set(key, (this.byKind.get(key) ?? 0) + 1);
  }
}

export async function runLoad(job: LoadJob, hooks: LoadHooks = {}): Promise<LoadResult> {
  assertJob(job);
  const tally = new Tally(job.measureSeconds);
  const startMs = performance.now();
  const measureStartMs = startMs + job.warmupSeconds * 1_000;
  const measureEndMs = measureStartMs + job.measureSeconds * 1_000;
  let stopping = false;
  let cpuAtStart = process.cpuUsage();
  const startTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
    hooks.onMeasureStart?.();
  }, measureStartMs - performance.now());
  const connections = openConnections(job, tally, { measureStartMs, measureEndMs, isStopping: () => stopping });
  await sleep(measureEndMs - performance.now());
  stopping = true;
  const cpu = process.cpuUsage(cpuAtStart);
  hooks.onMeasureEnd?.();
  clearTimeout(startTimer);
  let drainTimer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    Promise.all(connections.map((c) => c.done)).then(() => true),
    new Promise<false>((resolve) => {
      drainTimer = setTimeout(() => resolve(false), job.drainSeconds * 1_000);
    }),
  ]);
  clearTimeout(drainTimer);
  // Drained connections have nothing in flight; destroy() closes their sockets now instead of at the server's keep-alive timeout.
  const abandoned = connections.reduce((n, c) => n + c.destroy(), 0);
  if (drained && abandoned !== 0) throw new Error(`drained, yet ${abandoned} requests in flight`);
  return summarize(job, tally, ((cpu.user + cpu.system) / 1_000 / (job.measureSeconds * 1_000)) * 100, abandoned);
}

interface Window {
  readonly measureStartMs: number;
  readonly measureEndMs: number;
  isStopping(): boolean;
}

function openConnections(job: LoadJob, tally: Tally, window: Window): ClosedLoopConnection[] {
  const url = new URL(job.origin);
  const host = url.host;
  const headers = `Authorization: Bearer ${job.apiKey}\r\nContent-Type: application/json\r\n`;
  const inWindow = (doneMs: number): boolean => doneMs >= window.measureStartMs && doneMs < window.measureEndMs;
  const second = (doneMs: number): number => Math.floor((doneMs - window.measureStartMs) / 1_000);
  return Array.from({ length: job.connections }, (_, index) => {
    const nextBody = bodyBuilder(job.scenario, job.catalog, createRandom(job.seed + index * 7_919));
    const keyPrefix = `${job.keyPrefix}-${index.toString(36)}-`;
    let n = 0;
    const connection = new ClosedLoopConnection(
      { host: url.hostname, port: Number(url.port), depth: job.pipelining, fullBodyUnless: okStatus, reconnectDelayMs: reconnectDelayMs },
      {
        nextRequest: () =>
          requestText('POST', '/v1/reservations', host, `${headers}Idempotency-Key: ${keyPrefix}${(n++).toString(36)}\r\n`, nextBody()),
        shouldContinue: () => !window.isStopping(),
        onAnswer: (sentMs, doneMs, status, body) => {
          if (!inWindow(doneMs)) return;
          record(tally, doneMs - sentMs, second(doneMs), status === okStatus ? null : `${status} ${problemCode(body)}`.trim());
        },
        onFailure: (sentMs, doneMs, kind) => {
          if (inWindow(doneMs)) record(tally, doneMs - sentMs, second(doneMs), kind);
        },
      },
    );
    connection.start();
    return connection;
  });
}

export function problemCode(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body.slice(0, errorBodyBytesMax));
    const code = typeof parsed === 'object' && parsed !== null ? (parsed as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}

/** `errorKind` null means success. */
export function record(tally: Tally, latencyMs: number, second: number, errorKind: string | null): void {
  tally.histogram.recordValue(Math.min(latencyUsMax, Math.max(1, Math.round(latencyMs * 1_000))));
  if (errorKind === null) {
    tally.ok++;
    if (second >= 0 && second < tally.perSecond.length) tally.perSecond[second] = (tally.perSecond[second] ?? 0) + 1;
  } else {
    tally.error(errorKind);
  }
}

export function summarize(job: LoadJob, tally: Tally, generatorCpuPercent: number, abandoned: number): LoadResult {
  const h = tally.histogram;
  const ms = (us: number): number => Math.round(us) / 1_000;
  const result: LoadResult = {
    label: job.label,
    scenario: job.scenario,
    measuredSeconds: job.measureSeconds,
    ok: tally.ok,
    errors: tally.errors,
    errorsByKind: Object.fromEntries(tally.byKind),
    okPerSecond: tally.ok / job.measureSeconds,
    latencyMsP50: ms(h.getValueAtPercentile(50)),
    latencyMsP99: ms(h.getValueAtPercentile(99)),
    latencyMsMax: ms(h.maxValue),
    okPerSecondTimeline: tally.perSecond,
    generatorCpuPercent: Math.round(generatorCpuPercent),
    abandoned,
  };
  h.destroy();
  return result;
}

export function assertJob(job: LoadJob): void {
  const positive = (name: string, v: number): void => {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`LoadJob.${name} must be a positive integer, got ${v}`);
  };
  positive('connections', job.connections);
  positive('pipelining', job.pipelining);
  positive('measureSeconds', job.measureSeconds);
  positive('drainSeconds', job.drainSeconds);
  if (!Number.isFinite(job.warmupSeconds) || job.warmupSeconds < 0) throw new RangeError('LoadJob.warmupSeconds must be ≥ 0');
  if (!/^https?:\/\/[^/]+$/.test(job.origin)) throw new RangeError(`LoadJob.origin must be scheme://host:port, got ${job.origin}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
