// Carriers (issue 12): where waybill numbers (tracking numbers) come from.
// One interface for every carrier: the local sandbox, a generic HTTP
// carrier and the platforms' e-waybill services (adapters/carriers/). A
// carrier's expected failures (refusals, unreachable, a bad answer) are
// Result values; only programmer errors throw.
import type { Address } from '../core/order.types.ts';
import type { Result } from '../core/errors.ts';

/** Parcels one requestWaybills call may carry; adapters split further where their platform allows fewer. */
export const waybillBatchMax = 100;
/** Tracking events a carrier answer is cut to. */
export const trackingEventsMax = 200;

/** Who ships: the warehouse. */
export interface Sender {
  readonly name: string;
  readonly phone: string;
  readonly province: string;
  readonly city: string;
  readonly district?: string;
  readonly address1: string;
}

export interface WaybillParcel {
  /** Unique within one request: the answer's waybills name it (Pallet's order id, or `<orderId>-<n>` for a second parcel). */
  readonly parcelId: string;
  readonly orderId: string;
  readonly recipient: Address;
  readonly weightGrams?: number;
  /** What is in it, for the carrier's manifest: at most 20 lines. */
  readonly items?: readonly { readonly name: string; readonly qty: number }[];
}

export interface WaybillRequest {
  readonly tenant: string;
  readonly sender: Sender;
  /** 1 … waybillBatchMax parcels. */
  readonly parcels: readonly WaybillParcel[];
}

export interface Waybill {
  readonly parcelId: string;
  /** The carrier's number: what goes under the label's barcode and into shipments.tracking_number. */
  readonly waybillNo: string;
  /** The carrier code printed on the label (SBX, YTO, SF …). */
  readonly carrier: string;
  /** Platform print data when the platform returns it (Cainiao print_data); opaque. */
  readonly printData?: string;
}

export interface TrackingEvent {
  readonly atMs: number;
  /** created, in_transit, delivered, cancelled … as the carrier names it. */
  readonly status: string;
  readonly description: string;
}

export interface CarrierAdapter {
  /** The carrier code this adapter issues numbers for. */
  readonly code: string;
  /** One waybill per parcel, in the request's order; all or nothing. */
  requestWaybills(req: WaybillRequest): Promise<Result<Waybill[]>>;
  /** Voids an unused waybill number. Cancelling twice is not an error. */
  cancelWaybill(tenant: string, waybillNo: string): Promise<Result<void>>;
  /** What the carrier knows, oldest first, at most trackingEventsMax. */
  tracking(tenant: string, waybillNo: string): Promise<Result<TrackingEvent[]>>;
}
