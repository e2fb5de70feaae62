// Ports of the warehouse callbacks (issue 12): what a WMS reports about a
// pick task, where the warehouse's signing secret and the task come from, and
// the tenant-scoped transaction that records a callback, its shipments and
// the order change together (adapters/postgres/fulfilment.store.ts).
//
// The WMS secret and the pick tasks belong to the warehouse configuration
// and task delivery (migration 008, another part of issue 12): this side
// only reads them through WmsSecrets and PickTaskLookup, so either can be
// implemented by whatever stores them.
import type { AuditDraft } from '../core/audit.chain.ts';
import type { OrderTx } from './order.port.ts';

export const wmsCallbackStatuses = ['accepted', 'picking', 'packed', 'shipped', 'cannot_fulfil', 'exception'] as const;
export type WmsCallbackStatus = (typeof wmsCallbackStatuses)[number];

/** Parcels one callback may report. */
export const parcelsPerCallbackMax = 50;
/** Characters of a callback's reason. */
export const callbackReasonLengthMax = 500;

export interface Parcel {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly weightGrams?: number;
}

/** A WMS callback body, validated (strict schema in the route). */
export interface WmsCallback {
  readonly callbackId: string;
  readonly taskId: string;
  readonly orderId: string;
  readonly status: WmsCallbackStatus;
  readonly parcels?: readonly Parcel[];
  readonly reason?: string;
}

/** The warehouse's active WMS signing secrets, current first (0..2). */
export interface WmsSecrets {
  /** null (or empty): the warehouse has no WMS configured; every signature is refused. */
  secretsOf(tenant: string, warehouse: string): Promise<readonly string[] | null>;
}

export interface PickTaskInfo {
  readonly orderId: string;
  readonly warehouse: string;
  readonly status: string;
}

/** The pick task a callback names. */
export interface PickTaskLookup {
  /** null: the tenant has no such task. */
  taskOf(tenant: string, taskId: string): Promise<PickTaskInfo | null>;
}

/** A parcel that left the warehouse. */
export interface Shipment {
  readonly orderId: string;
  readonly warehouse: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly weightGrams: number | null;
  readonly shippedAtMs: number;
  /** The callback that reported it. */
  readonly callbackId: string;
}

export interface CallbackRecord {
  readonly warehouse: string;
  readonly callback: WmsCallback;
  /** The order's version after the callback (unchanged for a repeat or `accepted`). */
  readonly orderVersion: number;
  readonly atMs: number;
}

/** A warehouse's cannot_fulfil callback about an order, as recorded (wms_callbacks). */
export interface Refusal {
  readonly warehouse: string;
  readonly taskId: string;
  readonly callbackId: string;
  readonly reason: string;
  readonly atMs: number;
}

/** One tenant-scoped transaction of the order pool plus the callback tables (migration 009). */
export interface FulfilmentTx extends OrderTx {
  /** Whether this (warehouse, callbackId) was recorded before. */
  callbackSeen(warehouse: string, callbackId: string): Promise<boolean>;
  /** 'duplicate' when this (warehouse, callbackId) was recorded before: then nothing else may be written. */
  noteCallback(r: CallbackRecord): Promise<'new' | 'duplicate'>;
  /** An audit entry without a change of the order; false when there is no such order. */
  appendAudit(orderId: string, audit: AuditDraft): Promise<boolean>;
  addShipments(shipments: readonly Shipment[]): Promise<void>;
  /** The order an amendment belongs to; null when the tenant has no such amendment. */
  amendmentOrder(amendmentId: string): Promise<string | null>;
  /** The order's recorded cannot_fulfil callbacks, oldest first, at most `limit`: the warehouses that refused it. */
  refusals(orderId: string, limit: number): Promise<Refusal[]>;
  /** An open pick task (migration 008) → cancelled; false when it is not open (or not there). */
  cancelTask(taskId: string): Promise<boolean>;
}

export interface FulfilmentStore {
  inTenant<T>(tenant: string, fn: (tx: FulfilmentTx) => Promise<T>): Promise<T>;
  /** Oldest first, at most `limit`. */
  shipments(tenant: string, orderId: string, limit: number): Promise<Shipment[]>;
}

/** WmsSecrets over a store that keeps one decrypted secret per warehouse (the WMS configuration of migration 008). */
export function wmsSecretsFrom(store: { wmsSecret(tenant: string, warehouse: string): Promise<string | null> }): WmsSecrets {
  return { secretsOf: async (tenant, warehouse) => { const s = await store.wmsSecret(tenant, warehouse); return s === null ? null : [s]; } };
}
