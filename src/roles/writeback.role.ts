// The writeback role (issue 12): a durable pull consumer (`writeback`) of
// order.changed events. For an order that is shipped it pushes each of its
// shipments not pushed yet to the order's channel, through the adapter of the
// channel's type (app/writeback.service.ts). It reads the order as it is now,
// and every push is recorded per (order, shipment): a redelivered or repeated
// event pushes nothing twice.
//
// Acks only after every shipment of the order was taken by the platform (or
// there is nothing to push). A failed push naks with a growing delay (250 ms
// doubling, at most PALLET_WRITEBACK_RETRY_DELAY_MS_MAX); the consumer's
// max_deliver is the number of tries; after the last one the write-back
// record is marked dead with its last error (GET /v1/orders/{id}/writebacks),
// the event is copied to `<ns>_dlq.writeback.<subject>` and termed.
import type { JsMsg } from '@nats-io/jetstream';
import type { Log } from '../app/log.port.ts';
import type { WritebackService } from '../app/writeback.service.ts';
import { pushRetryDelayMs } from '../core/pick-task.rules.ts';
import type { EventsConfig, WritebackConfig } from '../config.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { orderChangedOf } from '../adapters/nats/order-events.ts';
import { deadLetterAndTerm, PullLoop } from '../adapters/nats/pull-loop.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';

export interface WritebackRoleDeps {
  readonly nats: Pick<Nats, 'js'>;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly writeback: WritebackConfig;
  readonly service: WritebackService;
  readonly log: Log;
  readonly metrics: Metrics;
}

const fetchExpiresMsMin = 1_000;
const consumerName = 'writeback';


/** Statuses whose events may have shipments to push (the service checks the order as it is now). */
const relevant = new Set(['shipped', 'delivered']);

export class WritebackRole {
  private readonly t: Topology;
  private readonly pull: PullLoop;

  constructor(private readonly deps: WritebackRoleDeps) {
    this.t = topology(deps.namespace);
    this.pull = new PullLoop({
      js: deps.nats.js, stream: this.t.eventsStream, durable: this.t.consumers.writeback.durable, batchMax: deps.writeback.batchMax,
      expiresMs: Math.max(fetchExpiresMsMin, deps.events.consumerMaxWaitMs), name: 'writeback role', log: deps.log, handle: (m) => this.handle(m),
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
    if (!relevant.has(ev.status)) return m.ack();
    const last = m.info.deliveryCount >= this.deps.events.consumerMaxDeliver;
    const retryMs = pushRetryDelayMs(m.info.deliveryCount, this.deps.writeback.retryDelayMsMax);
    try {
      m.working();
      const run = await this.deps.service.run(ev.tenant, ev.orderId, last);
      if (run.kind === 'pushed' && run.count > 0) this.deps.log.info({ tenant: ev.tenant, orderId: ev.orderId, shipments: run.count }, 'shipments written back');
      if (run.kind !== 'failed') return m.ack();
      this.deps.log.warn({ tenant: ev.tenant, orderId: ev.orderId, errors: run.errors, delivery: m.info.deliveryCount, dead: last }, 'write-back failed');
      if (last) return await this.deadLetter(m, `write-back failed after ${m.info.deliveryCount} deliveries: ${run.errors.join('; ')}`);
      m.nak(retryMs);
    } catch (err) {
      if (last) return this.deadLetter(m, `gave up after ${m.info.deliveryCount} deliveries: ${(err as Error).message}`);
      this.deps.log.warn({ err, tenant: ev.tenant, orderId: ev.orderId, delivery: m.info.deliveryCount }, 'write-back not done; retrying');
      m.nak(retryMs);
    }
  }

  private deadLetter(m: JsMsg, reason: string): Promise<void> {
    return deadLetterAndTerm(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, retryMs: this.deps.writeback.retryDelayMsMax, log: this.deps.log, metrics: this.deps.metrics });
  }

}
