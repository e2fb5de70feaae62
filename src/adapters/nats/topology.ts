// JetStream streams and consumers, defined in one place and applied
// idempotently at start (create when missing, update when present).
import {
  AckPolicy, DeliverPolicy, DiscardPolicy, JetStreamApiError, RetentionPolicy, StorageType,
  type ConsumerConfig, type JetStreamManager, type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { EventsConfig } from '../../config.ts';

export interface Topology {
  /** Every event: `<ns>.<tenant>.stock.<event>`, `<ns>.<tenant>.payment.<event>`. */
  readonly eventsStream: string;
  readonly eventsSubjects: string;
  /** Poison messages a consumer gave up on: `<ns>_dlq.<consumer>.<original subject>`. */
  readonly dlqStream: string;
  readonly dlqSubject: (consumer: string, subject: string) => string;
  readonly consumers: Readonly<Record<ConsumerName, { durable: string; filter: string }>>;
  /**
   * Channel order documents as received (raw bytes, metadata in headers), before they are mapped:
   * `<ns>_intake.<tenant>.<channel>`, read by the orders role through one durable consumer.
   * A stream of its own: the events stream's consumers never see a raw document.
   */
  readonly intakeStream: string;
  readonly intakeSubject: (tenant: string, channel: string) => string;
  readonly intakeDurable: string;
}

export type ConsumerName = 'projector' | 'payments' | 'timers' | 'fulfilment' | 'writeback';

export function topology(namespace: string): Topology {
  return {
    eventsStream: `${namespace}_events`,
    eventsSubjects: `${namespace}.>`,
    dlqStream: `${namespace}_dlq`,
    dlqSubject: (consumer, subject) => `${namespace}_dlq.${consumer}.${subject}`,
    intakeStream: `${namespace}_intake`,
    intakeSubject: (tenant, channel) => `${namespace}_intake.${tenant}.${channel}`,
    intakeDurable: 'orders',
    consumers: {
      // The projector reads the whole stream: no filter (a filtered consumer on NATS 2.9 delivered in trickles).
      projector: { durable: 'projector', filter: '' },
      payments: { durable: 'payments', filter: `${namespace}.*.payment.received` },
      // SLA timers (issue 12): arm and clear stage deadlines from every committed order change.
      timers: { durable: 'timers', filter: `${namespace}.*.order.changed` },
      // Pick tasks from released orders, cancellation of a cancelled order's tasks (the fulfilment role, issue 12).
      fulfilment: { durable: 'fulfilment', filter: `${namespace}.*.order.changed` },
      // Shipments of shipped orders pushed back to their channel's platform (the writeback role, issue 12).
      writeback: { durable: 'writeback', filter: `${namespace}.*.order.changed` },
    },
  };
}

/**
 * Every stream and every durable consumer gets PALLET_EVENTS_REPLICAS (3 on a
 * NATS cluster: a message is acknowledged once two of three servers stored
 * it). Consumers name it too rather than rely on 0 = "as the stream" (what
 * NATS 2.9 does): an update then also scales consumers made before a change
 * of the setting. The duplicate window must outlast the relay's retry of an
 * unacknowledged publish (same Nats-Msg-Id) across a reconnect or a leader
 * election: its default, 120 s, is far above the relay's retry delay cap.
 */
function streamConfigs(t: Topology, namespace: string, cfg: EventsConfig): Partial<StreamConfig>[] {
  const common = {
    storage: StorageType.File, retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old,
    num_replicas: cfg.replicas, max_age: nanos(cfg.maxAgeSeconds * 1000), max_bytes: cfg.maxBytes,
    duplicate_window: nanos(cfg.duplicateWindowSeconds * 1000),
  };
  return [
    { ...common, name: t.eventsStream, subjects: [t.eventsSubjects], description: 'Pallet events' },
    { ...common, name: t.dlqStream, subjects: [`${namespace}_dlq.>`], description: 'Pallet dead letters', max_bytes: Math.min(cfg.maxBytes, 256 * 1024 ** 2) },
    { ...common, name: t.intakeStream, subjects: [`${namespace}_intake.>`], description: 'Pallet channel order documents as received' },
  ];
}

export function consumerConfig(t: Topology, name: ConsumerName, cfg: EventsConfig): Partial<ConsumerConfig> {
  const c = t.consumers[name];
  return {
    durable_name: c.durable, ...(c.filter === '' ? {} : { filter_subject: c.filter }),
    ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(cfg.consumerAckWaitMs), max_deliver: cfg.consumerMaxDeliver,
    max_ack_pending: cfg.consumerMaxAckPending, num_replicas: cfg.replicas,
  };
}

const isNotFound = (err: unknown): boolean =>
  err instanceof JetStreamApiError && (err.code === 10059 || err.code === 10014);

/** Creates or updates every stream and consumer. Safe to run from many processes. */
export async function applyTopology(jsm: JetStreamManager, namespace: string, cfg: EventsConfig): Promise<Topology> {
  const t = topology(namespace);
  for (const sc of streamConfigs(t, namespace, cfg)) {
    const name = sc.name!;
    try {
      await jsm.streams.info(name);
      const { name: _n, storage: _s, retention: _r, ...mutable } = sc;
      await jsm.streams.update(name, mutable);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.streams.add({ ...sc, name });
    }
  }
  for (const name of Object.keys(t.consumers) as ConsumerName[]) {
    const cc = consumerConfig(t, name, cfg);
    try {
      const info = await jsm.consumers.info(t.eventsStream, cc.durable_name!);
      if ((info.config.filter_subject ?? '') !== (cc.filter_subject ?? '')) {
        // The filter cannot be changed in place on NATS 2.9: recreate (the new consumer starts from the stream's start; consumers are idempotent).
        await jsm.consumers.delete(t.eventsStream, cc.durable_name!);
        await jsm.consumers.add(t.eventsStream, cc);
        continue;
      }
      const { durable_name: _d, filter_subject: _f, deliver_policy: _p, ack_policy: _a, ...mutable } = cc;
      await jsm.consumers.update(t.eventsStream, cc.durable_name!, mutable);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.consumers.add(t.eventsStream, cc);
    }
  }
  await applyIntakeConsumer(jsm, t, cfg);
  return t;
}

/** The orders role's consumer of the intake stream: same delivery limits as the events consumers. */
export function intakeConsumerConfig(t: Topology, cfg: EventsConfig): Partial<ConsumerConfig> {
  return {
    durable_name: t.intakeDurable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(cfg.consumerAckWaitMs), max_deliver: cfg.consumerMaxDeliver, max_ack_pending: cfg.consumerMaxAckPending,
    num_replicas: cfg.replicas,
  };
}

async function applyIntakeConsumer(jsm: JetStreamManager, t: Topology, cfg: EventsConfig): Promise<void> {
  const cc = intakeConsumerConfig(t, cfg);
  try {
    await jsm.consumers.info(t.intakeStream, t.intakeDurable);
    const { durable_name: _d, deliver_policy: _p, ack_policy: _a, ...mutable } = cc;
    await jsm.consumers.update(t.intakeStream, t.intakeDurable, mutable);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(t.intakeStream, cc);
  }
}

/** Deletes the namespace's streams (tests and tools only). */
export async function deleteTopology(jsm: JetStreamManager, namespace: string): Promise<void> {
  const t = topology(namespace);
  for (const name of [t.eventsStream, t.dlqStream, t.intakeStream]) {
    try {
      await jsm.streams.delete(name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
