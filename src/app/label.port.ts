// Shipping labels (issue 12): what one thermal label shows, and the ports
// the label service reads orders and parcels through and renders with.
import type { Address, Order } from '../core/order.types.ts';
import type { Shipment } from './wms-callback.port.ts';

export interface Label {
  readonly orderId: string;
  /** The platform's order number (externalId): what people search by. */
  readonly orderRef: string;
  readonly channel: string;
  /** Who ships: the warehouse's name (its id when it has none). */
  readonly senderName: string;
  readonly recipient: Address;
  readonly carrier: string;
  readonly trackingNumber: string;
  /** 1-based parcel of parcelCount of this order. */
  readonly parcelNo: number;
  readonly parcelCount: number;
}

export interface LabelSource {
  /** The tenant's orders among `orderIds` (unknown ids are absent) and the shipments of each, at most shipmentsMax per order. */
  ordersWithShipments(tenant: string, orderIds: readonly string[], shipmentsMax: number): Promise<Map<string, { order: Order; shipments: Shipment[] }>>;
}

export interface LabelRenderer {
  /** One PDF, one page per label, in order. */
  render(labels: readonly Label[]): Promise<Uint8Array>;
}

/** The configured label font cannot be read: labels cannot be made on this host until it is installed (ops/fonts.sh). */
export class LabelFontUnavailable extends Error {}
