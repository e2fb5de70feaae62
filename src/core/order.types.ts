// The canonical order: one shape for every channel (issue 11). Pure types and
// constants; the lifecycle is in order.machine.ts, channel documents become
// this shape through channel.mapping.ts.

export const channelTypes = ['shopify', 'woocommerce', 'taobao', 'jd', 'pinduoduo', 'douyin', 'generic'] as const;
export type ChannelType = (typeof channelTypes)[number];

export const orderStatuses = [
  'pending_payment', 'paid', 'on_hold', 'released', 'picking', 'packed', 'shipped', 'delivered',
  'cancelled', 'refunded', 'exception',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface Buyer {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface Address {
  readonly name: string;
  readonly phone: string;
  /** ISO 3166-1 alpha-2 (CN, US …). */
  readonly country: string;
  readonly province: string;
  readonly city: string;
  readonly district?: string;
  readonly address1: string;
  readonly address2?: string;
  readonly postalCode?: string;
}

export interface OrderLine {
  /** Pallet's SKU (after the channel's SKU map). */
  readonly sku: string;
  /** The channel's own SKU code, as the platform wrote it. */
  readonly channelSku?: string;
  readonly qty: number;
  /** Integer minor units of totals.currency (fen, cents). */
  readonly unitPriceMinor: number;
}

export interface Totals {
  /** ISO 4217 (CNY, USD, JPY …). */
  readonly currency: string;
  readonly itemsMinor: number;
  readonly shippingMinor: number;
  readonly discountMinor: number;
  readonly totalMinor: number;
}

/** Why an order waits for review (hold.rules.ts). */
export interface HoldReason {
  /** The rule kind that matched (totalAtLeast, skuTagged …). */
  readonly rule: string;
  readonly detail: string;
}

/**
 * What a channel document (or the storefront) says about an order: the part
 * of the canonical order a channel owns. Pallet adds id, tenant, status,
 * reservation, holds and version.
 */
export interface OrderDraft {
  readonly externalId: string;
  readonly placedAtMs: number;
  readonly paidAtMs?: number;
  /** The platform says the order is cancelled. */
  readonly cancelledAtMs?: number;
  /** The platform says the buyer's money went back (before or after shipment); order.machine.ts converges it. */
  readonly refundedAtMs?: number;
  readonly buyer: Buyer;
  readonly shippingAddress: Address;
  readonly lines: readonly OrderLine[];
  readonly totals: Totals;
  /** Channel flags a hold rule may test (buyerMessage, presell, cod …): name → true. */
  readonly flags?: Readonly<Record<string, boolean>>;
}

export interface Order extends OrderDraft {
  readonly id: string;
  readonly tenant: string;
  readonly channel: string;
  readonly status: OrderStatus;
  readonly reservationId?: string;
  readonly holds: readonly HoldReason[];
  /** 1 when created, +1 on every change. */
  readonly version: number;
}
