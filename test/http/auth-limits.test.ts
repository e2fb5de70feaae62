// The API-key cache cannot be flushed by unknown keys, and failed
// authentications are limited per client address (429 AUTH_RATE_LIMITED).
// Real PostgreSQL: the app's AuthService reads keys through the real
// CatalogRepo, wrapped only to count the lookups; a settable clock moves the
// windows and TTLs.
//
// Against the old AuthService (one Map for valid and unknown keys, cleared
// whole when full, no limit) the flood test fails (the valid key is looked
// up again after the flood) and every 429 test fails (no 429 at all).

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.ts';
import { AuthService, authOptionsOf } from '../../src/app/auth.service.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpHarness, expectProblem, replyOf, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';

const cacheEntriesMax = 8;
const negativeEntriesMax = 16;
const failuresMax = 5;
const windowMs = 60_000;
const cacheTtlMs = 30_000;

let h: HttpHarness;
let t: TenantFixture;
let nowMs = 0;
/** findApiKey calls per plaintext key, on the real repo underneath. */
const lookups = new Map<string, number>();
const lookupsOf = (key: string): number => lookups.get(key) ?? 0;
const totalLookups = (): number => [...lookups.values()].reduce((a, b) => a + b, 0);

async function appWith(env: Record<string, string>): Promise<{ app: FastifyInstance; auth: AuthService }> {
  const config = loadConfig({ ...process.env, ...env, PALLET_NAMESPACE: h.namespace, PALLET_ADMIN_KEY: h.adminKey, PALLET_LOG_LEVEL: 'silent' });
  const store = h.rt.store;
  const counted = {
    findApiKey: (key: string) => {
      lookups.set(key, lookupsOf(key) + 1);
      return store.findApiKey(key);
    },
    revokeApiKey: (tenant: string, keyId: string) => store.revokeApiKey(tenant, keyId),
  };
  const auth = new AuthService(counted, config.adminKey, authOptionsOf(config), () => nowMs);
  return { app: await buildApp({ ...h.rt.deps, config, auth }), auth };
}

const limitsEnv = {
  PALLET_AUTH_CACHE_TTL_MS: String(cacheTtlMs), PALLET_AUTH_CACHE_ENTRIES_MAX: String(cacheEntriesMax),
  PALLET_AUTH_NEGATIVE_CACHE_TTL_MS: '5000', PALLET_AUTH_NEGATIVE_CACHE_ENTRIES_MAX: String(negativeEntriesMax),
  PALLET_AUTH_FAILURES_MAX: String(failuresMax), PALLET_AUTH_FAILURE_WINDOW_MS: String(windowMs), PALLET_AUTH_FAILURE_ADDRESSES_MAX: '10000',
};

async function get(app: FastifyInstance, key: string | undefined, address: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await app.inject({
    method: 'GET', url: '/v1/warehouses', remoteAddress: address,
    headers: { ...headers, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
  });
  return replyOf(res);
}

const randomKey = (): string => `pk_${randomBytes(32).toString('base64url')}`;

beforeAll(async () => {
  h = await createHttpHarness();
  t = await h.tenant({ warehouses: [{ id: 'w1' }] });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  lookups.clear();
  nowMs = 1_000_000;
});

describe('API-key cache under a flood of unknown keys', () => {
  it(`keeps a valid key cached through ${cacheEntriesMax * 25} random keys from many addresses: no further lookup of it`, async () => {
    const { app } = await appWith(limitsEnv);
    try {
      expect((await get(app, t.keys.read, '10.0.0.1')).status).toBe(200);
      expect(lookupsOf(t.keys.read)).toBe(1);
      const flood = Array.from({ length: cacheEntriesMax * 25 }, randomKey);
      for (const [i, key] of flood.entries()) {
        // failuresMax - 1 per address: the rate limit never answers, so only the caches are tested.
        const r = await get(app, key, `10.1.${Math.floor(i / (failuresMax - 1))}.1`);
        expectProblem(r, 401, 'UNAUTHENTICATED');
      }
      expect(totalLookups()).toBe(1 + flood.length);
      for (let i = 0; i < 5; i++) expect((await get(app, t.keys.read, '10.0.0.1')).status).toBe(200);
      expect(lookupsOf(t.keys.read)).toBe(1);
      // The newest unknown keys are remembered as unknown (no second lookup); the negative cache is bounded.
      const last = flood[flood.length - 1]!;
      expectProblem(await get(app, last, '10.2.0.1'), 401, 'UNAUTHENTICATED');
      expect(lookupsOf(last)).toBe(1);
      expectProblem(await get(app, flood[0]!, '10.2.0.2'), 401, 'UNAUTHENTICATED');
      expect(lookupsOf(flood[0]!)).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('keeps the most recently used valid keys when more valid keys than the cache holds are in use', async () => {
    const { app } = await appWith(limitsEnv);
    try {
      const extra: string[] = [];
      for (let i = 0; i < cacheEntriesMax + 4; i++) {
        const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['read'] } });
        extra.push(r.body.key as string);
      }
      expect((await get(app, t.keys.read, '10.3.0.1')).status).toBe(200);
      for (const key of extra) {
        expect((await get(app, key, '10.3.0.1')).status).toBe(200);
        expect((await get(app, t.keys.read, '10.3.0.1')).status).toBe(200);
      }
      expect(lookupsOf(t.keys.read)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('reads a valid key again once its TTL has passed (so a revocation elsewhere takes effect)', async () => {
    const { app } = await appWith(limitsEnv);
    try {
      expect((await get(app, t.keys.read, '10.4.0.1')).status).toBe(200);
      nowMs += cacheTtlMs - 1;
      expect((await get(app, t.keys.read, '10.4.0.1')).status).toBe(200);
      expect(lookupsOf(t.keys.read)).toBe(1);
      nowMs += 2;
      expect((await get(app, t.keys.read, '10.4.0.1')).status).toBe(200);
      expect(lookupsOf(t.keys.read)).toBe(2);
    } finally {
      await app.close();
    }
  });
});

describe('failed authentications per client address', () => {
  it(`answers 429 AUTH_RATE_LIMITED with Retry-After after ${failuresMax} failures, before any lookup, until the window ends`, async () => {
    const { app } = await appWith(limitsEnv);
    try {
      for (let i = 0; i < failuresMax; i++) expectProblem(await get(app, randomKey(), '10.9.0.1'), 401, 'UNAUTHENTICATED');
      expect(totalLookups()).toBe(failuresMax);
      const limited = await get(app, randomKey(), '10.9.0.1');
      expectProblem(limited, 429, 'AUTH_RATE_LIMITED');
      expect(limited.headers['retry-after']).toBe(String(windowMs / 1000));
      expect(totalLookups()).toBe(failuresMax);
      // A correct key from the limited address gets the same answer as a wrong one (no guessing oracle) …
      expectProblem(await get(app, t.keys.read, '10.9.0.1'), 429, 'AUTH_RATE_LIMITED');
      expectProblem(await get(app, h.adminKey, '10.9.0.1'), 429, 'AUTH_RATE_LIMITED');
      // … other addresses are not affected, and a request without a key is a plain 401.
      expect((await get(app, t.keys.read, '10.9.0.2')).status).toBe(200);
      expectProblem(await get(app, undefined, '10.9.0.1'), 401, 'UNAUTHENTICATED');
      nowMs += windowMs / 2;
      expect((await get(app, randomKey(), '10.9.0.1')).headers['retry-after']).toBe(String(windowMs / 2000));
      nowMs += windowMs / 2;
      expect((await get(app, t.keys.read, '10.9.0.1')).status).toBe(200);
      expectProblem(await get(app, randomKey(), '10.9.0.1'), 401, 'UNAUTHENTICATED');
    } finally {
      await app.close();
    }
  });

  it('bounds lookups from one address even when its guesses arrive all at once', async () => {
    const { app } = await appWith(limitsEnv);
    try {
      const replies = await Promise.all(Array.from({ length: 40 }, () => get(app, randomKey(), '10.9.1.1')));
      expect(totalLookups()).toBe(failuresMax);
      expect(replies.filter((r) => r.status === 401)).toHaveLength(failuresMax);
      expect(replies.filter((r) => r.status === 429)).toHaveLength(40 - failuresMax);
    } finally {
      await app.close();
    }
  });

  it('does not count successful authentications', async () => {
    const { app } = await appWith(limitsEnv);
    try {
      for (let i = 0; i < failuresMax - 1; i++) expectProblem(await get(app, randomKey(), '10.9.2.1'), 401, 'UNAUTHENTICATED');
      for (let i = 0; i < 20; i++) expect((await get(app, t.keys.read, '10.9.2.1')).status).toBe(200);
      expectProblem(await get(app, randomKey(), '10.9.2.1'), 401, 'UNAUTHENTICATED');
      expectProblem(await get(app, randomKey(), '10.9.2.1'), 429, 'AUTH_RATE_LIMITED');
    } finally {
      await app.close();
    }
  });

  it('ignores X-Forwarded-For unless PALLET_TRUST_PROXY names the peer: a client cannot rotate its address by header', async () => {
    const direct = await appWith(limitsEnv);
    try {
      for (let i = 0; i < failuresMax; i++) {
        expectProblem(await get(direct.app, randomKey(), '10.9.3.1', { 'x-forwarded-for': `192.0.2.${i}` }), 401, 'UNAUTHENTICATED');
      }
      expectProblem(await get(direct.app, randomKey(), '10.9.3.1', { 'x-forwarded-for': '192.0.2.200' }), 429, 'AUTH_RATE_LIMITED');
    } finally {
      await direct.app.close();
    }
    const proxied = await appWith({ ...limitsEnv, PALLET_TRUST_PROXY: '10.9.3.1' });
    try {
      for (let i = 0; i < failuresMax * 3; i++) {
        expectProblem(await get(proxied.app, randomKey(), '10.9.3.1', { 'x-forwarded-for': `192.0.2.${i}` }), 401, 'UNAUTHENTICATED');
      }
      for (let i = 0; i < failuresMax; i++) await get(proxied.app, randomKey(), '10.9.3.1', { 'x-forwarded-for': '198.51.100.7' });
      expectProblem(await get(proxied.app, t.keys.read, '10.9.3.1', { 'x-forwarded-for': '198.51.100.7' }), 429, 'AUTH_RATE_LIMITED');
      expect((await get(proxied.app, t.keys.read, '10.9.3.1', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    } finally {
      await proxied.app.close();
    }
  });

  it('tracks at most PALLET_AUTH_FAILURE_ADDRESSES_MAX addresses, dropping the least recently failed', async () => {
    const { app } = await appWith({ ...limitsEnv, PALLET_AUTH_FAILURE_ADDRESSES_MAX: '4' });
    try {
      for (let i = 0; i < failuresMax; i++) await get(app, randomKey(), '10.9.4.1');
      expectProblem(await get(app, randomKey(), '10.9.4.1'), 429, 'AUTH_RATE_LIMITED');
      for (let a = 0; a < 4; a++) await get(app, randomKey(), `10.9.5.${a}`);
      expectProblem(await get(app, randomKey(), '10.9.4.1'), 401, 'UNAUTHENTICATED');
    } finally {
      await app.close();
    }
  });
});

describe('auth limits configuration', () => {
  it('refuses PALLET_TRUST_PROXY=true (any client could choose its address) and accepts addresses and CIDRs', () => {
    expect(() => loadConfig({ PALLET_TRUST_PROXY: 'true' })).toThrow(/PALLET_TRUST_PROXY/);
    expect(loadConfig({ PALLET_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toBe('10.0.0.0/8, ::1');
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ PALLET_AUTH_FAILURES_MAX: '0' })).toThrow(/PALLET_AUTH_FAILURES_MAX/);
  });
});
