// Shipping address changes (issue 11) through app.inject() against the real
// PostgreSQL, Redis and NATS JetStream (own namespace, removed afterwards),
// with the orders role running in this process so storefront orders are
// created from their documents: the buyer's order token (issue, use, expiry,
// wrong order, tampering), ops changes before release (at once, audited),
// after release (on hold with an amendment until acknowledged), refusals from
// picking on, and what a later channel document does with a changed address.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgOrderStore } from '../../src/adapters/postgres/order.store.ts';
import { withTenant } from '../../src/adapters/postgres/tenant.scope.ts';
import type { Order, OrderStatus } from '../../src/core/order.types.ts';
import { OrdersRole } from '../../src/roles/orders.role.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let role: OrdersRole;
let store: PgOrderStore;

interface Tenant extends TenantFixture {
  readonly ops: { readonly key: string; readonly id: string };
}

const rid = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

async function tenantWith(rules: unknown[] = []): Promise<Tenant> {
  const t = await h.tenant({ warehouses: [{ id: 'w1' }], skus: [{ sku: 'A' }], stock: [{ warehouse: 'w1', sku: 'A', onHand: 500 }] });
  const r = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['ops'] } });
  expect(r.status, r.text).toBe(201);
  if (rules.length > 0) expect((await h.call({ method: 'PUT', url: '/v1/hold-rules', key: t.keys.admin, body: { rules } })).status).toBe(200);
  return { ...t, ops: { key: r.body.key as string, id: r.body.id as string } };
}

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  const { rt } = h;
  role = new OrdersRole({ nats: rt.nats, namespace: rt.config.namespace, events: rt.config.events, orders: rt.config.orders, apply: rt.orderApply, log: rt.log, metrics: rt.metrics });
  role.start();
  store = new PgOrderStore(rt.sql, 3_600_000);
});

afterAll(async () => {
  await role?.stop();
  await n?.close();
  await h?.close();
});

const oldAddress = { name: 'Li Lei', phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', address1: '1 Wensan Road' };
const newAddress = { name: 'Han Meimei', phone: '+86 139 0000 1111', country: 'CN', province: 'Shanghai', city: 'Shanghai', address1: ' 99 Nanjing Road ', postalCode: '200000' };
/** newAddress as stored: trimmed, the phone normalised like a channel's. */
const newStored = { name: 'Han Meimei', phone: '13900001111', country: 'CN', province: 'Shanghai', city: 'Shanghai', address1: '99 Nanjing Road', postalCode: '200000' };
const thirdAddress = { ...newStored, address1: '100 Nanjing Road' };

function draft(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: rid('web'),
    buyer: { name: 'Li Lei', phone: '+86 138 0013 8000' },
    shippingAddress: oldAddress,
    lines: [{ sku: 'A', qty: 1, unitPriceMinor: 5_000 }],
    totals: { currency: 'CNY', itemsMinor: 5_000, shippingMinor: 0, discountMinor: 0, totalMinor: 5_000 },
    ...over,
  };
}

async function submit(t: Tenant, body: Record<string, unknown>): Promise<string> {
  const r = await h.call({ method: 'POST', url: '/v1/orders', key: t.keys.checkout, body, headers: { 'idempotency-key': rid('idem') } });
  expect(r.status, r.text).toBe(202);
  return r.body.orderId as string;
}

/** GET /v1/orders/:id until `ready` holds (bounded: 10 s). */
async function orderWhen(t: Tenant, orderId: string, ready: (o: any) => boolean): Promise<any> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const r = await h.call({ method: 'GET', url: `/v1/orders/${orderId}`, key: t.keys.read });
    if (r.status === 200 && ready(r.body)) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${orderId} not as expected within 10 s`);
}

/** A storefront order as the orders role created it: unpaid (pending_payment) or paid (released or on_hold by the tenant's rules). */
async function orderOf(t: Tenant, paid: boolean, over: Record<string, unknown> = {}): Promise<any> {
  const body = draft({ ...(paid ? { paidAtMs: Date.now() } : {}), ...over });
  const orderId = await submit(t, body);
  return { ...(await orderWhen(t, orderId, () => true)), sent: body };
}

/** Moves a stored order to `status` directly (the warehouse steps have no route yet). */
async function forceStatus(t: Tenant, orderId: string, status: OrderStatus, extra: Partial<Order> = {}): Promise<void> {
  const written = await store.inTenant(t.id, async (tx) => {
    const order = await tx.get(orderId);
    if (order === null) throw new Error(`no order ${orderId}`);
    const next: Order = { ...order, ...extra, status, version: order.version + 1 };
    return tx.update(next, order.version, { actor: { kind: 'system', id: 'test' }, atMs: Date.now(), action: `status_${status}`, changes: { status: { before: order.status, after: status } } });
  });
  expect(written).toBe(true);
}

const issue = (t: Tenant, orderId: string, key = t.keys.checkout) => h.call({ method: 'POST', url: `/v1/orders/${orderId}/address-tokens`, key });
const patchWithToken = (orderId: string, token: string, body: unknown = newAddress) =>
  h.call({ method: 'PATCH', url: `/v1/orders/${orderId}/address`, body, headers: { 'pallet-order-token': token } });
const patchWithKey = (orderId: string, key: string, body: unknown = newAddress) => h.call({ method: 'PATCH', url: `/v1/orders/${orderId}/address`, key, body });
const ack = (t: Tenant, orderId: string, aid: string) => h.call({ method: 'POST', url: `/v1/orders/${orderId}/amendments/${aid}/ack`, key: t.ops.key });

async function auditOf(t: Tenant, orderId: string): Promise<any[]> {
  const r = await h.call({ method: 'GET', url: `/v1/orders/${orderId}/audit`, key: t.keys.read });
  expect(r.status, r.text).toBe(200);
  return r.body.entries as any[];
}

async function amendmentCount(status: string): Promise<number> {
  const metric = await h.rt.metrics.orderAmendments.get();
  return metric.values.find((v) => v.labels.status === status)?.value ?? 0;
}

// ---------------------------------------------------------------- the buyer's token

describe("the buyer's order token", () => {
  let t: Tenant;
  beforeAll(async () => { t = await tenantWith(); });

  it('is issued to a checkout key; the buyer changes the address with it alone; the audit names the token; it then is spent', async () => {
    const order = await orderOf(t, false);
    expect(order.status).toBe('pending_payment');
    const issued = await issue(t, order.id);
    expect(issued.status, issued.text).toBe(201);
    expect(issued.body).toEqual({ token: expect.stringMatching(/^pot1\./), tokenId: expect.stringMatching(/^tok_/), expiresAt: expect.any(String) });
    expect(Math.abs(Date.parse(issued.body.expiresAt) - (Date.now() + 3_600_000))).toBeLessThan(60_000);

    const changed = await patchWithToken(order.id, issued.body.token);
    expect(changed.status, changed.text).toBe(200);
    // The token holder sees the address, not the order (hold reasons are operations' business).
    expect(changed.body).toEqual({ orderId: order.id, changed: true, shippingAddress: newStored });
    const stored = await orderWhen(t, order.id, () => true);
    expect(stored).toMatchObject({ status: 'pending_payment', version: order.version + 1, shippingAddress: newStored });

    const last = (await auditOf(t, order.id)).at(-1);
    expect(last).toMatchObject({
      action: 'address_changed', actor: { kind: 'customer_token', id: issued.body.tokenId },
      changes: { shippingAddress: { before: order.shippingAddress, after: newStored }, token: { after: { id: issued.body.tokenId, issuedBy: expect.any(String) } } },
    });
    // A retry of the same change is answered, not refused; another change needs a new token (the order's version moved).
    expect((await patchWithToken(order.id, issued.body.token)).body).toEqual({ orderId: order.id, changed: false, shippingAddress: newStored });
    expectProblem(await patchWithToken(order.id, issued.body.token, thirdAddress), 401, 'UNAUTHENTICATED');
    const fresh = await issue(t, order.id, t.ops.key);
    expect((await patchWithToken(order.id, fresh.body.token, thirdAddress)).body).toMatchObject({ changed: true, shippingAddress: thirdAddress });
  });

  it('is refused when expired, for another order, tampered with, or sent as an API key', async () => {
    const [a, b] = [await orderOf(t, false), await orderOf(t, false)];
    const token = (await issue(t, a.id)).body.token as string;
    expectProblem(await patchWithToken(b.id, token), 401, 'UNAUTHENTICATED');
    const [prefix, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, o: b.id }), 'utf8').toString('base64url');
    expectProblem(await patchWithToken(b.id, `${prefix}.${forged}.${signature}`), 401, 'UNAUTHENTICATED');
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expectProblem(await patchWithToken(a.id, `${prefix}.${payload}.${flipped}`), 401, 'UNAUTHENTICATED');
    expectProblem(await patchWithToken(a.id, 'pot1.nope'), 401, 'UNAUTHENTICATED');
    expectProblem(await patchWithKey(a.id, token), 401, 'UNAUTHENTICATED');
    const dashboard = await h.call({ method: 'POST', url: '/v1/dashboard/tokens', key: t.keys.read, body: {} });
    expectProblem(await patchWithToken(a.id, dashboard.body.token as string), 401, 'UNAUTHENTICATED');
    try {
      h.clock.advance(3_600_000 + 1_000);
      const expired = await patchWithToken(a.id, token);
      expectProblem(expired, 401, 'UNAUTHENTICATED');
      expect(expired.body.detail).toContain('expired');
    } finally {
      h.clock.reset();
    }
    // Nothing of the above changed the order; the genuine token still works.
    expect((await orderWhen(t, a.id, () => true)).version).toBe(a.version);
    expect((await patchWithToken(a.id, token)).body).toMatchObject({ changed: true });
  });

  it('needs a checkout, ops or admin key to issue; the change itself needs ops or admin (or the token)', async () => {
    const order = await orderOf(t, false);
    expectProblem(await issue(t, order.id, t.keys.read), 403, 'FORBIDDEN');
    expectProblem(await issue(t, 'o_nope'), 404, 'ORDER_NOT_FOUND');
    expectProblem(await patchWithKey(order.id, t.keys.checkout), 403, 'FORBIDDEN');
    expectProblem(await patchWithKey(order.id, t.keys.read), 403, 'FORBIDDEN');
    expectProblem(await h.call({ method: 'PATCH', url: `/v1/orders/${order.id}/address`, body: newAddress }), 401, 'UNAUTHENTICATED');
    expectProblem(await patchWithKey('o_nope', t.ops.key), 404, 'ORDER_NOT_FOUND');
  });
});

// ---------------------------------------------------------------- before release

describe('an ops change before release', () => {
  it('changes a paid and an on_hold order at once, with an audit entry naming the key, before and after; no amendment', async () => {
    const t = await tenantWith([{ kind: 'totalAtLeast', minor: 1 }]);
    const held = await orderOf(t, true);
    expect(held).toMatchObject({ status: 'on_hold', holds: [{ rule: 'totalAtLeast' }] });
    const unpaid = await orderOf(t, false);
    await forceStatus(t, unpaid.id, 'paid', { paidAtMs: Date.now() });
    for (const [order, status] of [[held, 'on_hold'], [unpaid, 'paid']] as const) {
      const r = await patchWithKey(order.id, t.ops.key);
      expect(r.status, r.text).toBe(200);
      expect(r.body).toMatchObject({ changed: true, order: { status, shippingAddress: newStored, holds: order.holds } });
      expect(r.body.amendment).toBeUndefined();
      const last = (await auditOf(t, order.id)).at(-1);
      expect(last).toMatchObject({ action: 'address_changed', actor: { kind: 'key', id: t.ops.id } });
      expect(last.changes).toEqual({ shippingAddress: { before: order.shippingAddress, after: newStored } });
      expect((await h.call({ method: 'GET', url: `/v1/orders/${order.id}/amendments`, key: t.keys.read })).body).toEqual({ amendments: [] });
    }
  });

  it('refuses a bad address with 400 naming the field, and the same address again changes nothing', async () => {
    const t = await tenantWith();
    const order = await orderOf(t, false);
    const { phone: _phone, ...noPhone } = oldAddress;
    expectProblem(await patchWithKey(order.id, t.ops.key, noPhone), 400, 'VALIDATION_FAILED', 'body.phone');
    expectProblem(await patchWithKey(order.id, t.ops.key, { ...oldAddress, nickname: 'x' }), 400, 'VALIDATION_FAILED', 'body.nickname');
    expectProblem(await patchWithKey(order.id, t.ops.key, { ...oldAddress, country: 'cn' }), 400, 'VALIDATION_FAILED', 'body.country');
    const same = await patchWithKey(order.id, t.ops.key, oldAddress);
    expect(same.status, same.text).toBe(200);
    expect(same.body).toMatchObject({ changed: false, order: { version: order.version } });
    expect((await auditOf(t, order.id)).map((e) => e.action)).toEqual(['created']);
  });
});

// ---------------------------------------------------------------- after release

describe('a change after release', () => {
  it('holds the order with a pending amendment until the warehouse acknowledges it; then it is released again', async () => {
    const t = await tenantWith();
    const order = await orderOf(t, true);
    expect(order.status).toBe('released');
    const [pendingBefore, ackedBefore] = [await amendmentCount('pending'), await amendmentCount('acknowledged')];

    const first = await patchWithKey(order.id, t.ops.key);
    expect(first.status, first.text).toBe(200);
    const aid = first.body.amendment.id as string;
    expect(first.body.amendment).toMatchObject({
      id: expect.stringMatching(/^am_/), orderId: order.id, kind: 'address', status: 'pending', before: order.shippingAddress, after: newStored,
      actor: { kind: 'key', id: t.ops.id }, acknowledgedAt: null, acknowledgedBy: null,
    });
    expect(first.body.order).toMatchObject({ status: 'on_hold', shippingAddress: newStored, holds: [{ rule: 'amendment', detail: `address amendment ${aid} awaits the warehouse` }] });
    const review = await h.call({ method: 'POST', url: `/v1/orders/${order.id}/review`, key: t.ops.key, body: { decision: 'approve' } });
    expectProblem(review, 409, 'ORDER_INVALID_TRANSITION');

    // A second change while the first waits: the warehouse must hear of it too.
    const second = await patchWithKey(order.id, t.ops.key, thirdAddress);
    const aid2 = second.body.amendment.id as string;
    expect(second.body.amendment).toMatchObject({ before: newStored, after: thirdAddress, status: 'pending' });
    expect(second.body.order.holds.map((r: { rule: string }) => r.rule)).toEqual(['amendment', 'amendment']);
    const listed = await h.call({ method: 'GET', url: `/v1/orders/${order.id}/amendments`, key: t.keys.read });
    expect(listed.body.amendments.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[aid, 'pending'], [aid2, 'pending']]);

    const acked = await ack(t, order.id, aid);
    expect(acked.status, acked.text).toBe(200);
    expect(acked.body).toMatchObject({ changed: true, amendment: { status: 'acknowledged', acknowledgedBy: { kind: 'key', id: t.ops.id } }, order: { status: 'on_hold' } });
    expect(acked.body.order.holds).toEqual([{ rule: 'amendment', detail: `address amendment ${aid2} awaits the warehouse` }]);
    const released = await ack(t, order.id, aid2);
    expect(released.body.order).toMatchObject({ status: 'released', holds: [], shippingAddress: thirdAddress });
    expect((await ack(t, order.id, aid2)).body).toMatchObject({ changed: false, order: { version: released.body.order.version } });
    expectProblem(await ack(t, order.id, 'am_nope'), 404, 'AMENDMENT_NOT_FOUND');
    expectProblem(await h.call({ method: 'POST', url: `/v1/orders/${order.id}/amendments/${aid}/ack`, key: t.keys.read }), 403, 'FORBIDDEN');

    const audit = await auditOf(t, order.id);
    expect(audit.map((e) => e.action)).toEqual(['created', 'address_changed', 'address_changed', 'amendment_acknowledged', 'amendment_acknowledged']);
    expect(audit[1].changes).toMatchObject({ status: { before: 'released', after: 'on_hold' }, amendment: { after: aid }, shippingAddress: { after: newStored } });
    expect(audit[4].changes).toMatchObject({ status: { before: 'on_hold', after: 'released' }, amendment: { after: aid2 } });
    expect(await amendmentCount('pending')).toBe(pendingBefore + 2);
    expect(await amendmentCount('acknowledged')).toBe(ackedBefore + 2);
    const reservation = await h.call({ method: 'GET', url: `/v1/reservations/${released.body.order.reservationId}`, key: t.keys.read });
    expect(reservation.body.status).toBe('confirmed');
  });
});

describe('order_amendments in PostgreSQL', () => {
  it("is under row-level security (another tenant sees no row) and its content cannot be rewritten", async () => {
    const [t, other] = [await tenantWith(), await tenantWith()];
    const order = await orderOf(t, true);
    const aid = (await patchWithKey(order.id, t.ops.key)).body.amendment.id as string;
    const count = (tenant: string) => withTenant(h.rt.sql, tenant, async (x) => (await x.tx<{ n: number }[]>`select count(*)::int as n from order_amendments`)[0]!.n);
    expect(await count(t.id)).toBe(1);
    expect(await count(other.id)).toBe(0);
    expectProblem(await h.call({ method: 'GET', url: `/v1/orders/${order.id}/amendments`, key: other.keys.read }), 404, 'ORDER_NOT_FOUND');
    expectProblem(await ack(other, order.id, aid), 404, 'ORDER_NOT_FOUND');
    await expect(withTenant(h.rt.sql, t.id, (x) => x.tx`update order_amendments set after = '{}'::jsonb where id = ${aid}`)).rejects.toThrow(/permission denied/);
    await expect(withTenant(h.rt.sql, t.id, (x) => x.tx`delete from order_amendments where id = ${aid}`)).rejects.toThrow(/permission denied/);
  });
});

// ---------------------------------------------------------------- too late

describe('from picking on', () => {
  it('refuses a change with 409 naming the state (a token is not even issued); the same address is still 200', async () => {
    const t = await tenantWith();
    const order = await orderOf(t, true);
    await forceStatus(t, order.id, 'picking');
    const refused = await patchWithKey(order.id, t.ops.key);
    expectProblem(refused, 409, 'ORDER_INVALID_TRANSITION');
    expect(refused.body.orderStatus).toBe('picking');
    expect(refused.body.detail).toContain('picking');
    expectProblem(await issue(t, order.id), 409, 'ORDER_INVALID_TRANSITION');
    expect((await patchWithKey(order.id, t.ops.key, oldAddress)).body).toMatchObject({ changed: false });

    const cancelled = await orderOf(t, false);
    expect((await h.call({ method: 'POST', url: `/v1/orders/${cancelled.id}/cancel`, key: t.ops.key, body: { reason: 'test' } })).status).toBe(200);
    const late = await patchWithKey(cancelled.id, t.ops.key);
    expectProblem(late, 409, 'ORDER_INVALID_TRANSITION');
    expect(late.body.orderStatus).toBe('cancelled');
  });

  it('a token issued before picking is refused once the order is picking', async () => {
    const t = await tenantWith();
    const order = await orderOf(t, true);
    const token = (await issue(t, order.id)).body.token as string;
    await forceStatus(t, order.id, 'picking');
    expectProblem(await patchWithToken(order.id, token), 401, 'UNAUTHENTICATED');
  });
});

// ---------------------------------------------------------------- later documents

describe('a later document of the same order', () => {
  it("does not put back the address the buyer replaced, and addressChangedWithin holds it when it is paid", async () => {
    const t = await tenantWith([{ kind: 'addressChangedWithin', minutes: 60 }]);
    const control = await orderOf(t, false);
    await submit(t, { ...control.sent, paidAtMs: Date.now() });
    expect((await orderWhen(t, control.id, (o) => o.status !== 'pending_payment')).status).toBe('released');

    const order = await orderOf(t, false);
    const token = (await issue(t, order.id)).body.token as string;
    expect((await patchWithToken(order.id, token)).body).toMatchObject({ changed: true });
    // The storefront sends the payment with its own (old) copy of the address.
    await submit(t, { ...order.sent, paidAtMs: Date.now() });
    const paid = await orderWhen(t, order.id, (o) => o.status !== 'pending_payment');
    expect(paid).toMatchObject({ status: 'on_hold', shippingAddress: newStored, holds: [{ rule: 'addressChangedWithin' }] });
    const audit = await auditOf(t, order.id);
    expect(audit.at(-1).changes.shippingAddress).toBeUndefined();
  });
});
