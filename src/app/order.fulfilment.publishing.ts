// The warehouse callbacks' store announced on the event stream, like every
// other order writer (order.publishing.ts): the order updates a callback
// makes inside a FulfilmentTx are noted and, once the transaction has
// committed, published as order.changed. A failed publish is logged and
// counted, not retried (the next change publishes the whole state again).
import type { Log } from './log.port.ts';
import type { OrderEvents } from './order.port.ts';
import { publishingAfterCommit } from './order.publishing.ts';
import type { FulfilmentStore, FulfilmentTx, Shipment } from './wms-callback.port.ts';

export class PublishingFulfilmentStore implements FulfilmentStore {
  constructor(
    private readonly inner: FulfilmentStore,
    readonly events: OrderEvents,
    readonly log: Pick<Log, 'error'>,
    readonly onPublishFailed: () => void = () => undefined,
  ) {}

  inTenant<T>(tenant: string, fn: (tx: FulfilmentTx) => Promise<T>): Promise<T> {
    return publishingAfterCommit(this, tenant, (f) => this.inner.inTenant(tenant, f), fn);
  }

  shipments(tenant: string, orderId: string, limit: number): Promise<Shipment[]> {
    return this.inner.shipments(tenant, orderId, limit);
  }
}
