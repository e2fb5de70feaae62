// The fulfilment role (issue 12): a durable pull consumer (`fulfilment`) of
// order.changed events. For a released order it makes the pick tasks (one per
// (order, warehouse), idempotent) and pushes those of push-mode warehouses to
// their WMS; for a cancelled order it cancels the open tasks. It reads the
// order as it is now, so a stale or repeated event does no harm.
//
// Acks only after every task of the event is stored and every push answered
// 2xx (pull-mode and unconnected warehouses wait for their WMS: nothing to
// retry). A failed push naks with a growing delay (250 ms doubling, at most
// PALLET_WMS_RETRY_DELAY_MS_MAX); the consumer's max_deliver is the number
// of tries; after the last one the task is marked dead with its last error,
// the event is copied to `<ns>_dlq.fulfilment.<subject>` and termed.
// POST /v1/warehouses/{id}/tasks/{taskId}/redeliver sends it again.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Log } from '../app/log.port.ts';
import type { PickTaskService } from '../app/pick-task.service.ts';
import { pushRetryDelayMs } from '../core/pick-task.rules.ts';
import type { EventsConfig, FulfilmentConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import { decodeEnvelope, subjectOf } from '../adapters/events/envelope.codec.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { publishDeadLetter } from '../adapters/nats/dead-letter.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';

export interface FulfilmentRoleDeps {
  readonly nats: Pick<Nats, 'js'>;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly fulfilment: FulfilmentConfig;
  readonly tasks: PickTaskService;
  readonly log: Log;
  readonly metrics: Metrics;
}

const fetchExpiresMsMin = 1_000;
const consumerName = 'fulfilment';
const idPattern = /^[A-Za-z0-9_:.-]{1,200}$/;

/** The tenant and order of an order.changed message; a string says why it is not one. */
export function orderChangedOf(m: Pick<JsMsg, 'data' | 'subject'>, namespace: string): { tenant: string; orderId: string; eventId: string } | string {
  let env;
  try {
    env = decodeEnvelope(m.data);
  } catch (err) {
    return `undecodable envelope: ${(err as Error).message}`;
  }
  const c = env.orderChanged;
  if (env.type !== 'order.changed' || c === null || c === undefined) return `not an order.changed envelope (type ${JSON.stringify(env.type)})`;
  if (!idPattern.test(env.tenant) || m.subject !== subjectOf(namespace, env.tenant, 'order.changed')) return `tenant ${JSON.stringify(env.tenant)} does not match subject ${m.subject}`;
  if (!idPattern.test(c.orderId ?? '')) return 'order id missing or malformed';
  return { tenant: env.tenant, orderId: c.orderId!, eventId: env.eventId };
}

export class FulfilmentRole {
  private readonly t: Topology;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private batch: ConsumerMessages | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: FulfilmentRoleDeps) {
    this.t = topology(deps.namespace);
  }

  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops fetching and waits for the events in hand (unacked ones are redelivered later). */
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
        consumer ??= await this.deps.nats.js.consumers.get(this.t.eventsStream, this.t.consumers.fulfilment.durable);
        await this.fetchOnce(consumer);
        failures = 0;
      } catch (err) {
        failures++;
        consumer = null;
        this.deps.log.error({ err, failures }, 'fulfilment role: fetch failed; retrying');
        await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** One bounded pull (PALLET_FULFILMENT_BATCH_MAX); events are handled concurrently as they arrive. */
  private async fetchOnce(consumer: Consumer): Promise<void> {
    const msgs = await consumer.fetch({ max_messages: this.deps.fulfilment.batchMax, expires: Math.max(fetchExpiresMsMin, this.deps.events.consumerMaxWaitMs) });
    this.batch = msgs;
    const work: Promise<void>[] = [];
    try {
      for await (const m of msgs) work.push(this.handle(m));
    } finally {
      this.batch = null;
      await Promise.all(work);
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    if (m.redelivered) this.deps.metrics.consumerRedeliveries.inc({ consumer: consumerName });
    const ev = orderChangedOf(m, this.deps.namespace);
    if (typeof ev === 'string') return this.deadLetter(m, ev);
    const last = m.info.deliveryCount >= this.deps.events.consumerMaxDeliver;
    try {
      const prepared = await this.deps.tasks.prepare(ev.tenant, ev.orderId);
      if (prepared.kind === 'poison') return await this.deadLetter(m, prepared.reason);
      if (prepared.kind === 'cancelled' && prepared.count > 0) this.deps.log.info({ tenant: ev.tenant, orderId: ev.orderId, tasks: prepared.count }, 'pick tasks cancelled');
      const failed = prepared.kind === 'tasks' ? await this.deliverAll(m, ev.tenant, prepared.tasks, last) : [];
      if (failed.length === 0) return m.ack();
      if (last) return await this.deadLetter(m, `push failed after ${m.info.deliveryCount} deliveries: ${failed.join('; ')}`);
      m.nak(pushRetryDelayMs(m.info.deliveryCount, this.deps.fulfilment.retryDelayMsMax));
    } catch (err) {
      if (last) return this.deadLetter(m, `gave up after ${m.info.deliveryCount} deliveries: ${(err as Error).message}`);
      this.deps.log.warn({ err, tenant: ev.tenant, orderId: ev.orderId, delivery: m.info.deliveryCount }, 'order change not handled; retrying');
      m.nak(pushRetryDelayMs(m.info.deliveryCount, this.deps.fulfilment.retryDelayMsMax));
    }
  }

  /** Pushes the order's pending tasks (one per warehouse, at once); the failures, each recorded on its task. */
  private async deliverAll(m: JsMsg, tenant: string, tasks: Awaited<ReturnType<PickTaskService['tasksOfOrder']>>, last: boolean): Promise<string[]> {
    m.working();
    const outcomes = await Promise.all(tasks.map(async (task) => {
      const d = await this.deps.tasks.deliver(tenant, task);
      if (typeof d !== 'object') return null;
      await this.deps.tasks.recordFailure(tenant, task.id, d.failed, last);
      this.deps.log.warn({ tenant, taskId: task.id, warehouse: task.warehouse, error: d.failed, delivery: m.info.deliveryCount, dead: last }, 'pick task push failed');
      return `${task.warehouse}: ${d.failed}`;
    }));
    return outcomes.filter((x): x is string => x !== null);
  }

  /** Copies the event to `<ns>_dlq.fulfilment.<subject>`, then terms it; naks when the copy fails. */
  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    try {
      await publishDeadLetter(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, timeoutMs: 5_000 });
      this.deps.metrics.consumerDeadLetters.inc({ consumer: consumerName });
      this.deps.log.error({ subject: m.subject, seq: m.seq, reason }, 'order change dead-lettered by fulfilment');
      m.term();
    } catch (err) {
      this.deps.log.error({ err, seq: m.seq }, 'dead-lettering failed; retrying');
      m.nak(this.deps.fulfilment.retryDelayMsMax);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}
