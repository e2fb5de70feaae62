// CatalogService on the in-memory fakes (CatalogStore and StockEngine, each
// held to the real adapters' conformance suite): the per-tenant cache, its
// bound, the catalog version published to the engine, the warehouse limit and
// the bundle rules checked against the SKUs as the store holds them.

import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCatalogStore } from '../../src/adapters/memory/catalog.store.ts';
import { MemoryStockEngine } from '../../src/adapters/memory/stock.engine.ts';
import { CatalogService } from '../../src/app/catalog.service.ts';
import { loadConfig, type Limits } from '../../src/config.ts';
import type { Sku, Warehouse } from '../../src/core/catalog.types.ts';

/** The memory store, counting catalog loads; `failNextLoad` makes the next load throw. */
class CountingStore extends MemoryCatalogStore {
  loads = 0;
  failNextLoad = false;

  override async loadCatalog(tenantId: string): Promise<{ version: number; warehouses: Warehouse[]; skus: Sku[] } | null> {
    this.loads++;
    if (this.failNextLoad) {
      this.failNextLoad = false;
      throw new Error('store unavailable');
    }
    return super.loadCatalog(tenantId);
  }
}

const defaults = loadConfig({}).limits;
const tenant = 'acme';
let store: CountingStore;
let engine: MemoryStockEngine;

const serviceWith = (limits: Partial<Limits> = {}, tenantsCachedMax = 100): CatalogService =>
  new CatalogService(store, engine, { ...defaults, ...limits }, tenantsCachedMax);
const warehouse = (id: string, name = `Warehouse ${id}`): Warehouse => ({ id, name, region: 'CN-ZJ', priority: 1 });
const plain = (sku: string) => ({ sku, name: `SKU ${sku}`, components: [] });
const bundle = (sku: string, ...parts: string[]) => ({ sku, name: `Bundle ${sku}`, components: parts.map((p) => ({ sku: p, qty: 2 })) });

beforeEach(async () => {
  store = new CountingStore();
  engine = new MemoryStockEngine({ onHandMax: defaults.onHandMax });
  await store.createTenant(tenant, 'Acme');
});

describe('reading the catalog', () => {
  it('loads a tenant\'s catalog once, frozen, and publishes its version to the engine', async () => {
    await store.upsertWarehouse(tenant, warehouse('w1'));
    await store.upsertSku(tenant, plain('mug'), () => null);
    const catalogs = serviceWith();
    const catalog = await catalogs.get(tenant);
    expect(catalog!.version).toBe(2);
    expect([...catalog!.warehouses.keys()]).toEqual(['w1']);
    expect(catalog!.skus.get('mug')).toEqual(plain('mug'));
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog!.warehouses.get('w1'))).toBe(true);
    expect(Object.isFrozen(catalog!.skus.get('mug')!.components)).toBe(true);
    expect(await catalogs.get(tenant)).toBe(catalog);
    expect(store.loads).toBe(1);
    expect(await engine.catalogVersion(tenant)).toBe(2);
  });

  it('answers null for an unknown tenant, and TENANT_NOT_FOUND to its writes', async () => {
    const catalogs = serviceWith();
    expect(await catalogs.get('nobody')).toBeNull();
    expect(await catalogs.putWarehouse('nobody', warehouse('w1'))).toMatchObject({ ok: false, error: { code: 'TENANT_NOT_FOUND' } });
    expect(await catalogs.putSku('nobody', plain('mug'))).toMatchObject({ ok: false, error: { code: 'TENANT_NOT_FOUND' } });
    expect(await store.getTenant('nobody')).toBeNull();
  });

  it('finds a tenant created after a miss once asked for a fresh catalog', async () => {
    const catalogs = serviceWith();
    expect(await catalogs.get('late')).toBeNull();
    await store.createTenant('late', 'Late');
    expect(await catalogs.fresh('late')).toMatchObject({ version: 0 });
  });

  it('reloads when the engine knows a newer version (written by another instance), and only then', async () => {
    const mine = serviceWith();
    const theirs = serviceWith();
    const before = await mine.get(tenant);
    expect(await mine.fresh(tenant)).toBe(before);
    expect(store.loads).toBe(1);
    expect(await theirs.putWarehouse(tenant, warehouse('w9'))).toEqual({ ok: true, value: { created: true } });
    expect(await mine.get(tenant)).toBe(before);
    const after = await mine.fresh(tenant);
    expect([...after!.warehouses.keys()]).toEqual(['w9']);
    expect(await mine.fresh(tenant)).toBe(after);
  });

  it(`keeps at most tenantsCachedMax tenants, dropping the one cached longest ago`, async () => {
    await store.createTenant('b', 'B');
    await store.createTenant('c', 'C');
    const catalogs = serviceWith({}, 2);
    for (const t of [tenant, 'b', 'c']) await catalogs.get(t);
    expect(store.loads).toBe(3);
    await catalogs.get('c');
    await catalogs.get('b');
    expect(store.loads).toBe(3);
    await catalogs.get(tenant);
    expect(store.loads).toBe(4);
  });

  it('does not cache a failed load: the next read tries again', async () => {
    const catalogs = serviceWith();
    store.failNextLoad = true;
    await expect(catalogs.get(tenant)).rejects.toThrow('store unavailable');
    expect(await catalogs.get(tenant)).toMatchObject({ version: 0 });
    expect(store.loads).toBe(2);
  });
});

describe('warehouses', () => {
  it('creates then replaces a warehouse; the cache and the engine see each new version', async () => {
    const catalogs = serviceWith();
    expect(await catalogs.putWarehouse(tenant, warehouse('w1'))).toEqual({ ok: true, value: { created: true } });
    expect(await catalogs.putWarehouse(tenant, warehouse('w1', 'Renamed'))).toEqual({ ok: true, value: { created: false } });
    const catalog = await catalogs.get(tenant);
    expect(catalog!.version).toBe(2);
    expect(catalog!.warehouses.get('w1')!.name).toBe('Renamed');
    expect(await engine.catalogVersion(tenant)).toBe(2);
  });

  it('refuses a new warehouse beyond warehousesPerTenantMax (LIMIT_EXCEEDED) but still replaces existing ones', async () => {
    const catalogs = serviceWith({ warehousesPerTenantMax: 2 });
    await catalogs.putWarehouse(tenant, warehouse('w1'));
    await catalogs.putWarehouse(tenant, warehouse('w2'));
    expect(await catalogs.putWarehouse(tenant, warehouse('w3'))).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED' } });
    expect(await catalogs.putWarehouse(tenant, warehouse('w2', 'Renamed'))).toEqual({ ok: true, value: { created: false } });
    expect((await store.loadCatalog(tenant))!.warehouses.map((w) => w.id)).toEqual(['w1', 'w2']);
  });
});

describe('skus and bundles', () => {
  it('creates plain SKUs and bundles of them, and replaces a SKU in place', async () => {
    const catalogs = serviceWith();
    expect(await catalogs.putSku(tenant, plain('cup'))).toEqual({ ok: true, value: { created: true } });
    expect(await catalogs.putSku(tenant, plain('saucer'))).toEqual({ ok: true, value: { created: true } });
    expect(await catalogs.putSku(tenant, bundle('set', 'cup', 'saucer'))).toEqual({ ok: true, value: { created: true } });
    expect(await catalogs.putSku(tenant, { ...bundle('set', 'cup'), name: 'Cups' })).toEqual({ ok: true, value: { created: false } });
    const catalog = await catalogs.get(tenant);
    expect(catalog!.skus.get('set')).toEqual({ sku: 'set', name: 'Cups', components: [{ sku: 'cup', qty: 2 }] });
    expect(catalog!.version).toBe(4);
    expect(await engine.catalogVersion(tenant)).toBe(4);
  });

  it.each([
    ['an unknown component', bundle('kit', 'nothing'), 'UNKNOWN_SKU'],
    ['itself as a component', bundle('kit', 'kit'), 'BUNDLE_CYCLE'],
    ['a cycle through an existing bundle', bundle('a', 'pair'), 'BUNDLE_CYCLE'],
    ['a component listed twice', { sku: 'kit', name: 'Kit', components: [{ sku: 'a', qty: 1 }, { sku: 'a', qty: 2 }] }, 'BUNDLE_INVALID'],
    ['a bundle of a bundle beyond bundleDepthMax', bundle('crate', 'pair'), 'BUNDLE_TOO_DEEP'],
  ])('refuses %s and writes nothing', async (_name, sku, code) => {
    const catalogs = serviceWith({ bundleDepthMax: 1 });
    await catalogs.putSku(tenant, plain('a'));
    await catalogs.putSku(tenant, plain('b'));
    expect(await catalogs.putSku(tenant, bundle('pair', 'a', 'b'))).toMatchObject({ ok: true });
    const before = await store.loadCatalog(tenant);
    expect(await catalogs.putSku(tenant, sku)).toMatchObject({ ok: false, error: { code } });
    expect(await store.loadCatalog(tenant)).toEqual(before);
    expect((await catalogs.get(tenant))!.version).toBe(before!.version);
  });
});

describe('tenants and their keys', () => {
  it('creates a tenant once and keys for it; a key works until it is revoked', async () => {
    const catalogs = serviceWith();
    expect(await catalogs.createTenant('beta', 'Beta')).toMatchObject({ created: true, tenant: { id: 'beta', name: 'Beta' } });
    expect(await catalogs.createTenant('beta', 'Other')).toMatchObject({ created: false, tenant: { id: 'beta', name: 'Beta' } });
    const key = await catalogs.createApiKey('beta', ['checkout'], 'shop');
    expect(await store.findApiKey(key!.key)).toEqual({ keyId: key!.id, tenantId: 'beta', scopes: ['checkout'] });
    expect(await catalogs.createApiKey('nobody', ['read'])).toBeNull();
  });

  it('lists a tenant\'s keys in pages, [] for a tenant without keys and null for an unknown tenant', async () => {
    const catalogs = serviceWith();
    expect(await catalogs.listApiKeys(tenant, 10)).toEqual([]);
    expect(await catalogs.listApiKeys('nobody', 10)).toBeNull();
    const made = [await catalogs.createApiKey(tenant, ['read']), await catalogs.createApiKey(tenant, ['admin']), await catalogs.createApiKey(tenant, ['checkout'])];
    const all = await catalogs.listApiKeys(tenant, 10);
    expect(all!.map((k) => k.id)).toEqual(made.map((k) => k!.id).sort());
    expect(await catalogs.listApiKeys(tenant, 2, all![1]!.id)).toEqual(all!.slice(2));
  });
});
