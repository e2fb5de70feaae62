// Orders: the storefront's POST /v1/orders, reads, the list, the audit trail,
// review and cancel, and the hold rules, through app.inject() against the
// real PostgreSQL, Redis and NATS JetStream (own namespace, removed
// afterwards). The last block runs the orders role in this process, so a
// submitted order is created and can be reviewed, cancelled and audited.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { OrdersRole } from '../../src/roles/orders.role.ts';
import { createHttpHarness, expectProblem, problemFields, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, readStream, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let t: TenantFixture;
let opsKey: string;

const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

async function keyWith(tenant: string, scope: 'ops'): Promise<string> {
  const r = await h.call({ method: 'POST', url: `/v1/tenants/${tenant}/keys`, key: h.adminKey, body: { scopes: [scope] } });
  expect(r.status, r.text).toBe(201);
  return r.body.key as string;
}

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  t = await h.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 50 }] });
  opsKey = await keyWith(t.id, 'ops');
});

afterAll(async () => {
  await n?.close();
  await h?.close();
});

function draft(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: rid('web'),
    buyer: { name: 'Li Lei', phone: '+86 138 0013 8000', email: 'li@example.com' },
    shippingAddress: { name: 'Li Lei', phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', address1: '1 Wensan Road' },
    lines: [{ sku: 'A', qty: 2, unitPriceMinor: 4_950 }],
    totals: { currency: 'CNY', itemsMinor: 9_900, shippingMinor: 1_000, discountMinor: 0, totalMinor: 10_900 },
    ...over,
  };
}

const submit = (body: unknown, key = t.keys.checkout, idempotencyKey: string | null = rid('idem')): Promise<Reply> =>
  h.call({ method: 'POST', url: '/v1/orders', key, body, headers: idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey } });

async function storefrontIntake(tenant: string) {
  return (await readStream(n.nats, n.topology.intakeStream)).filter((m) => m.subject === n.topology.intakeSubject(tenant, 'storefront'));
}

// ---------------------------------------------------------------- POST /v1/orders

describe('POST /v1/orders (the storefront)', () => {
  it('answers 202 with the order id, the draft durable in the intake stream in the generic mapping\'s shape', async () => {
    const tenant = await h.tenant();
    const body = draft({ paidAtMs: Date.now(), flags: { presell: true } });
    const r = await submit(body, tenant.keys.checkout);
    expect(r.status, r.text).toBe(202);
    expect(r.body).toEqual({ accepted: true, orderId: orderIdOf('storefront', body.externalId as string) });
    const stored = await storefrontIntake(tenant.id);
    expect(stored).toHaveLength(1);
    const document = JSON.parse(Buffer.from(stored[0]!.data).toString('utf8'));
    expect(document).toEqual({ ...body, placedAtMs: expect.any(Number) });
    expect(Math.abs(document.placedAtMs - Date.now())).toBeLessThan(60_000);
    const channel = await h.call({ method: 'GET', url: '/v1/channels/storefront', key: tenant.keys.admin });
    expect(channel.body).toMatchObject({ id: 'storefront', type: 'generic', secrets: { current: null, previous: null } });
  });

  it('the same Idempotency-Key again answers the same 202 and stores the document once', async () => {
    const tenant = await h.tenant();
    const body = draft({ placedAtMs: Date.UTC(2024, 4, 1) });
    const first = await submit(body, tenant.keys.admin, 'key-1');
    const again = await submit(body, tenant.keys.admin, 'key-1');
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body).toEqual(first.body);
    expect(await storefrontIntake(tenant.id)).toHaveLength(1);
  });

  it('refuses a bad draft with 400 naming the field, and stores nothing', async () => {
    const tenant = await h.tenant();
    const cases: [unknown, string][] = [
      [draft({ lines: [{ sku: 'A', qty: 0, unitPriceMinor: 1 }] }), 'body.lines[0].qty'],
      [draft({ lines: [] }), 'body.lines'],
      [draft({ buyer: { name: 'B', nickname: 'x' } }), 'body.buyer.nickname'],
      [draft({ shippingAddress: { name: 'B', country: 'CN', province: 'P', city: 'C', address1: 'A' } }), 'body.shippingAddress.phone'],
      [draft({ shippingAddress: { name: 'B', phone: '12', country: 'CN', province: 'P', city: 'C', address1: 'A' } }), 'body.shippingAddress.phone'],
      [draft({ totals: { currency: 'cny', itemsMinor: 1, shippingMinor: 0, discountMinor: 0, totalMinor: 1 } }), 'body.totals.currency'],
      [draft({ totals: { currency: 'CNY', itemsMinor: -1, shippingMinor: 0, discountMinor: 0, totalMinor: 1 } }), 'body.totals.itemsMinor'],
      [draft({ externalId: ' padded ' }), 'body.externalId'],
      [draft({ placedAtMs: 1_714_521_600 }), 'body.placedAtMs'],
      [draft({ flags: { 'not a flag': true } }), 'body.flags'],
      [draft({ status: 'paid' }), 'body.status'],
    ];
    for (const [body, field] of cases) {
      const r = await submit(body, tenant.keys.checkout);
      expectProblem(r, 400, 'VALIDATION_FAILED');
      expect(problemFields(r.body).some((f) => f.startsWith(field)), `${field}: ${r.text.slice(0, 300)}`).toBe(true);
    }
    expectProblem(await submit(draft(), tenant.keys.checkout, null), 400, 'VALIDATION_FAILED', 'headers.idempotency-key');
    expect(await storefrontIntake(tenant.id)).toEqual([]);
  });

  it('needs a checkout or admin key', async () => {
    expectProblem(await submit(draft(), t.keys.read), 403, 'FORBIDDEN');
    expectProblem(await submit(draft(), opsKey), 403, 'FORBIDDEN');
    expectProblem(await submit(draft(), h.adminKey), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'POST', url: '/v1/orders', body: draft() }), 401, 'UNAUTHENTICATED');
  });
});

// ---------------------------------------------------------------- reads

describe('reading orders', () => {
  it('answers 404 ORDER_NOT_FOUND for an unknown order, its audit trail, review and cancel', async () => {
    expectProblem(await h.call({ method: 'GET', url: '/v1/orders/o_nope', key: t.keys.read }), 404, 'ORDER_NOT_FOUND');
    expectProblem(await h.call({ method: 'GET', url: '/v1/orders/o_nope/audit', key: t.keys.read }), 404, 'ORDER_NOT_FOUND');
    expectProblem(await h.call({ method: 'POST', url: '/v1/orders/o_nope/review', key: opsKey, body: { decision: 'approve' } }), 404, 'ORDER_NOT_FOUND');
    expectProblem(await h.call({ method: 'POST', url: '/v1/orders/o_nope/cancel', key: t.keys.admin, body: { reason: 'x' } }), 404, 'ORDER_NOT_FOUND');
  });

  it('lists nothing for a new tenant, and names a bad filter, cursor or limit', async () => {
    const tenant = await h.tenant();
    const list = (q: string, key = tenant.keys.read) => h.call({ method: 'GET', url: `/v1/orders${q}`, key });
    const empty = await list('?status=on_hold&hold=true&from=2024-05-01&to=2024-05-02T00:00:00%2B08:00');
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body).toEqual({ orders: [], nextCursor: null });
    expectProblem(await list('?from=2024-02-30'), 400, 'VALIDATION_FAILED', 'querystring.from');
    expectProblem(await list('?to=yesterday'), 400, 'VALIDATION_FAILED', 'querystring.to');
    expectProblem(await list('?from=2024-05-02&to=2024-05-01'), 400, 'VALIDATION_FAILED', 'querystring.to');
    expectProblem(await list('?cursor=abc'), 400, 'VALIDATION_FAILED', 'querystring.cursor');
    expectProblem(await list('?status=lost'), 400, 'VALIDATION_FAILED', 'querystring.status');
    expectProblem(await list('?limit=0'), 400, 'VALIDATION_FAILED', 'querystring.limit');
    expectProblem(await list('', tenant.keys.checkout), 403, 'FORBIDDEN');
  });
});

// ---------------------------------------------------------------- hold rules

describe('hold rules', () => {
  it('PUT refuses invalid rules with 422 naming the field; valid rules are stored and read back', async () => {
    const tenant = await h.tenant();
    const put = (rules: unknown, key = tenant.keys.admin) => h.call({ method: 'PUT', url: '/v1/hold-rules', key, body: { rules } });
    expect((await h.call({ method: 'GET', url: '/v1/hold-rules', key: tenant.keys.read })).body).toEqual({ rules: [] });
    expectProblem(await put([{ kind: 'totalAtLeast', minor: -1 }]), 422, 'HOLD_RULES_INVALID', 'body.rules[0].minor');
    expectProblem(await put([{ kind: 'firstOrderOfBuyer' }, { kind: 'nope' }]), 422, 'HOLD_RULES_INVALID', 'body.rules[1].kind');
    expectProblem(await put([{ kind: 'skuTagged', skus: ['A'], extra: 1 }]), 422, 'HOLD_RULES_INVALID', 'body.rules[0].extra');
    expectProblem(await put(Array.from({ length: 51 }, () => ({ kind: 'firstOrderOfBuyer' }))), 400, 'VALIDATION_FAILED', 'body.rules');
    expectProblem(await put([], tenant.keys.read), 403, 'FORBIDDEN');
    const rules = [{ kind: 'totalAtLeast', minor: 100_000, currency: 'CNY' }, { kind: 'skuTagged', skus: ['A'] }, { kind: 'channelFlag', flag: 'presell' }];
    const stored = await put(rules);
    expect(stored.status, stored.text).toBe(200);
    expect(stored.body).toEqual({ rules });
    expect((await h.call({ method: 'GET', url: '/v1/hold-rules', key: await keyWith(tenant.id, 'ops') })).body).toEqual({ rules });
  });
});

// ---------------------------------------------------------------- with the orders role

describe('an order through the orders role: read, audit, review, cancel', () => {
  let role: OrdersRole;

  beforeAll(() => {
    const { rt } = h;
    role = new OrdersRole({ nats: rt.nats, namespace: rt.config.namespace, events: rt.config.events, orders: rt.config.orders, apply: rt.orderApply, log: rt.log, metrics: rt.metrics });
    role.start();
  });

  afterAll(async () => {
    await role?.stop();
  });

  /** GET /v1/orders/:id until the role has created the order (bounded). */
  async function created(orderId: string): Promise<Reply> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const r = await h.call({ method: 'GET', url: `/v1/orders/${orderId}`, key: t.keys.checkout });
      if (r.status !== 404) return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`order ${orderId} was not created within 10 s`);
  }

  it('a paid order a rule holds: reviewed (approve) once, then cancelled; the audit trail records both', async () => {
    expect((await h.call({ method: 'PUT', url: '/v1/hold-rules', key: t.keys.admin, body: { rules: [{ kind: 'totalAtLeast', minor: 10_000 }] } })).status).toBe(200);
    const paidAtMs = Date.UTC(2024, 4, 1, 2, 0, 0);
    const accepted = await submit(draft({ placedAtMs: paidAtMs - 60_000, paidAtMs }));
    expect(accepted.status, accepted.text).toBe(202);
    const orderId = accepted.body.orderId as string;
    const order = await created(orderId);
    expect(order.status, order.text).toBe(200);
    expect(order.body).toMatchObject({
      id: orderId, channel: 'storefront', status: 'on_hold', version: 1, paidAtMs, paidAt: '2024-05-01T02:00:00.000Z',
      holds: [{ rule: 'totalAtLeast', detail: expect.any(String) }], lines: [{ sku: 'A', channelSku: 'A', qty: 2, unitPriceMinor: 4_950 }],
      shippingAddress: { phone: '13800138000' },
    });
    expect(order.body.tenant).toBeUndefined();

    expectProblem(await h.call({ method: 'POST', url: `/v1/orders/${orderId}/review`, key: t.keys.read, body: { decision: 'approve' } }), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'POST', url: `/v1/orders/${orderId}/review`, key: opsKey, body: { decision: 'maybe' } }), 400, 'VALIDATION_FAILED', 'body.decision');
    const approved = await h.call({ method: 'POST', url: `/v1/orders/${orderId}/review`, key: opsKey, body: { decision: 'approve', note: 'called the buyer' } });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ id: orderId, status: 'released', holds: [], version: 2 });
    const again = await h.call({ method: 'POST', url: `/v1/orders/${orderId}/review`, key: opsKey, body: { decision: 'reject' } });
    expectProblem(again, 409, 'ORDER_INVALID_TRANSITION');
    expect(again.body.orderStatus).toBe('released');

    const cancelled = await h.call({ method: 'POST', url: `/v1/orders/${orderId}/cancel`, key: t.keys.admin, body: { reason: 'buyer asked' } });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 3 });

    const audit = await h.call({ method: 'GET', url: `/v1/orders/${orderId}/audit`, key: opsKey });
    expect(audit.status, audit.text).toBe(200);
    const entries = audit.body.entries as { seq: number; action: string; actor: unknown; prevHash: string; hash: string; at: string; changes: Record<string, unknown> }[];
    expect(entries.map((e) => e.action)).toEqual(['created', 'review_approve', 'cancelled']);
    expect(entries[1]).toMatchObject({ seq: 2, actor: { kind: 'key', id: expect.any(String) }, changes: { note: { after: 'called the buyer' } } });
    for (const [i, e] of entries.entries()) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1]!.hash);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    const page = await h.call({ method: 'GET', url: `/v1/orders/${orderId}/audit?after=1&limit=1`, key: t.keys.read });
    expect(page.body.entries.map((e: { seq: number }) => e.seq)).toEqual([2]);

    const body = JSON.parse(Buffer.from((await storefrontIntake(t.id)).at(-1)!.data).toString('utf8'));
    const listed = await h.call({ method: 'GET', url: `/v1/orders?channel=storefront&externalId=${body.externalId}`, key: t.keys.read });
    expect(listed.body).toMatchObject({ orders: [{ id: orderId, status: 'cancelled' }], nextCursor: null });
    expectProblem(await h.call({ method: 'GET', url: '/v1/orders?externalId=', key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.externalId');
    const byStatus = await h.call({ method: 'GET', url: '/v1/orders?status=cancelled&sku=A&phone=13800138000', key: opsKey });
    expect(byStatus.body.orders.map((o: { id: string }) => o.id)).toContain(orderId);
  });
});
