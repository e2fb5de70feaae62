// The `e2e` scenario, run inside the generator process (bench/lib/generator.ts):
// closed-loop single-line reserves as in `single`; for every 201 a signed
// payment callback (status succeeded) is queued and sent over its own
// keep-alive connections (a bounded number in flight; reserves pause while too
// many callbacks wait to be sent); PostgreSQL is polled for the reservations
// the projector has marked `confirmed`, which gives the end-to-end lag
// 201 → confirmed in the system of record.
//
// The parts live in bench/lib/e2e/: state.ts (what they share), reserves.ts,
// callbacks.ts, poller.ts (the confirmed-poller) and summary.ts (E2eResult).

import { performance } from 'node:perf_hooks';
import { assertJob, sleep, summarize, type LoadHooks, type LoadJob, type LoadResult } from './load.ts';
import type { ClosedLoopConnection } from './wire.ts';
import { callbackConnections } from './e2e/callbacks.ts';
import { ConfirmedPoller } from './e2e/poller.ts';
import { reserveConnections } from './e2e/reserves.ts';
import { E2eState } from './e2e/state.ts';
import { e2eResult } from './e2e/summary.ts';

interface Connections {
  readonly reserves: readonly ClosedLoopConnection[];
  readonly callbacks: readonly ClosedLoopConnection[];
}

export async function runE2e(job: LoadJob, hooks: LoadHooks = {}): Promise<LoadResult> {
  assertJob(job);
  const e = job.e2e;
  if (e === undefined) throw new Error('runE2e: job.e2e is missing');
  const state = new E2eState(job, e);
  const url = new URL(job.origin);
  const callbacks = callbackConnections(state, url);
  const reserves = reserveConnections(state, url);
  state.queue.reserveConnections.push(...reserves);
  const poller = new ConfirmedPoller(e, state.confirmations);
  try {
    return await measure(state, { reserves, callbacks }, poller, hooks);
  } finally {
    state.stopping = true;
    state.reservesFinished = true;
    for (const c of [...reserves, ...callbacks]) c.destroy();
    await poller.close();
  }
}

/** Starts the connections, runs warmup and measured window, drains, and sums up. */
async function measure(state: E2eState, connections: Connections, poller: ConfirmedPoller, hooks: LoadHooks): Promise<LoadResult> {
  const { job, window } = state;
  let cpuAtStart = process.cpuUsage();
  const startTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
    hooks.onMeasureStart?.();
  }, window.measureStartMs - performance.now());
  for (const c of connections.callbacks) c.start();
  for (const c of connections.reserves) c.start();
  await sleep(window.measureEndMs - performance.now());
  state.stopping = true;
  for (const c of connections.reserves) c.kick();
  const cpu = process.cpuUsage(cpuAtStart);
  hooks.onMeasureEnd?.();
  clearTimeout(startTimer);
  const abandoned = await drainAll(state, connections);
  // Then wait, bounded, for the projector to show the last of them as confirmed.
  await poller.finish();
  const base = summarize(job, state.tally, ((cpu.user + cpu.system) / 1_000 / (job.measureSeconds * 1_000)) * 100, abandoned);
  return { ...base, e2e: e2eResult(state) };
}

/** Reserves in flight finish (their 201s still get callbacks), then the callbacks drain; returns the requests abandoned. */
async function drainAll(state: E2eState, connections: Connections): Promise<number> {
  let abandoned = await drain(connections.reserves, state.job.drainSeconds);
  state.reservesFinished = true;
  for (const c of connections.callbacks) c.kick();
  abandoned += await drain(connections.callbacks, state.job.drainSeconds);
  return abandoned;
}

/** Waits up to `seconds` for the connections to finish; returns how many requests were abandoned. */
async function drain(connections: readonly ClosedLoopConnection[], seconds: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(connections.map((c) => c.done)),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, seconds * 1_000);
    }),
  ]);
  clearTimeout(timer);
  return connections.reduce((n, c) => n + c.destroy(), 0);
}
