// Dead letters: a consumer copies a message it can never process to
// `<ns>_dlq.<consumer>.<subject>` (acknowledged by the DLQ stream) before it
// terms it. The reason and the original place travel in headers.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import type { Topology } from './topology.ts';

export interface DeadLetter {
  /** The consumer giving up (the DLQ subject's second token). */
  readonly consumer: string;
  readonly reason: string;
  /** Ack timeout of the copy (the client's default when absent). */
  readonly timeoutMs?: number;
}

/** Reasons are cut to this many characters, on one line. */
export const deadReasonLengthMax = 500;

/** Publishes the copy and waits for its ack; throws when the DLQ stream did not take it. */
export async function publishDeadLetter(js: JetStreamClient, t: Topology, m: Pick<JsMsg, 'subject' | 'data' | 'seq'>, d: DeadLetter): Promise<void> {
  const h = headers();
  h.set('Pallet-Dead-Reason', d.reason.slice(0, deadReasonLengthMax).replace(/[\r\n]+/g, ' '));
  h.set('Pallet-Original-Subject', m.subject);
  h.set('Pallet-Stream-Seq', String(m.seq));
  await js.publish(t.dlqSubject(d.consumer, m.subject), m.data, {
    msgID: `dlq:${d.consumer}:${m.seq}`, headers: h, expect: { streamName: t.dlqStream },
    ...(d.timeoutMs === undefined ? {} : { timeout: d.timeoutMs }),
  });
}
