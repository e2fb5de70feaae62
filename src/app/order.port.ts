// Ports of the order pool (issue 11): the tenant-scoped store of orders,
// their audit trail, channels and dead letters. PostgreSQL implements them
// (adapters/postgres/order.store.ts); every call of one OrderTx is one
// transaction under the tenant's row-level security.
import type { Amendment } from '../core/amendment.rules.ts';
import type { Actor, AuditDraft, AuditEntry } from '../core/audit.chain.ts';
import type { HoldRule } from '../core/hold.rules.ts';
import type { Address, ChannelType, Order, OrderStatus } from '../core/order.types.ts';
import type { Result } from '../core/errors.ts';

export interface SecretSlotInfo {
  readonly createdAt: Date;
}

/** A channel as every read returns it: never a secret. */
export interface ChannelInfo {
  readonly tenant: string;
  readonly id: string;
  readonly type: ChannelType;
  readonly name: string;
  /** The tenant's mapping override (a JSON value); null: the type's default mapping. */
  readonly mapping: unknown;
  readonly mappingVersion: number;
  /** Channel SKU code → Pallet SKU. */
  readonly skuMap: Readonly<Record<string, string>>;
  readonly secrets: { readonly current: SecretSlotInfo | null; readonly previous: SecretSlotInfo | null };
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewChannel {
  readonly id: string;
  readonly type: ChannelType;
  readonly name: string;
  readonly mapping?: unknown;
  readonly skuMap?: Readonly<Record<string, string>>;
  /** The first webhook secret (current slot). */
  readonly secret?: string;
}

/** Fields to change; mapping (null included: back to the default) bumps mappingVersion. */
export interface ChannelPatch {
  readonly name?: string;
  readonly mapping?: unknown;
  readonly skuMap?: Readonly<Record<string, string>>;
}

export interface NewDeadLetter {
  readonly channel: string;
  /** The raw body as received. A string is stored as its UTF-8. */
  readonly document: Uint8Array | string;
  /** Where in the document mapping failed (a JSON path). */
  readonly sourcePath?: string;
  /** The mapping rule that failed. */
  readonly rule?: string;
  readonly reason: string;
  /** The channel's mappingVersion the document was mapped with. */
  readonly mappingVersion?: number;
}

export interface DeadLetterSummary {
  readonly tenant: string;
  readonly id: string;
  readonly channel: string;
  readonly documentBytes: number;
  readonly sourcePath: string | null;
  readonly rule: string | null;
  readonly reason: string;
  readonly mappingVersion: number | null;
  readonly createdAt: Date;
  readonly replayedAt: Date | null;
}

export interface DeadLetter extends DeadLetterSummary {
  readonly document: Uint8Array;
}

export interface DeadLetterFilters {
  readonly channel?: string;
  /** true: only replayed ones; false: only those still waiting. */
  readonly replayed?: boolean;
}

export interface DeadLetterPage {
  readonly deadLetters: DeadLetterSummary[];
  readonly nextCursor: string | null;
}

export interface OrderListFilters {
  readonly status?: OrderStatus;
  readonly channel?: string;
  /** Exact, as the platform wrote it; any channel unless `channel` is given too. */
  readonly externalId?: string;
  /** Pallet SKU on any line. */
  readonly sku?: string;
  /** Exact match on the shipping address's phone or the buyer's. */
  readonly phone?: string;
  /** true: orders with hold reasons; false: orders without. */
  readonly hold?: boolean;
  /** created_at ≥ fromMs (epoch ms). */
  readonly fromMs?: number;
  /** created_at < toMs (epoch ms). */
  readonly toMs?: number;
}

export interface OrderPage {
  readonly orders: Order[];
  /** Pass back to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export type InsertOrderOutcome =
  | { readonly inserted: true; readonly entry: AuditEntry }
  /** The tenant already has this (channel, externalId) or this id: nothing was written. */
  | { readonly inserted: false; readonly existing: Order };

/** The latest audit entry after creation that changed an order's shipping address. */
export interface AddressChangeRecord {
  readonly atMs: number;
  /** address_changed (Pallet: a key or a customer token), channel_update, status_… (a channel document). */
  readonly action: string;
  readonly before?: Address;
  readonly after?: Address;
}

/** One tenant-scoped transaction of the order pool. */
export interface OrderTx {
  /** Records a delivery id; 'replayed' when it was recorded before (within the retention). */
  noteDelivery(channel: string, deliveryId: string): Promise<'new' | 'replayed'>;
  get(orderId: string): Promise<Order | null>;
  findByExternalId(channel: string, externalId: string): Promise<Order | null>;
  insert(order: Order, audit: AuditDraft): Promise<InsertOrderOutcome>;
  /** false on a version conflict or an unknown order. */
  update(order: Order, expectedVersion: number, audit: AuditDraft): Promise<boolean>;
  deadLetter(d: NewDeadLetter): Promise<{ id: string }>;
  /** True when no order of the tenant other than `exceptOrderId` has this buyer phone. */
  isFirstOrderOfBuyer(phone: string, exceptOrderId: string): Promise<boolean>;
  holdRules(): Promise<HoldRule[]>;
  /** null when the address never changed after the order was created. */
  lastAddressChange(orderId: string): Promise<AddressChangeRecord | null>;
  // Amendments (migration 007): written in the same transaction as the order update they belong to.
  addAmendment(a: Amendment): Promise<void>;
  amendment(orderId: string, id: string): Promise<Amendment | null>;
  /** Oldest first, at most `limit`. */
  amendments(orderId: string, limit: number): Promise<Amendment[]>;
  amendmentCount(orderId: string): Promise<number>;
  /** pending → acknowledged; false when it is not pending (or not there). */
  acknowledgeAmendment(orderId: string, id: string, atMs: number, by: Actor): Promise<boolean>;
}

export interface OrderStore {
  inTenant<T>(tenant: string, fn: (tx: OrderTx) => Promise<T>): Promise<T>;
  list(tenant: string, filters: OrderListFilters, cursor: string | null, limit: number): Promise<Result<OrderPage>>;
  audit(tenant: string, orderId: string, afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** Stores the tenant's hold rules (validated by the caller). */
  setHoldRules(tenant: string, rules: readonly HoldRule[]): Promise<void>;
}

export interface ChannelStore {
  create(tenant: string, c: NewChannel): Promise<Result<ChannelInfo>>;
  get(tenant: string, id: string): Promise<ChannelInfo | null>;
  list(tenant: string, limit: number, afterId?: string): Promise<ChannelInfo[]>;
  patch(tenant: string, id: string, patch: ChannelPatch): Promise<ChannelInfo | null>;
  rotateSecret(tenant: string, id: string, secret: string): Promise<ChannelInfo | null>;
  /** Decrypted, current first: for signature checks only. null: no such channel. */
  webhookSecrets(tenant: string, id: string): Promise<string[] | null>;
  /** Whether this delivery was applied already (read only; the orders role records it). */
  deliverySeen(tenant: string, channel: string, deliveryId: string): Promise<boolean>;
  deadLetters(tenant: string, filters: DeadLetterFilters, cursor: string | null, limit: number): Promise<Result<DeadLetterPage>>;
  deadLetter(tenant: string, id: string): Promise<DeadLetter | null>;
  /** true only the first time. */
  markDeadLetterReplayed(tenant: string, id: string): Promise<boolean>;
}

/** An order's state after a committed change, for the event stream (order.changed). */
export interface OrderChange {
  readonly order: Order;
  /** '' for a new order (or a republished state). */
  readonly previousStatus: OrderStatus | '';
  readonly action: string;
  readonly atMs: number;
}

export interface OrderEvents {
  /** Published once the change is committed; idempotent by (order id, version). */
  changed(change: OrderChange): Promise<void>;
}
