// AuthService on the in-memory CatalogStore (which passes the same conformance
// suite as the PostgreSQL repo) and a settable monotonic clock: the caches of
// valid and unknown keys, the failed-attempt limit per address, and
// revocation. test/http/auth-limits.test.ts covers the same through HTTP and
// PostgreSQL; these run in milliseconds and reach the corners (TTL edges,
// LRU order, a lookup in flight across a revocation).

import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCatalogStore } from '../../src/adapters/memory/catalog.store.ts';
import { AuthService, type AuthOptions } from '../../src/app/auth.service.ts';
import type { Scope } from '../../src/app/catalog.port.ts';

/** The memory store, counting lookups per plaintext key; `hold` parks a lookup after it has read the store. */
class CountingStore extends MemoryCatalogStore {
  readonly lookups = new Map<string, number>();
  hold: Promise<void> | null = null;

  override async findApiKey(key: string): Promise<{ keyId: string; tenantId: string; scopes: Scope[] } | null> {
    this.lookups.set(key, this.lookupsOf(key) + 1);
    const found = await super.findApiKey(key);
    if (this.hold !== null) await this.hold;
    return found;
  }

  lookupsOf(key: string): number {
    return this.lookups.get(key) ?? 0;
  }

  get totalLookups(): number {
    return [...this.lookups.values()].reduce((a, b) => a + b, 0);
  }
}

const adminKey = 'operator-secret-0123456789';
const options: AuthOptions = {
  cacheTtlMs: 30_000, cacheEntriesMax: 4, negativeCacheTtlMs: 5_000, negativeCacheEntriesMax: 4,
  failuresMax: 3, failureWindowMs: 60_000, failureAddressesMax: 100,
};

let store: CountingStore;
let nowMs: number;
let tenantId: string;

const bearer = (key: string): string => `Bearer ${key}`;
const randomKey = (): string => `pk_${randomBytes(32).toString('base64url')}`;
const serviceWith = (opts: Partial<AuthOptions> = {}, admin: string | null = adminKey): AuthService =>
  new AuthService(store, admin, { ...options, ...opts }, () => nowMs);

async function newKey(scopes: readonly Scope[] = ['read']): Promise<{ id: string; key: string }> {
  const created = await store.createApiKey(tenantId, scopes);
  if (created === null) throw new Error('tenant should exist');
  return created;
}

beforeEach(async () => {
  store = new CountingStore();
  nowMs = 1_000_000;
  tenantId = 'acme';
  await store.createTenant(tenantId, 'Acme');
});

describe('authenticate', () => {
  it('answers a live key with its tenant, key id and scopes', async () => {
    const k = await newKey(['checkout', 'read']);
    const principal = await serviceWith().authenticate(bearer(k.key));
    expect(principal).toEqual({ kind: 'tenant', tenantId, keyId: k.id, scopes: new Set(['checkout', 'read']) });
  });

  it('answers the operator key as the operator without a lookup, and treats it as unknown when none is configured', async () => {
    expect(await serviceWith().authenticate(bearer(adminKey))).toEqual({ kind: 'operator' });
    expect(store.totalLookups).toBe(0);
    expect(await serviceWith({}, null).authenticate(bearer(adminKey))).toBeNull();
  });

  it('reads the key of a Bearer header in any case of the scheme and refuses other headers without a lookup', async () => {
    const k = await newKey();
    const auth = serviceWith();
    expect(await auth.authenticate(`bEaReR ${k.key}`)).toMatchObject({ keyId: k.id });
    for (const header of [undefined, '', k.key, `Basic ${k.key}`, 'Bearer ', 'Bearer    ', `Bearer ${'x'.repeat(257)}`]) {
      expect(await auth.authenticate(header)).toBeNull();
    }
    expect(store.totalLookups).toBe(1);
  });
});

describe('valid-key cache', () => {
  it('looks a key up once per TTL, so a revocation by another process takes effect when the TTL ends', async () => {
    const k = await newKey();
    const auth = serviceWith();
    expect(await auth.authenticate(bearer(k.key))).not.toBeNull();
    await store.revokeApiKey(tenantId, k.id);
    nowMs += options.cacheTtlMs - 1;
    expect(await auth.authenticate(bearer(k.key))).not.toBeNull();
    expect(store.lookupsOf(k.key)).toBe(1);
    nowMs += 1;
    expect(await auth.authenticate(bearer(k.key))).toBeNull();
    expect(store.lookupsOf(k.key)).toBe(2);
  });

  it('looks a key up on every request when the TTL is 0', async () => {
    const k = await newKey();
    const auth = serviceWith({ cacheTtlMs: 0 });
    for (let i = 0; i < 3; i++) expect(await auth.authenticate(bearer(k.key))).not.toBeNull();
    expect(store.lookupsOf(k.key)).toBe(3);
  });

  it('evicts the least recently used key when more keys are in use than it holds', async () => {
    const keys = [await newKey(), await newKey(), await newKey(), await newKey(), await newKey()];
    const auth = serviceWith();
    for (const k of keys.slice(0, 4)) await auth.authenticate(bearer(k.key));
    await auth.authenticate(bearer(keys[0]!.key));
    await auth.authenticate(bearer(keys[4]!.key));
    await auth.authenticate(bearer(keys[0]!.key));
    expect(store.lookupsOf(keys[0]!.key)).toBe(1);
    await auth.authenticate(bearer(keys[1]!.key));
    expect(store.lookupsOf(keys[1]!.key)).toBe(2);
  });

  it('keeps a valid key cached through a flood of unknown keys', async () => {
    const k = await newKey();
    const auth = serviceWith();
    await auth.authenticate(bearer(k.key));
    for (let i = 0; i < options.cacheEntriesMax * 10; i++) expect(await auth.authenticate(bearer(randomKey()))).toBeNull();
    expect(await auth.authenticate(bearer(k.key))).not.toBeNull();
    expect(store.lookupsOf(k.key)).toBe(1);
  });
});

describe('unknown-key cache', () => {
  it('remembers an unknown key as unknown for its TTL, then looks it up again', async () => {
    const unknown = randomKey();
    const auth = serviceWith();
    expect(await auth.authenticate(bearer(unknown))).toBeNull();
    nowMs += options.negativeCacheTtlMs - 1;
    expect(await auth.authenticate(bearer(unknown))).toBeNull();
    expect(store.lookupsOf(unknown)).toBe(1);
    nowMs += 1;
    expect(await auth.authenticate(bearer(unknown))).toBeNull();
    expect(store.lookupsOf(unknown)).toBe(2);
  });

  it('holds at most its bound, forgetting the least recently seen unknown key first', async () => {
    const unknown = Array.from({ length: options.negativeCacheEntriesMax + 1 }, randomKey);
    const auth = serviceWith();
    for (const key of unknown) await auth.authenticate(bearer(key));
    await auth.authenticate(bearer(unknown[unknown.length - 1]!));
    expect(store.lookupsOf(unknown[unknown.length - 1]!)).toBe(1);
    await auth.authenticate(bearer(unknown[0]!));
    expect(store.lookupsOf(unknown[0]!)).toBe(2);
  });

  it('remembers nothing when its TTL is 0', async () => {
    const unknown = randomKey();
    const auth = serviceWith({ negativeCacheTtlMs: 0 });
    for (let i = 0; i < 3; i++) await auth.authenticate(bearer(unknown));
    expect(store.lookupsOf(unknown)).toBe(3);
  });
});

describe('failed attempts per address', () => {
  it(`refuses an address after ${options.failuresMax} failures, before any lookup and whatever the key, until its window ends`, async () => {
    const k = await newKey();
    const auth = serviceWith();
    for (let i = 0; i < options.failuresMax; i++) expect(await auth.check(bearer(randomKey()), '10.0.0.1')).toEqual({ kind: 'unauthenticated' });
    const lookups = store.totalLookups;
    expect(await auth.check(bearer(randomKey()), '10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 60 });
    expect(await auth.check(bearer(k.key), '10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 60 });
    expect(await auth.check(bearer(adminKey), '10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 60 });
    expect(store.totalLookups).toBe(lookups);
    expect(await auth.check(bearer(k.key), '10.0.0.2')).toMatchObject({ kind: 'ok' });
    expect(await auth.check(undefined, '10.0.0.1')).toEqual({ kind: 'unauthenticated' });
    nowMs += options.failureWindowMs - 500;
    expect(await auth.check(bearer(k.key), '10.0.0.1')).toEqual({ kind: 'limited', retryAfterSeconds: 1 });
    nowMs += 500;
    expect(await auth.check(bearer(k.key), '10.0.0.1')).toMatchObject({ kind: 'ok', principal: { keyId: k.id } });
  });

  it('counts the window from the first failure (fixed, not sliding)', async () => {
    const auth = serviceWith();
    await auth.check(bearer(randomKey()), '10.0.1.1');
    nowMs += options.failureWindowMs - 1;
    for (let i = 1; i < options.failuresMax; i++) await auth.check(bearer(randomKey()), '10.0.1.1');
    expect(await auth.check(bearer(randomKey()), '10.0.1.1')).toEqual({ kind: 'limited', retryAfterSeconds: 1 });
    nowMs += 1;
    expect(await auth.check(bearer(randomKey()), '10.0.1.1')).toEqual({ kind: 'unauthenticated' });
  });

  it('does not count successes, requests without a header, or the operator key', async () => {
    const k = await newKey();
    const auth = serviceWith();
    for (let i = 0; i < options.failuresMax - 1; i++) await auth.check(bearer(randomKey()), '10.0.2.1');
    for (let i = 0; i < 10; i++) {
      expect(await auth.check(bearer(k.key), '10.0.2.1')).toMatchObject({ kind: 'ok' });
      expect(await auth.check(bearer(adminKey), '10.0.2.1')).toEqual({ kind: 'ok', principal: { kind: 'operator' } });
      expect(await auth.check(undefined, '10.0.2.1')).toEqual({ kind: 'unauthenticated' });
    }
    expect(await auth.check(bearer(randomKey()), '10.0.2.1')).toEqual({ kind: 'unauthenticated' });
    expect(await auth.check(bearer(randomKey()), '10.0.2.1')).toMatchObject({ kind: 'limited' });
  });

  it('counts a malformed Authorization header as a failure', async () => {
    const auth = serviceWith();
    for (let i = 0; i < options.failuresMax; i++) expect(await auth.check('Basic abc', '10.0.3.1')).toEqual({ kind: 'unauthenticated' });
    expect(await auth.check('Basic abc', '10.0.3.1')).toMatchObject({ kind: 'limited' });
    expect(store.totalLookups).toBe(0);
  });

  it('bounds lookups from one address even when its guesses arrive all at once', async () => {
    const auth = serviceWith();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => auth.check(bearer(randomKey()), '10.0.4.1')));
    expect(store.totalLookups).toBe(options.failuresMax);
    expect(outcomes.filter((o) => o.kind === 'unauthenticated')).toHaveLength(options.failuresMax);
    expect(outcomes.filter((o) => o.kind === 'limited')).toHaveLength(20 - options.failuresMax);
  });

  it('tracks at most its bound of addresses, dropping the least recently failed', async () => {
    const auth = serviceWith({ failureAddressesMax: 2 });
    for (let i = 0; i < options.failuresMax; i++) await auth.check(bearer(randomKey()), '10.0.5.1');
    expect(await auth.check(bearer(randomKey()), '10.0.5.1')).toMatchObject({ kind: 'limited' });
    await auth.check(bearer(randomKey()), '10.0.5.2');
    await auth.check(bearer(randomKey()), '10.0.5.3');
    expect(await auth.check(bearer(randomKey()), '10.0.5.1')).toEqual({ kind: 'unauthenticated' });
  });

  it('does not limit authenticate (its callers bound their own attempts)', async () => {
    const k = await newKey();
    const auth = serviceWith({ negativeCacheTtlMs: 0 });
    for (let i = 0; i < options.failuresMax * 3; i++) expect(await auth.authenticate(bearer(randomKey()))).toBeNull();
    expect(await auth.authenticate(bearer(k.key))).toMatchObject({ keyId: k.id });
  });
});

describe('revocation', () => {
  it('stops accepting a cached key at once and answers the first revocation time on a repeat', async () => {
    const k = await newKey();
    const kept = await newKey();
    const auth = serviceWith();
    await auth.authenticate(bearer(k.key));
    await auth.authenticate(bearer(kept.key));
    const revoked = await auth.revoke(tenantId, k.id);
    expect(revoked).toEqual({ id: k.id, revokedAt: expect.any(Date) });
    expect(await auth.authenticate(bearer(k.key))).toBeNull();
    expect(await auth.check(bearer(k.key), '10.1.0.1')).toEqual({ kind: 'unauthenticated' });
    expect(await auth.revoke(tenantId, k.id)).toEqual(revoked);
    expect(await auth.authenticate(bearer(kept.key))).not.toBeNull();
    expect(store.lookupsOf(kept.key)).toBe(1);
  });

  it('answers null for a key the tenant does not have and keeps accepting the key it was asked about', async () => {
    const k = await newKey();
    await store.createTenant('other', 'Other');
    const auth = serviceWith();
    await auth.authenticate(bearer(k.key));
    expect(await auth.revoke('other', k.id)).toBeNull();
    expect(await auth.revoke(tenantId, 'key_nosuchkey00000000')).toBeNull();
    expect(await auth.authenticate(bearer(k.key))).toMatchObject({ keyId: k.id });
    expect(store.lookupsOf(k.key)).toBe(1);
  });

  it('does not cache what a lookup read before a revocation that finished while it was in flight', async () => {
    const k = await newKey();
    const auth = serviceWith();
    let release!: () => void;
    store.hold = new Promise((resolve) => { release = resolve; });
    const inFlight = auth.authenticate(bearer(k.key));
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.lookupsOf(k.key)).toBe(1);
    store.hold = null;
    await auth.revoke(tenantId, k.id);
    release();
    expect(await inFlight).toMatchObject({ keyId: k.id });
    expect(await auth.authenticate(bearer(k.key))).toBeNull();
    expect(store.lookupsOf(k.key)).toBe(2);
  });
});
