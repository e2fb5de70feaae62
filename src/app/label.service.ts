// Batch label printing (issue 12): the orders named, each with the parcels
// its warehouses shipped (shipments: carrier + tracking number), become one
// PDF with one thermal label per parcel. All or nothing: an unknown order
// is ORDER_NOT_FOUND, an order without shipments ORDER_NOT_SHIPPED, each
// naming every such order.
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import type { Label, LabelRenderer, LabelSource } from './label.port.ts';

export interface LabelOptions {
  /** Orders one call may name. */
  readonly ordersMax: number;
}

/** Parcels (shipments) one order contributes at most: a shipped callback names at most 50. */
export const labelParcelsPerOrderMax = 50;
/** Pages one PDF holds at most. */
export const labelPagesMax = 2_000;

export interface LabelPdf {
  readonly pdf: Uint8Array;
  readonly pages: number;
}

export class LabelService {
  constructor(
    private readonly source: LabelSource,
    /** The tenant's warehouse names by id. */
    private readonly warehouseNames: (tenant: string) => Promise<ReadonlyMap<string, string>>,
    private readonly renderer: LabelRenderer,
    private readonly opts: LabelOptions,
  ) {}

  async labels(tenant: string, orderIds: readonly string[]): Promise<Result<LabelPdf>> {
    const ids = [...new Set(orderIds)];
    if (ids.length === 0 || ids.length > this.opts.ordersMax) {
      return fail(domainError('VALIDATION_FAILED', `body.orders must name 1..${this.opts.ordersMax} distinct orders`, { field: 'body.orders' }));
    }
    const found = await this.source.ordersWithShipments(tenant, ids, labelParcelsPerOrderMax);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      return fail(domainError('ORDER_NOT_FOUND', `orders not found: ${missing.slice(0, 20).join(', ')}`, { field: 'body.orders', orders: missing }));
    }
    const unshipped = ids.filter((id) => found.get(id)!.shipments.length === 0);
    if (unshipped.length > 0) {
      return fail(domainError('ORDER_NOT_SHIPPED',
        `orders without shipments (no carrier and tracking number yet, so no label): ${unshipped.slice(0, 20).join(', ')}`,
        { field: 'body.orders', orders: unshipped }));
    }
    const names = await this.warehouseNames(tenant);
    const labels: Label[] = [];
    for (const id of ids) {
      const { order, shipments } = found.get(id)!;
      shipments.forEach((s, i) => labels.push({
        orderId: order.id, orderRef: order.externalId, channel: order.channel, senderName: names.get(s.warehouse) ?? s.warehouse,
        recipient: order.shippingAddress, carrier: s.carrier, trackingNumber: s.trackingNumber, parcelNo: i + 1, parcelCount: shipments.length,
      }));
    }
    if (labels.length > labelPagesMax) {
      return fail(domainError('LIMIT_EXCEEDED', `these orders have ${labels.length} parcels; one PDF holds at most ${labelPagesMax} labels`, { field: 'body.orders' }));
    }
    return ok({ pdf: await this.renderer.render(labels), pages: labels.length });
  }
}
