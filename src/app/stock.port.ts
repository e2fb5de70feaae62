// What the use cases need from the stock engine (Redis adapter implements it).
import type { Demand } from '../core/bundle.rules.ts';
import type { DomainError } from '../core/errors.ts';
import type { Allocation, CellLevels, CellRef, Reservation, StockCell } from '../core/stock.types.ts';

export interface ReserveCommand {
  readonly reservationId: string;
  readonly idempotencyKey: string;
  /** Hash of the normalized request; the same key with another fingerprint is refused. */
  readonly fingerprint: string;
  readonly nowMs: number;
  readonly expiresAtMs: number;
  readonly catalogVersion: number;
  readonly allowSplit: boolean;
  /** Warehouse ids in the order they are tried. */
  readonly warehouses: readonly string[];
  readonly demand: readonly Demand[];
}

export type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly allocations: readonly Allocation[] }
  | { readonly kind: 'replay'; readonly reservationId: string }
  | { readonly kind: 'catalogStale'; readonly version: number }
  | { readonly kind: 'error'; readonly error: DomainError };

export type TransitionOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'already' }
  /** Only for 'expire': the reservation is held and not yet due. */
  | { readonly kind: 'notDue' }
  | { readonly kind: 'error'; readonly error: DomainError };

export type Transition = 'confirm' | 'release' | 'fulfil' | 'expire';

export interface StockWrite {
  readonly warehouse: string;
  readonly sku: string;
  readonly eventId: string;
  /** Client idempotency key, or a fresh one when the client sent none. */
  readonly operationKey: string;
  readonly fingerprint: string;
  readonly reason: string;
  readonly nowMs: number;
}

/** What a set writes: on-hand, and the side tiers when given (else they stay). */
export type LevelWrite = Pick<CellLevels, 'onHand'> & Partial<Pick<CellLevels, 'inTransit' | 'safetyStock'>>;

export type StockWriteOutcome =
  | { readonly kind: 'written'; readonly cell: StockCell }
  | { readonly kind: 'replay' }
  | { readonly kind: 'error'; readonly error: DomainError };

export interface StockEngine {
  reserve(tenant: string, cmd: ReserveCommand): Promise<ReserveOutcome>;
  transition(tenant: string, op: Transition, reservationId: string, nowMs: number): Promise<TransitionOutcome>;
  getReservation(tenant: string, id: string): Promise<Reservation | null>;
  setStock(tenant: string, w: StockWrite, level: LevelWrite): Promise<StockWriteOutcome>;
  adjustStock(tenant: string, w: StockWrite, delta: number): Promise<StockWriteOutcome>;
  readCells(tenant: string, cells: readonly CellRef[]): Promise<StockCell[]>;
  /** Expires up to `max` due reservations of a tenant; returns how many it expired. */
  sweep(tenant: string, nowMs: number, max: number): Promise<number>;
  /** Tenants with a reservation due at nowMs, by the sweeper's index (earliest first, at most max). */
  dueTenants(nowMs: number, max: number): Promise<string[]>;
  /** After a sweep: sets the tenant's index entry to its next expiry, never later than any held reservation. */
  reindexExpiry(tenant: string): Promise<void>;
  /** Lowers the index entries of these tenants to their next expiry (a rescan; never raises); returns how many have one. */
  indexExpiries(tenants: readonly string[]): Promise<number>;
  publishCatalogVersion(tenant: string, version: number): Promise<number>;
  catalogVersion(tenant: string): Promise<number>;
}
