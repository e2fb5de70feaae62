// Authentication, scopes and tenant isolation through the HTTP API.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHarness, expectProblem, type Call, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;
let a: TenantFixture;
let b: TenantFixture;

const catalog = (sku: string) => ({
  warehouses: [{ id: 'w1', region: 'CN-ZJ', priority: 1 }],
  skus: [{ sku: 'SHARED' }, { sku }],
  stock: [{ warehouse: 'w1', sku: 'SHARED', onHand: 10 }, { warehouse: 'w1', sku, onHand: 10 }],
});

beforeAll(async () => {
  h = await createHttpHarness();
  a = await h.tenant(catalog('ONLY-A'));
  b = await h.tenant(catalog('ONLY-B'));
});

afterAll(async () => {
  await h?.close();
});

const reserveBody = { lines: [{ sku: 'SHARED', qty: 1 }] };

describe('authentication', () => {
  const calls = (): { name: string; call: Omit<Call, 'key'> }[] => [
    { name: 'POST /v1/tenants', call: { method: 'POST', url: '/v1/tenants', body: { id: 'intruder', name: 'x' } } },
    { name: 'POST /v1/tenants/{id}/keys', call: { method: 'POST', url: `/v1/tenants/${a.id}/keys`, body: { scopes: ['admin'] } } },
    { name: 'POST /v1/reservations', call: { method: 'POST', url: '/v1/reservations', body: reserveBody, headers: { 'idempotency-key': 'k-auth' } } },
    { name: 'PUT /v1/stock', call: { method: 'PUT', url: '/v1/stock/w1/SHARED', body: { onHand: 0 } } },
    { name: 'GET /v1/stock', call: { method: 'GET', url: '/v1/stock/SHARED' } },
    { name: 'GET /v1/warehouses', call: { method: 'GET', url: '/v1/warehouses' } },
  ];

  it('answers 401 UNAUTHENTICATED with www-authenticate to a request without a key, a wrong key or another scheme', async () => {
    const before = await h.state(a.id);
    const wrongKeys: (string | undefined)[] = [
      undefined, `pk_${randomBytes(32).toString('base64url')}`, 'not-a-key', `${h.adminKey}x`, h.adminKey.slice(0, -1),
    ];
    for (const { name, call } of calls()) {
      for (const key of wrongKeys) {
        const r = await h.call({ ...call, ...(key === undefined ? {} : { key }) });
        expectProblem(r, 401, 'UNAUTHENTICATED');
        expect(r.headers['www-authenticate'], `${name} with ${key}`).toBe('Bearer');
      }
      const basic = await h.call({ ...call, headers: { ...call.headers, authorization: `Basic ${Buffer.from(`x:${a.keys.admin}`).toString('base64')}` } });
      expectProblem(basic, 401, 'UNAUTHENTICATED');
      const lower = await h.call({ ...call, headers: { ...call.headers, authorization: `bearer${a.keys.admin}` } });
      expectProblem(lower, 401, 'UNAUTHENTICATED');
    }
    expect(await h.state(a.id)).toEqual(before);
    expect(await h.rt.sql`select id from tenants where id = 'intruder'`).toHaveLength(0);
  });

  it('checks the key before reading the body: no key and a 1 MiB body is 401, not 413', async () => {
    const r = await h.call({ method: 'POST', url: '/v1/reservations', payload: `{"lines":[${'{"sku":"A","qty":1},'.repeat(60_000)}{"sku":"A","qty":1}]}`, headers: { 'content-type': 'application/json', 'idempotency-key': 'k-big' } });
    expectProblem(r, 401, 'UNAUTHENTICATED');
  });

  it('accepts the bearer scheme in any letter case', async () => {
    const r = await h.call({ method: 'GET', url: '/v1/warehouses', headers: { authorization: `bEaReR ${a.keys.admin}` } });
    expect(r.status).toBe(200);
  });
});

describe('scopes', () => {
  it('a read key cannot reserve, confirm or release (403 FORBIDDEN)', async () => {
    const held = await h.reserve(a, reserveBody);
    const before = await h.state(a.id);
    expectProblem(await h.call({ method: 'POST', url: '/v1/reservations', key: a.keys.read, body: reserveBody, headers: { 'idempotency-key': 'k-read' } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'POST', url: `/v1/reservations/${held.body.id}/confirm`, key: a.keys.read }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/reservations/${held.body.id}`, key: a.keys.read }), 403, 'FORBIDDEN');
    expect(await h.state(a.id)).toEqual(before);
    await h.call({ method: 'DELETE', url: `/v1/reservations/${held.body.id}`, key: a.keys.checkout });
  });

  it('a checkout key cannot set or adjust stock, or change the catalog (403 FORBIDDEN)', async () => {
    const before = await h.state(a.id);
    expectProblem(await h.call({ method: 'PUT', url: '/v1/stock/w1/SHARED', key: a.keys.checkout, body: { onHand: 0 } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'POST', url: '/v1/stock/w1/SHARED/adjustments', key: a.keys.checkout, body: { delta: 1, reason: 'x' } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'PUT', url: '/v1/warehouses/w2', key: a.keys.checkout, body: { name: 'x', region: 'CN-ZJ', priority: 1 } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'PUT', url: '/v1/skus/NEW', key: a.keys.read, body: { name: 'x' } }), 403, 'FORBIDDEN');
    expect(await h.state(a.id)).toEqual(before);
  });

  it('a tenant admin key cannot create tenants (403 FORBIDDEN)', async () => {
    const r = await h.call({ method: 'POST', url: '/v1/tenants', key: a.keys.admin, body: { id: 'made_by_tenant', name: 'x' } });
    expectProblem(r, 403, 'FORBIDDEN');
    const rows = await h.rt.sql`select id from tenants where id = 'made_by_tenant'`;
    expect(rows).toHaveLength(0);
  });

  it('the operator key is not a tenant: it cannot reserve or read stock (403 FORBIDDEN)', async () => {
    expectProblem(await h.call({ method: 'POST', url: '/v1/reservations', key: h.adminKey, body: reserveBody, headers: { 'idempotency-key': 'k-op' } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock/SHARED', key: h.adminKey }), 403, 'FORBIDDEN');
  });

  it('a read key reads stock, SKUs, warehouses and reservations', async () => {
    const held = await h.reserve(a, reserveBody);
    for (const url of ['/v1/stock/SHARED', '/v1/stock?skus=SHARED', '/v1/skus/SHARED', '/v1/warehouses', `/v1/reservations/${held.body.id}`]) {
      expect((await h.call({ method: 'GET', url, key: a.keys.read })).status, url).toBe(200);
    }
    await h.call({ method: 'DELETE', url: `/v1/reservations/${held.body.id}`, key: a.keys.checkout });
  });
});

describe('tenant isolation', () => {
  it("tenant B sees 404 for tenant A's reservation, SKU and stock and cannot move A's reservation; A is unchanged", async () => {
    const held = await h.reserve(a, { lines: [{ sku: 'ONLY-A', qty: 2 }] });
    expect(held.status).toBe(201);
    const id = held.body.id as string;
    const before = await h.state(a.id);

    expectProblem(await h.call({ method: 'GET', url: `/v1/reservations/${id}`, key: b.keys.read }), 404, 'RESERVATION_NOT_FOUND');
    expectProblem(await h.call({ method: 'POST', url: `/v1/reservations/${id}/confirm`, key: b.keys.checkout }), 404, 'RESERVATION_NOT_FOUND');
    expectProblem(await h.call({ method: 'POST', url: `/v1/reservations/${id}/fulfil`, key: b.keys.checkout }), 404, 'RESERVATION_NOT_FOUND');
    expectProblem(await h.call({ method: 'DELETE', url: `/v1/reservations/${id}`, key: b.keys.checkout }), 404, 'RESERVATION_NOT_FOUND');
    expectProblem(await h.call({ method: 'GET', url: '/v1/skus/ONLY-A', key: b.keys.read }), 404, 'UNKNOWN_SKU');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock/ONLY-A', key: b.keys.read }), 404, 'UNKNOWN_SKU');
    expectProblem(await h.call({ method: 'GET', url: '/v1/stock?skus=SHARED,ONLY-A', key: b.keys.read }), 404, 'UNKNOWN_SKU');
    expectProblem(await h.reserve(b, { lines: [{ sku: 'ONLY-A', qty: 1 }] }), 404, 'UNKNOWN_SKU');
    expectProblem(await h.call({ method: 'PUT', url: '/v1/stock/w1/ONLY-A', key: b.keys.admin, body: { onHand: 0 } }), 404, 'UNKNOWN_SKU');

    expect(await h.state(a.id)).toEqual(before);
    const mine = await h.call({ method: 'GET', url: `/v1/reservations/${id}`, key: a.keys.read });
    expect(mine.body.status).toBe('held');
    expect(await h.cell(a.id, 'w1', 'ONLY-A')).toMatchObject({ onHand: 10, reserved: 2 });
    await h.call({ method: 'DELETE', url: `/v1/reservations/${id}`, key: a.keys.checkout });
  });

  it("the same warehouse, SKU and Idempotency-Key in two tenants are separate: B's writes never touch A's stock", async () => {
    const before = await h.cell(a.id, 'w1', 'SHARED');
    const ra = await h.reserve(a, reserveBody, 'same-order-id');
    const rb = await h.reserve(b, reserveBody, 'same-order-id');
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.body.id).not.toBe(ra.body.id);

    await h.call({ method: 'PUT', url: '/v1/stock/w1/SHARED', key: b.keys.admin, body: { onHand: 500 } });
    await h.call({ method: 'POST', url: `/v1/reservations/${rb.body.id}/confirm`, key: b.keys.checkout });
    expect(await h.cell(a.id, 'w1', 'SHARED')).toEqual({ ...before, reserved: before.reserved + 1, v: before.v + 1 });
    expect(await h.cell(b.id, 'w1', 'SHARED')).toMatchObject({ onHand: 500, committed: 1 });
    const stockA = await h.call({ method: 'GET', url: '/v1/stock/SHARED', key: a.keys.read });
    expect(stockA.body.totals).toMatchObject({ onHand: before.onHand, reserved: before.reserved + 1, committed: 0 });
    const whB = await h.call({ method: 'GET', url: '/v1/warehouses', key: b.keys.read });
    expect(whB.body.items).toHaveLength(1);
    await h.call({ method: 'DELETE', url: `/v1/reservations/${ra.body.id}`, key: a.keys.checkout });
  });
});
