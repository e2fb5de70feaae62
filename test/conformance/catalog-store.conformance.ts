// The CatalogStore contract, run against every implementation (the PostgreSQL
// CatalogRepo and the in-memory fake): catalog-store.postgres.test.ts and
// catalog-store.memory.test.ts each call catalogStoreConformance with a factory.
//
// One store per file: every test makes its own tenants (unique ids), so tests
// never depend on what others wrote. Only the port is used here, never SQL.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogStore, Scope } from '../../src/app/catalog.port.ts';
import type { Component, Sku } from '../../src/core/catalog.types.ts';

export interface StoreUnderTest {
  readonly store: CatalogStore;
  /** Releases what the factory opened (drops a schema, ends a pool). */
  close(): Promise<void>;
}

type Get = () => CatalogStore;

export function catalogStoreConformance(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`CatalogStore conformance: ${name}`, () => {
    let subject: StoreUnderTest | undefined;
    const get: Get = () => {
      if (subject === undefined) throw new Error('store not opened');
      return subject.store;
    };
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => {
      await subject?.close();
    });
    tenantTests(get);
    apiKeyTests(get);
    revocationTests(get);
    keyListingTests(get);
    warehouseTests(get);
    skuTests(get);
    catalogTests(get);
    isolationTests(get);
  });
}

let seq = 0;
const uniqueId = (prefix: string): string => `${prefix}_${++seq}_${randomBytes(4).toString('hex')}`;

async function newTenant(store: CatalogStore): Promise<string> {
  const id = uniqueId('tenant');
  await store.createTenant(id, `Tenant ${id}`);
  return id;
}

async function createKey(store: CatalogStore, tenantId: string, scopes: readonly Scope[], label?: string): Promise<{ id: string; key: string }> {
  const created = await store.createApiKey(tenantId, scopes, label);
  if (created === null) throw new Error(`tenant ${tenantId} should exist`);
  return created;
}

const plain = (sku: string): { sku: string; name: string; components: Component[] } => ({ sku, name: `SKU ${sku}`, components: [] });
const accept = (): null => null;
const neverIssuedKey = (): string => `pk_${randomBytes(32).toString('base64url')}`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function tenantTests(get: Get): void {
  describe('tenants', () => {
    it('creates a tenant once; a repeat returns the existing one with its first name', async () => {
      const id = uniqueId('acme');
      const first = await get().createTenant(id, 'Acme');
      expect(first.created).toBe(true);
      expect(first.tenant).toMatchObject({ id, name: 'Acme' });
      const again = await get().createTenant(id, 'Renamed');
      expect(again).toEqual({ created: false, tenant: first.tenant });
      expect(await get().getTenant(id)).toEqual(first.tenant);
    });

    it('answers null for an unknown tenant', async () => {
      expect(await get().getTenant(uniqueId('nobody'))).toBeNull();
    });

    it('lists tenant ids in id order, at most the limit, paging after an id until every tenant was seen once', async () => {
      const made = [await newTenant(get()), await newTenant(get()), await newTenant(get())];
      const all = await get().listTenantIds(10_000);
      for (const id of made) expect(all).toContain(id);
      expect(all).toEqual([...all].sort());
      expect(await get().listTenantIds(2)).toEqual(all.slice(0, 2));
      expect(await get().listTenantIds(2, all[0])).toEqual(all.slice(1, 3));
      const paged: string[] = [];
      for (let p = await get().listTenantIds(2); p.length > 0; p = await get().listTenantIds(2, p[p.length - 1])) paged.push(...p);
      expect(paged).toEqual(all);
      expect(await get().listTenantIds(5, all[all.length - 1])).toEqual([]);
    });

    it('refuses a listing limit below 1', async () => {
      await expect(get().listTenantIds(0)).rejects.toThrow(/limit/);
      await expect(get().listApiKeys(await newTenant(get()), 0)).rejects.toThrow(/limit/);
    });
  });
}

function apiKeyTests(get: Get): void {
  describe('api keys', () => {
    it('returns a pk_ key and a key_ id once, and finds the key by its plaintext with its tenant and scopes', async () => {
      const tenantId = await newTenant(get());
      const created = await get().createApiKey(tenantId, ['checkout', 'read'], 'web shop');
      expect(created).toEqual({ id: expect.stringMatching(/^key_[A-Za-z0-9_-]{16}$/), key: expect.stringMatching(/^pk_[A-Za-z0-9_-]{43}$/), scopes: ['checkout', 'read'] });
      expect(await get().findApiKey(created!.key)).toEqual({ keyId: created!.id, tenantId, scopes: ['checkout', 'read'] });
    });

    it('gives every key its own id and plaintext', async () => {
      const tenantId = await newTenant(get());
      const a = await createKey(get(), tenantId, ['read']);
      const b = await createKey(get(), tenantId, ['read']);
      expect(a.id).not.toBe(b.id);
      expect(a.key).not.toBe(b.key);
      expect((await get().findApiKey(b.key))!.keyId).toBe(b.id);
    });

    it('answers null when creating a key for an unknown tenant', async () => {
      const tenantId = uniqueId('nobody');
      expect(await get().createApiKey(tenantId, ['read'])).toBeNull();
      expect(await get().listApiKeys(tenantId, 10)).toEqual([]);
    });

    it('collapses duplicate scopes, keeping their first order', async () => {
      const created = await get().createApiKey(await newTenant(get()), ['read', 'read', 'admin']);
      expect(created!.scopes).toEqual(['read', 'admin']);
      expect((await get().findApiKey(created!.key))!.scopes).toEqual(['read', 'admin']);
    });

    it('refuses an empty or unknown scope set and stores nothing', async () => {
      const tenantId = await newTenant(get());
      await expect(get().createApiKey(tenantId, [])).rejects.toThrow();
      await expect(get().createApiKey(tenantId, ['superuser' as Scope])).rejects.toThrow();
      await expect(get().createApiKey(tenantId, ['read', 'root' as Scope])).rejects.toThrow();
      expect(await get().listApiKeys(tenantId, 10)).toEqual([]);
    });

    it('refuses a key that breaks the channel scope\'s rule (channel named iff scope channel, held alone) and stores nothing', async () => {
      const tenantId = await newTenant(get());
      await expect(get().createApiKey(tenantId, ['channel'])).rejects.toThrow();
      await expect(get().createApiKey(tenantId, ['read'], undefined, 'shop1')).rejects.toThrow();
      await expect(get().createApiKey(tenantId, ['channel', 'read'], undefined, 'shop1')).rejects.toThrow();
      expect(await get().listApiKeys(tenantId, 10)).toEqual([]);
    });

    it('finds nothing for a malformed key, a never-issued key, a key id, or a near miss of a real key', async () => {
      const created = await createKey(get(), await newTenant(get()), ['admin']);
      for (const probe of ['', 'not a key', neverIssuedKey(), created.id, created.key.slice(3), `${created.key}x`, ` ${created.key}`, created.key.toUpperCase()]) {
        expect(await get().findApiKey(probe)).toBeNull();
      }
      expect(await get().findApiKey(created.key)).not.toBeNull();
    });
  });
}

function revocationTests(get: Get): void {
  describe('key revocation', () => {
    it('stops finding a revoked key and leaves the tenant\'s other keys working', async () => {
      const tenantId = await newTenant(get());
      const doomed = await createKey(get(), tenantId, ['admin']);
      const kept = await createKey(get(), tenantId, ['read']);
      expect(await get().revokeApiKey(tenantId, doomed.id)).toEqual({ id: doomed.id, revokedAt: expect.any(Date) });
      expect(await get().findApiKey(doomed.key)).toBeNull();
      expect(await get().findApiKey(kept.key)).toEqual({ keyId: kept.id, tenantId, scopes: ['read'] });
    });

    it('revoking again changes nothing and answers the first revocation time', async () => {
      const tenantId = await newTenant(get());
      const created = await createKey(get(), tenantId, ['read']);
      const first = await get().revokeApiKey(tenantId, created.id);
      await pause(5);
      expect(await get().revokeApiKey(tenantId, created.id)).toEqual(first);
      const [listed] = await get().listApiKeys(tenantId, 10);
      expect(listed!.revokedAt).toEqual(first!.revokedAt);
      expect(await get().findApiKey(created.key)).toBeNull();
    });

    it('concurrent revocations of one key all answer the same time', async () => {
      const tenantId = await newTenant(get());
      const created = await createKey(get(), tenantId, ['read']);
      const answers = await Promise.all(Array.from({ length: 8 }, () => get().revokeApiKey(tenantId, created.id)));
      expect(answers[0]).toEqual({ id: created.id, revokedAt: expect.any(Date) });
      for (const a of answers) expect(a).toEqual(answers[0]);
    });

    it('answers null for a key id the tenant does not have, and for an unknown tenant', async () => {
      const tenantId = await newTenant(get());
      const created = await createKey(get(), tenantId, ['read']);
      expect(await get().revokeApiKey(tenantId, 'key_nosuchkey00000000')).toBeNull();
      expect(await get().revokeApiKey(uniqueId('nobody'), created.id)).toBeNull();
      expect(await get().findApiKey(created.key)).not.toBeNull();
    });
  });
}

function keyListingTests(get: Get): void {
  describe('key listing', () => {
    it('lists the tenant\'s keys in id order with label, scopes and times, never a plaintext or a hash', async () => {
      const tenantId = await newTenant(get());
      const made = [await createKey(get(), tenantId, ['read'], 'one'), await createKey(get(), tenantId, ['admin', 'checkout']), await createKey(get(), tenantId, ['checkout'], 'three')];
      const revoked = await get().revokeApiKey(tenantId, made[1]!.id);
      const all = await get().listApiKeys(tenantId, 100);
      expect(all.map((k) => k.id)).toEqual(made.map((k) => k.id).sort());
      const byId = new Map(all.map((k) => [k.id, k]));
      expect(byId.get(made[0]!.id)).toEqual({ id: made[0]!.id, label: 'one', scopes: ['read'], createdAt: expect.any(Date), revokedAt: null });
      expect(byId.get(made[1]!.id)).toEqual({ id: made[1]!.id, label: null, scopes: ['admin', 'checkout'], createdAt: expect.any(Date), revokedAt: revoked!.revokedAt });
      const text = JSON.stringify(all);
      for (const k of made) expect(text).not.toContain(k.key.slice(3));
      expect(text).not.toMatch(/[0-9a-f]{64}/);
    });

    it('pages after an id, at most the limit, until every key was seen once', async () => {
      const tenantId = await newTenant(get());
      for (let i = 0; i < 5; i++) await createKey(get(), tenantId, ['read'], `k${i}`);
      const all = await get().listApiKeys(tenantId, 100);
      expect(all).toHaveLength(5);
      expect(await get().listApiKeys(tenantId, 2)).toEqual(all.slice(0, 2));
      expect(await get().listApiKeys(tenantId, 2, all[1]!.id)).toEqual(all.slice(2, 4));
      const paged: string[] = [];
      for (let p = await get().listApiKeys(tenantId, 2); p.length > 0; p = await get().listApiKeys(tenantId, 2, p[p.length - 1]!.id)) paged.push(...p.map((k) => k.id));
      expect(paged).toEqual(all.map((k) => k.id));
    });

    it('lists nothing for an unknown tenant', async () => {
      expect(await get().listApiKeys(uniqueId('nobody'), 10)).toEqual([]);
    });
  });
}

function warehouseTests(get: Get): void {
  describe('warehouses', () => {
    it('inserts then replaces a warehouse, bumping the catalog version each time', async () => {
      const tenantId = await newTenant(get());
      const w = { id: 'wh_east', name: 'East', region: 'us-east', priority: 1 };
      expect(await get().upsertWarehouse(tenantId, w)).toEqual({ created: true, catalogVersion: 1 });
      expect(await get().upsertWarehouse(tenantId, { ...w, name: 'East 2', priority: 5 })).toEqual({ created: false, catalogVersion: 2 });
      expect(await get().loadCatalog(tenantId)).toEqual({ version: 2, warehouses: [{ id: 'wh_east', name: 'East 2', region: 'us-east', priority: 5 }], skus: [] });
    });

    it('answers null for an unknown tenant and creates nothing', async () => {
      const tenantId = uniqueId('nobody');
      expect(await get().upsertWarehouse(tenantId, { id: 'w', name: 'W', region: 'r', priority: 0 })).toBeNull();
      expect(await get().getTenant(tenantId)).toBeNull();
      expect(await get().loadCatalog(tenantId)).toBeNull();
    });

    it('gives concurrent writers of one tenant distinct consecutive versions', async () => {
      const tenantId = await newTenant(get());
      const writes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => get().upsertWarehouse(tenantId, { id: `wh_${i}`, name: `W${i}`, region: 'eu', priority: i })),
      );
      expect(writes.map((w) => w!.catalogVersion).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(writes.every((w) => w!.created)).toBe(true);
      expect((await get().loadCatalog(tenantId))!.version).toBe(8);
    });
  });
}

function skuTests(get: Get): void {
  describe('skus and bundles', () => {
    it('inserts and replaces SKUs with components, showing check the SKUs as they were before each write', async () => {
      const tenantId = await newTenant(get());
      const seen: string[][] = [];
      const check = (current: ReadonlyMap<string, Sku>): null => {
        seen.push([...current.keys()]);
        return null;
      };
      expect(await get().upsertSku(tenantId, plain('cup'), check)).toEqual({ ok: true, created: true, catalogVersion: 1 });
      expect(await get().upsertSku(tenantId, plain('saucer'), check)).toEqual({ ok: true, created: true, catalogVersion: 2 });
      const set = { sku: 'set', name: 'Cup and saucer', components: [{ sku: 'cup', qty: 1 }, { sku: 'saucer', qty: 2 }] };
      expect(await get().upsertSku(tenantId, set, check)).toEqual({ ok: true, created: true, catalogVersion: 3 });
      expect(await get().upsertSku(tenantId, { ...set, name: 'Tea set' }, check)).toEqual({ ok: true, created: false, catalogVersion: 4 });
      expect(seen).toEqual([[], ['cup'], ['cup', 'saucer'], ['cup', 'saucer', 'set']]);
      let shown: Sku | undefined;
      await get().upsertSku(tenantId, plain('spoon'), (current) => { shown = current.get('set'); return null; });
      expect(shown).toEqual({ sku: 'set', name: 'Tea set', components: [{ sku: 'cup', qty: 1 }, { sku: 'saucer', qty: 2 }] });
    });

    it('writes nothing and keeps the version when check refuses, returning its error', async () => {
      const tenantId = await newTenant(get());
      await get().upsertSku(tenantId, plain('a'), accept);
      const before = await get().loadCatalog(tenantId);
      const a2b = { sku: 'a', name: 'A', components: [{ sku: 'b', qty: 1 }] };
      expect(await get().upsertSku(tenantId, a2b, (c) => (c.has('a') ? ('BUNDLE_CYCLE' as const) : null))).toEqual({ ok: false, error: 'BUNDLE_CYCLE' });
      expect(await get().upsertSku(tenantId, plain('c'), () => ({ code: 'UNKNOWN_SKU' }))).toEqual({ ok: false, error: { code: 'UNKNOWN_SKU' } });
      expect(await get().loadCatalog(tenantId)).toEqual(before);
      expect(before!.version).toBe(1);
    });

    it('runs check with no other write in between, so a limit it enforces holds against concurrent writers', async () => {
      const tenantId = await newTenant(get());
      const skusMax = 3;
      const atLimit = (current: ReadonlyMap<string, Sku>) => (current.size >= skusMax ? 'LIMIT_EXCEEDED' : null);
      const results = await Promise.all(Array.from({ length: 7 }, (_, i) => get().upsertSku(tenantId, plain(`s${i}`), atLimit)));
      expect(results.filter((r) => r!.ok)).toHaveLength(skusMax);
      expect(results.filter((r) => !r!.ok)).toEqual(Array(7 - skusMax).fill({ ok: false, error: 'LIMIT_EXCEEDED' }));
      const catalog = await get().loadCatalog(tenantId);
      expect(catalog!.skus).toHaveLength(skusMax);
      expect(catalog!.version).toBe(skusMax);
    });

    it('answers null for an unknown tenant without calling check', async () => {
      let called = false;
      const result = await get().upsertSku(uniqueId('nobody'), plain('x'), () => {
        called = true;
        return null;
      });
      expect(result).toBeNull();
      expect(called).toBe(false);
    });
  });
}

function catalogTests(get: Get): void {
  describe('loadCatalog', () => {
    it('returns the version, the warehouses in id order and the SKUs in SKU order', async () => {
      const tenantId = await newTenant(get());
      await get().upsertWarehouse(tenantId, { id: 'w2', name: 'Two', region: 'eu-west', priority: 2 });
      await get().upsertWarehouse(tenantId, { id: 'w1', name: 'One', region: 'eu-central', priority: 1 });
      await get().upsertSku(tenantId, plain('mug'), accept);
      await get().upsertSku(tenantId, { sku: 'gift', name: 'Gift', components: [{ sku: 'mug', qty: 2 }] }, accept);
      expect(await get().loadCatalog(tenantId)).toEqual({
        version: 4,
        warehouses: [{ id: 'w1', name: 'One', region: 'eu-central', priority: 1 }, { id: 'w2', name: 'Two', region: 'eu-west', priority: 2 }],
        skus: [{ sku: 'gift', name: 'Gift', components: [{ sku: 'mug', qty: 2 }] }, plain('mug')],
      });
    });

    it('shows a new tenant an empty catalog at version 0; keys do not change the version', async () => {
      const tenantId = await newTenant(get());
      await createKey(get(), tenantId, ['admin']);
      expect(await get().loadCatalog(tenantId)).toEqual({ version: 0, warehouses: [], skus: [] });
    });

    it('answers null for an unknown tenant', async () => {
      expect(await get().loadCatalog(uniqueId('nobody'))).toBeNull();
    });

    it('keeps no link to what a caller passed in or got back', async () => {
      const tenantId = await newTenant(get());
      const components = [{ sku: 'mug', qty: 2 }];
      const w = { id: 'w1', name: 'One', region: 'eu', priority: 1 };
      await get().upsertSku(tenantId, plain('mug'), accept);
      await get().upsertSku(tenantId, { sku: 'gift', name: 'Gift', components }, accept);
      await get().upsertWarehouse(tenantId, w);
      components[0]!.qty = 99;
      w.priority = 99;
      const first = await get().loadCatalog(tenantId);
      (first!.skus[0]!.components as { sku: string; qty: number }[]).push({ sku: 'x', qty: 1 });
      (first!.warehouses as unknown as { priority: number }[])[0]!.priority = 42;
      expect(await get().loadCatalog(tenantId)).toEqual({
        version: 3, warehouses: [{ id: 'w1', name: 'One', region: 'eu', priority: 1 }], skus: [{ sku: 'gift', name: 'Gift', components: [{ sku: 'mug', qty: 2 }] }, plain('mug')],
      });
    });
  });
}

function isolationTests(get: Get): void {
  describe('tenant isolation', () => {
    it('shows a tenant nothing of another tenant\'s warehouses, SKUs or version, even under the same ids', async () => {
      const mine = await newTenant(get());
      const theirs = await newTenant(get());
      await get().upsertWarehouse(mine, { id: 'shared_id', name: 'Mine', region: 'eu', priority: 1 });
      await get().upsertSku(mine, plain('shared_sku'), accept);
      await get().upsertWarehouse(theirs, { id: 'shared_id', name: 'Theirs', region: 'us', priority: 9 });
      await get().upsertWarehouse(theirs, { id: 'only_theirs', name: 'T', region: 'us', priority: 3 });
      const seenByTheirs: string[][] = [];
      const theirSku = await get().upsertSku(theirs, { sku: 'shared_sku', name: 'Their SKU', components: [] }, (c) => {
        seenByTheirs.push([...c.keys()]);
        return null;
      });
      expect(theirSku).toEqual({ ok: true, created: true, catalogVersion: 3 });
      expect(seenByTheirs).toEqual([[]]);
      expect(await get().loadCatalog(mine)).toEqual({ version: 2, warehouses: [{ id: 'shared_id', name: 'Mine', region: 'eu', priority: 1 }], skus: [plain('shared_sku')] });
      expect((await get().loadCatalog(theirs))!.version).toBe(3);
    });

    it('lists, finds and revokes a tenant\'s keys only as that tenant', async () => {
      const owner = await newTenant(get());
      const other = await newTenant(get());
      const ownersKey = await createKey(get(), owner, ['admin']);
      const othersKey = await createKey(get(), other, ['read']);
      expect((await get().listApiKeys(owner, 10)).map((k) => k.id)).toEqual([ownersKey.id]);
      expect((await get().listApiKeys(other, 10)).map((k) => k.id)).toEqual([othersKey.id]);
      expect(await get().revokeApiKey(other, ownersKey.id)).toBeNull();
      expect(await get().findApiKey(ownersKey.key)).toEqual({ keyId: ownersKey.id, tenantId: owner, scopes: ['admin'] });
      expect((await get().listApiKeys(owner, 10))[0]!.revokedAt).toBeNull();
      expect(await get().findApiKey(othersKey.key)).toEqual({ keyId: othersKey.id, tenantId: other, scopes: ['read'] });
    });
  });
}
