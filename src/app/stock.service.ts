// Stock levels: set and adjust on-hand (with a reason), and read cells per SKU.
import { randomUUID } from 'node:crypto';
import { expandLines } from '../core/bundle.rules.ts';
import type { Catalog } from '../core/catalog.types.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import { available, type StockCell } from '../core/stock.types.ts';
import type { Limits } from '../config.ts';
import type { Clock } from './clock.port.ts';
import type { CatalogService } from './catalog.service.ts';
import { fingerprint } from './fingerprint.ts';
import type { LevelWrite, StockEngine, StockWrite, StockWriteOutcome } from './stock.port.ts';

export interface WarehouseStock extends StockCell {
  readonly warehouse: string;
  readonly available: number;
  /** available is below the safety level (and the level is set). */
  readonly belowSafety: boolean;
}

export interface SkuStock {
  readonly sku: string;
  readonly bundle: boolean;
  readonly warehouses: readonly WarehouseStock[];
  readonly totals: Omit<WarehouseStock, 'warehouse' | 'version'>;
}

export type LevelInput = LevelWrite & { readonly reason?: string };

export class StockService {
  constructor(
    private readonly engine: StockEngine,
    private readonly catalogs: CatalogService,
    private readonly limits: Limits,
    private readonly clock: Clock,
  ) {}

  async set(tenant: string, warehouse: string, sku: string, level: LevelInput, idempotencyKey?: string): Promise<Result<StockCell | null>> {
    const write = await this.prepare(tenant, warehouse, sku, level.reason ?? 'set', { op: 'set', ...level }, idempotencyKey);
    if (!write.ok) return write;
    return this.outcome(await this.engine.setStock(tenant, write.value, level), tenant, warehouse, sku);
  }

  async adjust(tenant: string, warehouse: string, sku: string, delta: number, reason: string, idempotencyKey?: string): Promise<Result<StockCell | null>> {
    const write = await this.prepare(tenant, warehouse, sku, reason, { op: 'adjust', delta, reason }, idempotencyKey);
    if (!write.ok) return write;
    return this.outcome(await this.engine.adjustStock(tenant, write.value, delta), tenant, warehouse, sku);
  }

  private async prepare(tenant: string, warehouse: string, sku: string, reason: string, request: object, idempotencyKey?: string): Promise<Result<StockWrite>> {
    const catalog = await this.catalogs.fresh(tenant);
    if (catalog === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    if (!catalog.warehouses.has(warehouse)) return fail(domainError('UNKNOWN_WAREHOUSE', `unknown warehouse: ${warehouse}`, { warehouse }));
    const item = catalog.skus.get(sku);
    if (item === undefined) return fail(domainError('UNKNOWN_SKU', `unknown sku: ${sku}`, { skus: [sku] }));
    if (item.components.length > 0) return fail(domainError('SKU_IS_BUNDLE', `${sku} is a bundle; set the stock of its components`));
    const eventId = randomUUID();
    return ok({
      warehouse, sku, eventId, reason, nowMs: this.clock.nowMs(),
      operationKey: idempotencyKey ?? eventId,
      fingerprint: fingerprint({ warehouse, sku, ...request }),
    });
  }

  private async outcome(out: StockWriteOutcome, tenant: string, warehouse: string, sku: string): Promise<Result<StockCell | null>> {
    if (out.kind === 'error') return fail(out.error);
    if (out.kind === 'written') return ok(out.cell);
    const [cell] = await this.engine.readCells(tenant, [{ warehouse, sku }]);
    return ok(cell ?? null);
  }

  async read(tenant: string, skus: readonly string[]): Promise<Result<SkuStock[]>> {
    const catalog = await this.catalogs.get(tenant);
    if (catalog === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    const unknown = skus.filter((s) => !catalog.skus.has(s));
    if (unknown.length > 0) return fail(domainError('UNKNOWN_SKU', `unknown sku: ${unknown.join(', ')}`, { skus: unknown }));
    const warehouses = [...catalog.warehouses.keys()].sort();
    const leaves = new Map<string, { sku: string; qty: number }[]>();
    for (const sku of skus) {
      const demand = expandLines([{ sku, qty: 1 }], catalog.skus, this.limits.bundleDepthMax, Number.MAX_SAFE_INTEGER);
      leaves.set(sku, demand.ok ? demand.value : []);
    }
    const needed = [...new Set([...leaves.values()].flat().map((d) => d.sku))];
    const flat = needed.flatMap((sku) => warehouses.map((warehouse) => ({ warehouse, sku })));
    const cells = await this.engine.readCells(tenant, flat);
    const bySku = new Map<string, StockCell>();
    flat.forEach((c, i) => bySku.set(`${c.warehouse}\u0000${c.sku}`, cells[i]!));
    return ok(skus.map((sku) => skuStock(catalog, sku, leaves.get(sku) ?? [], warehouses, bySku)));
  }
}

function skuStock(catalog: Catalog, sku: string, leaves: readonly { sku: string; qty: number }[], warehouses: readonly string[], cells: ReadonlyMap<string, StockCell>): SkuStock {
  const bundle = (catalog.skus.get(sku)?.components.length ?? 0) > 0;
  const rows = warehouses.map((warehouse): WarehouseStock => {
    if (!bundle) {
      const c = cells.get(`${warehouse}\u0000${sku}`)!;
      const avail = available(c);
      return { warehouse, ...c, available: avail, belowSafety: c.safetyStock > 0 && avail < c.safetyStock };
    }
    // A bundle holds no stock of its own: it is available as often as its scarcest component allows.
    const kits = Math.min(...leaves.map((l) => Math.floor(Math.max(0, available(cells.get(`${warehouse}\u0000${l.sku}`)!)) / l.qty)));
    return { warehouse, onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: 0, available: kits, belowSafety: false };
  });
  const sum = (f: (r: WarehouseStock) => number): number => rows.reduce((n, r) => n + f(r), 0);
  const totals = {
    onHand: sum((r) => r.onHand), reserved: sum((r) => r.reserved), committed: sum((r) => r.committed),
    inTransit: sum((r) => r.inTransit), safetyStock: sum((r) => r.safetyStock), available: sum((r) => r.available),
    belowSafety: rows.some((r) => r.belowSafety),
  };
  return { sku, bundle, warehouses: rows, totals };
}
