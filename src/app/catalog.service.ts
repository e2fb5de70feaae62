// The tenant catalog: written to PostgreSQL, cached in memory per tenant, and
// versioned in Redis so every instance's reserve notices a change.
import { checkBundle } from '../core/bundle.rules.ts';
import type { Catalog, Component, Sku, Warehouse } from '../core/catalog.types.ts';
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import type { Limits } from '../config.ts';
import type { ApiKeyInfo, CatalogStore, Scope } from './catalog.port.ts';
import type { StockEngine } from './stock.port.ts';

export class CatalogService {
  private readonly cache = new Map<string, Promise<Catalog | null>>();

  constructor(
    private readonly store: CatalogStore,
    private readonly engine: StockEngine,
    private readonly limits: Limits,
    private readonly tenantsCachedMax: number,
  ) {}

  /** The tenant's catalog from the cache, loading it on a miss; null for an unknown tenant. */
  get(tenant: string): Promise<Catalog | null> {
    const hit = this.cache.get(tenant);
    if (hit !== undefined) return hit;
    return this.reload(tenant);
  }

  reload(tenant: string): Promise<Catalog | null> {
    const loading = this.load(tenant);
    this.cache.delete(tenant);
    if (this.cache.size >= this.tenantsCachedMax) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(tenant, loading);
    loading.catch(() => this.cache.delete(tenant));
    return loading;
  }

  /** Reloads when Redis knows a newer catalog version than the cached one. */
  async fresh(tenant: string): Promise<Catalog | null> {
    const cached = await this.get(tenant);
    const published = await this.engine.catalogVersion(tenant);
    return cached !== null && cached.version >= published ? cached : this.reload(tenant);
  }

  private async load(tenant: string): Promise<Catalog | null> {
    const snap = await this.store.loadCatalog(tenant);
    if (snap === null) return null;
    await this.engine.publishCatalogVersion(tenant, snap.version);
    return Object.freeze({
      version: snap.version,
      warehouses: new Map(snap.warehouses.map((w) => [w.id, Object.freeze({ ...w })])),
      skus: new Map(snap.skus.map((s) => [s.sku, Object.freeze({ ...s, components: Object.freeze([...s.components]) })])),
    });
  }

  async putWarehouse(tenant: string, w: Warehouse): Promise<Result<{ created: boolean }>> {
    const catalog = await this.get(tenant);
    if (catalog === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    if (!catalog.warehouses.has(w.id) && catalog.warehouses.size >= this.limits.warehousesPerTenantMax) {
      return fail(domainError('LIMIT_EXCEEDED', `a tenant may have at most ${this.limits.warehousesPerTenantMax} warehouses`));
    }
    const written = await this.store.upsertWarehouse(tenant, w);
    if (written === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    await this.published(tenant, written.catalogVersion);
    return ok({ created: written.created });
  }

  async putSku(tenant: string, s: { sku: string; name: string; components: Component[] }): Promise<Result<{ created: boolean }>> {
    if ((await this.get(tenant)) === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    const check = (current: ReadonlyMap<string, Sku>): DomainError | null =>
      checkBundle(s.sku, s.components, current, this.limits.bundleDepthMax);
    const written = await this.store.upsertSku(tenant, s, check);
    if (written === null) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    if (!written.ok) return fail(written.error);
    await this.published(tenant, written.catalogVersion);
    return ok({ created: written.created });
  }

  // ---- tenants and their API keys (revocation: AuthService.revoke, which also forgets the key) ----

  createTenant(id: string, name: string): Promise<{ created: boolean; tenant: { id: string; name: string } }> {
    return this.store.createTenant(id, name);
  }

  /**
   * A new API key of the tenant (the key itself is answered only here); null for an unknown tenant.
   * `channel`: the channel a `channel` key is bound to (the caller has checked that the tenant has it).
   */
  createApiKey(tenant: string, scopes: readonly Scope[], label?: string, channel?: string): Promise<{ id: string; key: string; scopes: readonly Scope[]; channel?: string } | null> {
    return this.store.createApiKey(tenant, scopes, label, channel);
  }

  async tenantExists(tenant: string): Promise<boolean> {
    return (await this.store.getTenant(tenant)) !== null;
  }

  /** A page of the tenant's keys in id order, revoked ones included (never the keys); null for an unknown tenant. */
  async listApiKeys(tenant: string, limit: number, afterId?: string): Promise<ApiKeyInfo[] | null> {
    const keys = await this.store.listApiKeys(tenant, limit, afterId);
    if (keys.length === 0 && afterId === undefined && (await this.store.getTenant(tenant)) === null) return null;
    return keys;
  }

  private async published(tenant: string, version: number): Promise<void> {
    await this.engine.publishCatalogVersion(tenant, version);
    await this.reload(tenant);
  }
}
