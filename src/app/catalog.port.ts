// What the use cases need from the catalog store (the PostgreSQL adapter implements it).
import type { Component, Sku, Warehouse } from '../core/catalog.types.ts';

export type Scope = 'checkout' | 'admin' | 'read' | 'ops';
export const allScopes: readonly Scope[] = ['checkout', 'admin', 'read', 'ops'];

/** A key as listed: never its secret. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly label: string | null;
  readonly scopes: readonly Scope[];
  readonly createdAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface RevokedApiKey {
  readonly id: string;
  /** When it was first revoked (revoking again changes nothing). */
  readonly revokedAt: Date;
}

export interface CatalogStore {
  createTenant(id: string, name: string): Promise<{ created: boolean; tenant: { id: string; name: string } }>;
  getTenant(id: string): Promise<{ id: string; name: string } | null>;
  /** Tenant ids in id order, at most `limit`, after `afterId` when given. */
  listTenantIds(limit: number, afterId?: string): Promise<string[]>;
  createApiKey(tenantId: string, scopes: readonly Scope[], label?: string): Promise<{ id: string; key: string; scopes: readonly Scope[] } | null>;
  /** The live (not revoked) key with this plaintext, or null. */
  findApiKey(key: string): Promise<{ keyId: string; tenantId: string; scopes: readonly Scope[] } | null>;
  /** Revokes the tenant's key (idempotent); null if the tenant has no key with this id. */
  revokeApiKey(tenantId: string, keyId: string): Promise<RevokedApiKey | null>;
  /** The tenant's keys in id order, at most `limit`, after `afterId` when given. */
  listApiKeys(tenantId: string, limit: number, afterId?: string): Promise<ApiKeyInfo[]>;
  upsertWarehouse(tenantId: string, w: Warehouse): Promise<{ created: boolean; catalogVersion: number } | null>;
  upsertSku<E>(
    tenantId: string,
    s: { sku: string; name: string; components: Component[] },
    check: (current: ReadonlyMap<string, Sku>) => E | null,
  ): Promise<({ ok: true; created: boolean; catalogVersion: number }) | { ok: false; error: E } | null>;
  loadCatalog(tenantId: string): Promise<{ version: number; warehouses: Warehouse[]; skus: Sku[] } | null>;
}
