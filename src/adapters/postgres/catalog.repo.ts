// Catalog repository: tenants, API keys, warehouses and SKUs in PostgreSQL.
//
// Conventions:
// - Every tenant-scoped write returns `null` when the tenant does not exist
//   (an operating error the caller maps to a code), never throws for it.
// - Every catalog write (warehouse, SKU) runs in one transaction that first
//   locks the tenant row, then bumps tenants.catalog_version; the returned
//   version orders writes per tenant and lets caches detect staleness.
// - Rows come back snake_case and are converted here; bigint arrives as a
//   string and is converted to a safe integer (asserted).

import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { Sql, TxSql } from './sql.ts';

export type Scope = 'checkout' | 'admin' | 'read' | 'ops' | 'channel';
export const allScopes: readonly Scope[] = Object.freeze(['checkout', 'admin', 'read', 'ops', 'channel']);

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly catalogVersion: number;
  readonly createdAt: Date;
}

export interface WarehouseRecord {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly priority: number;
}

export interface SkuComponent {
  readonly sku: string;
  readonly qty: number;
}

export interface SkuRecord {
  readonly sku: string;
  readonly name: string;
  readonly components: readonly SkuComponent[];
}

export interface CreatedApiKey {
  readonly id: string;
  /** The plaintext key: returned by createApiKey only, never stored. */
  readonly key: string;
  readonly scopes: Scope[];
  /** The channel of a `channel` key; absent on every other key. */
  readonly channel?: string;
}

export interface FoundApiKey {
  readonly keyId: string;
  readonly tenantId: string;
  readonly scopes: Scope[];
  readonly channel?: string;
}

export interface RevokedApiKey {
  readonly id: string;
  readonly revokedAt: Date;
}

export interface ApiKeyInfo {
  readonly id: string;
  readonly label: string | null;
  readonly scopes: Scope[];
  readonly channel?: string;
  readonly createdAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface CatalogWrite {
  readonly created: boolean;
  readonly catalogVersion: number;
}

export interface CatalogSnapshot {
  readonly version: number;
  readonly warehouses: WarehouseRecord[];
  readonly skus: SkuRecord[];
}

export type SkuCheck<E> = (current: ReadonlyMap<string, SkuRecord>) => E | null;
export type SkuWrite<E> = ({ ok: true } & CatalogWrite) | { ok: false; error: E };

const keyPattern = /^pk_[A-Za-z0-9_-]{43}$/;

/** sha256 hex of an API key: the only form in which keys are stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** `channel` only on a channel key: every other key's shape is what it was before the scope existed. */
const channelOf = (channel: string | null): { channel?: string } => (channel === null ? {} : { channel });

interface TenantRow { id: string; name: string; catalog_version: string; created_at: Date }
interface SkuRow { sku: string; name: string; components: SkuComponent[] }

export class CatalogRepo {
  constructor(private readonly sql: Sql) {}

  /** Inserts the tenant, or returns the existing one unchanged (`created: false`). */
  async createTenant(id: string, name: string): Promise<{ created: boolean; tenant: Tenant }> {
    const sql = this.sql;
    // Built outside the typed template: postgres.js infers the column list badly there.
    const values = sql({ id, name }, 'id', 'name');
    const [inserted] = await sql<TenantRow[]>`
      insert into tenants ${values}
      on conflict (id) do nothing
      returning id, name, catalog_version, created_at`;
    if (inserted) return { created: true, tenant: toTenant(inserted) };
    const existing = await this.getTenant(id);
    if (!existing) throw new Error(`tenant ${id} conflicted on insert but is not readable`);
    return { created: false, tenant: existing };
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const [row] = await this.sql<TenantRow[]>`
      select id, name, catalog_version, created_at from tenants where id = ${id}`;
    return row ? toTenant(row) : null;
  }

  /** Tenant ids in id order, at most `limit`, after `afterId` when given (keyset paging). */
  async listTenantIds(limit: number, afterId?: string): Promise<string[]> {
    assertLimit(limit);
    const sql = this.sql;
    const rows = await sql<{ id: string }[]>`
      select id from tenants
      ${afterId === undefined ? sql`` : sql`where id > ${afterId}`}
      order by id limit ${limit}`;
    return rows.map((r) => r.id);
  }

  /**
   * Creates a key for an existing tenant; `null` if the tenant does not exist.
   * Duplicate scopes are collapsed; an empty or unknown scope violates the
   * api_keys_scopes_valid check and throws (a programmer error: validate first).
   * `channel` binds a `channel` key to one of the tenant's channels; a key that
   * breaks the scope's rule (channelScopeProblem) or names a channel the tenant
   * does not have violates a check or foreign key of 015 and throws likewise.
   */
  async createApiKey(tenantId: string, scopes: readonly Scope[], label?: string, channel?: string): Promise<CreatedApiKey | null> {
    const sql = this.sql;
    const key = `pk_${randomBytes(32).toString('base64url')}`;
    const id = `key_${randomBytes(12).toString('base64url')}`;
    const unique = [...new Set(scopes)];
    const row = { id, tenant_id: tenantId, key_hash: hashApiKey(key), scopes: unique, label: label ?? null, channel: channel ?? null };
    try {
      await sql`insert into api_keys ${sql(row, 'id', 'tenant_id', 'key_hash', 'scopes', 'label', 'channel')}`;
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === '23503' && err.constraint_name === 'api_keys_tenant_id_fkey') return null;
      throw err;
    }
    return { id, key, scopes: unique, ...channelOf(channel ?? null) };
  }

  /** The live (not revoked) key with this plaintext, or null. */
  async findApiKey(key: string): Promise<FoundApiKey | null> {
    if (!keyPattern.test(key)) return null;
    const [row] = await this.sql<{ id: string; tenant_id: string; scopes: Scope[]; channel: string | null }[]>`
      select id, tenant_id, scopes, channel from api_keys
      where key_hash = ${hashApiKey(key)} and revoked_at is null`;
    return row ? { keyId: row.id, tenantId: row.tenant_id, scopes: row.scopes, ...channelOf(row.channel) } : null;
  }

  /**
   * Revokes the tenant's key; null if the tenant has no key with this id.
   * Idempotent: a revoked key keeps (and returns) the time it was first revoked.
   * Two statements, not one: under concurrent revocations the second update
   * finds nothing to change, and its own select then sees the first one's commit.
   */
  async revokeApiKey(tenantId: string, keyId: string): Promise<RevokedApiKey | null> {
    const [updated] = await this.sql<{ id: string; revoked_at: Date }[]>`
      update api_keys set revoked_at = now()
      where tenant_id = ${tenantId} and id = ${keyId} and revoked_at is null
      returning id, revoked_at`;
    if (updated) return { id: updated.id, revokedAt: updated.revoked_at };
    const [existing] = await this.sql<{ id: string; revoked_at: Date | null }[]>`
      select id, revoked_at from api_keys where tenant_id = ${tenantId} and id = ${keyId}`;
    if (!existing) return null;
    if (existing.revoked_at === null) throw new Error(`api key ${keyId} is live after an update that revokes it`);
    return { id: existing.id, revokedAt: existing.revoked_at };
  }

  /** The tenant's keys (never their hashes) in id order, at most `limit`, after `afterId` when given. */
  async listApiKeys(tenantId: string, limit: number, afterId?: string): Promise<ApiKeyInfo[]> {
    assertLimit(limit);
    const sql = this.sql;
    const rows = await sql<{ id: string; label: string | null; scopes: Scope[]; channel: string | null; created_at: Date | null; revoked_at: Date | null }[]>`
      select id, label, scopes, channel, created_at, revoked_at from api_keys
      where tenant_id = ${tenantId} ${afterId === undefined ? sql`` : sql`and id > ${afterId}`}
      order by id limit ${limit}`;
    return rows.map((r) => ({ id: r.id, label: r.label, scopes: r.scopes, ...channelOf(r.channel), createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  /** Inserts or replaces a warehouse and bumps the catalog version; null if no such tenant. */
  async upsertWarehouse(tenantId: string, w: WarehouseRecord): Promise<CatalogWrite | null> {
    return this.sql.begin(async (tx) => {
      if (!(await lockTenant(tx, tenantId))) return null;
      const [existing] = await tx`select 1 from warehouses where tenant_id = ${tenantId} and id = ${w.id}`;
      const row = { tenant_id: tenantId, id: w.id, name: w.name, region: w.region, priority: w.priority };
      await tx`
        insert into warehouses ${tx(row, 'tenant_id', 'id', 'name', 'region', 'priority')}
        on conflict (tenant_id, id) do update
        set name = excluded.name, region = excluded.region, priority = excluded.priority, updated_at = now()`;
      return { created: !existing, catalogVersion: await bumpCatalogVersion(tx, tenantId) };
    });
  }

  /**
   * Inserts or replaces a SKU after `check` accepts the tenant's current SKUs
   * (as they are before this write, read under the tenant lock so no other
   * catalog write can interleave). If `check` returns an error nothing is
   * written and the version is unchanged. null if no such tenant.
   */
  async upsertSku<E>(tenantId: string, s: SkuRecord, check: SkuCheck<E>): Promise<SkuWrite<E> | null> {
    return this.sql.begin(async (tx): Promise<SkuWrite<E> | null> => {
      if (!(await lockTenant(tx, tenantId))) return null;
      const current = new Map((await selectSkus(tx, tenantId)).map((r) => [r.sku, r] as const));
      const error = check(current);
      // Nothing has been written yet, so committing here changes nothing.
      if (error !== null) return { ok: false, error };
      const components = s.components.map((c) => ({ sku: c.sku, qty: c.qty }));
      const row = { tenant_id: tenantId, sku: s.sku, name: s.name, components: tx.json(components) };
      await tx`
        insert into skus ${tx(row, 'tenant_id', 'sku', 'name', 'components')}
        on conflict (tenant_id, sku) do update
        set name = excluded.name, components = excluded.components, updated_at = now()`;
      return { ok: true, created: !current.has(s.sku), catalogVersion: await bumpCatalogVersion(tx, tenantId) };
    });
  }

  /** One consistent snapshot of the tenant's catalog, or null if no such tenant. */
  async loadCatalog(tenantId: string): Promise<CatalogSnapshot | null> {
    return this.sql.begin('isolation level repeatable read read only', async (tx) => {
      const [tenant] = await tx<{ catalog_version: string }[]>`
        select catalog_version from tenants where id = ${tenantId}`;
      if (!tenant) return null;
      const warehouses = await tx<WarehouseRecord[]>`
        select id, name, region, priority from warehouses where tenant_id = ${tenantId} order by id`;
      return {
        version: toSafeInt(tenant.catalog_version),
        warehouses: warehouses.map((w) => ({ id: w.id, name: w.name, region: w.region, priority: w.priority })),
        skus: await selectSkus(tx, tenantId),
      };
    });
  }
}

/** Serializes catalog writers of one tenant; false if the tenant does not exist. */
async function lockTenant(tx: TxSql, tenantId: string): Promise<boolean> {
  // no key update: excludes other catalog writers but not FK checks (api key inserts).
  const rows = await tx`select 1 from tenants where id = ${tenantId} for no key update`;
  return rows.length === 1;
}

async function bumpCatalogVersion(tx: TxSql, tenantId: string): Promise<number> {
  const [row] = await tx<{ catalog_version: string }[]>`
    update tenants set catalog_version = catalog_version + 1
    where id = ${tenantId} returning catalog_version`;
  if (!row) throw new Error(`tenant ${tenantId} vanished while locked`);
  return toSafeInt(row.catalog_version);
}

async function selectSkus(tx: TxSql, tenantId: string): Promise<SkuRecord[]> {
  const rows = await tx<SkuRow[]>`
    select sku, name, components from skus where tenant_id = ${tenantId} order by sku`;
  return rows.map((r) => ({
    sku: r.sku,
    name: r.name,
    components: r.components.map((c) => ({ sku: c.sku, qty: c.qty })),
  }));
}

function toTenant(row: TenantRow): Tenant {
  return { id: row.id, name: row.name, catalogVersion: toSafeInt(row.catalog_version), createdAt: row.created_at };
}

function toSafeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is not a safe integer`);
  return n;
}

function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
}
