// The e2e scenario's payment callbacks: keep-alive connections that send a
// signed `succeeded` callback for every queued reservation (a bounded number
// in flight per connection) and retry 503, 429 and network failures, as a
// provider would.

import { signPayload } from '../../../src/app/payment.signature.ts';
import { problemCode } from '../load.ts';
import { ClosedLoopConnection, requestText } from '../wire.ts';
import type { E2eState, Pending } from './state.ts';

const callbackOk = 202;
const reconnectDelayMs = 20;
/** Attempts per callback (503 and network failures are retried, as a provider would). */
const callbackAttemptsMax = 10;
/** Answered entries kept before the sent-ids array is compacted. */
const sentCompactAt = 1_024;

/** The callback connections of a run (not started). */
export function callbackConnections(state: E2eState, url: URL): ClosedLoopConnection[] {
  const connections: ClosedLoopConnection[] = [];
  for (let index = 0; index < state.e.callbackConnections; index++) connections.push(callbackConnection(state, url));
  return connections;
}

function callbackConnection(state: E2eState, url: URL): ClosedLoopConnection {
  const { e, queue } = state;
  const sent = new SentIds();
  const headers = `Content-Type: application/json\r\nPallet-Tenant: ${e.tenant}\r\n`;
  const connection: ClosedLoopConnection = new ClosedLoopConnection(
    { host: url.hostname, port: Number(url.port), depth: e.callbackPipelining, fullBodyUnless: callbackOk, reconnectDelayMs },
    {
      nextRequest: () => {
        const p = queue.take();
        if (p === undefined) {
          if (!queue.idleCallbacks.includes(connection)) queue.idleCallbacks.push(connection);
          return null;
        }
        sent.push(p);
        return callbackRequest(state, url.host, headers, p);
      },
      shouldContinue: () => !(state.reservesFinished && queue.size === 0),
      onAnswer: (_sentMs, doneMs, status, body) => {
        const p = sent.take();
        if (p !== undefined) onCallbackAnswer(state, p, doneMs, status, body);
      },
      onFailure: (_sentMs, _doneMs, kind) => {
        const p = sent.take();
        if (p !== undefined) retry(state, p, kind);
      },
    },
  );
  return connection;
}

function callbackRequest(state: E2eState, host: string, headers: string, p: Pending): string {
  const body = `{"reservationId":"${p.id}","paymentId":"pay-${p.id}","amount":100,"currency":"CNY","status":"succeeded"}`;
  const t = Math.floor(Date.now() / 1_000);
  const signature = signPayload(state.e.paymentSecret, t, Buffer.from(body));
  return requestText('POST', '/v1/payments/callbacks', host, `${headers}Pallet-Delivery-Id: dlv-${p.id}-${p.attempt}\r\nPallet-Signature: t=${t},v1=${signature}\r\n`, body);
}

function onCallbackAnswer(state: E2eState, p: Pending, doneMs: number, status: number, body: string): void {
  const stats = state.callbacks;
  if (status === callbackOk) {
    if (state.window.includes(doneMs)) stats.accepted++;
    state.confirmations.callbackAccepted(p.id);
    return;
  }
  const kind = `${status} ${problemCode(body)}`.trim();
  if (status === 503 || status === 429) retry(state, p, kind);
  else if (status === 409) stats.error(kind); // CALLBACK_REPLAYED: an earlier attempt was accepted after all
  else {
    stats.error(kind);
    stats.givenUp++;
  }
}

function retry(state: E2eState, p: Pending, kind: string): void {
  state.callbacks.error(kind);
  if (p.attempt + 1 >= callbackAttemptsMax) state.callbacks.givenUp++;
  else state.queue.push({ id: p.id, attempt: p.attempt + 1 });
}

/** The callbacks in flight on one connection, in the order they were sent (answers come back in that order). */
class SentIds {
  private readonly items: Pending[] = [];
  private head = 0;

  push(p: Pending): void {
    this.items.push(p);
  }

  take(): Pending | undefined {
    const p = this.items[this.head++];
    if (this.head >= sentCompactAt) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return p;
  }
}
