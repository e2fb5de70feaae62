// Publishing many messages to JetStream at once. BatchPublisher sends plain
// publishes with reply subjects on one inbox subscription and one timer per
// batch, like JetStream clients' async publish, instead of one js.publish
// request (timer, promise and captured stack each) per message.
// publishOne is the ordinary one-at-a-time publish, for the paths that need
// each ack before the next message.
import { PubHeaders, type JetStreamClient } from '@nats-io/jetstream';
import { createInbox, headers, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { pubAckProblem, pubAckSeq } from './puback.ts';

export interface BatchResult {
  /** Index of the first message JetStream did not ack (error or timeout), or -1 when all were acked. */
  readonly failed: number;
  readonly error: string;
}

interface BatchState {
  /** Per message: 0 awaiting its ack, 1 acked, 2 failed; '' subjects start acked (nothing to send). */
  readonly status: Uint8Array;
  readonly msgIds: readonly string[];
  readonly subjects: readonly string[];
  waiting: number;
  failed: number;
  error: string;
  readonly timer: NodeJS.Timeout;
  readonly resolve: (r: BatchResult) => void;
}

const batchesMax = 1_024;

/**
 * Publishes many messages to JetStream at once and collects their PubAcks on
 * one inbox subscription: `<inbox>.<batch>.<index>` is each message's reply
 * subject. Per batch one timer instead of one request (timer, promise and
 * error object) per message, as JetStream clients' async publish does.
 */
export class BatchPublisher {
  private readonly prefix: string;
  private readonly sub: Subscription;
  private readonly batches = new Map<number, BatchState>();
  private batchSeq = 0;

  constructor(private readonly nc: NatsConnection, private readonly onAck: ((seq: number, msgId: string, subject: string) => void) | null = null) {
    this.prefix = `${createInbox()}.`;
    this.sub = nc.subscribe(`${this.prefix}>`, { callback: (err, msg) => this.onReply(err, msg) });
  }

  /**
   * Sends every message ('' subject = skip) with Nats-Msg-Id, resolves when all are acked, one failed, or the timeout passed.
   * `headersOf` sets message i's other headers on the batch's one headers object (it must set every header it ever sets).
   */
  publish(subjects: readonly string[], payloads: readonly Uint8Array[], msgIds: readonly string[], timeoutMs: number,
    headersOf?: (i: number, hdrs: MsgHdrs) => void): Promise<BatchResult> {
    if (this.batches.size >= batchesMax) throw new Error('too many batches in flight');
    const batchNo = ++this.batchSeq;
    const replyPrefix = `${this.prefix}${batchNo}.`;
    const hdrs = headers();
    return new Promise<BatchResult>((resolve) => {
      const status = new Uint8Array(subjects.length);
      const timer = setTimeout(() => this.finish(batchNo, 'no JetStream ack before the timeout'), timeoutMs);
      const b: BatchState = { status, msgIds, subjects, waiting: 0, failed: -1, error: '', timer, resolve };
      this.batches.set(batchNo, b);
      let i = 0;
      try {
        for (; i < subjects.length; i++) {
          if (subjects[i] === '') { status[i] = 1; continue; }
          // publish encodes the headers before it returns, so one headers object serves the batch
          if (headersOf !== undefined) headersOf(i, hdrs);
          hdrs.set(PubHeaders.MsgIdHdr, msgIds[i]!);
          this.nc.publish(subjects[i]!, payloads[i]!, { reply: `${replyPrefix}${i}`, headers: hdrs });
          b.waiting++;
        }
      } catch (err) {
        this.fail(b, i, err instanceof Error ? err.message : String(err));
        status.fill(2, i);
      }
      if (b.waiting === 0 || b.failed >= 0) this.finish(batchNo, '');
    });
  }

  close(): void {
    for (const no of [...this.batches.keys()]) this.finish(no, 'publisher closed');
    this.sub.unsubscribe();
  }

  private onReply(err: Error | null, msg: Msg): void {
    if (err !== null) {
      for (const no of [...this.batches.keys()]) this.finish(no, `ack subscription failed: ${err.message}`);
      return;
    }
    const s = msg.subject;
    const dot = s.lastIndexOf('.');
    const b = this.batches.get(Number(s.slice(this.prefix.length, dot)));
    const i = Number(s.slice(dot + 1));
    if (b === undefined || b.status[i] !== 0) return; // late or repeated
    const problem = pubAckProblem(msg);
    if (problem === null) {
      b.status[i] = 1;
      if (this.onAck !== null) this.onAck(pubAckSeq(msg.data), b.msgIds[i]!, b.subjects[i]!);
    } else {
      b.status[i] = 2;
      this.fail(b, i, problem);
    }
    if (--b.waiting === 0) this.finish(Number(s.slice(this.prefix.length, dot)), '');
  }

  private fail(b: BatchState, i: number, error: string): void {
    if (b.failed < 0 || i < b.failed) {
      b.failed = i;
      b.error = error;
    }
  }

  /** Resolves a batch; messages still awaiting an ack count as failed with `reason`. */
  private finish(batchNo: number, reason: string): void {
    const b = this.batches.get(batchNo);
    if (b === undefined) return;
    this.batches.delete(batchNo);
    clearTimeout(b.timer);
    const firstWaiting = b.status.indexOf(0);
    if (firstWaiting >= 0) this.fail(b, firstWaiting, reason || 'not sent');
    b.resolve({ failed: b.failed, error: b.error });
  }
}

/** Publishes one message with Nats-Msg-Id and waits for its PubAck; returns the stream sequence. */
export async function publishOne(js: JetStreamClient, subject: string, payload: Uint8Array, msgId: string, timeoutMs: number): Promise<number> {
  const ack = await js.publish(subject, payload, { msgID: msgId, timeout: timeoutMs });
  return ack.seq;
}
