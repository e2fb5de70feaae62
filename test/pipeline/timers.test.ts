// SLA timers end to end (issue 12), on real Redis, NATS and PostgreSQL: a
// signed Shopify order → orders role → order.changed → timers role → a
// deadline in the tenant's Redis timer set → an alert row, delivered to a
// local webhook receiver (signature checked), escalated to the second
// notifier, exactly once even across a restart of the roles; an order
// released in time raises nothing.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookHmacBase64 } from '../../src/app/channel.signature.ts';
import { orderIdOf } from '../../src/app/order.ids.ts';
import type { Order } from '../../src/core/order.types.ts';
import { deleteTopology } from '../../src/adapters/nats/topology.ts';
import { serve } from '../../src/main.ts';
import { createHttpHarness, type HttpHarness, type TenantFixture } from '../helpers/http.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/channels/shopify.order.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const channelSecret = 'shpss_timers_0001';
const hookSecret = 'whsec_timers_hook';
const skuMap = { 'TEE-BLK-M': 'SKU-1', '44123456789013': 'SKU-2' };

interface Hit { path: string; body: Record<string, unknown>; signatureOk: boolean }

let h: HttpHarness;
let receiver: Server;
let stop: (() => Promise<void>) | null = null;
const hits: Hit[] = [];

async function tenantWithChannel(): Promise<TenantFixture> {
  const t = await h.tenant({
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }],
    stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 100 }, { warehouse: 'wh1', sku: 'SKU-2', onHand: 100 }],
  });
  expect((await h.rt.deps.channels.create(t.id, { id: 'shop1', type: 'shopify', name: 'Shop', webhookSecret: channelSecret, skuMap })).ok).toBe(true);
  expect((await h.rt.deps.orders.setHoldRules(t.id, [{ kind: 'totalAtLeast', minor: 1 }])).ok).toBe(true);
  return t;
}

function send(t: TenantFixture, doc: Record<string, unknown>, deliveryId: string) {
  const body = Buffer.from(JSON.stringify(doc));
  return h.rt.deps.intake.receive(t.id, 'shop1', {
    'x-shopify-hmac-sha256': webhookHmacBase64(channelSecret, body), 'x-shopify-webhook-id': deliveryId, 'x-shopify-topic': 'orders/create',
  }, body);
}

async function until<T>(what: string, get: () => Promise<T>, ready: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ready(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const orderOf = (t: TenantFixture, id: string) => until(`order ${id}`, () => h.rt.deps.orders.get(t.id, id), (r) => r.ok).then((r) => (r as { value: Order }).value);
const startRoles = async () => { stop = (await serve(h.rt, ['orders', 'timers'])).stop; };
const stopRoles = async () => { await stop?.(); stop = null; };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['pallet-signature']));
      const signatureOk = m !== null && createHmac('sha256', hookSecret).update(`${m[1]}.${raw}`).digest('hex') === m[2];
      hits.push({ path: req.url ?? '', body: JSON.parse(raw) as Record<string, unknown>, signatureOk });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  h = await createHttpHarness({ PALLET_TIMERS_INTERVAL_MS: '100', PALLET_TIMERS_LEASE_MS: '1000', PALLET_AUTH_CACHE_TTL_MS: '100' });
  await startRoles();
}, 60_000);

afterAll(async () => {
  await stopRoles();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
  await new Promise((r) => receiver?.close(r));
});

describe('SLA timers and alerts, end to end', () => {
  it('a held paid order past paidToReleased raises one alert, delivered signed, escalated once, exactly once across a restart', async () => {
    const t = await tenantWithChannel();
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    expect((await h.rt.deps.sla.setPolicy(t.id, { paidToReleasedSeconds: 1, releasedToAcceptedSeconds: 3_600, acceptedToShippedSeconds: 3_600 })).ok).toBe(true);
    expect((await h.rt.deps.sla.addNotifier(t.id, { id: 'ops-hook', type: 'webhook', url: `${url}/first`, secret: hookSecret })).ok).toBe(true);
    expect((await h.rt.deps.sla.addNotifier(t.id, { id: 'lead-hook', type: 'webhook', url: `${url}/second`, secret: hookSecret })).ok).toBe(true);

    const id = orderIdOf('shop1', '4001');
    // Paid now: the deadline is one second after payment.
    const paidAt = new Date(h.rt.clock.nowMs()).toISOString();
    expect((await send(t, { ...fixture, id: 4001, processed_at: paidAt }, 'd-4001')).ok).toBe(true);
    expect((await orderOf(t, id)).status).toBe('on_hold');
    const heldAt = Date.now();

    const first = await until('first alert', async () => hits.filter((x) => x.path === '/first'), (xs) => xs.length >= 1, 10_000);
    expect(Date.now() - heldAt).toBeLessThan(5_000);
    expect(first[0]).toMatchObject({ signatureOk: true, body: { type: 'sla.alert', tenant: t.id, orderId: id, stage: 'paidToReleased', level: 1 } });
    // Still on hold one more period later: the escalation goes to the second notifier.
    await until('escalation', async () => hits.filter((x) => x.path === '/second'), (xs) => xs.length >= 1, 10_000);

    await stopRoles();
    await startRoles();
    await new Promise((r) => setTimeout(r, 1_500)); // > a lease and many rounds
    expect(hits.filter((x) => x.path === '/first')).toHaveLength(1);
    expect(hits.filter((x) => x.path === '/second')).toHaveLength(1);

    const listed = await h.rt.deps.sla.alerts(t.id, null, 50);
    if (!listed.ok) throw new Error(listed.error.detail);
    expect(listed.value.alerts.map((a) => [a.orderId, a.stage, a.level, a.state, a.attempts, a.notifierId]).sort()).toEqual([
      [id, 'paidToReleased', 1, 'sent', 1, 'ops-hook'], [id, 'paidToReleased', 2, 'sent', 1, 'lead-hook'],
    ]);
    // Both levels raised and settled: no timer of the order is left.
    expect(await h.rt.sla.timers.count(t.id)).toBe(0);
  }, 60_000);

  it('GET /v1/alerts lists them for a read key; PUT /v1/sla refuses a bad stage naming it', async () => {
    const t = await tenantWithChannel();
    const bad = await h.call({ method: 'PUT', url: '/v1/sla', key: t.keys.admin, body: { stages: { paidToReleasedSeconds: -1, releasedToAcceptedSeconds: 1, acceptedToShippedSeconds: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('paidToReleasedSeconds');
    const put = await h.call({ method: 'PUT', url: '/v1/sla', key: t.keys.admin, body: { stages: { paidToReleasedSeconds: 60, releasedToAcceptedSeconds: 30, acceptedToShippedSeconds: 3_600 } } });
    expect(put.status).toBe(200);
    const got = await h.call({ method: 'GET', url: '/v1/sla', key: t.keys.read });
    expect(got.body).toEqual({ stages: { paidToReleasedSeconds: 60, releasedToAcceptedSeconds: 30, acceptedToShippedSeconds: 3_600 } });
    const added = await h.call({ method: 'POST', url: '/v1/notifiers', key: t.keys.admin, body: { id: 'robot', type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SEC1' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 'robot', type: 'dingtalk', hasSecret: true, position: 0 });
    expect(added.text).not.toContain('SEC1');
    const noSecret = await h.call({ method: 'POST', url: '/v1/notifiers', key: t.keys.admin, body: { id: 'r2', type: 'feishu', url: 'https://open.feishu.cn/x' } });
    expect(noSecret.status).toBe(400);
    const alerts = await h.call({ method: 'GET', url: '/v1/alerts?limit=10', key: t.keys.read });
    expect(alerts.status).toBe(200);
    expect(alerts.body).toEqual({ alerts: [], nextCursor: null });
  });

  it('an order released before its deadline raises no alert', async () => {
    const t = await tenantWithChannel();
    expect((await h.rt.deps.sla.setPolicy(t.id, { paidToReleasedSeconds: 5, releasedToAcceptedSeconds: 3_600, acceptedToShippedSeconds: 3_600 })).ok).toBe(true);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    expect((await h.rt.deps.sla.addNotifier(t.id, { id: 'hook', type: 'webhook', url: `${url}/in-time`, secret: hookSecret })).ok).toBe(true);
    const id = orderIdOf('shop1', '4002');
    expect((await send(t, { ...fixture, id: 4002, processed_at: new Date(h.rt.clock.nowMs()).toISOString() }, 'd-4002')).ok).toBe(true);
    expect((await orderOf(t, id)).status).toBe('on_hold');
    await until('paid timer armed', () => h.rt.sla.timers.deadlineOf(t.id, { orderId: id, stage: 'paidToReleased', level: 1 }), (d) => d !== null);
    expect((await h.rt.deps.orders.review(t.id, id, 'approve', 'ok', { kind: 'key', id: 'k1' })).ok).toBe(true);
    await until('released timer armed', () => h.rt.sla.timers.deadlineOf(t.id, { orderId: id, stage: 'releasedToAccepted', level: 1 }), (d) => d !== null);
    expect(await h.rt.sla.timers.deadlineOf(t.id, { orderId: id, stage: 'paidToReleased', level: 1 })).toBeNull();
    try {
      h.clock.advance(10_000); // past the paid → released deadline
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      h.clock.reset();
    }
    expect(hits.filter((x) => x.path === '/in-time')).toEqual([]);
    const listed = await h.rt.deps.sla.alerts(t.id, null, 50);
    expect(listed.ok && listed.value.alerts).toEqual([]);
  }, 30_000);
});
