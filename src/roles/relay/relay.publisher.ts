// How the relay publishes: outbox entries become envelopes on their event
// subjects (poison goes to the dead-letter stream), sent pipelined within the
// relay's in-flight bound or one at a time, and every PubAck of the events
// stream is noted for the tail guard.
import type { AckNotes } from '../../app/event-log.port.ts';
import type { Log } from '../../app/log.port.ts';
import { encodeEnvelope, envelopeFromOutbox, subjectOf } from '../../adapters/events/envelope.codec.ts';
import { BatchPublisher, publishOne, type BatchResult } from '../../adapters/nats/batch-publisher.ts';
import type { Nats } from '../../adapters/nats/connection.ts';
import { topology } from '../../adapters/nats/topology.ts';
import { outboxFields, type OutboxEntry } from '../../adapters/redis/outbox.ts';
import { Permits } from './permits.ts';
import { errorText } from './relay.options.ts';

/** Subjects, payloads and message ids of a batch, aligned with its entries ('' subject: nothing to send). */
export interface Prepared {
  readonly subjects: string[];
  readonly payloads: Uint8Array[];
  readonly msgIds: string[];
}

/** A tenant as the publisher sees it: its id and its subjects by event type, built once. */
export interface SubjectCache {
  readonly tenant: string;
  readonly subjects: Map<string, string>;
}

export interface RelayPublisherOptions {
  readonly nats: Nats;
  readonly namespace: string;
  readonly log: Log;
  readonly acked?: AckNotes;
  /** Publishes awaiting a JetStream ack, relay batches and refills together. */
  readonly inflightMax: number;
  readonly publishTimeoutMs: number;
}

const textEncoder = new TextEncoder();
const empty = new Uint8Array(0);
const subjectsPerTenantMax = 64;

export class RelayPublisher {
  private readonly inflight: Permits;
  private readonly dlqSubject: (subject: string) => string;
  /** Subjects of the events stream (the DLQ's are `<ns>_dlq.…`). */
  private readonly eventsPrefix: string;
  private batch: BatchPublisher | null = null;

  constructor(private readonly opts: RelayPublisherOptions) {
    this.inflight = new Permits(opts.inflightMax);
    this.eventsPrefix = `${opts.namespace}.`;
    const dlq = topology(opts.namespace).dlqSubject;
    this.dlqSubject = (subject) => dlq('relay', subject);
  }

  /**
   * Subjects, payloads and message ids, aligned with the entries: poison goes to
   * the DLQ; an entry deleted from the stream while pending gets subject '' (only acked).
   */
  prepare(t: SubjectCache, entries: readonly OutboxEntry[]): Prepared {
    const subjects: string[] = [];
    const payloads: Uint8Array[] = [];
    const msgIds: string[] = [];
    for (const [id, raw] of entries) {
      if (raw === null) {
        subjects.push('');
        payloads.push(empty);
        msgIds.push('');
        continue;
      }
      const fields = outboxFields(raw);
      try {
        if (fields.id === '') throw new Error('no event id');
        const envelope = envelopeFromOutbox(t.tenant, id, fields);
        payloads.push(encodeEnvelope(envelope));
        subjects.push(this.subjectFor(t, envelope.type!));
        // JetStream dedupes message ids across the whole stream, which all tenants share.
        msgIds.push(`${t.tenant}:${fields.id}`);
      } catch (err) {
        this.opts.log.error({ tenant: t.tenant, outboxId: id, fields: raw, err: errorText(err) }, 'poison outbox entry sent to the dead-letter stream');
        payloads.push(textEncoder.encode(JSON.stringify({ tenant: t.tenant, outboxId: id, fields: raw, error: errorText(err) })));
        subjects.push(this.dlqSubject(`${this.opts.namespace}.${t.tenant}.outbox`));
        msgIds.push(`relay-poison:${t.tenant}:${id}`);
      }
    }
    return { subjects, payloads, msgIds };
  }

  /** One pipelined batch within the relay's in-flight bound. */
  async publishBatch(p: Prepared): Promise<BatchResult> {
    const n = p.subjects.length;
    await this.inflight.acquire(n);
    try {
      return await this.batchPublisher().publish(p.subjects, p.payloads, p.msgIds, this.opts.publishTimeoutMs);
    } finally {
      this.inflight.release(n);
    }
  }

  /** The i-th message of a batch on its own, waiting for its ack; skips '' subjects. */
  async publishAt(p: Prepared, i: number): Promise<void> {
    const subject = p.subjects[i]!;
    if (subject === '') return;
    const seq = await publishOne(this.opts.nats.js, subject, p.payloads[i]!, p.msgIds[i]!, this.opts.publishTimeoutMs);
    if (subject.startsWith(this.eventsPrefix)) this.opts.acked?.note(seq, p.msgIds[i]!);
  }

  /** A whole batch or an error naming the first message JetStream did not ack. */
  async publishAll(p: Prepared, what: string): Promise<void> {
    const result = await this.publishBatch(p);
    if (result.failed >= 0) throw new Error(`refill of the ${what} stopped at message ${p.msgIds[result.failed]}: ${result.error}`);
  }

  close(): void {
    this.batch?.close();
    this.batch = null;
  }

  private batchPublisher(): BatchPublisher {
    const acked = this.opts.acked;
    // Only acks of the events stream: a dead letter's sequence is the DLQ stream's.
    this.batch ??= new BatchPublisher(this.opts.nats.nc, acked === undefined ? null : (seq, msgId, subject) => {
      if (subject.startsWith(this.eventsPrefix)) acked.note(seq, msgId);
    });
    return this.batch;
  }

  private subjectFor(t: SubjectCache, type: string): string {
    let s = t.subjects.get(type);
    if (s === undefined) {
      s = subjectOf(this.opts.namespace, t.tenant, type);
      if (t.subjects.size < subjectsPerTenantMax) t.subjects.set(type, s);
    }
    return s;
  }
}
