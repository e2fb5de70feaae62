// The `e2e` scenario, run inside the generator process (bench/lib/generator.ts):
// closed-loop single-line reserves as in `single`; for every 201 a signed
// payment callback (status succeeded) is queued and sent over its own
// keep-alive connections (a bounded number in flight; reserves pause while too
// many callbacks wait to be sent); PostgreSQL is polled for the reservations
// the projector has marked `confirmed`, which gives the end-to-end lag
// 201 → confirmed in the system of record.

import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { signPayload } from '../../src/app/payment.signature.ts';
import { assertJob, problemCode, record, sleep, summarize, Tally, type E2eJob, type E2eResult, type LoadHooks, type LoadJob, type LoadResult } from './load.ts';
import { bodyBuilder, createRandom } from './scenarios.ts';
import { ClosedLoopConnection, requestText } from './wire.ts';

const reserveOk = 201;
const callbackOk = 202;
const reconnectDelayMs = 20;
/** Attempts per callback (503 and network failures are retried, as a provider would). */
const callbackAttemptsMax = 10;
/** Ids asked about per poll query, and per poll tick at most (oldest first). */
const pollChunk = 5_000;
const pollTickMax = 40_000;
const errorKindsMax = 32;

interface Pending {
  readonly id: string;
  readonly attempt: number;
}

export async function runE2e(job: LoadJob, hooks: LoadHooks = {}): Promise<LoadResult> {
  assertJob(job);
  const e = job.e2e;
  if (e === undefined) throw new Error('runE2e: job.e2e is missing');
  const tally = new Tally(job.measureSeconds);
  const startMs = performance.now();
  const measureStartMs = startMs + job.warmupSeconds * 1_000;
  const measureEndMs = measureStartMs + job.measureSeconds * 1_000;
  const inWindow = (doneMs: number): boolean => doneMs >= measureStartMs && doneMs < measureEndMs;
  const second = (doneMs: number): number => Math.floor((doneMs - measureStartMs) / 1_000);

  // ---- state shared by reserves, callbacks and the poller
  let stopping = false;
  let reservesFinished = false;
  const queue: Pending[] = [];
  let queueHead = 0;
  const queued = (): number => queue.length - queueHead;
  /** Reservation id → wall-clock ms of its 201, for 201s inside the measured window, until seen confirmed. */
  const awaiting = new Map<string, number>();
  let tracked = 0;
  const lagsMs: number[] = [];
  const confirmEventMs: number[] = [];
  /** Tracked id → wall-clock ms of its callback's 202; and the lag from there to seen confirmed. */
  const acceptedAt = new Map<string, number>();
  const afterCallbackMs: number[] = [];
  let callbacksAccepted = 0;
  let callbackErrors = 0;
  let callbacksGivenUp = 0;
  const callbackErrorKinds = new Map<string, number>();
  const callbackError = (kind: string): void => {
    callbackErrors++;
    const key = callbackErrorKinds.has(kind) || callbackErrorKinds.size < errorKindsMax ? kind : 'other';
    callbackErrorKinds.set(key, (callbackErrorKinds.get(key) ?? 0) + 1);
  };

  const url = new URL(job.origin);
  const host = url.host;

  // ---- callbacks
  const idleCallbacks: ClosedLoopConnection[] = [];
  const callbackConnections: ClosedLoopConnection[] = [];
  let reservesPaused = false;
  const reserveConnections: ClosedLoopConnection[] = [];
  const enqueue = (p: Pending): void => {
    queue.push(p);
    idleCallbacks.pop()?.kick();
  };
  const dequeue = (): Pending | undefined => {
    if (queueHead >= queue.length) return undefined;
    const p = queue[queueHead++];
    if (queueHead > 65_536 && queueHead * 2 > queue.length) {
      queue.splice(0, queueHead);
      queueHead = 0;
    }
    if (reservesPaused && queued() < e.callbackQueueMax / 2) {
      reservesPaused = false;
      for (const c of reserveConnections) c.kick();
    }
    return p;
  };
  const retry = (p: Pending, kind: string): void => {
    callbackError(kind);
    if (p.attempt + 1 >= callbackAttemptsMax) callbacksGivenUp++;
    else enqueue({ id: p.id, attempt: p.attempt + 1 });
  };
  const callbackHeaders = `Content-Type: application/json\r\nPallet-Tenant: ${e.tenant}\r\n`;
  for (let index = 0; index < e.callbackConnections; index++) {
    const sentIds: Pending[] = [];
    let sentHead = 0;
    const takeSent = (): Pending | undefined => {
      const p = sentIds[sentHead++];
      if (sentHead >= 1_024) {
        sentIds.splice(0, sentHead);
        sentHead = 0;
      }
      return p;
    };
    const connection: ClosedLoopConnection = new ClosedLoopConnection(
      { host: url.hostname, port: Number(url.port), depth: e.callbackPipelining, fullBodyUnless: callbackOk, reconnectDelayMs },
      {
        nextRequest: () => {
          const p = dequeue();
          if (p === undefined) {
            if (!idleCallbacks.includes(connection)) idleCallbacks.push(connection);
            return null;
          }
          sentIds.push(p);
          const body = `{"reservationId":"${p.id}","paymentId":"pay-${p.id}","amount":100,"currency":"CNY","status":"succeeded"}`;
          const t = Math.floor(Date.now() / 1_000);
          const signature = signPayload(e.paymentSecret, t, Buffer.from(body));
          return requestText('POST', '/v1/payments/callbacks', host, `${callbackHeaders}Pallet-Delivery-Id: dlv-${p.id}-${p.attempt}\r\nPallet-Signature: t=${t},v1=${signature}\r\n`, body);
        },
        shouldContinue: () => !(reservesFinished && queued() === 0),
        onAnswer: (_sentMs, doneMs, status, body) => {
          const p = takeSent();
          if (p === undefined) return;
          if (status === callbackOk) {
            if (inWindow(doneMs)) callbacksAccepted++;
            if (awaiting.has(p.id)) acceptedAt.set(p.id, Date.now());
            return;
          }
          const kind = `${status} ${problemCode(body)}`.trim();
          if (status === 503 || status === 429) retry(p, kind);
          else if (status === 409) callbackError(kind); // CALLBACK_REPLAYED: an earlier attempt was accepted after all
          else {
            callbackError(kind);
            callbacksGivenUp++;
          }
        },
        onFailure: (_sentMs, _doneMs, kind) => {
          const p = takeSent();
          if (p !== undefined) retry(p, kind);
        },
      },
    );
    callbackConnections.push(connection);
  }

  // ---- reserves
  const reserveHeaders = `Authorization: Bearer ${job.apiKey}\r\nContent-Type: application/json\r\n`;
  for (let index = 0; index < job.connections; index++) {
    const nextBody = bodyBuilder('e2e', job.catalog, createRandom(job.seed + index * 7_919));
    const keyPrefix = `${job.keyPrefix}-${index.toString(36)}-`;
    let n = 0;
    const connection = new ClosedLoopConnection(
      // fullBodyUnless -1: every body is extracted, the 201s' too (the reservation id is in it).
      { host: url.hostname, port: Number(url.port), depth: job.pipelining, fullBodyUnless: -1, reconnectDelayMs },
      {
        nextRequest: () => {
          if (queued() >= e.callbackQueueMax) {
            reservesPaused = true;
            return null;
          }
          return requestText('POST', '/v1/reservations', host, `${reserveHeaders}Idempotency-Key: ${keyPrefix}${(n++).toString(36)}\r\n`, nextBody());
        },
        shouldContinue: () => !stopping,
        onAnswer: (sentMs, doneMs, status, body) => {
          if (status === reserveOk) {
            const id = reservationId(body);
            if (id === null) {
              if (inWindow(doneMs)) record(tally, doneMs - sentMs, second(doneMs), '201 without id');
              return;
            }
            if (inWindow(doneMs)) {
              awaiting.set(id, Date.now());
              tracked++;
            }
            enqueue({ id, attempt: 0 });
          }
          if (inWindow(doneMs)) record(tally, doneMs - sentMs, second(doneMs), status === reserveOk ? null : `${status} ${problemCode(body)}`.trim());
        },
        onFailure: (sentMs, doneMs, kind) => {
          if (inWindow(doneMs)) record(tally, doneMs - sentMs, second(doneMs), kind);
        },
      },
    );
    reserveConnections.push(connection);
  }

  // ---- poller: which tracked reservations are confirmed in PostgreSQL
  const sql = postgres(e.databaseUrl, { max: 1, connect_timeout: 5, idle_timeout: 0, onnotice: () => {} });
  let polling = true;
  const pollOnce = async (): Promise<void> => {
    if (awaiting.size === 0) return;
    const ids: string[] = [];
    for (const id of awaiting.keys()) {
      ids.push(id);
      if (ids.length >= pollTickMax) break;
    }
    for (let i = 0; i < ids.length; i += pollChunk) {
      const chunk = ids.slice(i, i + pollChunk);
      const rows = await sql<{ id: string; confirmed_ms: number | null }[]>`
        select id, (extract(epoch from confirmed_at) * 1000)::float8 as confirmed_ms
        from ${sql(e.schema)}.reservations
        where tenant_id = ${e.tenant} and status = 'confirmed' and id = any(${chunk}::text[])`;
      const now = Date.now();
      for (const row of rows) {
        const at = awaiting.get(row.id);
        if (at === undefined) continue;
        awaiting.delete(row.id);
        lagsMs.push(now - at);
        if (row.confirmed_ms !== null) confirmEventMs.push(row.confirmed_ms - at);
        const accepted = acceptedAt.get(row.id);
        if (accepted !== undefined) {
          acceptedAt.delete(row.id);
          afterCallbackMs.push(now - accepted);
        }
      }
    }
  };
  const poller = (async () => {
    while (polling) {
      const tickStart = performance.now();
      await pollOnce();
      await sleep(e.pollMs - (performance.now() - tickStart));
    }
  })();

  // ---- run
  let cpuAtStart = process.cpuUsage();
  const startTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
    hooks.onMeasureStart?.();
  }, measureStartMs - performance.now());
  for (const c of callbackConnections) c.start();
  for (const c of reserveConnections) c.start();
  let abandoned = 0;
  let unconfirmed = 0;
  try {
    await sleep(measureEndMs - performance.now());
    stopping = true;
    for (const c of reserveConnections) c.kick();
    const cpu = process.cpuUsage(cpuAtStart);
    hooks.onMeasureEnd?.();
    clearTimeout(startTimer);
    // Reserves in flight finish (their 201s still get callbacks), then the callbacks drain.
    abandoned += await drain(reserveConnections, job.drainSeconds);
    reservesFinished = true;
    for (const c of callbackConnections) c.kick();
    abandoned += await drain(callbackConnections, job.drainSeconds);
    // Then wait, bounded, for the projector to show the last of them as confirmed.
    const lagDeadline = performance.now() + e.lagDrainSeconds * 1_000;
    while (awaiting.size > 0 && performance.now() < lagDeadline) await sleep(e.pollMs);
    polling = false;
    await poller;
    await pollOnce();
    unconfirmed = awaiting.size;
    const base = summarize(job, tally, ((cpu.user + cpu.system) / 1_000 / (job.measureSeconds * 1_000)) * 100, abandoned);
    const sorted = Float64Array.from(lagsMs).sort();
    const events = Float64Array.from(confirmEventMs).sort();
    const e2e: E2eResult = {
      callbacksAccepted,
      callbacksPerSecond: callbacksAccepted / job.measureSeconds,
      callbackErrors,
      callbackErrorsByKind: Object.fromEntries(callbackErrorKinds),
      callbacksGivenUp,
      tracked,
      confirmed: lagsMs.length,
      unconfirmed,
      lagDrainSeconds: e.lagDrainSeconds,
      lagMsP50: percentile(sorted, 50),
      lagMsP99: percentile(sorted, 99),
      lagMsMax: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0),
      confirmEventMsP99: percentile(events, 99),
      afterCallbackMsP50: percentile(Float64Array.from(afterCallbackMs).sort(), 50),
      afterCallbackMsP99: percentile(Float64Array.from(afterCallbackMs).sort(), 99),
      pollMs: e.pollMs,
    };
    return { ...base, e2e };
  } finally {
    polling = false;
    stopping = true;
    reservesFinished = true;
    for (const c of [...reserveConnections, ...callbackConnections]) c.destroy();
    await poller.catch(() => {});
    await sql.end({ timeout: 5 });
  }
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

function reservationId(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] ?? 0);
}
