// The e2e scenario's reserves: closed-loop single-line reserves as in
// `single`; every 201 queues a payment callback, and the 201s inside the
// measured window are tracked until seen confirmed. Reserves pause while the
// callback queue is full.

import { problemCode, record } from '../load.ts';
import { bodyBuilder, createRandom } from '../scenarios.ts';
import { ClosedLoopConnection, requestText } from '../wire.ts';
import type { E2eState } from './state.ts';

const reserveOk = 201;
const reconnectDelayMs = 20;

/** The reserve connections of a run (not started). */
export function reserveConnections(state: E2eState, url: URL): ClosedLoopConnection[] {
  const connections: ClosedLoopConnection[] = [];
  for (let index = 0; index < state.job.connections; index++) connections.push(reserveConnection(state, url, index));
  return connections;
}

function reserveConnection(state: E2eState, url: URL, index: number): ClosedLoopConnection {
  const { job, queue } = state;
  const headers = `Authorization: Bearer ${job.apiKey}\r\nContent-Type: application/json\r\n`;
  const nextBody = bodyBuilder('e2e', job.catalog, createRandom(job.seed + index * 7_919));
  const keyPrefix = `${job.keyPrefix}-${index.toString(36)}-`;
  let n = 0;
  return new ClosedLoopConnection(
    // fullBodyUnless -1: every body is extracted, the 201s' too (the reservation id is in it).
    { host: url.hostname, port: Number(url.port), depth: job.pipelining, fullBodyUnless: -1, reconnectDelayMs },
    {
      nextRequest: () => {
        if (queue.full()) return null;
        return requestText('POST', '/v1/reservations', url.host, `${headers}Idempotency-Key: ${keyPrefix}${(n++).toString(36)}\r\n`, nextBody());
      },
      shouldContinue: () => !state.stopping,
      onAnswer: (sentMs, doneMs, status, body) => onReserveAnswer(state, sentMs, doneMs, status, body),
      onFailure: (sentMs, doneMs, kind) => {
        if (state.window.includes(doneMs)) record(state.tally, doneMs - sentMs, state.window.second(doneMs), kind);
      },
    },
  );
}

function onReserveAnswer(state: E2eState, sentMs: number, doneMs: number, status: number, body: string): void {
  const { window, tally } = state;
  const inWindow = window.includes(doneMs);
  if (status === reserveOk) {
    const id = reservationId(body);
    if (id === null) {
      if (inWindow) record(tally, doneMs - sentMs, window.second(doneMs), '201 without id');
      return;
    }
    if (inWindow) state.confirmations.track(id);
    state.queue.push({ id, attempt: 0 });
  }
  if (inWindow) record(tally, doneMs - sentMs, window.second(doneMs), status === reserveOk ? null : `${status} ${problemCode(body)}`.trim());
}

function reservationId(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
