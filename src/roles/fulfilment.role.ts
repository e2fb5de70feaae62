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
import type { JsMsg } from '@nats-io/jetstream';
import type { Log } from '../app/log.port.ts';
import type { PickTaskService, Prepared } from '../app/pick-task.service.ts';
import { pushRetryDelayMs } from '../core/pick-task.rules.ts';
import type { EventsConfig, FulfilmentConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { orderChangedOf } from '../adapters/nats/order-events.ts';
import { deadLetterAndTerm, PullLoop } from '../adapters/nats/pull-loop.ts';
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


export class FulfilmentRole {
  private readonly t: Topology;
  private readonly pull: PullLoop;

  constructor(private readonly deps: FulfilmentRoleDeps) {
    this.t = topology(deps.namespace);
    this.pull = new PullLoop({
      js: deps.nats.js, stream: this.t.eventsStream, durable: this.t.consumers.fulfilment.durable, batchMax: deps.fulfilment.batchMax,
      expiresMs: Math.max(fetchExpiresMsMin, deps.events.consumerMaxWaitMs), name: 'fulfilment role', log: deps.log, handle: (m) => this.handle(m),
    });
  }

  start(): void {
    this.pull.start();
  }

  /** Stops fetching and waits for the events in hand (unacked ones are redelivered later). */
  stop(): Promise<void> {
    return this.pull.stop();
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
      const failed = prepared.kind === 'tasks' ? await this.deliverAll(m, ev.tenant, prepared, last) : [];
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
  private async deliverAll(m: JsMsg, tenant: string, prepared: Extract<Prepared, { kind: 'tasks' }>, last: boolean): Promise<string[]> {
    m.working();
    const outcomes = await Promise.all(prepared.tasks.map(async (task) => {
      const d = await this.deps.tasks.deliver(tenant, task, prepared.wms);
      if (typeof d !== 'object') return null;
      await this.deps.tasks.recordFailure(tenant, task.id, d.failed, last);
      this.deps.log.warn({ tenant, taskId: task.id, warehouse: task.warehouse, error: d.failed, delivery: m.info.deliveryCount, dead: last }, 'pick task push failed');
      return `${task.warehouse}: ${d.failed}`;
    }));
    return outcomes.filter((x): x is string => x !== null);
  }

  private deadLetter(m: JsMsg, reason: string): Promise<void> {
    return deadLetterAndTerm(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, retryMs: this.deps.fulfilment.retryDelayMsMax, log: this.deps.log, metrics: this.deps.metrics });
  }

}
