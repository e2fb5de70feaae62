// Bad input: every kind gets a 4xx application/problem+json naming the field,
// and changes nothing (the tenant's Redis keys, outbox, reservations and
// catalog version are compared before and after).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Counters } from '../helpers/outbox.ts';
import { createHttpHarness, expectProblem, type Call, type HttpHarness, type Reply, type TenantFixture, type TenantState } from '../helpers/http.ts';

let h: HttpHarness;
let t: TenantFixture;
let before: TenantState;
let cellBefore: Counters;

beforeAll(async () => {
  h = await createHttpHarness();
  t = await h.tenant({
    warehouses: [{ id: 'w1' }],
    skus: [{ sku: 'A' }, { sku: 'B' }],
    stock: [{ warehouse: 'w1', sku: 'A', onHand: 50 }, { warehouse: 'w1', sku: 'B', onHand: 50 }],
  });
  // One live reservation, so "nothing changed" covers a held reservation too.
  const held = await h.reserve(t, { lines: [{ sku: 'A', qty: 5 }] }, 'setup-order');
  expect(held.status).toBe(201);
});

beforeEach(async () => {
  before = await h.state(t.id);
  cellBefore = await h.cell(t.id, 'w1', 'A');
  expect(cellBefore).toMatchObject({ onHand: 50, reserved: 5, committed: 0 });
});

afterAll(async () => {
  await h?.close();
});

const line = { sku: 'A', qty: 1 };
const json = { 'content-type': 'application/json' };

/** POST /v1/reservations with the checkout key and an Idempotency-Key. */
const reserveWith = (c: { body?: unknown; payload?: string | Buffer; headers?: Record<string, string> }): Promise<Reply> =>
  h.call({
    method: 'POST', url: '/v1/reservations', key: t.keys.checkout,
    ...(c.body !== undefined ? { body: c.body } : {}), ...(c.payload !== undefined ? { payload: c.payload } : {}),
    headers: { 'idempotency-key': `bad-${Math.random().toString(36).slice(2)}`, ...c.headers },
  });

interface Case {
  readonly name: string;
  readonly send: () => Promise<Reply>;
  readonly status: number;
  readonly code: string;
  readonly field?: string;
}

const expectUnchanged = async (): Promise<void> => {
  expect(await h.state(t.id)).toEqual(before);
  expect(await h.cell(t.id, 'w1', 'A')).toEqual(cellBefore);
};

const run = (cases: readonly Case[]) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await c.send();
    expectProblem(r, c.status, c.code, c.field);
    await expectUnchanged();
  });
};

const qtyField = 'body.lines[0].qty';
const skuField = 'body.lines[0].sku';

describe('POST /v1/reservations: quantities', () => {
  run([
    { name: 'qty 0 is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A', qty: 0 }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'qty -1 is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A', qty: -1 }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'qty 1.5 is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A', qty: 1.5 }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'qty "1" (a string) is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A', qty: '1' }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'qty 1e309 (Infinity once parsed) is refused naming the qty', send: () => reserveWith({ payload: '{"lines":[{"sku":"A","qty":1e309}]}', headers: json }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'qty null is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A', qty: null }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'qty above the limit is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A', qty: h.config.limits.qtyMax + 1 }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'a missing qty is refused naming the qty', send: () => reserveWith({ body: { lines: [{ sku: 'A' }] } }), status: 400, code: 'VALIDATION_FAILED', field: qtyField },
    { name: 'a bad qty in a later line is named by its index', send: () => reserveWith({ body: { lines: [line, { sku: 'B', qty: 0 }] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines[1].qty' },
  ]);
});

describe('POST /v1/reservations: lines', () => {
  const lines = (n: number) => Array.from({ length: n }, () => line);
  run([
    { name: '101 lines (limit 100) are refused naming lines', send: () => reserveWith({ body: { lines: lines(101) } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines' },
    { name: 'an empty lines array is refused naming lines', send: () => reserveWith({ body: { lines: [] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines' },
    { name: 'a missing lines array is refused naming lines', send: () => reserveWith({ body: {} }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines' },
    { name: 'lines that are not an array are refused naming lines', send: () => reserveWith({ body: { lines: { sku: 'A', qty: 1 } } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines' },
    { name: 'a line that is not an object is refused naming the line', send: () => reserveWith({ body: { lines: ['A'] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines[0]' },
    { name: 'a body that is an array is refused naming the body', send: () => reserveWith({ body: [line] }), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { name: 'a huge array (10,000 lines) is refused as too large', send: () => reserveWith({ body: { lines: lines(10_000) } }), status: 413, code: 'BODY_TOO_LARGE', field: 'body' },
  ]);

  it('a body of many bad lines answers a bounded list of field errors', async () => {
    const payload = `{"lines":[${Array.from({ length: 20_000 }, () => '{}').join(',')}]}`;
    expect(payload.length).toBeLessThan(h.config.limits.bodyBytesMax);
    const r = await reserveWith({ payload, headers: json });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.lines');
    expect(r.body.errors.length).toBeLessThanOrEqual(20);
    expect(r.text.length).toBeLessThan(8 * 1024);
    await expectUnchanged();
  });
});

describe('POST /v1/reservations: JSON and prototype keys', () => {
  const raw = (payload: string) => () => reserveWith({ payload, headers: json });
  run([
    { name: 'a __proto__ key is refused', send: raw('{"__proto__":{"x":1},"lines":[{"sku":"A","qty":1}]}'), status: 400, code: 'INVALID_JSON', field: 'body' },
    { name: 'a __proto__ key inside a line is refused', send: raw('{"lines":[{"sku":"A","qty":1,"__proto__":{"qty":5}}]}'), status: 400, code: 'INVALID_JSON', field: 'body' },
    { name: 'a constructor.prototype key is refused', send: raw('{"constructor":{"prototype":{"x":1}},"lines":[{"sku":"A","qty":1}]}'), status: 400, code: 'INVALID_JSON', field: 'body' },
    { name: 'a plain constructor key is an unknown field', send: raw('{"constructor":1,"lines":[{"sku":"A","qty":1}]}'), status: 400, code: 'VALIDATION_FAILED', field: 'body.constructor' },
    { name: 'a prototype key is an unknown field', send: raw('{"prototype":{"x":1},"lines":[{"sku":"A","qty":1}]}'), status: 400, code: 'VALIDATION_FAILED', field: 'body.prototype' },
    { name: 'invalid JSON is refused naming the body', send: raw('{"lines":[{"sku":"A","qty":1}'), status: 400, code: 'INVALID_JSON', field: 'body' },
    { name: 'an empty JSON body is refused naming the body', send: raw(''), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { name: 'a JSON null body is refused naming the body', send: raw('null'), status: 400, code: 'VALIDATION_FAILED', field: 'body' },
    { name: 'an unknown top-level field is refused naming it', send: () => reserveWith({ body: { lines: [line], coupon: 'FREE' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.coupon' },
    { name: 'an unknown field in a line is refused naming it', send: () => reserveWith({ body: { lines: [{ ...line, price: 1 }] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.lines[0].price' },
  ]);
});

describe('POST /v1/reservations: content type and size', () => {
  const body = JSON.stringify({ lines: [line] });
  run([
    { name: 'text/plain is refused with 415', send: () => reserveWith({ payload: body, headers: { 'content-type': 'text/plain' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' },
    { name: 'a form is refused with 415', send: () => reserveWith({ payload: 'lines=A', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' },
    { name: 'multipart is refused with 415', send: () => reserveWith({ payload: '--x\r\n\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' },
    { name: 'a 1 MiB body is refused with 413', send: () => reserveWith({ payload: `{"lines":[{"sku":"A","qty":1}],"pad":"${'x'.repeat(1024 * 1024)}"}`, headers: json }), status: 413, code: 'BODY_TOO_LARGE', field: 'body' },
  ]);
});

describe('POST /v1/reservations: SKUs, options and headers', () => {
  const skuCase = (label: string, sku: unknown): Case => ({ name: `sku ${label} is refused naming the sku`, send: () => reserveWith({ body: { lines: [{ sku, qty: 1 }] } }), status: 400, code: 'VALIDATION_FAILED', field: skuField });
  run([
    skuCase('of 65 chars', 'S'.repeat(65)),
    skuCase('"a b"', 'a b'),
    skuCase('"a:b"', 'a:b'),
    skuCase('"{x}"', '{x}'),
    skuCase('in unicode', 'jäcke'),
    skuCase('"" (empty)', ''),
    skuCase('that is a number', 7),
    { name: 'ttlSeconds 0 is refused naming it', send: () => reserveWith({ body: { lines: [line], ttlSeconds: 0 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.ttlSeconds' },
    { name: 'ttlSeconds 86401 is refused naming it', send: () => reserveWith({ body: { lines: [line], ttlSeconds: 86_401 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.ttlSeconds' },
    { name: 'ttlSeconds 1.5 is refused naming it', send: () => reserveWith({ body: { lines: [line], ttlSeconds: 1.5 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.ttlSeconds' },
    { name: 'region "zz" is refused naming it', send: () => reserveWith({ body: { lines: [line], region: 'zz' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.region' },
    { name: 'region "CN-" is refused naming it', send: () => reserveWith({ body: { lines: [line], region: 'CN-' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.region' },
    { name: 'a warehouse id with a colon is refused naming it', send: () => reserveWith({ body: { lines: [line], warehouse: 'w1:x' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.warehouse' },
    { name: 'allowSplit "yes" is refused naming it', send: () => reserveWith({ body: { lines: [line], allowSplit: 'yes' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.allowSplit' },
    { name: 'an Idempotency-Key of 129 chars is refused naming the header', send: () => reserveWith({ body: { lines: [line] }, headers: { 'idempotency-key': 'k'.repeat(129) } }), status: 400, code: 'VALIDATION_FAILED', field: 'headers.idempotency-key' },
    { name: 'an Idempotency-Key with a space is refused naming the header', send: () => reserveWith({ body: { lines: [line] }, headers: { 'idempotency-key': 'order 1' } }), status: 400, code: 'VALIDATION_FAILED', field: 'headers.idempotency-key' },
    { name: 'an unknown warehouse is refused with 404 UNKNOWN_WAREHOUSE', send: () => reserveWith({ body: { lines: [line], warehouse: 'w-nope' } }), status: 404, code: 'UNKNOWN_WAREHOUSE' },
    { name: 'an unknown SKU is refused with 404 UNKNOWN_SKU', send: () => reserveWith({ body: { lines: [{ sku: 'NOPE', qty: 1 }] } }), status: 404, code: 'UNKNOWN_SKU' },
  ]);

  it('an Idempotency-Key of 128 chars is accepted', async () => {
    const r = await reserveWith({ body: { lines: [line] }, headers: { 'idempotency-key': 'k'.repeat(128) } });
    expect(r.status).toBe(201);
    await h.call({ method: 'DELETE', url: `/v1/reservations/${r.body.id}`, key: t.keys.checkout });
  });
});

describe('catalog and stock routes', () => {
  const admin = (c: Omit<Call, 'key'>) => () => h.call({ ...c, key: t.keys.admin });
  const badPathSkus: [string, string][] = [['of 65 chars', 'S'.repeat(65)], ['"a b"', 'a%20b'], ['"a:b"', 'a:b'], ['"{x}"', '%7Bx%7D'], ['in unicode', 'j%C3%A4cke']];
  run([
    ...badPathSkus.map(([label, sku]): Case => ({ name: `PUT /v1/skus with a sku ${label} is refused naming params.sku`, send: admin({ method: 'PUT', url: `/v1/skus/${sku}`, body: { name: 'x' } }), status: 400, code: 'VALIDATION_FAILED', field: 'params.sku' })),
    ...badPathSkus.map(([label, sku]): Case => ({ name: `PUT /v1/stock with a sku ${label} is refused naming params.sku`, send: admin({ method: 'PUT', url: `/v1/stock/w1/${sku}`, body: { onHand: 1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'params.sku' })),
    { name: 'PUT /v1/stock with a bad warehouse id is refused naming params.warehouse', send: admin({ method: 'PUT', url: '/v1/stock/w%201/A', body: { onHand: 1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'params.warehouse' },
    { name: 'GET /v1/reservations with a bad id is refused naming params.id', send: () => h.call({ method: 'GET', url: '/v1/reservations/a:b', key: t.keys.read }), status: 400, code: 'VALIDATION_FAILED', field: 'params.id' },
    { name: 'PUT /v1/stock onHand -1 is refused naming it', send: admin({ method: 'PUT', url: '/v1/stock/w1/A', body: { onHand: -1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.onHand' },
    { name: 'PUT /v1/stock onHand 1.5 is refused naming it', send: admin({ method: 'PUT', url: '/v1/stock/w1/A', body: { onHand: 1.5 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.onHand' },
    { name: 'PUT /v1/stock onHand "5" is refused naming it', send: admin({ method: 'PUT', url: '/v1/stock/w1/A', body: { onHand: '5' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.onHand' },
    { name: 'PUT /v1/stock onHand above the limit is refused naming it', send: () => h.call({ method: 'PUT', url: '/v1/stock/w1/A', key: t.keys.admin, body: { onHand: h.config.limits.onHandMax + 1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.onHand' },
    { name: 'PUT /v1/stock without onHand is refused naming it', send: admin({ method: 'PUT', url: '/v1/stock/w1/A', body: { safetyStock: 1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.onHand' },
    { name: 'PUT /v1/stock with an unknown field is refused naming it', send: admin({ method: 'PUT', url: '/v1/stock/w1/A', body: { onHand: 1, reserved: 0 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.reserved' },
    { name: 'adjustment delta 1.5 is refused naming it', send: admin({ method: 'POST', url: '/v1/stock/w1/A/adjustments', body: { delta: 1.5, reason: 'x' } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.delta' },
    { name: 'adjustment reason of 201 chars is refused naming it', send: admin({ method: 'POST', url: '/v1/stock/w1/A/adjustments', body: { delta: 1, reason: 'r'.repeat(201) } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.reason' },
    { name: 'PUT /v1/warehouses region "zz" is refused naming it', send: admin({ method: 'PUT', url: '/v1/warehouses/w1', body: { name: 'x', region: 'zz', priority: 1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.region' },
    { name: 'PUT /v1/warehouses priority -1 is refused naming it', send: admin({ method: 'PUT', url: '/v1/warehouses/w1', body: { name: 'x', region: 'CN-ZJ', priority: -1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.priority' },
    { name: 'PUT /v1/warehouses with an empty name is refused naming it', send: admin({ method: 'PUT', url: '/v1/warehouses/w1', body: { name: '', region: 'CN-ZJ', priority: 1 } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.name' },
    { name: 'PUT /v1/skus with component qty 0 is refused naming it', send: admin({ method: 'PUT', url: '/v1/skus/KIT', body: { name: 'x', components: [{ sku: 'A', qty: 0 }] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.components[0].qty' },
    { name: 'PUT /v1/skus with a bad component sku is refused naming it', send: admin({ method: 'PUT', url: '/v1/skus/KIT', body: { name: 'x', components: [{ sku: 'a b', qty: 1 }] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.components[0].sku' },
    { name: 'PUT /v1/skus with text/plain is refused with 415', send: admin({ method: 'PUT', url: '/v1/skus/NEW', payload: '{"name":"x"}', headers: { 'content-type': 'text/plain' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'headers.content-type' },
    { name: 'POST /v1/tenants/{id}/keys with an unknown scope is refused naming it', send: () => h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['root'] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.scopes[0]' },
    { name: 'POST /v1/tenants/{id}/keys with no scopes is refused naming them', send: () => h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: [] } }), status: 400, code: 'VALIDATION_FAILED', field: 'body.scopes' },
  ]);

  it('a tenant id with bad characters creates no tenant', async () => {
    const count = async () => Number((await h.rt.sql<{ n: string }[]>`select count(*) as n from tenants`)[0]!.n);
    const n = await count();
    for (const id of ['a b', 'a:b', '{x}', 'ünï', 'S'.repeat(65), '']) {
      expectProblem(await h.call({ method: 'POST', url: '/v1/tenants', key: h.adminKey, body: { id, name: 'x' } }), 400, 'VALIDATION_FAILED', 'body.id');
    }
    expect(await count()).toBe(n);
  });
});
