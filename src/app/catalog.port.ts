// What the use cases need from the catalog store (the PostgreSQL adapter implements it).
import type { Component, Sku, Warehouse } from '../core/catalog.types.ts';

export type Scope = 'checkout' | 'admin' | 'read' | 'ops' | 'channel';
export const allScopes: readonly Scope[] = ['checkout', 'admin', 'read', 'ops', 'channel'];

/**
 * The rule of the `channel` scope (a connector's key for one shop): a key names a
 * channel exactly when it holds this scope, and then holds no other. The reason
 * the scopes and channel break it, or null when they keep it.
 */
export function channelScopeProblem(scopes: readonly Scope[], channel: string | undefined): { field: 'scopes' | 'channel'; reason: string } | null {
  const bound = scopes.includes('channel');
  if (bound && new Set(scopes).size > 1) return { field: 'scopes', reason: 'a key with scope channel holds no other scope' };
  if (bound && channel === undefined) return { field: 'channel', reason: 'is required for a key with scope channel (the channel it may import into)' };
  if (!bound && channel !== undefined) return { field: 'channel', reason: 'is only for a key with scope channel' };
  return null;
}

/** A key as listed: never its secret. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly label: string | null;
  readonly scopes: readonly Scope[];
  /** The channel a `channel` key is bound to; absent on every other key. */
  readonly channel?: string;
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
  /**
   * A new key; null for an unknown tenant. `channel` binds a `channel` key to one of the
   * tenant's channels (channelScopeProblem must accept the pair: a broken rule throws).
   */
  createApiKey(tenantId: string, scopes: readonly Scope[], label?: string, channel?: string): Promise<{ id: string; key: string; scopes: readonly Scope[]; channel?: string } | null>;
  /** The live (not revoked) key with this plaintext, or null. */
  findApiKey(key: string): Promise<{ keyId: string; tenantId: string; scopes: readonly Scope[]; channel?: string } | null>;
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
