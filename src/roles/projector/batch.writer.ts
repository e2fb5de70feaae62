// The projector's writing of a batch: one transaction (LedgerStore
// projectBatch), acks only after it committed, and the committed batch's
// watermarks handed to the WatermarkGate.
// - A transient database error naks the whole batch with a growing delay,
//   then waits until PostgreSQL answers before the next batch is written.
// - A data error (SQLSTATE class 22 or 23) is narrowed down by splitting the
//   batch, so one poison event cannot hold back the others.
// - Poison that fails on its own, and a message failing on its last delivery
//   (consumerMaxDeliver), are copied to the dead-letter stream, then terminated.
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import postgres from 'postgres';
import type { Clock } from '../../app/clock.port.ts';
import type { Log } from '../../app/log.port.ts';
import type { Metrics } from '../../adapters/metrics/metrics.ts';
import { deadReasonLengthMax, publishDeadLetter } from '../../adapters/nats/dead-letter.ts';
import type { Topology } from '../../adapters/nats/topology.ts';
import { int64 } from '../../adapters/postgres/ledger.validation.ts';
import { projectorConsumer, type ProjectionStore } from './deps.ts';
import type { Decoded, Triaged } from './triage.ts';
import { compareStreamIds, type WatermarkGate } from './watermarks.ts';

const retryDelayMsMax = 30_000;

/** Delay before redelivery after the n-th failed delivery: 250 ms doubling, at most 30 s. */
export const retryDelayMs = (deliveryCount: number): number =>
  Math.min(retryDelayMsMax, 250 * 2 ** Math.min(Math.max(deliveryCount - 1, 0), 10));

/** A database error caused by the data of the batch (bad value, constraint), not by the database being unwell. */
export function isDataError(err: unknown): boolean {
  return err instanceof postgres.PostgresError && (err.code.startsWith('22') || err.code.startsWith('23'));
}

export interface BatchWriterDeps {
  readonly store: ProjectionStore;
  readonly js: JetStreamClient;
  readonly topology: Topology;
  readonly metrics: Metrics;
  readonly log: Log;
  readonly clock: Clock;
  readonly maxDeliver: number;
  readonly gate: WatermarkGate;
  /** The gate's generation when the message was pulled (undefined: not known). */
  readonly pulledIn: (m: JsMsg) => number | undefined;
  /** The projector is stopping: stop waiting for the database. */
  readonly stopping: () => boolean;
  /** A pause that stop() cuts short. */
  readonly pause: (ms: number) => Promise<void>;
}

export class BatchWriter {
  /** Events committed by this writer (tests and logs). */
  projectedTotal = 0;

  constructor(private readonly deps: BatchWriterDeps) {}

  /** Writes the good messages of a triaged batch and waits for its poison to be dead-lettered. */
  async write({ good, dead }: Triaged): Promise<void> {
    if (good.length > 0) await this.project(good);
    await Promise.all(dead);
  }

  /** Writes a batch; on a data error splits it to find the poison; on a transient error naks it. */
  private async project(items: readonly Decoded[]): Promise<void> {
    const { gate } = this.deps;
    // The oldest generation in the batch: a batch with a message pulled before a clear is not held after it.
    let generation = gate.generation;
    for (const { m } of items) generation = Math.min(generation, this.deps.pulledIn(m) ?? generation);
    try {
      const { inserted } = await this.deps.store.projectBatch(items.map((x) => x.e));
      let maxSeq = 0;
      for (const { m } of items) if (m.seq > maxSeq) maxSeq = m.seq;
      gate.hold(maxSeq, this.committed(items, inserted), generation);
    } catch (err) {
      if (isDataError(err)) {
        if (items.length === 1) return this.deadLetter(items[0]!.m, `rejected by PostgreSQL: ${(err as Error).message}`);
        const half = Math.ceil(items.length / 2);
        this.deps.log.warn({ err, size: items.length }, 'projector: data error in a batch; splitting it');
        await this.project(items.slice(0, half));
        await this.project(items.slice(half));
        return;
      }
      await this.retryLater(items, err);
    }
  }

  /** Acks and counts a committed batch; returns the highest outbox id per tenant. */
  private committed(items: readonly Decoded[], inserted: number): Map<string, string> {
    const { metrics } = this.deps;
    const now = this.deps.clock.nowMs();
    const byType = new Map<string, number>();
    const marks = new Map<string, string>();
    for (const { m, e } of items) {
      m.ack();
      metrics.projectionLagSeconds.observe(Math.max(0, now - int64(e.occurredAtMs)) / 1000);
      byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      const mark = marks.get(e.tenant);
      if (e.outboxId !== '' && (mark === undefined || compareStreamIds(e.outboxId, mark) > 0)) marks.set(e.tenant, e.outboxId);
    }
    for (const [type, n] of byType) metrics.projected.inc({ type }, n);
    this.projectedTotal += inserted;
    return marks;
  }

  /** Naks each message with its delay (dead-letters those on their last delivery), then waits for PostgreSQL. */
  private async retryLater(items: readonly Decoded[], err: unknown): Promise<void> {
    const dead: Promise<void>[] = [];
    let delay = 0;
    for (const { m } of items) {
      const n = m.info.deliveryCount;
      if (n >= this.deps.maxDeliver) {
        dead.push(this.deadLetter(m, `gave up after ${n} deliveries: ${(err as Error).message}`));
      } else {
        delay = Math.max(delay, retryDelayMs(n));
        m.nak(retryDelayMs(n));
      }
    }
    this.deps.log.error({ err, size: items.length, delayMs: delay }, 'projector: writing a batch failed; naked for redelivery');
    await Promise.all(dead);
    await this.waitForDatabase(delay);
  }

  private async waitForDatabase(firstDelayMs: number): Promise<void> {
    let delay = Math.max(100, firstDelayMs);
    while (!this.deps.stopping()) {
      await this.deps.pause(delay);
      if (await this.deps.store.ping().catch(() => false)) return;
      delay = Math.min(retryDelayMsMax, delay * 2);
    }
  }

  /** Copies the message to `<ns>_dlq.projector.<subject>` (acknowledged), then terms it; naks when the copy fails. */
  async deadLetter(m: JsMsg, reason: string): Promise<void> {
    const why = reason.slice(0, deadReasonLengthMax).replace(/[\r\n]+/g, ' ');
    try {
      await publishDeadLetter(this.deps.js, this.deps.topology, m, { consumer: projectorConsumer, reason: why });
      this.deps.metrics.consumerDeadLetters.inc({ consumer: projectorConsumer });
      this.deps.log.error({ subject: m.subject, seq: m.seq, reason: why }, 'projector: event dead-lettered');
      // No reason argument: nats-server 2.9 only knows a bare "+TERM" and ignores "+TERM <reason>"
      // (the message would come back after ack_wait). The reason travels in the DLQ headers.
      m.term();
    } catch (err) {
      this.deps.log.error({ err, seq: m.seq }, 'projector: dead-lettering failed; retrying');
      m.nak(retryDelayMs(m.info.deliveryCount));
    }
  }
}
