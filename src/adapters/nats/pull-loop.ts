// The pull loop the consumer roles share: a durable consumer read in bounded
// pulls (at most batchMax messages, handled concurrently, the next pull once
// they are all settled), a failed pull retried with a growing pause, and
// stop() that closes the pull in hand and waits for its messages. What a
// message means, and when it is acked, stays with the role's handler.
import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { Log } from '../../app/log.port.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { publishDeadLetter } from './dead-letter.ts';
import type { Topology } from './topology.ts';

export interface PullLoopOptions {
  readonly js: JetStreamClient;
  readonly stream: string;
  readonly durable: string;
  readonly batchMax: number;
  readonly expiresMs: number;
  /** Names the loop in its log lines. */
  readonly name: string;
  readonly log: Pick<Log, 'error'>;
  readonly handle: (m: JsMsg) => Promise<void>;
}

const pauseMsMax = 5_000;

export class PullLoop {
  private loop: Promise<void> | null = null;
  private stopping = false;
  private batch: ConsumerMessages | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly opts: PullLoopOptions) {}

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops pulling and waits for the messages in hand (unacked ones are redelivered later). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.batch?.close().catch(() => undefined);
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let consumer: Consumer | null = null;
    let failures = 0;
    while (!this.stopping) {
      try {
        consumer ??= await this.opts.js.consumers.get(this.opts.stream, this.opts.durable);
        await this.pullOnce(consumer);
        failures = 0;
      } catch (err) {
        failures++;
        consumer = null;
        this.opts.log.error({ err, failures }, `${this.opts.name}: fetch failed; retrying`);
        await this.pause(Math.min(pauseMsMax, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private async pullOnce(consumer: Consumer): Promise<void> {
    const msgs = await consumer.fetch({ max_messages: this.opts.batchMax, expires: this.opts.expiresMs });
    this.batch = msgs;
    const work: Promise<void>[] = [];
    try {
      for await (const m of msgs) work.push(this.opts.handle(m));
    } finally {
      this.batch = null;
      await Promise.all(work);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}

/**
 * Copies the message to `<ns>_dlq.<consumer>.<subject>`, counts it and terms
 * it; naks it after `retryMs` when the copy fails (it comes back to be
 * dead-lettered again).
 */
export async function deadLetterAndTerm(
  js: JetStreamClient, t: Topology, m: JsMsg,
  o: { consumer: string; reason: string; retryMs: number; log: Pick<Log, 'error'>; metrics: Pick<Metrics, 'consumerDeadLetters'> },
): Promise<void> {
  try {
    await publishDeadLetter(js, t, m, { consumer: o.consumer, reason: o.reason, timeoutMs: 5_000 });
    o.metrics.consumerDeadLetters.inc({ consumer: o.consumer });
    o.log.error({ subject: m.subject, seq: m.seq, reason: o.reason }, `message dead-lettered by ${o.consumer}`);
    // No reason argument: NATS < 2.10.4 does not parse `+TERM <reason>`.
    m.term();
  } catch (err) {
    o.log.error({ err, seq: m.seq }, 'dead-lettering failed; retrying');
    m.nak(o.retryMs);
  }
}
