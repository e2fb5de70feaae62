// Payment callback intake and the payment-secret route, through app.inject()
// against the real PostgreSQL, Redis and NATS JetStream (own namespace: schema,
// `<ns>:*` keys, `<ns>_events` / `<ns>_dlq` streams; all removed afterwards).
//
// The payment routes are registered on a Fastify app of their own (same error
// handler, parsers and options as buildApp) so each test controls the service:
// its in-flight bound, publish timeout and event log.

import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/adapters/metrics/metrics.ts';
import { guardInput } from '../../src/adapters/http/input.hook.ts';
import { errorHandler } from '../../src/adapters/http/problem.ts';
import { paymentRoutes } from '../../src/adapters/http/routes/payments.route.ts';
import { buildSchemas } from '../../src/adapters/http/schemas.ts';
import { PaymentSecretRepo } from '../../src/adapters/postgres/payment-secret.repo.ts';
import type { Clock } from '../../src/app/clock.port.ts';
import type { PaymentEvents, PaymentReceived } from '../../src/app/payment.port.ts';
import { PaymentService, type PaymentIntakeOptions } from '../../src/app/payment.service.ts';
import { signPayload } from '../../src/app/payment.signature.ts';
import { JetStreamPaymentEvents } from '../../src/adapters/nats/payment-events.ts';
import { RedisPaymentRecords } from '../../src/adapters/redis/payment-records.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, type NatsHarness } from '../helpers/nats.ts';
import { randomNamespace } from '../helpers/redis.ts';

let h: HttpHarness;
let n: NatsHarness;
let app: FastifyInstance;
let metrics: Metrics;
const clock: Clock = { nowMs: () => Date.now() };
const apps: FastifyInstance[] = [];

const intakeDefaults: PaymentIntakeOptions = {
  inflightMax: 100, timestampToleranceSeconds: 300, deliveryTtlSeconds: 3_600, publishTimeoutMs: 5_000,
  secretCacheTtlMs: 30_000, secretCacheEntriesMax: 1_000,
};

function service(events: PaymentEvents, opts: Partial<PaymentIntakeOptions> = {}): PaymentService {
  return new PaymentService(new PaymentSecretRepo(h.rt.sql), new RedisPaymentRecords(h.rt.redis, h.namespace), events, clock, { ...intakeDefaults, ...opts });
}

/** The payment routes on an app with buildApp's options, parsers and error handler. */
async function paymentApp(payments: PaymentService, m: Metrics = createMetrics({ defaults: false })): Promise<FastifyInstance> {
  const { limits } = h.config;
  const a = Fastify({
    logger: false, bodyLimit: limits.bodyBytesMax, onProtoPoisoning: 'error', onConstructorPoisoning: 'error',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  a.removeContentTypeParser('text/plain');
  a.decorateRequest('principal', null);
  a.setErrorHandler(errorHandler);
  guardInput(a);
  await a.register(paymentRoutes, { config: h.config, auth: h.rt.deps.auth, payments, metrics: m, schemas: buildSchemas(limits) });
  await a.ready();
  apps.push(a);
  return a;
}

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  metrics = createMetrics({ defaults: false });
  app = await paymentApp(service(new JetStreamPaymentEvents(n.nats.js, h.namespace)), metrics);
});

afterAll(async () => {
  for (const a of apps) await a.close();
  await n?.close();
  await h?.close();
});

// ---------------------------------------------------------------- helpers

interface Send {
  readonly tenant?: string | null;
  readonly secret?: string;
  readonly body?: unknown;
  /** Raw bytes to send instead of JSON.stringify(body). */
  readonly raw?: string;
  /** Bytes to sign instead of the bytes sent (a tampered body). */
  readonly signedRaw?: string;
  readonly t?: number;
  readonly deliveryId?: string | null;
  readonly signature?: string | null;
  readonly contentType?: string;
}

const nowS = (): number => Math.floor(Date.now() / 1000);
const id = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

function callback(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { reservationId: id('res'), paymentId: id('pay'), amount: 12_900, currency: 'CNY', status: 'succeeded', ...over };
}

async function send(target: FastifyInstance, tenant: TenantFixture | null, secret: string, s: Send = {}) {
  const raw = s.raw ?? JSON.stringify(s.body ?? callback());
  const t = s.t ?? nowS();
  const headers: Record<string, string> = { 'content-type': s.contentType ?? 'application/json' };
  const tenantId = s.tenant === undefined ? tenant?.id : s.tenant;
  if (tenantId !== null && tenantId !== undefined) headers['pallet-tenant'] = tenantId;
  const deliveryId = s.deliveryId === undefined ? id('dlv') : s.deliveryId;
  if (deliveryId !== null) headers['pallet-delivery-id'] = deliveryId;
  const signature = s.signature === undefined ? `t=${t},v1=${signPayload(s.secret ?? secret, t, Buffer.from(s.signedRaw ?? raw))}` : s.signature;
  if (signature !== null) headers['pallet-signature'] = signature;
  const res = await target.inject({ method: 'POST', url: '/v1/payments/callbacks', headers, payload: raw });
  let body: any;
  try { body = JSON.parse(res.payload); } catch { body = undefined; }
  return { status: res.statusCode, headers: res.headers, text: res.payload, body, deliveryId };
}

async function counted(outcome: string): Promise<number> {
  return (await metrics.paymentCallbacks.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

/** A tenant (through the API) with a payment secret (through the payment app). */
async function tenantWithSecret(): Promise<{ t: TenantFixture; secret: string }> {
  const t = await h.tenant();
  const r = await app.inject({ method: 'POST', url: `/v1/tenants/${t.id}/payment-secret`, headers: { authorization: `Bearer ${h.adminKey}` } });
  expect(r.statusCode, r.payload).toBe(201);
  return { t, secret: JSON.parse(r.payload).secret as string };
}

const receivedSubject = (tenant: string): string => `${h.namespace}.${tenant}.payment.received`;

async function receivedOf(tenant: string) {
  return (await n.readEvents()).filter((m) => m.subject === receivedSubject(tenant));
}

// ---------------------------------------------------------------- intake

describe('POST /v1/payments/callbacks', () => {
  it('accepts a signed callback with 202 only once its payment.received event is in the stream', async () => {
    const { t, secret } = await tenantWithSecret();
    const body = callback();
    const r = await send(app, t, secret, { body });
    expect(r.status, r.text).toBe(202);
    const eventId = `payment:${t.id}:${body.paymentId}:succeeded`;
    expect(r.body).toEqual({ accepted: true, eventId });

    const stored = await receivedOf(t.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.msgId).toBe(eventId);
    const e = stored[0]!.envelope;
    expect({ eventId: e.eventId, tenant: e.tenant, type: e.type, aggregateId: e.aggregateId, correlationId: e.correlationId }).toEqual({
      eventId, tenant: t.id, type: 'payment.received', aggregateId: body.paymentId, correlationId: body.reservationId,
    });
    expect(e.paymentReceived).toMatchObject({
      paymentId: body.paymentId, reservationId: body.reservationId, amountMinor: 12_900, currency: 'CNY',
      status: 'succeeded', deliveryId: r.deliveryId,
    });
    // The delivery id is remembered under the tenant's hash tag, with a TTL.
    const mark = `${h.namespace}:{${t.id}}:pay:dlv:${r.deliveryId}`;
    expect(await h.rt.redis.next().get(mark)).toBe(`accepted ${eventId}`);
    expect(await h.rt.redis.next().ttl(mark)).toBeGreaterThan(3_000);
  });

  it('answers 401 SIGNATURE_INVALID / SIGNATURE_EXPIRED and publishes nothing for bad signatures, tampered bodies, stale timestamps, missing headers and unknown tenants', async () => {
    const { t, secret } = await tenantWithSecret();
    const noSecret = await h.tenant();
    const before = await n.eventCount();
    const body = callback();
    const sent = JSON.stringify(body);
    const wrongSecret = `whsec_${randomBytes(32).toString('base64url')}`;
    const cases: { name: string; s: Send; target?: TenantFixture | null; code: string; field?: string }[] = [
      { name: 'wrong secret', s: { body, secret: wrongSecret }, code: 'SIGNATURE_INVALID' },
      { name: 'tampered amount', s: { raw: sent.replace('12900', '1'), signedRaw: sent }, code: 'SIGNATURE_INVALID' },
      { name: 'whitespace added', s: { raw: `${sent} `, signedRaw: sent }, code: 'SIGNATURE_INVALID' },
      { name: 'signature for another timestamp', s: { body, signature: `t=${nowS() - 1},v1=${signPayload(secret, nowS(), Buffer.from(sent))}` }, code: 'SIGNATURE_INVALID' },
      { name: 'malformed signature', s: { body, signature: 'sha256=abc' }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-signature' },
      { name: 'short v1', s: { body, signature: `t=${nowS()},v1=abcd` }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-signature' },
      { name: 'stale timestamp', s: { body, t: nowS() - 301 }, code: 'SIGNATURE_EXPIRED', field: 'headers.pallet-signature' },
      { name: 'future timestamp', s: { body, t: nowS() + 400 }, code: 'SIGNATURE_EXPIRED', field: 'headers.pallet-signature' },
      { name: 'missing signature', s: { body, signature: null }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-signature' },
      { name: 'missing tenant', s: { body, tenant: null }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-tenant' },
      { name: 'malformed tenant', s: { body, tenant: 'a.b' }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-tenant' },
      { name: 'missing delivery id', s: { body, deliveryId: null }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-delivery-id' },
      { name: 'delivery id too long', s: { body, deliveryId: 'd'.repeat(129) }, code: 'SIGNATURE_INVALID', field: 'headers.pallet-delivery-id' },
      { name: 'unknown tenant', s: { body, tenant: 'no_such_tenant' }, code: 'SIGNATURE_INVALID' },
      { name: 'tenant without a secret', s: { body, tenant: noSecret.id }, code: 'SIGNATURE_INVALID' },
    ];
    const details = new Map<string, string>();
    for (const c of cases) {
      const r = await send(app, t, secret, c.s);
      expectProblem(r, 401, c.code, c.field);
      details.set(c.name, r.body.detail);
    }
    // An unknown tenant or one without a secret reads exactly like a wrong signature.
    expect(details.get('unknown tenant')).toBe(details.get('wrong secret'));
    expect(details.get('tenant without a secret')).toBe(details.get('wrong secret'));
    expect(await n.eventCount()).toBe(before);
  });

  it('answers 409 CALLBACK_REPLAYED for a delivery id already accepted, and publishes nothing more', async () => {
    const { t, secret } = await tenantWithSecret();
    const body = callback();
    const first = await send(app, t, secret, { body });
    expect(first.status).toBe(202);
    const again = await send(app, t, secret, { body, deliveryId: first.deliveryId });
    expectProblem(again, 409, 'CALLBACK_REPLAYED', 'headers.pallet-delivery-id');
    const otherBody = await send(app, t, secret, { body: callback(), deliveryId: first.deliveryId });
    expectProblem(otherBody, 409, 'CALLBACK_REPLAYED');
    expect(await receivedOf(t.id)).toHaveLength(1);
  });

  it('the same delivery id of another tenant is a different delivery', async () => {
    const a = await tenantWithSecret();
    const b = await tenantWithSecret();
    const deliveryId = id('shared');
    expect((await send(app, a.t, a.secret, { deliveryId })).status).toBe(202);
    expect((await send(app, b.t, b.secret, { deliveryId })).status).toBe(202);
  });

  it('the same payment under a new delivery id is accepted (202) and stays one message; a new status is a new message', async () => {
    const { t, secret } = await tenantWithSecret();
    const body = callback({ status: 'pending' });
    const duplicatesBefore = await counted('duplicate');
    const first = await send(app, t, secret, { body });
    const second = await send(app, t, secret, { body });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.eventId).toBe(first.body.eventId);
    expect(await receivedOf(t.id)).toHaveLength(1);
    expect(await counted('duplicate')).toBe(duplicatesBefore + 1);
    const succeeded = await send(app, t, secret, { body: { ...body, status: 'succeeded' } });
    expect(succeeded.status).toBe(202);
    expect((await receivedOf(t.id)).map((m) => m.envelope.paymentReceived?.status)).toEqual(['pending', 'succeeded']);
  });

  it('answers 400 naming the field for bad bodies, publishes nothing and leaves the delivery id usable', async () => {
    const { t, secret } = await tenantWithSecret();
    const before = await n.eventCount();
    const good = callback();
    const cases: { body?: unknown; raw?: string; code: string; field: string }[] = [
      { body: { ...good, amount: -1 }, code: 'VALIDATION_FAILED', field: 'body.amount' },
      { body: { ...good, amount: 1.5 }, code: 'VALIDATION_FAILED', field: 'body.amount' },
      { body: { ...good, amount: '100' }, code: 'VALIDATION_FAILED', field: 'body.amount' },
      { raw: JSON.stringify(good).replace('12900', '1e309'), code: 'VALIDATION_FAILED', field: 'body.amount' },
      { body: { ...good, status: 'paid' }, code: 'VALIDATION_FAILED', field: 'body.status' },
      { body: { ...good, currency: 'cny' }, code: 'VALIDATION_FAILED', field: 'body.currency' },
      { body: { ...good, reservationId: 'a b' }, code: 'VALIDATION_FAILED', field: 'body.reservationId' },
      { body: { ...good, paymentId: 'p'.repeat(65) }, code: 'VALIDATION_FAILED', field: 'body.paymentId' },
      { body: { ...good, paymentId: undefined }, code: 'VALIDATION_FAILED', field: 'body.paymentId' },
      { body: { ...good, provider: 'x' }, code: 'VALIDATION_FAILED', field: 'body.provider' },
      { body: [good], code: 'VALIDATION_FAILED', field: 'body' },
      { raw: JSON.stringify(good).replace('{', '{"__proto__":{"admin":true},'), code: 'INVALID_JSON', field: 'body' },
      { raw: JSON.stringify(good).replace('{', '{"constructor":{"prototype":{}},'), code: 'INVALID_JSON', field: 'body' },
      { raw: '{"reservationId":', code: 'INVALID_JSON', field: 'body' },
      { raw: '', code: 'VALIDATION_FAILED', field: 'body' },
    ];
    const deliveryId = id('dlv');
    for (const c of cases) {
      const r = await send(app, t, secret, { ...(c.raw === undefined ? { body: c.body } : { raw: c.raw }), deliveryId });
      expectProblem(r, 400, c.code, c.field);
    }
    expect(await n.eventCount()).toBe(before);
    // None of them used up the delivery id.
    expect((await send(app, t, secret, { body: good, deliveryId })).status).toBe(202);
  });

  it('answers 415 for a body that is not JSON, or JSON in another charset than UTF-8', async () => {
    const { t, secret } = await tenantWithSecret();
    for (const contentType of ['text/plain', 'application/json; charset=utf-16', 'application/json; charset=iso-8859-1']) {
      expectProblem(await send(app, t, secret, { contentType }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'headers.content-type');
    }
    expect((await send(app, t, secret, { contentType: 'application/json; charset=UTF-8' })).status).toBe(202);
  });

  it('answers 401 before reading the body when the signature headers are missing, whatever the body', async () => {
    const before = await counted('unauthenticated');
    for (const contentType of ['text/plain', 'application/json; charset=utf-16', 'application/json']) {
      const r = await send(app, null, 'no-secret', { raw: '{"status":', contentType, signature: null, deliveryId: null });
      expectProblem(r, 401, 'SIGNATURE_INVALID');
    }
    expect(await counted('unauthenticated')).toBe(before + 3);
  });

  it('refuses a signed body that gives a key twice (400 DUPLICATE_KEY naming it), publishes nothing, leaves the delivery id usable', async () => {
    const { t, secret } = await tenantWithSecret();
    const before = await n.eventCount();
    const good = callback({ status: 'pending' });
    const body = JSON.stringify(good);
    const cases = [
      // The report: pending first, succeeded last; JSON.parse alone reads succeeded.
      { raw: body.replace('"status":"pending"', '"status":"pending","status":"succeeded"'), field: 'body.status' },
      { raw: body.replace('"status":"pending"', '"status":"pending","st\\u0061tus":"succeeded"'), field: 'body.status' },
      { raw: body.replace('{', '{"amount":1,'), field: 'body.amount' },
      { raw: body.replace('{', '{"meta":{"k":1,"k":2},'), field: 'body.meta.k' },
    ];
    const deliveryId = id('dlv');
    for (const c of cases) {
      expect(JSON.parse(c.raw)).toBeDefined();
      expectProblem(await send(app, t, secret, { raw: c.raw, deliveryId }), 400, 'DUPLICATE_KEY', c.field);
    }
    expect(await n.eventCount()).toBe(before);
    expect((await send(app, t, secret, { body: good, deliveryId })).status).toBe(202);
  });

  it('refuses a signed body holding U+0000 or an unpaired surrogate, naming the field', async () => {
    const { t, secret } = await tenantWithSecret();
    const before = await n.eventCount();
    const cases: { body: unknown; field: string }[] = [
      { body: callback({ paymentId: 'pay\u0000' }), field: 'body.paymentId' },
      { body: callback({ reservationId: 'res\ud800' }), field: 'body.reservationId' },
      { body: { ...callback(), 'x\u0000': 1 }, field: 'body["x\\u0000"]' },
    ];
    for (const c of cases) expectProblem(await send(app, t, secret, { body: c.body }), 400, 'VALIDATION_FAILED', c.field);
    expect(await n.eventCount()).toBe(before);
  });
});

describe('POST /v1/payments/callbacks when the event log cannot keep up', () => {
  /** Publishes to a namespace whose subjects a silent subscriber swallows: JetStream never answers. */
  async function silentLog() {
    const ns = randomNamespace('silent');
    const swallowed: string[] = [];
    const sub = n.nats.nc.subscribe(`${ns}.>`, { callback: (_err, msg) => { swallowed.push(msg.subject); } });
    await n.nats.nc.flush();
    return { events: new JetStreamPaymentEvents(n.nats.js, ns), swallowed, close: () => sub.unsubscribe() };
  }

  it('with inflightMax=1 a second callback gets 503 + Retry-After while the first waits; the first gets 503 when the log does not answer in time, and its retry is accepted', async () => {
    const { t, secret } = await tenantWithSecret();
    const silent = await silentLog();
    try {
      const slowPayments = service(silent.events, { inflightMax: 1, publishTimeoutMs: 1_500 });
      const slow = await paymentApp(slowPayments);
      const body = callback();
      const firstPending = send(slow, t, secret, { body });
      await waitFor(() => silent.swallowed.length === 1);
      expect(slowPayments.inflightCount).toBe(1);

      const second = await send(slow, t, secret, { body: callback() });
      expectProblem(second, 503, 'OVERLOADED');
      expect(second.headers['retry-after']).toBe('1');

      const first = await firstPending;
      expectProblem(first, 503, 'OVERLOADED');
      expect(first.headers['retry-after']).toBe('1');
      await waitFor(() => slowPayments.inflightCount === 0);
      expect(await receivedOf(t.id)).toHaveLength(0);

      // The failed delivery left no mark: the provider's retry of the same delivery id is accepted.
      const retry = await send(app, t, secret, { body, deliveryId: first.deliveryId });
      expect(retry.status, retry.text).toBe(202);
      expect(await receivedOf(t.id)).toHaveLength(1);
    } finally {
      silent.close();
    }
  });

  it('answers 503 + Retry-After at once when no stream takes the subject (no responders), and accepts the retry', async () => {
    const { t, secret } = await tenantWithSecret();
    const noStream = await paymentApp(service(new JetStreamPaymentEvents(n.nats.js, randomNamespace('nostream'))));
    const r = await send(noStream, t, secret);
    expectProblem(r, 503, 'OVERLOADED');
    expect(r.headers['retry-after']).toBe('1');
    expect((await send(app, t, secret, { deliveryId: r.deliveryId })).status).toBe(202);
  });
});

describe('PaymentService in-flight bound (stub event log)', () => {
  /** An event log whose acks the test releases one by one. */
  function heldLog() {
    const waiting: { e: PaymentReceived; release: () => void; reject: (err: Error) => void }[] = [];
    const events: PaymentEvents = {
      received: (e) => new Promise((resolve, reject) => waiting.push({ e, release: () => resolve({ duplicate: false }), reject })),
      orphaned: () => Promise.reject(new Error('not used')),
    };
    return { events, waiting };
  }

  it('refuses the callback beyond inflightMax with OVERLOADED, and accepts again once an ack arrives', async () => {
    const { t } = await tenantWithSecret();
    const log = heldLog();
    const payments = service(log.events, { inflightMax: 2, publishTimeoutMs: 10_000 });
    const accept = (deliveryId: string) => payments.accept(t.id, deliveryId, callback() as any);
    const release = (deliveryId: string) => log.waiting.find((w) => w.e.deliveryId === deliveryId)!.release();
    const a = accept('a');
    const b = accept('b');
    await waitFor(() => log.waiting.length === 2);
    const c = await accept('c');
    expect(c.ok ? 'ok' : c.error.code).toBe('OVERLOADED');
    expect(log.waiting).toHaveLength(2);

    release('a');
    expect((await a).ok).toBe(true);
    const d = accept('d');
    await waitFor(() => log.waiting.length === 3);
    release('b');
    release('d');
    expect([(await b).ok, (await d).ok]).toEqual([true, true]);
    expect(payments.inflightCount).toBe(0);
  });

  it('keeps counting a publish that outlived its deadline until the log answers it', async () => {
    const { t } = await tenantWithSecret();
    const log = heldLog();
    const payments = service(log.events, { inflightMax: 1, publishTimeoutMs: 50 });
    const late = await payments.accept(t.id, id('d'), callback() as any);
    expect(late.ok ? 'ok' : late.error.code).toBe('OVERLOADED');
    expect(payments.inflightCount).toBe(1);
    const refused = await payments.accept(t.id, id('d'), callback() as any);
    expect(refused.ok ? 'ok' : refused.error.detail).toMatch(/waiting for the event log/);
    log.waiting[0]!.reject(new Error('timeout'));
    await waitFor(() => payments.inflightCount === 0);
  });

  it('a delivery being accepted by a concurrent request is not a replay: 503, then 409 once accepted', async () => {
    const { t } = await tenantWithSecret();
    const log = heldLog();
    const payments = service(log.events, { publishTimeoutMs: 10_000 });
    const deliveryId = id('d');
    const first = payments.accept(t.id, deliveryId, callback() as any);
    await waitFor(() => log.waiting.length === 1);
    const concurrent = await payments.accept(t.id, deliveryId, callback() as any);
    expect(concurrent.ok ? 'ok' : concurrent.error.code).toBe('OVERLOADED');
    log.waiting[0]!.release();
    expect((await first).ok).toBe(true);
    const replay = await payments.accept(t.id, deliveryId, callback() as any);
    expect(replay.ok ? 'ok' : replay.error.code).toBe('CALLBACK_REPLAYED');
  });
});

// ---------------------------------------------------------------- secrets

describe('POST /v1/tenants/{id}/payment-secret', () => {
  const rotate = (tenant: string, key?: string) => app.inject({
    method: 'POST', url: `/v1/tenants/${tenant}/payment-secret`, headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
  });
  const asReply = (r: Awaited<ReturnType<typeof rotate>>) => ({ status: r.statusCode, headers: r.headers, text: r.payload, body: JSON.parse(r.payload) });

  it('the operator key creates the secret, shown once with no-store; rotating replaces it and the old one stops verifying', async () => {
    const t = await h.tenant();
    const r = await rotate(t.id, h.adminKey);
    expect(r.statusCode).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const first = JSON.parse(r.payload).secret as string;
    expect(first).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await h.rt.sql<{ secret: string }[]>`select secret from payment_secrets where tenant_id = ${t.id}`;
    expect(row?.secret).toBe(first);
    expect((await send(app, t, first)).status).toBe(202);

    const second = JSON.parse((await rotate(t.id, h.adminKey)).payload).secret as string;
    expect(second).not.toBe(first);
    expectProblem(await send(app, t, first), 401, 'SIGNATURE_INVALID');
    expect((await send(app, t, second)).status).toBe(202);
  });

  it("a tenant admin key rotates its own tenant's secret, and gets 404 for another tenant's", async () => {
    const a = await h.tenant();
    const b = await h.tenant();
    const own = await rotate(a.id, a.keys.admin);
    expect(own.statusCode).toBe(201);
    const other = asReply(await rotate(b.id, a.keys.admin));
    expectProblem(other, 404, 'TENANT_NOT_FOUND');
    expect(other.headers['cache-control']).not.toBe('no-store');
    expect(await h.rt.sql`select 1 from payment_secrets where tenant_id = ${b.id}`).toHaveLength(0);
  });

  it('read and checkout keys get 403, no key 401, and an unknown tenant 404', async () => {
    const t = await h.tenant();
    expectProblem(asReply(await rotate(t.id, t.keys.read)), 403, 'FORBIDDEN');
    expectProblem(asReply(await rotate(t.id, t.keys.checkout)), 403, 'FORBIDDEN');
    expectProblem(asReply(await rotate(t.id)), 401, 'UNAUTHENTICATED');
    expectProblem(asReply(await rotate('no_such_tenant', h.adminKey)), 404, 'TENANT_NOT_FOUND');
    expect(await h.rt.sql`select 1 from payment_secrets where tenant_id = ${t.id}`).toHaveLength(0);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
