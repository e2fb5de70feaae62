// API keys through the HTTP API: creation answers the key id, listing never
// shows a key, revocation is refused at once by the process that revoked and
// within the cache TTL by every other, and another tenant learns nothing.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.ts';
import { hashApiKey } from '../../src/adapters/postgres/catalog.repo.ts';
import { AuthService, authOptionsOf } from '../../src/app/auth.service.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  h = await createHttpHarness();
  a = await h.tenant({ warehouses: [{ id: 'w1' }] });
  b = await h.tenant({ warehouses: [{ id: 'w1' }] });
});

afterAll(async () => {
  await h?.close();
});

async function newKey(t: TenantFixture, scopes: string[], label?: string): Promise<{ id: string; key: string }> {
  const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: t.keys.admin, body: { scopes, ...(label === undefined ? {} : { label }) } });
  expect(r.status, r.text).toBe(201);
  expect(r.body).toEqual({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^pk_/), scopes });
  return { id: r.body.id, key: r.body.key };
}

const reads = (key: string) => h.call({ method: 'GET', url: '/v1/warehouses', key });

describe('revoking a key', () => {
  it('refuses the key at once in the process that revoked it, though it was cached', async () => {
    const k = await newKey(a, ['read']);
    expect((await reads(k.key)).status).toBe(200);
    const r = await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: a.keys.admin });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ id: k.id, revokedAt: expect.any(String) });
    expect(Date.parse(r.body.revokedAt)).not.toBeNaN();
    expectProblem(await reads(k.key), 401, 'UNAUTHENTICATED');
  });

  it('is idempotent: revoking again answers 200 with the first revocation time', async () => {
    const k = await newKey(a, ['read']);
    const first = await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: a.keys.admin });
    const again = await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: h.adminKey });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('answers 404 UNKNOWN_KEY for a key id the tenant does not have, including another tenant\'s key', async () => {
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/key_nosuchkey0000000`, key: a.keys.admin }), 404, 'UNKNOWN_KEY');
    const kb = await newKey(b, ['read']);
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${kb.id}`, key: a.keys.admin }), 404, 'UNKNOWN_KEY');
    expect((await reads(kb.key)).status).toBe(200);
  });

  it("another tenant's admin gets 404 for this tenant's keys and changes nothing", async () => {
    const k = await newKey(a, ['read']);
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: b.keys.admin }), 404, 'TENANT_NOT_FOUND');
    expectProblem(await h.call({ method: 'GET', url: `/v1/tenants/${a.id}/keys`, key: b.keys.admin }), 404, 'TENANT_NOT_FOUND');
    expect((await reads(k.key)).status).toBe(200);
    const [row] = await h.rt.sql<{ revoked_at: Date | null }[]>`select revoked_at from api_keys where id = ${k.id}`;
    expect(row!.revoked_at).toBeNull();
  });

  it('needs the operator key or an admin key of the tenant (checkout and read keys: 403)', async () => {
    const k = await newKey(a, ['read']);
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: a.keys.checkout }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: a.keys.read }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}` }), 401, 'UNAUTHENTICATED');
    expectProblem(await h.call({ method: 'GET', url: `/v1/tenants/${a.id}/keys`, key: a.keys.read }), 403, 'FORBIDDEN');
    expect((await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: h.adminKey })).status).toBe(200);
  });

  it('is refused by another process within PALLET_AUTH_CACHE_TTL_MS: the store no longer finds a revoked key', async () => {
    let nowMs = 0;
    const ttlMs = h.config.authCacheTtlMs;
    const other = new AuthService(h.rt.store, h.adminKey, authOptionsOf(h.config), () => nowMs);
    const otherApp: FastifyInstance = await buildApp({ ...h.rt.deps, auth: other });
    try {
      const k = await newKey(a, ['read']);
      const readsThere = async () => (await otherApp.inject({ method: 'GET', url: '/v1/warehouses', headers: { authorization: `Bearer ${k.key}` } })).statusCode;
      expect(await readsThere()).toBe(200);
      expect((await h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: a.keys.admin })).status).toBe(200);
      nowMs += ttlMs - 1;
      expect(await readsThere()).toBe(200);
      nowMs += 2;
      expect(await readsThere()).toBe(401);
    } finally {
      await otherApp.close();
    }
  });

  it('two revocations at once both answer 200 with the same time', async () => {
    const k = await newKey(a, ['read']);
    const [x, y] = await Promise.all([
      h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: a.keys.admin }),
      h.call({ method: 'DELETE', url: `/v1/tenants/${a.id}/keys/${k.id}`, key: h.adminKey }),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.body.revokedAt).toBe(y.body.revokedAt);
  });
});

describe('listing keys', () => {
  it('lists every key of the tenant with its revocation time and never a key or its hash', async () => {
    const t = await h.tenant();
    const live = await newKey(t, ['checkout'], 'web shop');
    const gone = await newKey(t, ['read', 'admin']);
    const revoked = await h.call({ method: 'DELETE', url: `/v1/tenants/${t.id}/keys/${gone.id}`, key: t.keys.admin });
    const r = await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys`, key: t.keys.admin });
    expect(r.status, r.text).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.items).toHaveLength(5);
    expect(r.body.next).toBeNull();
    const byId = new Map<string, any>(r.body.items.map((k: any) => [k.id, k]));
    expect(byId.get(live.id)).toEqual({ id: live.id, label: 'web shop', scopes: ['checkout'], channel: null, createdAt: expect.any(String), revokedAt: null });
    expect(byId.get(gone.id)).toMatchObject({ label: null, scopes: ['read', 'admin'], revokedAt: revoked.body.revokedAt });
    for (const secret of [live.key, gone.key, t.keys.admin, hashApiKey(live.key)]) expect(r.text).not.toContain(secret);
    const ops = await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey });
    expect(ops.body).toEqual(r.body);
  });

  it('pages with limit and next', async () => {
    const t = await h.tenant();
    const all = (await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey })).body.items.map((k: any) => k.id);
    const first = await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys?limit=2`, key: h.adminKey });
    expect(first.body.items.map((k: any) => k.id)).toEqual(all.slice(0, 2));
    const second = await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys?limit=2&after=${first.body.next}`, key: h.adminKey });
    expect(second.body.items.map((k: any) => k.id)).toEqual(all.slice(2));
    expect(second.body.next).toBeNull();
    expectProblem(await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys?limit=0`, key: h.adminKey }), 400, 'VALIDATION_FAILED');
  });

  it('answers 404 TENANT_NOT_FOUND to the operator for a tenant that does not exist', async () => {
    expectProblem(await h.call({ method: 'GET', url: '/v1/tenants/no_such_tenant/keys', key: h.adminKey }), 404, 'TENANT_NOT_FOUND');
  });
});
