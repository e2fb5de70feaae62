// Channels and their signed order intake, through app.inject() against the
// real PostgreSQL, Redis and NATS JetStream (own namespace: schema, keys and
// streams, all removed afterwards). The intake stream is read back to check
// what a 202 made durable, and that a refused document left nothing in it.

import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgOrderStore } from '../../src/adapters/postgres/order.store.ts';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, readStream, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let t: TenantFixture;
let opsKey: string;

const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;
const secretOf = (): string => `whsec_${randomBytes(16).toString('hex')}`;

async function keyWith(tenant: string, scope: 'ops'): Promise<string> {
  const r = await h.call({ method: 'POST', url: `/v1/tenants/${tenant}/keys`, key: h.adminKey, body: { scopes: [scope] } });
  expect(r.status, r.text).toBe(201);
  return r.body.key as string;
}

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  t = await h.tenant();
  opsKey = await keyWith(t.id, 'ops');
});

afterAll(async () => {
  await n?.close();
  await h?.close();
});

async function createChannel(body: Record<string, unknown>, key = t.keys.admin): Promise<Reply> {
  return h.call({ method: 'POST', url: '/v1/channels', key, body });
}

async function channel(type: string, secret = secretOf()): Promise<{ id: string; secret: string }> {
  const id = rid(type);
  const r = await createChannel({ id, type, name: `Shop ${id}`, webhookSecret: secret });
  expect(r.status, r.text).toBe(201);
  return { id, secret };
}

/** Intake messages of one channel, in stream order. */
async function intakeOf(tenant: string, channelId: string) {
  return (await readStream(n.nats, n.topology.intakeStream)).filter((m) => m.subject === n.topology.intakeSubject(tenant, channelId));
}

interface ShopifySend {
  readonly tenant?: string;
  readonly secret: string;
  readonly raw?: string;
  readonly deliveryId?: string | null;
  readonly signature?: string;
  readonly contentType?: string;
}

const shopifyOrder = (): string => JSON.stringify({ id: Date.now(), name: '#1001', total_price: '12.90', currency: 'CNY', line_items: [{ sku: 'A', quantity: 1 }] });

/** A Shopify webhook: tenant in the query (Shopify cannot add headers), body signed as Shopify does. */
async function shopify(channelId: string, s: ShopifySend): Promise<Reply & { raw: string }> {
  const raw = s.raw ?? shopifyOrder();
  const headers: Record<string, string> = {
    'content-type': s.contentType ?? 'application/json',
    'x-shopify-hmac-sha256': s.signature ?? webhookHmacBase64(s.secret, Buffer.from(raw)),
    'x-shopify-topic': 'orders/create',
  };
  const deliveryId = s.deliveryId === undefined ? randomUUID() : s.deliveryId;
  if (deliveryId !== null) headers['x-shopify-webhook-id'] = deliveryId;
  const r = await h.call({ method: 'POST', url: `/v1/channels/${channelId}/orders?tenant=${s.tenant ?? t.id}`, headers, payload: raw });
  return { ...r, raw };
}

async function counted(outcome: string): Promise<number> {
  return (await h.rt.deps.metrics.orderIntake.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

// ---------------------------------------------------------------- administration

describe('channel administration', () => {
  it('creates, reads, lists and renames a channel, and never returns its secret', async () => {
    const secret = secretOf();
    const id = rid('shop');
    const created = await createChannel({ id, type: 'shopify', name: 'Main shop', webhookSecret: secret, skuMap: { 'SHOP-A': 'A' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      id, type: 'shopify', name: 'Main shop', mapping: null, mappingVersion: 1, skuMap: { 'SHOP-A': 'A' },
      secrets: { current: { createdAt: expect.any(String) }, previous: null }, intakePath: `/v1/channels/${id}/orders?tenant=${t.id}`,
    });
    const read = await h.call({ method: 'GET', url: `/v1/channels/${id}`, key: t.keys.read });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const renamed = await h.call({ method: 'PATCH', url: `/v1/channels/${id}`, key: t.keys.admin, body: { name: 'Renamed' } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', mappingVersion: 1, secrets: { previous: null } });
    const list = await h.call({ method: 'GET', url: '/v1/channels', key: t.keys.admin });
    expect(list.body.channels.map((c: { id: string }) => c.id)).toContain(id);
    for (const r of [created, read, renamed, list]) expect(r.text).not.toContain(secret);
  });

  it('pages the list in id order', async () => {
    const tenant = await h.tenant();
    const ids = ['c-a', 'c-b', 'c-c'];
    for (const id of ids) expect((await createChannel({ id, type: 'generic', name: id, webhookSecret: secretOf() }, tenant.keys.admin)).status).toBe(201);
    const first = await h.call({ method: 'GET', url: '/v1/channels?limit=2', key: tenant.keys.read });
    expect(first.body.channels.map((c: { id: string }) => c.id)).toEqual(['c-a', 'c-b']);
    expect(first.body.nextAfter).toBe('c-b');
    const rest = await h.call({ method: 'GET', url: `/v1/channels?limit=2&after=${first.body.nextAfter}`, key: tenant.keys.read });
    expect(rest.body).toMatchObject({ channels: [{ id: 'c-c' }], nextAfter: null });
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels?limit=201', key: tenant.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.limit');
  });

  it('refuses a duplicate id (409), the reserved storefront id (422), a bad mapping (422), a missing secret and a dotted id (400)', async () => {
    const { id } = await channel('woocommerce');
    expectProblem(await createChannel({ id, type: 'woocommerce', name: 'again', webhookSecret: secretOf() }), 409, 'CHANNEL_EXISTS');
    expectProblem(await createChannel({ id: 'storefront', type: 'generic', name: 'mine', webhookSecret: secretOf() }), 422, 'CHANNEL_ID_RESERVED', 'body.id');
    expectProblem(await createChannel({ id: rid('m'), type: 'generic', name: 'm', webhookSecret: secretOf(), mapping: { version: 1 } }), 422, 'MAPPING_INVALID');
    expectProblem(await createChannel({ id: rid('s'), type: 'generic', name: 's' }), 400, 'VALIDATION_FAILED', 'body.webhookSecret');
    expectProblem(await createChannel({ id: rid('s'), type: 'generic', name: 's', webhookSecret: 'short' }), 400, 'VALIDATION_FAILED', 'body.webhookSecret');
    expectProblem(await createChannel({ id: 'a.b', type: 'generic', name: 's', webhookSecret: secretOf() }), 400, 'VALIDATION_FAILED', 'body.id');
    expectProblem(await createChannel({ id: rid('s'), type: 'ebay', name: 's', webhookSecret: secretOf() }), 400, 'VALIDATION_FAILED', 'body.type');
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels/nope', key: t.keys.read }), 404, 'CHANNEL_NOT_FOUND');
    expectProblem(await h.call({ method: 'PATCH', url: '/v1/channels/nope', key: t.keys.admin, body: { name: 'x' } }), 404, 'CHANNEL_NOT_FOUND');
  });

  it('sets a mapping override and puts the default back with null (each a new mapping version)', async () => {
    const { id } = await channel('generic');
    const generic = (await import('../../src/adapters/channels/mappings/generic.json', { with: { type: 'json' } })).default;
    const set = await h.call({ method: 'PATCH', url: `/v1/channels/${id}`, key: t.keys.admin, body: { mapping: generic } });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ mappingVersion: 2, mapping: { version: 1, fields: expect.any(Object) } });
    const reset = await h.call({ method: 'PATCH', url: `/v1/channels/${id}`, key: t.keys.admin, body: { mapping: null } });
    expect(reset.body).toMatchObject({ mappingVersion: 3, mapping: null });
  });

  it('checks scopes: admin changes channels, read reads them, checkout does neither; no key is 401', async () => {
    const body = { id: rid('sc'), type: 'generic', name: 'scoped', webhookSecret: secretOf() };
    for (const key of [t.keys.checkout, t.keys.read, opsKey]) expectProblem(await createChannel(body, key), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels', key: t.keys.checkout }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'PATCH', url: '/v1/channels/x', key: t.keys.read, body: { name: 'n' } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels/x/dead-letters', key: t.keys.checkout }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'POST', url: '/v1/channels/x/dead-letters/dl_x/replay', key: t.keys.read }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels' }), 401, 'UNAUTHENTICATED');
    expect((await h.call({ method: 'GET', url: '/v1/channels', key: t.keys.read })).status).toBe(200);
  });

  it("another tenant's key does not see the channel", async () => {
    const { id } = await channel('generic');
    const other = await h.tenant();
    expectProblem(await h.call({ method: 'GET', url: `/v1/channels/${id}`, key: other.keys.read }), 404, 'CHANNEL_NOT_FOUND');
  });
});

// ---------------------------------------------------------------- signed intake

describe('POST /v1/channels/:id/orders (signed intake)', () => {
  it('accepts a Shopify-signed document with 202 once it is in the intake stream, byte for byte', async () => {
    const shop = await channel('shopify');
    const before = await counted('accepted');
    const r = await shopify(shop.id, { secret: shop.secret });
    expect(r.status, r.text).toBe(202);
    expect(r.body).toEqual({ accepted: true });
    const stored = await intakeOf(t.id, shop.id);
    expect(stored).toHaveLength(1);
    expect(Buffer.from(stored[0]!.data).toString('utf8')).toBe(r.raw);
    expect(await counted('accepted')).toBe(before + 1);
  });

  it('refuses a wrong signature (401) and a body changed after signing (401), appending nothing', async () => {
    const shop = await channel('shopify');
    expectProblem(await shopify(shop.id, { secret: secretOf() }), 401, 'SIGNATURE_INVALID', 'headers.x-shopify-hmac-sha256');
    const raw = shopifyOrder();
    const tampered = await shopify(shop.id, { secret: shop.secret, raw: raw.replace('12.90', '0.01'), signature: webhookHmacBase64(shop.secret, Buffer.from(raw)) });
    expectProblem(tampered, 401, 'SIGNATURE_INVALID');
    expectProblem(await shopify(shop.id, { secret: shop.secret, signature: 'not base64' }), 401, 'SIGNATURE_INVALID');
    expect(await intakeOf(t.id, shop.id)).toEqual([]);
  });

  it('refuses a document without a delivery id (400 naming the header), appending nothing', async () => {
    const shop = await channel('shopify');
    expectProblem(await shopify(shop.id, { secret: shop.secret, deliveryId: null }), 400, 'VALIDATION_FAILED', 'headers.x-shopify-webhook-id');
    expect(await intakeOf(t.id, shop.id)).toEqual([]);
  });

  it('answers 409 CALLBACK_REPLAYED to the same delivery a second time, and stores it once', async () => {
    const shop = await channel('shopify');
    const deliveryId = randomUUID();
    const raw = shopifyOrder();
    expect((await shopify(shop.id, { secret: shop.secret, deliveryId, raw })).status).toBe(202);
    expectProblem(await shopify(shop.id, { secret: shop.secret, deliveryId, raw }), 409, 'CALLBACK_REPLAYED');
    expect(await intakeOf(t.id, shop.id)).toHaveLength(1);
  });

  it('answers an unknown channel and an unknown tenant with the same 404 CHANNEL_NOT_FOUND', async () => {
    const shop = await channel('shopify');
    const unknownChannel = await shopify('nope', { secret: shop.secret });
    const unknownTenant = await shopify('nope', { secret: shop.secret, tenant: 'tn_nobody' });
    expectProblem(unknownChannel, 404, 'CHANNEL_NOT_FOUND');
    expectProblem(unknownTenant, 404, 'CHANNEL_NOT_FOUND');
    const { requestId: _a, ...a } = unknownChannel.body;
    const { requestId: _b, ...b } = unknownTenant.body;
    expect(a).toEqual(b);
    // The channel exists, but under another tenant: the same 404.
    const elsewhere = await h.tenant();
    expectProblem(await shopify(shop.id, { secret: shop.secret, tenant: elsewhere.id }), 404, 'CHANNEL_NOT_FOUND');
  });

  it('refuses a missing or malformed tenant, and an unsigned request, with 401 before reading the body', async () => {
    const shop = await channel('shopify');
    const raw = shopifyOrder();
    const signed = { 'content-type': 'application/json', 'x-shopify-hmac-sha256': webhookHmacBase64(shop.secret, Buffer.from(raw)), 'x-shopify-webhook-id': randomUUID() };
    const noTenant = await h.call({ method: 'POST', url: `/v1/channels/${shop.id}/orders`, headers: signed, payload: raw });
    expectProblem(noTenant, 401, 'SIGNATURE_INVALID', 'querystring.tenant');
    const dotted = await h.call({ method: 'POST', url: `/v1/channels/${shop.id}/orders`, headers: { ...signed, 'pallet-tenant': 'a.b' }, payload: raw });
    expectProblem(dotted, 401, 'SIGNATURE_INVALID', 'headers.pallet-tenant');
    const unsigned = await h.call({ method: 'POST', url: `/v1/channels/${shop.id}/orders?tenant=${t.id}`, headers: { 'content-type': 'application/json' }, payload: raw });
    expectProblem(unsigned, 401, 'SIGNATURE_INVALID', 'headers');
    expect(await intakeOf(t.id, shop.id)).toEqual([]);
  });

  it('takes the tenant from the Pallet-Tenant header and verifies Pallet-Signature (generic), refusing an old timestamp', async () => {
    const gen = await channel('generic');
    const raw = JSON.stringify({ externalId: 'G-1' });
    const send = (ts: number) => h.call({
      method: 'POST', url: `/v1/channels/${gen.id}/orders`, payload: raw,
      headers: {
        'content-type': 'application/json; charset=utf-8', 'pallet-tenant': t.id, 'pallet-delivery-id': rid('d'),
        'pallet-signature': `t=${ts},v1=${signPayload(gen.secret, ts, Buffer.from(raw))}`,
      },
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await send(now)).status).toBe(202);
    expectProblem(await send(now - 3_600), 401, 'SIGNATURE_EXPIRED');
    expect(await intakeOf(t.id, gen.id)).toHaveLength(1);
  });

  it('refuses a body that is not JSON by media type (415) once signed', async () => {
    const shop = await channel('shopify');
    const r = await shopify(shop.id, { secret: shop.secret, contentType: 'application/x-www-form-urlencoded' });
    expectProblem(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await shopify(shop.id, { secret: shop.secret, contentType: 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('rotation: the new secret becomes current, the old one stays valid as previous; the next rotation drops it', async () => {
    const shop = await channel('shopify');
    const second = secretOf();
    const rotated = await h.call({ method: 'PATCH', url: `/v1/channels/${shop.id}`, key: t.keys.admin, body: { webhookSecret: second } });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.secrets).toEqual({ current: { createdAt: expect.any(String) }, previous: { createdAt: expect.any(String) } });
    expect(rotated.text).not.toContain(second);
    expect((await shopify(shop.id, { secret: shop.secret })).status).toBe(202);
    expect((await shopify(shop.id, { secret: second })).status).toBe(202);
    const third = secretOf();
    expect((await h.call({ method: 'PATCH', url: `/v1/channels/${shop.id}`, key: t.keys.admin, body: { webhookSecret: third } })).status).toBe(200);
    expectProblem(await shopify(shop.id, { secret: shop.secret }), 401, 'SIGNATURE_INVALID');
    expect((await shopify(shop.id, { secret: second })).status).toBe(202);
    expect((await shopify(shop.id, { secret: third })).status).toBe(202);
    expect(await intakeOf(t.id, shop.id)).toHaveLength(4);
  });

  it('the storefront channel takes no webhook secret and keeps its mapping', async () => {
    const tenant = await h.tenant();
    const order = { externalId: 'S-1', buyer: { name: 'B' }, shippingAddress: { name: 'B', phone: '13800138000', country: 'CN', province: 'ZJ', city: 'HZ', address1: 'x' },
      lines: [{ sku: 'A', qty: 1, unitPriceMinor: 100 }], totals: { currency: 'CNY', itemsMinor: 100, shippingMinor: 0, discountMinor: 0, totalMinor: 100 } };
    const r = await h.call({ method: 'POST', url: '/v1/orders', key: tenant.keys.checkout, body: order, headers: { 'idempotency-key': rid('k') } });
    expect(r.status, r.text).toBe(202);
    const patch = (body: unknown) => h.call({ method: 'PATCH', url: '/v1/channels/storefront', key: tenant.keys.admin, body });
    expectProblem(await patch({ webhookSecret: secretOf() }), 422, 'CHANNEL_ID_RESERVED', 'body.webhookSecret');
    expectProblem(await patch({ mapping: null }), 422, 'CHANNEL_ID_RESERVED', 'body.mapping');
    const renamed = await patch({ name: 'Web shop', skuMap: { 'WEB-A': 'A' } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ id: 'storefront', type: 'generic', name: 'Web shop', secrets: { current: null, previous: null } });
  });
});

// ---------------------------------------------------------------- dead letters

describe('dead letters', () => {
  it('lists a channel\'s dead letters and replays one once (ops key), into the intake stream', async () => {
    const gen = await channel('generic');
    const store = new PgOrderStore(h.rt.sql, 3_600_000);
    const document = '{"externalId":"X-1","broken":true}';
    const { id } = await store.inTenant(t.id, (tx) => tx.deadLetter({ channel: gen.id, document, sourcePath: 'placedAtMs', rule: 'placedAtMs', reason: 'missing', mappingVersion: 1 }));
    const base = `/v1/channels/${gen.id}/dead-letters`;
    const listed = await h.call({ method: 'GET', url: base, key: opsKey });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body).toEqual({
      deadLetters: [{ id, channel: gen.id, documentBytes: document.length, sourcePath: 'placedAtMs', rule: 'placedAtMs', reason: 'missing', mappingVersion: 1, createdAt: expect.any(String), replayedAt: null }],
      nextCursor: null,
    });
    const replayed = await h.call({ method: 'POST', url: `${base}/${id}/replay`, key: opsKey });
    expect(replayed.status, replayed.text).toBe(202);
    expect(replayed.body).toMatchObject({ id, replayedAt: expect.any(String) });
    const stored = await intakeOf(t.id, gen.id);
    expect(stored.map((m) => Buffer.from(m.data).toString('utf8'))).toEqual([document]);
    expectProblem(await h.call({ method: 'POST', url: `${base}/${id}/replay`, key: t.keys.admin }), 409, 'CALLBACK_REPLAYED');
    expect((await h.call({ method: 'GET', url: `${base}?replayed=false`, key: t.keys.read })).body.deadLetters).toEqual([]);
    expect((await h.call({ method: 'GET', url: `${base}?replayed=true`, key: t.keys.read })).body.deadLetters).toHaveLength(1);
  });

  it('answers 404 for an unknown channel or dead letter, and 400 naming a bad cursor', async () => {
    const gen = await channel('generic');
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels/nope/dead-letters', key: t.keys.read }), 404, 'CHANNEL_NOT_FOUND');
    expectProblem(await h.call({ method: 'POST', url: `/v1/channels/${gen.id}/dead-letters/dl_nope/replay`, key: opsKey }), 404, 'NOT_FOUND');
    expectProblem(await h.call({ method: 'GET', url: `/v1/channels/${gen.id}/dead-letters?cursor=abc`, key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.cursor');
  });
});

// ---------------------------------------------------------------- docs

describe('the OpenAPI document', () => {
  it('describes the channel and order routes; the intake route needs no API key', async () => {
    const r = await h.call({ method: 'GET', url: '/docs/json' });
    expect(r.status).toBe(200);
    const paths = r.body.paths as Record<string, Record<string, { security?: unknown }>>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining([
      '/v1/channels', '/v1/channels/{id}', '/v1/channels/{id}/dead-letters', '/v1/channels/{id}/dead-letters/{dlId}/replay',
      '/v1/channels/{id}/orders', '/v1/orders', '/v1/orders/{id}', '/v1/orders/{id}/audit', '/v1/orders/{id}/review',
      '/v1/orders/{id}/cancel', '/v1/hold-rules',
    ]));
    expect(paths['/v1/channels/{id}/orders']!.post!.security).toEqual([]);
  });
});
