// Reading JetStream PubAcks without a JSON parse on the hot path: the stream
// sequence a message got, and whether the reply is a PubAck at all.
import type { Msg } from '@nats-io/nats-core';

const seqMember = new TextEncoder().encode('"seq":');

/** The stream sequence of a PubAck (`…"seq":123…`), 0 when it has none. */
export function pubAckSeq(d: Uint8Array): number {
  outer: for (let i = 0; i + seqMember.length < d.length; i++) {
    for (let j = 0; j < seqMember.length; j++) if (d[i + j] !== seqMember[j]) continue outer;
    let n = 0;
    for (let k = i + seqMember.length; k < d.length && d[k]! >= 48 && d[k]! <= 57; k++) n = n * 10 + (d[k]! - 48);
    return n;
  }
  return 0;
}

// A PubAck starts with {"stream": (the server writes the error member first when there is one).
const pubAckStart = new TextEncoder().encode('{"stream":');

/** null for a PubAck, else why the message was not stored. */
export function pubAckProblem(msg: Msg): string | null {
  const d = msg.data;
  if (d.length === 0) return msg.headers?.code === 503 ? 'no stream listens on the subject' : 'empty reply';
  if (d.length > pubAckStart.length + 2 && d[pubAckStart.length] === 34 /* " */ && d[pubAckStart.length + 1] !== 34) {
    let i = 0;
    while (i < pubAckStart.length && d[i] === pubAckStart[i]) i++;
    if (i === pubAckStart.length) return null;
  }
  try {
    const r = JSON.parse(msg.string()) as { stream?: string; error?: { code?: number; description?: string } };
    if (r.error !== undefined) return `JetStream error ${r.error.code ?? '?'}: ${r.error.description ?? ''}`;
    return typeof r.stream === 'string' && r.stream !== '' ? null : 'invalid ack';
  } catch {
    return 'ack is not JSON';
  }
}
