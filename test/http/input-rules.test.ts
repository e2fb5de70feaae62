// Input rules as classes, over every registered route: the routes and their
// fields are discovered from the route table (an onRoute hook, routesOf) and
// the routes' own schemas, so a route or field added later is covered without
// touching this file.
// - every string field (body, querystring, params, headers) holding U+0000,
//   and every body string holding an unpaired surrogate, gets 400 naming it;
// - every route that needs a key answers 401 to a caller without one, whatever
//   is wrong with its input (authentication runs before parsing and validation);
// - every array is refused past its maxItems before its items are validated:
//   one error naming it and the bound, not one per item.

import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayOverBound, guardInput, routesOf, type RouteEntry } from '../../src/adapters/http/input.hook.ts';
import { createHttpHarness, expectProblem, problemFields, type Call, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';

let h: HttpHarness;
let t: TenantFixture;

beforeAll(async () => {
  // Many unauthenticated requests on purpose: the per-address failure limit must not turn them into 429.
  h = await createHttpHarness({ PALLET_AUTH_FAILURES_MAX: '1000000' });
  t = await h.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 50 }] });
});

afterAll(async () => {
  await h?.close();
});

// ---------------------------------------------------------------- schema walking

type Schema = Record<string, any>;
type Part = 'body' | 'querystring' | 'params' | 'headers';
type Step = { readonly key: string } | { readonly index: number };
interface Field { readonly part: Part; readonly steps: readonly Step[]; readonly schema: Schema }

const parts: readonly Part[] = ['body', 'querystring', 'params', 'headers'];
const isString = (s: Schema): boolean => s.type === 'string' || (Array.isArray(s.anyOf) && s.anyOf.length > 0 && s.anyOf.every((b: Schema) => b.type === 'string'));

/** Every leaf of `schema` matching `pick`, with its path (array items as index 0). */
function leaves(schema: Schema | undefined, pick: (s: Schema) => boolean, steps: Step[] = []): { steps: Step[]; schema: Schema }[] {
  if (schema === undefined || schema === null) return [];
  const out = pick(schema) ? [{ steps, schema }] : [];
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) out.push(...leaves(sub, pick, [...steps, { key }]));
  if (schema.type === 'array' && schema.items !== undefined && !Array.isArray(schema.items)) out.push(...leaves(schema.items, pick, [...steps, { index: 0 }]));
  return out;
}

const fieldsOf = (route: RouteEntry, pick: (s: Schema) => boolean): Field[] =>
  parts.flatMap((part) => leaves(route.schema?.[part] as Schema | undefined, pick).map((l) => ({ part, ...l })));

const fieldName = (f: Pick<Field, 'part' | 'steps'>): string => f.part + f.steps.map((s) => ('key' in s ? `.${s.key}` : `[${s.index}]`)).join('');

/** A value with `leaf` at `steps` (objects and arrays created on the way). */
function nest(steps: readonly Step[], leaf: unknown): unknown {
  if (steps.length === 0) return leaf;
  const [first, ...rest] = steps;
  return 'key' in first! ? { [first.key]: nest(rest, leaf) } : [nest(rest, leaf)];
}

/** A value the param's schema accepts, from a few candidates (extend the list if a new param pattern has none). */
function validParam(schema: Schema): string {
  const candidates = ['x1', 'A', 'key_x1', 'CN-ZJ', '1'];
  const ok = candidates.find((c) => (schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(c))
    && c.length >= (schema.minLength ?? 0) && c.length <= (schema.maxLength ?? Infinity));
  if (ok === undefined) throw new Error(`no candidate param value matches ${JSON.stringify(schema)}`);
  return ok;
}

/** The route's first method that is not HEAD (HEAD routes mirror a GET). */
const methodOf = (route: RouteEntry): Call['method'] => route.methods.find((m) => m !== 'HEAD') as Call['method'];
const apiRoutes = (): RouteEntry[] => routesOf(h.app).filter((r) => r.url.startsWith('/v1/') && methodOf(r) !== undefined);

/** The URL with each `:param` filled: `bad` for the named one, a valid value for the others. */
function urlOf(route: RouteEntry, bad?: { name: string; value: string }, query = ''): string {
  const params = (route.schema?.params as Schema | undefined)?.properties ?? {};
  const path = route.url.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(bad?.name === name ? bad.value : validParam(params[name] ?? {})));
  return query === '' ? path : `${path}?${query}`;
}

/** The request that puts `value` into `field` of `route`, everything else left out. */
function callWith(route: RouteEntry, field: Field, value: string): Omit<Call, 'key'> {
  const method = methodOf(route);
  const name = 'key' in field.steps[0]! ? field.steps[0].key : '';
  switch (field.part) {
    case 'params': return { method, url: urlOf(route, { name, value }) };
    case 'querystring': return { method, url: urlOf(route, undefined, `${encodeURIComponent(name)}=${encodeURIComponent(value)}`) };
    case 'headers': return { method, url: urlOf(route), headers: { [name]: value } };
    case 'body': return { method, url: urlOf(route), body: nest(field.steps, value) };
  }
}

/** Sends `c` with the first key (operator, admin, checkout, read) the route lets in; never one it refuses. */
async function asPermitted(c: Omit<Call, 'key'>): Promise<Reply> {
  let last: Reply | undefined;
  for (const key of [h.adminKey, t.keys.admin, t.keys.checkout, t.keys.read]) {
    last = await h.call({ ...c, key });
    if (last.status !== 401 && last.status !== 403) return last;
  }
  throw new Error(`${c.method} ${c.url}: no key is let in (last answer ${last?.status} ${last?.text.slice(0, 200)})`);
}

const expectRefusedNaming = (r: Reply, field: string, what: string): void => {
  expect(r.status, `${what}: ${r.text.slice(0, 400)}`).toBe(400);
  expectProblem(r, 400, 'VALIDATION_FAILED', field);
};

// ---------------------------------------------------------------- the route table

describe('the route table', () => {
  it('lists every API route, with the schemas the tests below walk', () => {
    const urls = apiRoutes().map((r) => `${methodOf(r)} ${r.url}`);
    expect(urls).toEqual(expect.arrayContaining([
      'POST /v1/tenants', 'POST /v1/reservations', 'POST /v1/stock/:warehouse/:sku/adjustments', 'GET /v1/stock/:warehouse/:sku/ledger',
      'POST /v1/payments/callbacks',
    ]));
    const strings = apiRoutes().flatMap((r) => fieldsOf(r, isString).map((f) => `${r.url} ${fieldName(f)}`));
    expect(strings).toEqual(expect.arrayContaining([
      '/v1/tenants body.name', '/v1/tenants/:id/keys body.label', '/v1/warehouses/:id body.name', '/v1/skus/:sku body.name',
      '/v1/stock/:warehouse/:sku/adjustments body.reason', '/v1/stock/:warehouse/:sku/ledger querystring.cursor',
      '/v1/reservations headers.idempotency-key', '/v1/reservations body.lines[0].sku', '/v1/stock querystring.skus',
    ]));
  });

  it('every route outside /v1 is one of the public ones (health, docs, board page)', () => {
    const others = routesOf(h.app).filter((r) => !r.url.startsWith('/v1/')).map((r) => r.url);
    expect(others.filter((url) => !/^\/(healthz|readyz|docs|dashboard)(\/|$)/.test(url))).toEqual([]);
  });

  it('refuses at registration an array in a request schema without maxItems', async () => {
    const app = Fastify({ logger: false });
    guardInput(app);
    const register = async () => {
      app.post('/x', { schema: { body: Type.Object({ tags: Type.Array(Type.String()) }) } }, async () => ({}));
      await app.ready();
    };
    await expect(register()).rejects.toThrow(/body\.tags must have maxItems/);
    await app.close();
  });
});

// ---------------------------------------------------------------- storable text

describe('text no store can keep is refused in every string field of every route', () => {
  it('U+0000 in any string field: 400 naming the field, nothing changed', async () => {
    const before = await h.state(t.id);
    const cases = apiRoutes().flatMap((route) => fieldsOf(route, isString).map((field) => ({ route, field })));
    expect(cases.length).toBeGreaterThan(20);
    for (const { route, field } of cases) {
      const r = await asPermitted(callWith(route, field, 'x1\u0000'));
      expectRefusedNaming(r, fieldName(field), `${methodOf(route)} ${route.url} ${fieldName(field)}`);
    }
    expect(await h.state(t.id)).toEqual(before);
  });

  it('an unpaired surrogate in any body string: 400 naming the field, nothing changed', async () => {
    const before = await h.state(t.id);
    const cases = apiRoutes().flatMap((route) => fieldsOf(route, isString).filter((f) => f.part === 'body').map((field) => ({ route, field })));
    expect(cases.length).toBeGreaterThan(5);
    for (const lone of ['x\ud800', '\udc00x']) {
      for (const { route, field } of cases) {
        const r = await asPermitted(callWith(route, field, lone));
        expectRefusedNaming(r, fieldName(field), `${methodOf(route)} ${route.url} ${fieldName(field)}`);
      }
    }
    expect(await h.state(t.id)).toEqual(before);
  });

  it('a valid surrogate pair (an emoji) is accepted and stored as sent', async () => {
    const name = 'Lager 😀 Süd';
    const r = await h.call({ method: 'PUT', url: '/v1/warehouses/w-emoji', key: t.keys.admin, body: { name, region: 'CN-ZJ', priority: 1 } });
    expect(r.status, r.text).toBe(201);
    const list = await h.call({ method: 'GET', url: '/v1/warehouses', key: t.keys.read });
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: 'w-emoji', name }));
  });

  it('U+0000 in an unknown field or in a key is refused naming it', async () => {
    const r1 = await h.call({ method: 'PUT', url: '/v1/skus/N1', key: t.keys.admin, body: { name: 'n', note: 'a\u0000' } });
    expectProblem(r1, 400, 'VALIDATION_FAILED', 'body.note');
    const r2 = await h.call({ method: 'PUT', url: '/v1/skus/N1', key: t.keys.admin, body: { name: 'n', 'a\u0000': 1 } });
    expectProblem(r2, 400, 'VALIDATION_FAILED', 'body["a\\u0000"]');
  });

  it('the stock adjustment of the report (reason "cycle count\\u0000") changes nothing in Redis', async () => {
    const before = await h.cell(t.id, 'w1', 'A');
    const outbox = await h.outboxLength(t.id);
    const r = await h.call({ method: 'POST', url: '/v1/stock/w1/A/adjustments', key: t.keys.admin, body: { delta: -7, reason: 'cycle count\u0000' } });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.reason');
    expect(await h.cell(t.id, 'w1', 'A')).toEqual(before);
    expect(await h.outboxLength(t.id)).toBe(outbox);
  });

  it('a forged ledger cursor carrying U+0000 is refused with 400 naming the cursor, not a 500', async () => {
    for (const forged of ['1:ev\u0000', '1:ev\u00e9', '1:ev id', '1:']) {
      const cursor = Buffer.from(forged, 'utf8').toString('base64url');
      const r = await h.call({ method: 'GET', url: `/v1/stock/w1/A/ledger?cursor=${cursor}`, key: t.keys.read });
      expectProblem(r, 400, 'VALIDATION_FAILED', 'querystring.cursor');
    }
  });
});

// ---------------------------------------------------------------- authentication first

describe('authentication runs before parsing and validation on every route that needs a key', () => {
  /** Bad input of every kind the route takes: params, query, body, media type. */
  function badCalls(route: RouteEntry): Omit<Call, 'key'>[] {
    const method = methodOf(route);
    const params = Object.keys((route.schema?.params as Schema | undefined)?.properties ?? {});
    const badUrl = urlOf(route, params.length > 0 ? { name: params[0]!, value: 'bad id\u0000' } : undefined, 'cursor=***&limit=0&skus=&junk=1');
    const calls: Omit<Call, 'key'>[] = [{ method, url: badUrl, headers: { 'idempotency-key': 'has space' } }];
    if (method !== 'GET') {
      calls.push(
        { method, url: badUrl, body: { junk: Array.from({ length: 500 }, () => ({})) } },
        { method, url: urlOf(route), payload: '{"lines":[', headers: { 'content-type': 'application/json' } },
        { method, url: urlOf(route), payload: 'lines=A', headers: { 'content-type': 'text/plain' } },
        { method, url: urlOf(route), payload: '{}', headers: { 'content-type': 'application/json; charset=utf-16' } },
      );
    }
    return calls;
  }

  /** Routes signed instead of keyed (payment callbacks, channel order intake, WMS callbacks): 401 SIGNATURE_INVALID. */
  const signedRoutes = new Set(['/v1/payments/callbacks', '/v1/channels/:id/orders', '/v1/warehouses/:id/callbacks', '/v1/warehouses/:id/amendments/:aid/ack']);

  /** The QiMen router answers in its protocol's form (HTTP 200, a failure document): test/adapters/qimen covers it. */
  const protocolRoutes = new Set(['/v1/warehouses/:id/qimen']);

  it('no key and bad input: 401 on every /v1 route (the signed routes: 401 SIGNATURE_INVALID)', async () => {
    const routes = apiRoutes().filter((r) => !protocolRoutes.has(r.url));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      for (const c of badCalls(route)) {
        const r = await h.call(c);
        const what = `${c.method} ${c.url} ${c.headers?.['content-type'] ?? ''}: ${r.text.slice(0, 300)}`;
        expect(r.status, what).toBe(401);
        expect(r.body?.code, what).toBe(signedRoutes.has(route.url) ? 'SIGNATURE_INVALID' : 'UNAUTHENTICATED');
      }
    }
  });

  it('an unknown key and a bad ledger cursor: 401, not a 400 describing the schema', async () => {
    const r = await h.call({ method: 'GET', url: '/v1/stock/w1/A/ledger?cursor=***', key: 'pk_not_a_key' });
    expectProblem(r, 401, 'UNAUTHENTICATED');
    const history = await h.call({ method: 'GET', url: '/v1/reservations/a:b/history' });
    expectProblem(history, 401, 'UNAUTHENTICATED');
  });
});

// ---------------------------------------------------------------- array bounds

describe('arrays are refused past maxItems before their items are validated', () => {
  const arrayFields = () => apiRoutes().flatMap((route) =>
    fieldsOf(route, (s) => s.type === 'array').filter((f) => f.part === 'body').map((field) => ({ route, field })));

  it('every body array has a bound, and one item past it (or 21,000 empty items) is one error naming the array and the bound', async () => {
    const cases = arrayFields();
    expect(cases.map((c) => `${c.route.url} ${fieldName(c.field)}`)).toEqual(expect.arrayContaining(['/v1/reservations body.lines', '/v1/skus/:sku body.components']));
    const before = await h.state(t.id);
    for (const { route, field } of cases) {
      const max = field.schema.maxItems as number;
      expect(max, `${route.url} ${fieldName(field)}`).toEqual(expect.any(Number));
      for (const n of [max + 1, 21_000]) {
        const c = callWith(route, field, '');
        const r = await asPermitted({ ...c, body: nest(field.steps, Array.from({ length: n }, () => ({}))) });
        const what = `${route.url} ${fieldName(field)} with ${n} items`;
        expectRefusedNaming(r, fieldName(field), what);
        expect(r.body.detail, what).toContain(`at most ${max}`);
        // Before the check, the validator went on into the items: 20 errors (the cap), none of them the bound alone.
        expect(problemFields(r.body).filter((f) => f !== fieldName(field)), what).toEqual([]);
        expect(r.body.errors, what).toHaveLength(1);
      }
    }
    expect(await h.state(t.id)).toEqual(before);
  });

  it('arrays within their bound still get every item validated', async () => {
    const r = await h.reserve(t, { lines: [{ sku: 'A', qty: 0 }, { sku: 'a b', qty: 1 }] });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.lines[0].qty');
    expect(problemFields(r.body)).toContain('body.lines[1].sku');
  });
});

describe('arrayOverBound (the check before validation)', () => {
  const items = (n: number) => Array.from({ length: n }, () => ({}));
  const Line = Type.Object({ tags: Type.Array(Type.String(), { maxItems: 2 }) });
  const Body = Type.Object({ lines: Type.Array(Line, { maxItems: 3 }), either: Type.Optional(Type.Union([Type.Array(Type.Integer(), { maxItems: 2 }), Type.Array(Type.String(), { maxItems: 5 })])) });

  it('finds an array over its bound inside items of an array within its own', () => {
    expect(arrayOverBound(Body, { lines: [{ tags: [] }, { tags: ['a', 'b', 'c'] }] }, 'body')).toEqual({ field: 'body.lines[1].tags', reason: 'has 3 items, at most 2 allowed' });
    expect(arrayOverBound(Body, { lines: items(4) }, 'body')).toEqual({ field: 'body.lines', reason: 'has 4 items, at most 3 allowed' });
    expect(arrayOverBound(Body, { lines: [{ tags: ['a', 'b'] }] }, 'body')).toBeNull();
  });

  it('refuses in a union only what every branch refuses', () => {
    expect(arrayOverBound(Body, { lines: [], either: ['a', 'b', 'c', 'd'] }, 'body')).toBeNull();
    expect(arrayOverBound(Body, { lines: [], either: items(6) }, 'body')?.field).toBe('body.either');
  });

  it('leaves values of the wrong type to the validator', () => {
    expect(arrayOverBound(Body, { lines: 'x' }, 'body')).toBeNull();
    expect(arrayOverBound(Body, null, 'body')).toBeNull();
  });
});
