// The warehouse callbacks' store announced on the event stream, like every
// other order writer (order.publishing.ts): the order updates a callback
// makes inside a FulfilmentTx are noted and, once the transaction has
// committed, published as order.changed. A failed publish is logged and
// counted, not retried (the next change publishes the whole state again).
import type { Log } from './log.port.ts';
import type { OrderChange, OrderEvents } from './order.port.ts';
import { noting } from './order.publishing.ts';
import type { FulfilmentStore, FulfilmentTx, Shipment } from './wms-callback.port.ts';

export class PublishingFulfilmentStore implements FulfilmentStore {
  constructor(
    private readonly inner: FulfilmentStore,
    private readonly events: OrderEvents,
    private readonly log: Pick<Log, 'error'>,
    private readonly onPublishFailed: () => void = () => undefined,
  ) {}

  async inTenant<T>(tenant: string, fn: (tx: FulfilmentTx) => Promise<T>): Promise<T> {
    const changes: OrderChange[] = [];
    const result = await this.inner.inTenant(tenant, (tx) => fn(noting(tx, changes)));
    for (const change of changes) {
      try {
        await this.events.changed(change);
      } catch (err) {
        this.onPublishFailed();
        this.log.error({ err, tenant, order: change.order.id, version: change.order.version }, 'order.changed not published');
      }
    }
    return result;
  }

  shipments(tenant: string, orderId: string, limit: number): Promise<Shipment[]> {
    return this.inner.shipments(tenant, orderId, limit);
  }
}
