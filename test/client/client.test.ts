// The TypeScript client (clients/typescript, @pallet/client) against the API
// it is for. (1) It matches the served OpenAPI document: every operation it
// calls is there with the same path parameters and Idempotency-Key header,
// and the committed document and generated types are what the generator
// makes of the served document now (a route change without
// `npm run gen:client` fails here). (2) End to end through a real listening
// server on the real PostgreSQL, Redis and NATS JetStream (own namespace,
// removed afterwards): reservations, orders with the orders role running,
// stock reads, problems as PalletError, and a payment callback signed by the
// client's helper.

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOperations, PalletClient, PalletError, type Order, type OrderDraft } from '../../clients/typescript/src/index.ts';
import { palletSignedHeaders, signPalletPayload } from '../../clients/typescript/src/signature.ts';
import { documentPath, documentText, typesOf, typesPath } from '../../clients/typescript/scripts/openapi.gen.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { parseSignature, signPayload } from '../../src/app/payment.signature.ts';
import { OrdersRole } from '../../src/roles/orders.role.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let served: OpenApiDoc;

interface OpenApiParameter { readonly in: string; readonly name: string; readonly required?: boolean }
interface OpenApiDoc { readonly paths: Record<string, Record<string, { parameters?: OpenApiParameter[] } | undefined> | undefined> }

const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  const r = await h.app.inject({ method: 'GET', url: '/docs/json' });
  expect(r.statusCode, r.payload.slice(0, 300)).toBe(200);
  served = JSON.parse(r.payload) as OpenApiDoc;
});

afterAll(async () => {
  await n?.close();
  await h?.close();
});

// ---------------------------------------------------------------- (1) the client matches the served document

type Operations = Readonly<Record<string, { readonly method: string; readonly path: string; readonly idempotent: boolean }>>;

/** What differs between the client's operations and the document, one line each (empty: they match). */
function mismatches(doc: OpenApiDoc, ops: Operations): string[] {
  const out: string[] = [];
  for (const [name, op] of Object.entries(ops)) {
    const operation = doc.paths[op.path]?.[op.method.toLowerCase()];
    if (operation === undefined) {
      out.push(`${name}: ${op.method} ${op.path} is not in the document`);
      continue;
    }
    const params = operation.parameters ?? [];
    const inTemplate = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const inDocument = params.filter((p) => p.in === 'path').map((p) => p.name).sort();
    if (JSON.stringify(inTemplate) !== JSON.stringify(inDocument)) out.push(`${name}: path parameters ${inTemplate.join(',')} ≠ ${inDocument.join(',')}`);
    const needsKey = params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key' && p.required === true);
    if (needsKey !== op.idempotent) out.push(`${name}: the document ${needsKey ? 'requires' : 'does not require'} an Idempotency-Key`);
  }
  return out;
}

describe('the client and the served OpenAPI document', () => {
  it('every operation the client calls is served, with the same path parameters and Idempotency-Key header', () => {
    expect(Object.keys(clientOperations).length).toBeGreaterThanOrEqual(13);
    expect(mismatches(served, clientOperations)).toEqual([]);
  });

  it('the check finds an operation that is not served, other path parameters and a missing Idempotency-Key', () => {
    const wrong: Operations = {
      gone: { method: 'GET', path: '/v1/reservations/{id}/receipt', idempotent: false },
      renamed: { method: 'POST', path: '/v1/reservations/{reservationId}/confirm', idempotent: false },
      method: { method: 'PUT', path: '/v1/orders/{id}', idempotent: false },
      key: { method: 'POST', path: '/v1/reservations', idempotent: false },
    };
    expect(mismatches(served, wrong).map((line) => line.split(':')[0])).toEqual(['gone', 'renamed', 'method', 'key']);
  });

  it('the committed openapi.json is the served document', async () => {
    const committed = await readFile(documentPath, 'utf8');
    expect(JSON.parse(committed), 'clients/typescript/openapi.json is stale: run `npm run gen:client`').toEqual(served);
    expect(committed).toBe(documentText(served));
  });

  it('the committed types are what openapi-typescript generates from the served document now', async () => {
    const committed = await readFile(typesPath, 'utf8');
    const generated = await typesOf(served);
    expect(generated === committed, 'clients/typescript/src/gen/openapi.ts is stale: run `npm run gen:client`').toBe(true);
    // A schema change reaches the generated types (the comparison above can fail).
    const changed = structuredClone(served) as { paths: Record<string, unknown> };
    changed.paths['/v1/reservations/{id}/receipt'] = served.paths['/v1/reservations/{id}'];
    expect(await typesOf(changed)).not.toBe(committed);
  });
});

// ---------------------------------------------------------------- (2) end to end through a listening server

describe('the client end to end', () => {
  let baseUrl: string;
  let t: TenantFixture;
  let checkout: PalletClient;
  let reader: PalletClient;
  let ops: PalletClient;
  let role: OrdersRole;

  beforeAll(async () => {
    baseUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
    t = await h.tenant({
      warehouses: [{ id: 'w1', region: 'CN-ZJ' }],
      skus: [{ sku: 'A' }, { sku: 'B' }],
      stock: [{ warehouse: 'w1', sku: 'A', onHand: 40 }, { warehouse: 'w1', sku: 'B', onHand: 5 }],
    });
    const opsKey = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['ops'] } });
    expect(opsKey.status, opsKey.text).toBe(201);
    checkout = new PalletClient({ baseUrl, apiKey: t.keys.checkout, timeoutMs: 10_000 });
    reader = new PalletClient({ baseUrl: `${baseUrl}/`, apiKey: t.keys.read });
    ops = new PalletClient({ baseUrl, apiKey: opsKey.body.key as string });
    const { rt } = h;
    role = new OrdersRole({ nats: rt.nats, namespace: rt.config.namespace, events: rt.config.events, orders: rt.config.orders, apply: rt.orderApply, log: rt.log, metrics: rt.metrics });
    role.start();
  });

  afterAll(async () => {
    await role?.stop();
  });

  /** The PalletError a call fails with (a call that succeeds fails the test). */
  async function failure(call: Promise<unknown>): Promise<PalletError> {
    const outcome = await call.then((value) => ({ value }), (err: unknown) => ({ err }));
    if (!('err' in outcome)) throw new Error(`expected a PalletError, got ${JSON.stringify(outcome.value).slice(0, 300)}`);
    expect(outcome.err).toBeInstanceOf(PalletError);
    return outcome.err as PalletError;
  }

  function draft(over: Partial<OrderDraft> = {}): OrderDraft {
    return {
      externalId: rid('web'),
      buyer: { name: 'Li Lei', phone: '+86 138 0013 8000' },
      shippingAddress: { name: 'Li Lei', phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: '1 Wensan Road' },
      lines: [{ sku: 'A', qty: 1, unitPriceMinor: 4_950 }],
      totals: { currency: 'CNY', itemsMinor: 4_950, shippingMinor: 0, discountMinor: 0, totalMinor: 4_950 },
      ...over,
    };
  }

  /** GET /v1/orders/{id} until the orders role has created the order (bounded). */
  async function created(orderId: string): Promise<Order> {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        return await checkout.orders.get(orderId);
      } catch (err) {
        if (!(err instanceof PalletError) || err.code !== 'ORDER_NOT_FOUND') throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`order ${orderId} was not created within 10 s`);
  }

  it('reserve → get → confirm → fulfil; the same Idempotency-Key returns the same reservation; release', async () => {
    const cart = { lines: [{ sku: 'A', qty: 2 }], region: 'CN-ZJ', ttlSeconds: 600 };
    const held = await checkout.reservations.reserve(cart, { idempotencyKey: 'cart-1' });
    expect(held).toMatchObject({ status: 'held', allocations: [{ warehouse: 'w1', sku: 'A', qty: 2 }] });
    expect((await checkout.reservations.reserve(cart, { idempotencyKey: 'cart-1' })).id).toBe(held.id);
    expect(await reader.reservations.get(held.id)).toEqual(held);
    expect((await checkout.reservations.confirm(held.id)).status).toBe('confirmed');
    expect((await checkout.reservations.fulfil(held.id)).status).toBe('fulfilled');
    const other = await checkout.reservations.reserve({ lines: [{ sku: 'B', qty: 1 }] });
    expect(other.id).not.toBe(held.id);
    expect((await checkout.reservations.release(other.id)).status).toBe('released');
    const stock = await reader.stock.get('A');
    expect(stock).toMatchObject({ sku: 'A', totals: { onHand: 38, reserved: 0, available: 38 } });
    expect((await checkout.stock.getMany(['A', 'B'])).map((s) => [s.sku, s.totals.available])).toEqual([['A', 38], ['B', 5]]);
  });

  it('problems surface as PalletError with status, code, field and requestId', async () => {
    const invalid = await failure(checkout.reservations.reserve({ lines: [{ sku: 'A', qty: 0 }] }));
    expect({ status: invalid.status, code: invalid.code, field: invalid.field }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'body.lines[0].qty' });
    expect(invalid.requestId).toMatch(/^\S{8,}$/);
    expect(invalid.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/); // generated, to retry with
    expect(invalid.problem.errors?.[0]).toMatchObject({ field: 'body.lines[0].qty' });

    const short = await failure(checkout.reservations.reserve({ lines: [{ sku: 'B', qty: 6 }] }, { requestId: 'req-short-1' }));
    expect({ status: short.status, code: short.code, requestId: short.requestId, retryable: short.retryable }).toEqual({ status: 409, code: 'STOCK_INSUFFICIENT', requestId: 'req-short-1', retryable: false });
    expect(short.problem.lines).toEqual([{ sku: 'B', requested: 6, available: 5 }]);

    const order = await failure(checkout.orders.submit(draft({ totals: { currency: 'cny', itemsMinor: 1, shippingMinor: 0, discountMinor: 0, totalMinor: 1 } })));
    expect({ status: order.status, code: order.code, field: order.field }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'body.totals.currency' });

    expect((await failure(reader.reservations.get('r_missing'))).status).toBe(404);
    const forbidden = await failure(reader.orders.submit(draft()));
    expect({ status: forbidden.status, code: forbidden.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const unknownKey = new PalletClient({ baseUrl, apiKey: 'pk_not_a_key' });
    expect((await failure(unknownKey.stock.get('A'))).code).toBe('UNAUTHENTICATED');
  });

  it('submit an order → 202 with its id (the same key: the same answer); read, list page by page, audit, cancel', async () => {
    const first = draft({ paidAtMs: Date.now() });
    const accepted = await checkout.orders.submit(first, { idempotencyKey: `order-${first.externalId}` });
    expect(accepted).toEqual({ accepted: true, orderId: orderIdOf('storefront', first.externalId) });
    expect(await checkout.orders.submit(first, { idempotencyKey: `order-${first.externalId}` })).toEqual(accepted);
    const second = await checkout.orders.submit(draft());

    const order = await created(accepted.orderId);
    expect(order).toMatchObject({ id: accepted.orderId, channel: 'storefront', externalId: first.externalId, lines: [{ sku: 'A', qty: 1 }] });
    await created(second.orderId);

    const pages = [];
    for await (const page of reader.orders.pages({ channel: 'storefront', limit: 1 })) pages.push(page);
    expect(pages.map((p) => p.orders.length)).toEqual([1, 1]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([false, true]);
    const all = [];
    for await (const o of reader.orders.each({ channel: 'storefront', limit: 1 })) all.push(o.id);
    expect(all.sort()).toEqual([accepted.orderId, second.orderId].sort());
    const bounded = (async () => {
      for await (const _page of reader.orders.pages({ channel: 'storefront', limit: 1 }, { pagesMax: 1 })) { /* read */ }
    })();
    await expect(bounded).rejects.toThrow(RangeError);
    expect((await reader.orders.list({ externalId: first.externalId })).orders.map((o) => o.id)).toEqual([accepted.orderId]);

    const cancelled = await ops.orders.cancel(accepted.orderId, { reason: 'buyer asked' });
    expect(cancelled.status).toBe('cancelled');
    const trail = await reader.orders.audit(accepted.orderId);
    expect(trail.entries.length).toBeGreaterThanOrEqual(2);
    expect(trail.entries.map((e) => e.seq)).toEqual(trail.entries.map((_e, i) => i + 1));
    expect((await reader.orders.audit(accepted.orderId, { after: 1, limit: 1 })).entries.map((e) => e.seq)).toEqual([2]);
    const again = await failure(ops.orders.review(accepted.orderId, { decision: 'approve' }));
    expect({ status: again.status, code: again.code }).toEqual({ status: 409, code: 'ORDER_INVALID_TRANSITION' });
  });

  it('a payment callback signed with signPalletPayload is accepted; another secret is refused', async () => {
    const rotated = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/payment-secret`, key: t.keys.admin });
    expect(rotated.status, rotated.text).toBe(201);
    const secret = rotated.body.secret as string;
    const held = await checkout.reservations.reserve({ lines: [{ sku: 'A', qty: 1 }] });
    const body = JSON.stringify({ reservationId: held.id, paymentId: rid('pay'), amount: 4_950, currency: 'CNY', status: 'succeeded' });
    const post = (headers: Record<string, string>) => fetch(`${baseUrl}/v1/payments/callbacks`, { method: 'POST', headers, body });

    const ok = await post(palletSignedHeaders({ secret, tenant: t.id, deliveryId: rid('dlv'), body }));
    expect(ok.status, await ok.clone().text()).toBe(202);
    expect(await ok.json()).toMatchObject({ accepted: true, eventId: expect.any(String) });
    const wrong = await post(palletSignedHeaders({ secret: `${secret}x`, tenant: t.id, deliveryId: rid('dlv'), body }));
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([401, 'SIGNATURE_INVALID']);
    const old = await post(palletSignedHeaders({ secret, tenant: t.id, deliveryId: rid('dlv'), body, nowSeconds: Math.floor(Date.now() / 1000) - 3_600 }));
    expect([old.status, ((await old.json()) as { code: string }).code]).toEqual([401, 'SIGNATURE_EXPIRED']);
  });
});

// ---------------------------------------------------------------- signature and transport, without the API

describe('signPalletPayload', () => {
  it('is the scheme the API verifies: t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const body = '{"amount":1}';
    const header = signPalletPayload('whsec_test', body, 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${signPayload('whsec_test', 1_700_000_000, Buffer.from(body))}`);
    expect(parseSignature(header)).toMatchObject({ t: 1_700_000_000 });
    expect(signPalletPayload('whsec_test', new TextEncoder().encode(body), 1_700_000_000)).toBe(header);
    expect(() => signPalletPayload('', body)).toThrow(TypeError);
    expect(() => signPalletPayload('s', body, 1.5)).toThrow(TypeError);
    expect(() => palletSignedHeaders({ secret: 's', tenant: 't', deliveryId: 'has space', body })).toThrow(TypeError);
  });
});

describe('the transport', () => {
  let silent: Server;
  let silentUrl: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    silentUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('a call with no answer in time is CLIENT_TIMEOUT (retryable, with its Idempotency-Key); an abort is CLIENT_ABORTED', async () => {
    const client = new PalletClient({ baseUrl: silentUrl, apiKey: 'k', timeoutMs: 200 });
    const timedOut = await client.reservations.reserve({ lines: [{ sku: 'A', qty: 1 }] }, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(PalletError);
    expect(timedOut).toMatchObject({ status: 0, code: 'CLIENT_TIMEOUT', idempotencyKey: 'k-1', retryable: true });
    const controller = new AbortController();
    const pending = client.reservations.get('r1', { signal: controller.signal, timeoutMs: 5_000 }).catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toMatchObject({ status: 0, code: 'CLIENT_ABORTED', retryable: false });
  });

  it('an answer that is not the API\'s (a proxy\'s page) is UNEXPECTED_RESPONSE, through the fetch option', async () => {
    const seen: string[] = [];
    const proxy = new PalletClient({
      baseUrl: 'http://pallet.test/api/', apiKey: 'k',
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'edge-1' } });
      },
    });
    const err = await proxy.orders.list({ hold: true, limit: 5, cursor: 'c1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE', requestId: 'edge-1', retryable: false });
    expect(seen).toEqual(['http://pallet.test/api/v1/orders?cursor=c1&hold=true&limit=5']);
    const ok = new PalletClient({ baseUrl: 'http://pallet.test', apiKey: 'k', fetch: async () => new Response('', { status: 200 }) });
    expect(await ok.stock.get('A').catch((e: unknown) => e)).toMatchObject({ status: 200, code: 'UNEXPECTED_RESPONSE' });
  });

  it('a refused connection is CLIENT_NETWORK; bad options and empty ids are TypeErrors', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
      });
    });
    const refused = await new PalletClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }).stock.get('A').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 0, code: 'CLIENT_NETWORK', retryable: true });
    expect(() => new PalletClient({ baseUrl: 'not a url', apiKey: 'k' })).toThrow(TypeError);
    expect(() => new PalletClient({ baseUrl: 'ftp://x', apiKey: 'k' })).toThrow(TypeError);
    expect(() => new PalletClient({ baseUrl: silentUrl, apiKey: '' })).toThrow(TypeError);
    expect(() => new PalletClient({ baseUrl: silentUrl, apiKey: 'k', timeoutMs: 0 })).toThrow(TypeError);
    await expect(new PalletClient({ baseUrl: silentUrl, apiKey: 'k' }).reservations.get('')).rejects.toThrow(TypeError);
  });
});
