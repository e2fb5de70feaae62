// An in-memory CatalogStore: what the PostgreSQL CatalogRepo does, without a
// database, so the app services get fast unit tests. It passes the same
// conformance suite as the repo (test/conformance/catalog-store.conformance.ts).
//
// Same conventions as the repo:
// - every tenant-scoped write answers null for an unknown tenant, never throws for it;
// - API keys are kept only as sha256 hex; the plaintext is returned once by createApiKey;
// - every warehouse or SKU write bumps the tenant's catalog version;
// - a SKU's check sees the tenant's SKUs as they are before the write, and no
//   other write can come between check and write (both run without yielding);
// - lists are in id order (UTF-16 code units: the C collation's order for ASCII ids);
// - limits below 1 and invalid scope sets throw (programmer errors);
// - nothing returned shares state with the store, nothing stored shares state with an argument.

import { createHash, randomBytes } from 'node:crypto';
import { allScopes, channelScopeProblem, type ApiKeyInfo, type CatalogStore, type RevokedApiKey, type Scope } from '../../app/catalog.port.ts';
import type { Component, Sku, Warehouse } from '../../core/catalog.types.ts';

export interface MemoryTenant {
  readonly id: string;
  readonly name: string;
  readonly catalogVersion: number;
  readonly createdAt: Date;
}

interface TenantState {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  catalogVersion: number;
  readonly warehouses: Map<string, Warehouse>;
  readonly skus: Map<string, Sku>;
}

interface KeyState {
  readonly id: string;
  readonly tenantId: string;
  readonly hash: string;
  readonly scopes: readonly Scope[];
  /** The channel of a `channel` key (not checked against channels: this store keeps none). */
  readonly channel: string | null;
  readonly label: string | null;
  readonly createdAt: Date;
  revokedAt: Date | null;
}

const keyPattern = /^pk_[A-Za-z0-9_-]{43}$/;
/** As the repo answers: `channel` only on a channel key. */
const channelOf = (k: KeyState): { channel?: string } => (k.channel === null ? {} : { channel: k.channel });

export class MemoryCatalogStore implements CatalogStore {
  private readonly tenants = new Map<string, TenantState>();
  private readonly keysByHash = new Map<string, KeyState>();
  private readonly keysById = new Map<string, KeyState>();

  /** `now` stamps tenants and keys (created, revoked); the wall clock by default. */
  constructor(private readonly now: () => Date = () => new Date()) {}

  async createTenant(id: string, name: string): Promise<{ created: boolean; tenant: MemoryTenant }> {
    const existing = this.tenants.get(id);
    if (existing !== undefined) return { created: false, tenant: tenantOf(existing) };
    const state: TenantState = { id, name, createdAt: this.now(), catalogVersion: 0, warehouses: new Map(), skus: new Map() };
    this.tenants.set(id, state);
    return { created: true, tenant: tenantOf(state) };
  }

  async getTenant(id: string): Promise<MemoryTenant | null> {
    const t = this.tenants.get(id);
    return t === undefined ? null : tenantOf(t);
  }

  async listTenantIds(limit: number, afterId?: string): Promise<string[]> {
    assertLimit(limit);
    return page([...this.tenants.keys()], (id) => id, limit, afterId);
  }

  async createApiKey(tenantId: string, scopes: readonly Scope[], label?: string, channel?: string): Promise<{ id: string; key: string; scopes: Scope[]; channel?: string } | null> {
    const unique = [...new Set(scopes)];
    if (unique.length === 0 || unique.some((s) => !allScopes.includes(s))) {
      throw new Error(`api key scopes must be a non-empty subset of ${allScopes.join(', ')}, got [${scopes.join(', ')}]`);
    }
    const broken = channelScopeProblem(unique, channel);
    if (broken !== null) throw new Error(`api key ${broken.field} ${broken.reason}`);
    if (!this.tenants.has(tenantId)) return null;
    const key = `pk_${randomBytes(32).toString('base64url')}`;
    const id = `key_${randomBytes(12).toString('base64url')}`;
    const state: KeyState = { id, tenantId, hash: sha256Hex(key), scopes: unique, channel: channel ?? null, label: label ?? null, createdAt: this.now(), revokedAt: null };
    this.keysByHash.set(state.hash, state);
    this.keysById.set(id, state);
    return { id, key, scopes: [...unique], ...channelOf(state) };
  }

  async findApiKey(key: string): Promise<{ keyId: string; tenantId: string; scopes: Scope[]; channel?: string } | null> {
    if (!keyPattern.test(key)) return null;
    const k = this.keysByHash.get(sha256Hex(key));
    if (k === undefined || k.revokedAt !== null) return null;
    return { keyId: k.id, tenantId: k.tenantId, scopes: [...k.scopes], ...channelOf(k) };
  }

  async revokeApiKey(tenantId: string, keyId: string): Promise<RevokedApiKey | null> {
    const k = this.keysById.get(keyId);
    if (k === undefined || k.tenantId !== tenantId) return null;
    k.revokedAt ??= this.now();
    return { id: k.id, revokedAt: new Date(k.revokedAt) };
  }

  async listApiKeys(tenantId: string, limit: number, afterId?: string): Promise<ApiKeyInfo[]> {
    assertLimit(limit);
    const own = [...this.keysById.values()].filter((k) => k.tenantId === tenantId);
    return page(own, (k) => k.id, limit, afterId).map((k) => ({
      id: k.id, label: k.label, scopes: [...k.scopes], ...channelOf(k), createdAt: new Date(k.createdAt), revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt),
    }));
  }

  async upsertWarehouse(tenantId: string, w: Warehouse): Promise<{ created: boolean; catalogVersion: number } | null> {
    const t = this.tenants.get(tenantId);
    if (t === undefined) return null;
    const created = !t.warehouses.has(w.id);
    t.warehouses.set(w.id, { id: w.id, name: w.name, region: w.region, priority: w.priority });
    return { created, catalogVersion: ++t.catalogVersion };
  }

  async upsertSku<E>(
    tenantId: string,
    s: { sku: string; name: string; components: Component[] },
    check: (current: ReadonlyMap<string, Sku>) => E | null,
  ): Promise<{ ok: true; created: boolean; catalogVersion: number } | { ok: false; error: E } | null> {
    const t = this.tenants.get(tenantId);
    if (t === undefined) return null;
    const current = new Map(sortedSkus(t).map((x) => [x.sku, x] as const));
    const error = check(current);
    if (error !== null) return { ok: false, error };
    const created = !t.skus.has(s.sku);
    t.skus.set(s.sku, copySku(s));
    return { ok: true, created, catalogVersion: ++t.catalogVersion };
  }

  async loadCatalog(tenantId: string): Promise<{ version: number; warehouses: Warehouse[]; skus: Sku[] } | null> {
    const t = this.tenants.get(tenantId);
    if (t === undefined) return null;
    const warehouses = [...t.warehouses.values()].sort((a, b) => compareIds(a.id, b.id)).map((w) => ({ ...w }));
    return { version: t.catalogVersion, warehouses, skus: sortedSkus(t) };
  }
}

function tenantOf(t: TenantState): MemoryTenant {
  return { id: t.id, name: t.name, catalogVersion: t.catalogVersion, createdAt: new Date(t.createdAt) };
}

/** Copies of the tenant's SKUs in SKU order. */
function sortedSkus(t: TenantState): Sku[] {
  return [...t.skus.values()].sort((a, b) => compareIds(a.sku, b.sku)).map(copySku);
}

function copySku(s: { readonly sku: string; readonly name: string; readonly components: readonly Component[] }): Sku {
  return { sku: s.sku, name: s.name, components: s.components.map((c) => ({ sku: c.sku, qty: c.qty })) };
}

/** Items in id order, those after `afterId` when given, at most `limit`. */
function page<T>(items: readonly T[], idOf: (item: T) => string, limit: number, afterId: string | undefined): T[] {
  return items
    .filter((x) => afterId === undefined || compareIds(idOf(x), afterId) > 0)
    .sort((a, b) => compareIds(idOf(a), idOf(b)))
    .slice(0, limit);
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sha256Hex = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
}
