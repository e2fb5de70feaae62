// Reserve, read and move reservations: core decisions (bundle expansion,
// warehouse ranking) wired to the stock engine.
import { randomUUID } from 'node:crypto';
import { rankWarehouses } from '../core/allocation.rank.ts';
import { expandLines } from '../core/bundle.rules.ts';
import type { Catalog } from '../core/catalog.types.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import type { Line, Reservation } from '../core/stock.types.ts';
import type { Limits } from '../config.ts';
import type { Clock } from './clock.port.ts';
import type { CatalogService } from './catalog.service.ts';
import { reserveFingerprint } from './fingerprint.ts';
import type { StockEngine, Transition } from './stock.port.ts';

export interface ReserveInput {
  readonly lines: readonly Line[];
  readonly warehouse?: string;
  readonly region?: string;
  readonly allowSplit?: boolean;
  readonly ttlSeconds?: number;
  /**
   * Warehouses not to take from (left out of the ranking before the stock engine sees it; the engine only
   * ever takes from the warehouses it is given). A re-allocation passes the warehouses that refused the order.
   */
  readonly excludeWarehouses?: readonly string[];
}

export interface Reserved {
  readonly reservation: Reservation;
  readonly replayed: boolean;
}

/** STOCK_INSUFFICIENT when no warehouse may be asked: every line short, nothing available. */
const noWarehouseLeft = (demand: readonly { sku: string; qty: number }[], detail: string) =>
  domainError('STOCK_INSUFFICIENT', detail, { lines: demand.map((d) => ({ ...d, requested: d.qty, available: 0 })) });

/** A catalog change seen mid-request is retried this many times at most. */
const catalogAttemptsMax = 2;
/** Distinct buyer regions whose warehouse ranking is kept per catalog version. */
const rankingsPerCatalogMax = 1_000;

export class ReservationService {
  private readonly rankings = new WeakMap<Catalog, Map<string, string[]>>();

  constructor(
    private readonly engine: StockEngine,
    private readonly catalogs: CatalogService,
    private readonly limits: Limits,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  async reserve(tenant: string, input: ReserveInput, idempotencyKey: string): Promise<Result<Reserved>> {
    const print = reserveFingerprint(input);
    const id = this.newId();
    let catalog = await this.catalogs.get(tenant);
    for (let attempt = 1; ; attempt++) {
      if (catalog === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
      const planned = this.plan(catalog, input);
      if (!planned.ok) {
        // The catalog may have changed on another instance: look once before refusing.
        if (attempt < catalogAttemptsMax && (planned.error.code === 'UNKNOWN_SKU' || planned.error.code === 'UNKNOWN_WAREHOUSE')) {
          const newer = await this.catalogs.fresh(tenant);
          if (newer !== catalog) { catalog = newer; continue; }
        }
        return planned;
      }
      const nowMs = this.clock.nowMs();
      const outcome = await this.engine.reserve(tenant, {
        reservationId: id, idempotencyKey, fingerprint: print, nowMs,
        expiresAtMs: nowMs + 1000 * (input.ttlSeconds ?? this.limits.ttlSecondsDefault),
        catalogVersion: catalog.version, allowSplit: input.allowSplit === true,
        warehouses: planned.value.warehouses, demand: planned.value.demand,
      });
      switch (outcome.kind) {
        case 'reserved':
          return ok({ replayed: false, reservation: {
            id, status: 'held', createdAtMs: nowMs, allocations: outcome.allocations,
            expiresAtMs: nowMs + 1000 * (input.ttlSeconds ?? this.limits.ttlSecondsDefault),
          } });
        case 'replay': {
          const existing = await this.engine.getReservation(tenant, outcome.reservationId);
          if (existing === null) return fail(domainError('RESERVATION_NOT_FOUND', `reservation ${outcome.reservationId} of this Idempotency-Key is gone`));
          return ok({ replayed: true, reservation: this.effective(existing) });
        }
        case 'error': return fail(outcome.error);
        case 'catalogStale':
          if (attempt >= catalogAttemptsMax) {
            return fail(domainError('OVERLOADED', 'the catalog is changing; retry'));
          }
          catalog = await this.catalogs.reload(tenant);
      }
    }
  }

  private plan(catalog: Catalog, input: ReserveInput): Result<{ warehouses: string[]; demand: { sku: string; qty: number }[] }> {
    const demand = expandLines(input.lines, catalog.skus, this.limits.bundleDepthMax, this.limits.qtyMax * this.limits.linesPerReservationMax);
    if (!demand.ok) return demand;
    const excluded = new Set(input.excludeWarehouses ?? []);
    if (input.warehouse !== undefined) {
      if (!catalog.warehouses.has(input.warehouse)) {
        return fail(domainError('UNKNOWN_WAREHOUSE', `unknown warehouse: ${input.warehouse}`, { warehouse: input.warehouse }));
      }
      if (excluded.has(input.warehouse)) return fail(noWarehouseLeft(demand.value, `warehouse ${input.warehouse} is excluded`));
      return ok({ warehouses: [input.warehouse], demand: demand.value });
    }
    if (catalog.warehouses.size === 0) return fail(noWarehouseLeft(demand.value, 'the tenant has no warehouses'));
    const ranked = this.ranking(catalog, input.region);
    if (excluded.size === 0) return ok({ warehouses: ranked, demand: demand.value });
    const left = ranked.filter((w) => !excluded.has(w));
    if (left.length === 0) return fail(noWarehouseLeft(demand.value, 'every warehouse of the tenant is excluded'));
    return ok({ warehouses: left, demand: demand.value });
  }

  /** Warehouse ranking per region, computed once per catalog version (regions per catalog are bounded). */
  private ranking(catalog: Catalog, region: string | undefined): string[] {
    let byRegion = this.rankings.get(catalog);
    if (byRegion === undefined) {
      byRegion = new Map();
      this.rankings.set(catalog, byRegion);
    }
    const key = region ?? '';
    let ids = byRegion.get(key);
    if (ids === undefined) {
      ids = rankWarehouses(catalog.warehouses.values(), region).map((w) => w.id);
      if (byRegion.size < rankingsPerCatalogMax) byRegion.set(key, ids);
    }
    return ids;
  }

  async get(tenant: string, id: string): Promise<Result<Reservation>> {
    const r = await this.engine.getReservation(tenant, id);
    if (r === null) return fail(domainError('RESERVATION_NOT_FOUND', `reservation ${id} not found`));
    return ok(this.effective(r));
  }

  /** Confirm, release or fulfil; repeating the same transition answers with the current state. */
  async transition(tenant: string, op: Exclude<Transition, 'expire'>, id: string): Promise<Result<Reservation>> {
    const outcome = await this.engine.transition(tenant, op, id, this.clock.nowMs());
    if (outcome.kind === 'error') return fail(outcome.error);
    return this.get(tenant, id);
  }

  /** A held reservation past its expiry is expired, whether or not the sweeper got to it yet. */
  private effective(r: Reservation): Reservation {
    return r.status === 'held' && r.expiresAtMs <= this.clock.nowMs() ? { ...r, status: 'expired' } : r;
  }
}
