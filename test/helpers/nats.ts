// Harness for tests against the real NATS JetStream: a connection, the
// topology of a test namespace (its own streams, deleted by close()), and
// reading back every message of the events or dead-letter stream through an
// ordered (ephemeral) consumer, with envelopes decoded. Never touches streams
// of other namespaces: the server is shared.

import type { JsMsg } from '@nats-io/jetstream';
import { decodeEnvelope, type Envelope } from '../../src/adapters/events/envelope.codec.ts';
import { connectNats, type Nats } from '../../src/adapters/nats/connection.ts';
import { applyTopology, deleteTopology, type Topology } from '../../src/adapters/nats/topology.ts';
import { loadConfig, type EventsConfig } from '../../src/config.ts';

export const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Events config for tests: the defaults, with small streams that expire on their own if a test leaks one. */
export function testEventsConfig(changes: Partial<EventsConfig> = {}): EventsConfig {
  return { ...loadConfig({}).events, maxAgeSeconds: 3_600, maxBytes: 256 * 1024 ** 2, ...changes };
}

export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  /** The Nats-Msg-Id header the message was published with. */
  readonly msgId: string | undefined;
  readonly data: Uint8Array;
}

export interface StoredEvent extends StoredMessage {
  readonly envelope: Envelope;
}

export interface NatsHarness {
  readonly namespace: string;
  readonly nats: Nats;
  readonly topology: Topology;
  readonly events: EventsConfig;
  /** Every message of the events stream, in stream order, with its envelope decoded. */
  readEvents(): Promise<StoredEvent[]>;
  /** Every message of the dead-letter stream, in stream order. */
  readDlq(): Promise<StoredMessage[]>;
  /** Messages stored in the events stream (from stream info). */
  eventCount(): Promise<number>;
  /** Deletes the namespace's streams and closes the connection. */
  close(): Promise<void>;
}

/** Connects and applies the topology of `namespace` (its own streams and consumers). */
export async function createNatsHarness(namespace: string, changes: Partial<EventsConfig> = {}): Promise<NatsHarness> {
  const nats = await connectNats(natsUrl, `test-${namespace}`);
  const events = testEventsConfig(changes);
  const jsm = await nats.jsm();
  const t = await applyTopology(jsm, namespace, events);
  return {
    namespace, nats, topology: t, events,
    readEvents: async () => (await readStream(nats, t.eventsStream)).map((m) => ({ ...m, envelope: decodeEnvelope(m.data) })),
    readDlq: () => readStream(nats, t.dlqStream),
    eventCount: async () => (await jsm.streams.info(t.eventsStream)).state.messages,
    async close() {
      try {
        await deleteTopology(await nats.jsm(), namespace);
      } finally {
        await nats.close();
      }
    },
  };
}

const fetchMax = 1_000;
const readRoundsMax = 10_000;

/** Every message of a stream, read by an ordered consumer from the first sequence (bounded). */
export async function readStream(nats: Nats, stream: string): Promise<StoredMessage[]> {
  const jsm = await nats.jsm();
  const total = (await jsm.streams.info(stream)).state.messages;
  const out: StoredMessage[] = [];
  if (total === 0) return out;
  const consumer = await nats.js.consumers.get(stream);
  try {
    for (let round = 0; out.length < total && round < readRoundsMax; round++) {
      const batch = await consumer.fetch({ max_messages: Math.min(fetchMax, total - out.length), expires: 2_000 });
      for await (const m of batch) out.push(stored(m));
    }
  } finally {
    await consumer.delete().catch(() => false);
  }
  if (out.length !== total) throw new Error(`read ${out.length} of ${total} messages of ${stream}`);
  return out;
}

const stored = (m: JsMsg): StoredMessage => ({
  seq: m.seq, subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id') || undefined, data: m.data,
});

