// Ports of channel write-back (issue 12): once an order is shipped, each of
// its shipments is pushed to the platform the order came from (the order's
// channel), through one adapter per channel type
// (adapters/channels/writeback/<type>.ts). The endpoint and credentials are
// configured per channel (PATCH /v1/channels/{id}/writeback, stored
// encrypted: adapters/postgres/writeback.repo.ts); every push is recorded
// per (order, shipment), so a shipment is pushed to its platform once.
import type { ChannelType } from '../core/order.types.ts';

/** What a channel's write-back needs; which fields a type uses is the adapter's business. */
export interface WritebackCredentials {
  /** Shopify: unused; WooCommerce: consumer key; Taobao/JD/Douyin: app key; Pinduoduo: client id. */
  readonly appKey?: string;
  /** WooCommerce: consumer secret; Taobao/JD/PDD/Douyin: app secret (signs requests); generic: the Pallet-Signature secret. */
  readonly appSecret?: string;
  /** Shopify: the Admin API access token; Taobao (session)/JD/PDD/Douyin: the shop's access token. */
  readonly accessToken?: string;
}

export interface WritebackTarget {
  readonly channel: string;
  readonly type: ChannelType;
  /** The platform's base URL (Shopify shop, WooCommerce site) or its API gateway (Taobao, JD, PDD, Douyin), or the generic webhook. */
  readonly url: string;
  readonly credentials: WritebackCredentials;
  readonly timeoutMs: number;
}

/** One parcel of an order, as the platform learns it. */
export interface WritebackShipment {
  readonly orderId: string;
  /** The order's id on the platform (orders.external_id). */
  readonly externalId: string;
  readonly warehouse: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly shippedAtMs: number;
}

/** ok: the platform took it (`reference`: what it answered, e.g. the fulfillment id). Otherwise why not. */
export type WritebackOutcome =
  | { readonly ok: true; readonly reference: string }
  | { readonly ok: false; readonly error: string };

export interface WritebackAdapter {
  push(target: WritebackTarget, shipment: WritebackShipment, nowMs: number): Promise<WritebackOutcome>;
}

export type WritebackStatus = 'pushed' | 'failed' | 'dead';

/** The record of one shipment's write-back. */
export interface WritebackRecord {
  readonly orderId: string;
  readonly channel: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly status: WritebackStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly reference: string | null;
  readonly pushedAtMs: number | null;
  readonly updatedAtMs: number;
}

export interface WritebackSettings {
  readonly url: string;
  readonly credentials: WritebackCredentials;
}

/** A channel's write-back configuration as reads return it: never a credential, only which are set. */
export interface WritebackConfigInfo {
  readonly channel: string;
  readonly url: string;
  readonly credentialsSet: readonly (keyof WritebackCredentials)[];
  readonly updatedAt: Date;
}

export interface WritebackStore {
  /** UNKNOWN channel → null. Replaces the whole configuration (credentials not given are cleared). */
  putConfig(tenant: string, channel: string, s: WritebackSettings): Promise<WritebackConfigInfo | null>;
  /** The decrypted configuration; null: none. */
  config(tenant: string, channel: string): Promise<WritebackSettings | null>;
  /** The order's write-back records (at most `limit`), oldest first. */
  records(tenant: string, orderId: string, limit: number): Promise<WritebackRecord[]>;
  /** Records a successful push; false when it was recorded pushed already. */
  recordPushed(tenant: string, r: { orderId: string; channel: string; carrier: string; trackingNumber: string; reference: string }): Promise<boolean>;
  /** Counts a failed push (attempts + 1, last_error), status dead when `dead`, failed otherwise; a pushed record stays pushed. */
  recordFailure(tenant: string, r: { orderId: string; channel: string; carrier: string; trackingNumber: string; error: string; dead: boolean }): Promise<void>;
}
