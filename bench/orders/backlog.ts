// How far the orders role is behind intake, over time, without loading
// PostgreSQL: every BENCH_ORDERS_POLL_MS the intake stream (`<ns>_intake`:
// its last sequence = documents made durable, i.e. answered 202 or about to
// be) and its consumer `orders` (documents not yet delivered + delivered but
// not yet acknowledged; the role acknowledges only after the order row
// committed) are read from JetStream. Then, after the load, the order rows
// themselves are counted in PostgreSQL until every accepted document is one.

import { performance } from 'node:perf_hooks';
import type { JetStreamManager } from '@nats-io/jetstream';
import { topology } from '../../src/adapters/nats/topology.ts';
import { countRows, type OrderRows } from './rows.ts';

export interface IntakeProgress {
  /** Documents in the intake stream (its last sequence). */
  readonly accepted: number;
  /** Documents the orders role acknowledged: accepted − not yet delivered − awaiting their ack. */
  readonly applied: number;
}

export interface BacklogSample extends IntakeProgress {
  /** performance.now() when the sample was taken. */
  readonly atMs: number;
}

const samplesMax = 100_000;

export async function readProgress(jsm: JetStreamManager, namespace: string): Promise<IntakeProgress> {
  const t = topology(namespace);
  const [stream, consumer] = await Promise.all([jsm.streams.info(t.intakeStream), jsm.consumers.info(t.intakeStream, t.intakeDurable)]);
  const accepted = stream.state.last_seq;
  return { accepted, applied: Math.max(0, accepted - consumer.num_pending - consumer.num_ack_pending) };
}

/** Samples intake progress every `pollMs` from start() until stop(); bounded to samplesMax samples. */
export class BacklogSampler {
  private readonly samples: BacklogSample[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  errors = 0;

  constructor(private readonly jsm: JetStreamManager, private readonly namespace: string, private readonly pollMs: number) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running && this.samples.length < samplesMax) {
        const atMs = performance.now();
        try {
          this.samples.push({ atMs, ...(await readProgress(this.jsm, this.namespace)) });
        } catch {
          this.errors++;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, this.pollMs - (performance.now() - atMs))));
      }
    })();
  }

  async stop(): Promise<BacklogSample[]> {
    this.running = false;
    await this.loop;
    return this.samples;
  }
}

export interface DrainResult {
  /** ms from `fromMs` until the poll that counted every accepted document as an order row or a dead letter; null: not within the bound. */
  readonly drainMs: number | null;
  /** Documents in the intake stream at the last poll (every document of the run: warm-up and probes included). */
  readonly accepted: number;
  readonly orders: number;
  readonly deadLetters: number;
}

/**
 * Counts the channel's order rows (+ dead letters) every `pollMs` until they reach the documents accepted (read
 * again each poll: requests in flight when the load stopped may still be appended) or `deadlineMs` passes.
 */
export async function waitForRows(rows: OrderRows, accepted: () => Promise<number>, fromMs: number, deadlineMs: number, pollMs: number): Promise<DrainResult> {
  for (;;) {
    const expected = await accepted();
    const counted = await countRows(rows);
    const now = performance.now();
    if (counted.orders + counted.deadLetters >= expected) return { drainMs: now - fromMs, accepted: expected, ...counted };
    if (now >= deadlineMs) return { drainMs: null, accepted: expected, ...counted };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
