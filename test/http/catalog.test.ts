// Tenants, API keys, warehouses and SKUs through the HTTP API (real PostgreSQL + Redis).

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHarness, expectProblem, type HttpHarness } from '../helpers/http.ts';

let h: HttpHarness;

beforeAll(async () => {
  h = await createHttpHarness();
});

afterAll(async () => {
  await h?.close();
});

const tenantCount = async (): Promise<number> => Number((await h.rt.sql<{ n: string }[]>`select count(*) as n from tenants`)[0]!.n);
const keyCount = async (tenant: string): Promise<number> =>
  Number((await h.rt.sql<{ n: string }[]>`select count(*) as n from api_keys where tenant_id = ${tenant}`)[0]!.n);

describe('POST /v1/tenants', () => {
  it('creates a tenant with 201, then answers 200 with the stored tenant for the same id', async () => {
    const id = `acme_${Date.now().toString(36)}`;
    const first = await h.call({ method: 'POST', url: '/v1/tenants', key: h.adminKey, body: { id, name: 'Acme' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id, name: 'Acme', created: true });

    const again = await h.call({ method: 'POST', url: '/v1/tenants', key: h.adminKey, body: { id, name: 'Renamed' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id, name: 'Acme', created: false });
  });
});

describe('POST /v1/tenants/{id}/keys', () => {
  it('the operator key creates a key, shown once with cache-control: no-store and stored only as a hash', async () => {
    const t = await h.tenant();
    const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['read', 'checkout'], label: 'pos' } });
    expect(r.status).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toEqual({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^pk_/), scopes: ['read', 'checkout'] });

    const rows = await h.rt.sql`select * from api_keys where tenant_id = ${t.id}`;
    expect(JSON.stringify(rows)).not.toContain(r.body.key);
    const hash = createHash('sha256').update(r.body.key).digest('hex');
    expect(rows.filter((row) => row.key_hash === hash)).toHaveLength(1);

    const used = await h.call({ method: 'GET', url: '/v1/warehouses', key: r.body.key });
    expect(used.status).toBe(200);
  });

  it('a tenant admin key creates keys for its own tenant', async () => {
    const t = await h.tenant();
    const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: t.keys.admin, body: { scopes: ['checkout'] } });
    expect(r.status).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body.scopes).toEqual(['checkout']);
    const reserve = await h.reserve({ id: t.id, keys: { ...t.keys, checkout: r.body.key } }, { lines: [{ sku: 'nope', qty: 1 }] });
    expectProblem(reserve, 404, 'UNKNOWN_SKU');
  });

  it("a tenant admin key gets 404 for another tenant's id and creates nothing there", async () => {
    const a = await h.tenant();
    const b = await h.tenant();
    const before = await keyCount(b.id);
    const r = await h.call({ method: 'POST', url: `/v1/tenants/${b.id}/keys`, key: a.keys.admin, body: { scopes: ['admin'] } });
    expectProblem(r, 404, 'TENANT_NOT_FOUND');
    expect(r.headers['cache-control']).not.toBe('no-store');
    expect(await keyCount(b.id)).toBe(before);
  });

  it('the operator key gets 404 TENANT_NOT_FOUND for a tenant that does not exist', async () => {
    const r = await h.call({ method: 'POST', url: '/v1/tenants/no_such_tenant/keys', key: h.adminKey, body: { scopes: ['read'] } });
    expectProblem(r, 404, 'TENANT_NOT_FOUND');
  });

  it('a checkout or read key cannot create keys (403)', async () => {
    const t = await h.tenant();
    const before = await keyCount(t.id);
    for (const key of [t.keys.checkout, t.keys.read]) {
      const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key, body: { scopes: ['admin'] } });
      expectProblem(r, 403, 'FORBIDDEN');
    }
    expect(await keyCount(t.id)).toBe(before);
  });
});

describe('warehouses', () => {
  it('PUT creates (201) then updates (200); GET lists them with name, region and priority', async () => {
    const t = await h.tenant();
    const put = (id: string, body: object) => h.call({ method: 'PUT', url: `/v1/warehouses/${id}`, key: t.keys.admin, body });
    const created = await put('wh-east', { name: 'East', region: 'CN-ZJ', priority: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'wh-east', created: true });
    expect((await put('wh-south', { name: 'South', region: 'CN-GD', priority: 1 })).status).toBe(201);
    const updated = await put('wh-east', { name: 'East (Hangzhou)', region: 'CN-ZJ', priority: 5 });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ id: 'wh-east', created: false });

    const list = await h.call({ method: 'GET', url: '/v1/warehouses', key: t.keys.read });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { id: 'wh-east', name: 'East (Hangzhou)', region: 'CN-ZJ', priority: 5 },
      { id: 'wh-south', name: 'South', region: 'CN-GD', priority: 1 },
    ]);
  });
});

describe('skus', () => {
  it('PUT creates (201) then updates (200) a plain SKU; GET returns it with no components', async () => {
    const t = await h.tenant();
    const first = await h.call({ method: 'PUT', url: '/v1/skus/TS-010', key: t.keys.admin, body: { name: 'T-shirt' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: 'TS-010', created: true });
    const again = await h.call({ method: 'PUT', url: '/v1/skus/TS-010', key: t.keys.admin, body: { name: 'Merino T-shirt' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: 'TS-010', created: false });
    const got = await h.call({ method: 'GET', url: '/v1/skus/TS-010', key: t.keys.read });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ sku: 'TS-010', name: 'Merino T-shirt', components: [] });
  });

  it('a SKU with components is a bundle and GET returns its components', async () => {
    const t = await h.tenant({ skus: [{ sku: 'JACKET' }, { sku: 'SOCKS' }] });
    const r = await h.call({ method: 'PUT', url: '/v1/skus/KIT', key: t.keys.admin, body: { name: 'Kit', components: [{ sku: 'JACKET', qty: 1 }, { sku: 'SOCKS', qty: 2 }] } });
    expect(r.status).toBe(201);
    const got = await h.call({ method: 'GET', url: '/v1/skus/KIT', key: t.keys.checkout });
    expect(got.body).toEqual({ sku: 'KIT', name: 'Kit', components: [{ sku: 'JACKET', qty: 1 }, { sku: 'SOCKS', qty: 2 }] });
  });

  it('GET of an unknown SKU answers 404 UNKNOWN_SKU', async () => {
    const t = await h.tenant();
    const r = await h.call({ method: 'GET', url: '/v1/skus/NOPE', key: t.keys.read });
    expectProblem(r, 404, 'UNKNOWN_SKU');
    expect(r.body.skus).toEqual(['NOPE']);
  });

  it('a bundle that would contain itself, directly or through another bundle, is refused with BUNDLE_CYCLE and nothing changes', async () => {
    const t = await h.tenant({ skus: [{ sku: 'A' }, { sku: 'K1', components: [{ sku: 'A', qty: 1 }] }, { sku: 'K2', components: [{ sku: 'K1', qty: 1 }] }] });
    const before = await h.state(t.id);
    const self = await h.call({ method: 'PUT', url: '/v1/skus/K1', key: t.keys.admin, body: { name: 'K1', components: [{ sku: 'K1', qty: 1 }] } });
    expectProblem(self, 422, 'BUNDLE_CYCLE');
    const loop = await h.call({ method: 'PUT', url: '/v1/skus/K1', key: t.keys.admin, body: { name: 'K1', components: [{ sku: 'K2', qty: 1 }] } });
    expectProblem(loop, 422, 'BUNDLE_CYCLE');
    expect(await h.state(t.id)).toEqual(before);
    const got = await h.call({ method: 'GET', url: '/v1/skus/K1', key: t.keys.read });
    expect(got.body.components).toEqual([{ sku: 'A', qty: 1 }]);
  });

  it('a bundle with an unknown component is refused with 404 UNKNOWN_SKU naming it', async () => {
    const t = await h.tenant({ skus: [{ sku: 'A' }] });
    const before = await h.state(t.id);
    const r = await h.call({ method: 'PUT', url: '/v1/skus/KIT', key: t.keys.admin, body: { name: 'Kit', components: [{ sku: 'A', qty: 1 }, { sku: 'GHOST', qty: 1 }] } });
    expectProblem(r, 404, 'UNKNOWN_SKU');
    expect(r.body.skus).toEqual(['GHOST']);
    expect(await h.state(t.id)).toEqual(before);
    expectProblem(await h.call({ method: 'GET', url: '/v1/skus/KIT', key: t.keys.read }), 404, 'UNKNOWN_SKU');
  });

  it('a bundle listing a component twice is refused with BUNDLE_INVALID naming components', async () => {
    const t = await h.tenant({ skus: [{ sku: 'A' }] });
    const before = await h.state(t.id);
    const r = await h.call({ method: 'PUT', url: '/v1/skus/KIT', key: t.keys.admin, body: { name: 'Kit', components: [{ sku: 'A', qty: 1 }, { sku: 'A', qty: 2 }] } });
    expectProblem(r, 422, 'BUNDLE_INVALID', 'components');
    expect(await h.state(t.id)).toEqual(before);
  });
});

describe('bundle depth from PALLET_BUNDLE_DEPTH_MAX', () => {
  let shallow: HttpHarness;

  beforeAll(async () => {
    shallow = await createHttpHarness({ PALLET_BUNDLE_DEPTH_MAX: '2' });
  });

  afterAll(async () => {
    await shallow?.close();
  });

  it('accepts bundles nested up to the limit and refuses one level more with BUNDLE_TOO_DEEP', async () => {
    const t = await shallow.tenant({
      warehouses: [{ id: 'w1' }],
      skus: [{ sku: 'A' }, { sku: 'K1', components: [{ sku: 'A', qty: 2 }] }, { sku: 'K2', components: [{ sku: 'K1', qty: 3 }] }],
      stock: [{ warehouse: 'w1', sku: 'A', onHand: 100 }],
    });
    const before = await shallow.state(t.id);
    const r = await shallow.call({ method: 'PUT', url: '/v1/skus/K3', key: t.keys.admin, body: { name: 'K3', components: [{ sku: 'K2', qty: 1 }] } });
    expectProblem(r, 422, 'BUNDLE_TOO_DEEP');
    expect(r.body).toMatchObject({ depth: 3, max: 2 });
    expect(await shallow.state(t.id)).toEqual(before);

    // The deepest allowed bundle expands through both levels when reserved.
    const res = await shallow.reserve(t, { lines: [{ sku: 'K2', qty: 2 }] });
    expect(res.status).toBe(201);
    expect(res.body.allocations).toEqual([{ warehouse: 'w1', sku: 'A', qty: 12 }]);
  });
});

it('creates no tenant when the operator sends a bad tenant body', async () => {
  const before = await tenantCount();
  const r = await h.call({ method: 'POST', url: '/v1/tenants', key: h.adminKey, body: { id: 'bad id', name: 'x' } });
  expectProblem(r, 400, 'VALIDATION_FAILED', 'body.id');
  expect(await tenantCount()).toBe(before);
});
