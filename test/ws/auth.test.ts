// Who may open a dashboard, and what it sees: only a dashboard token opens the
// tenant's own dashboard; no token, a forged or expired one, and any API key
// (it would end up in proxy logs) are refused at the upgrade (401) before any
// frame; another tenant's data never reaches the connection. Also the token
// route, POST /v1/dashboard/tokens (the token names the key it came from), and
// the connection limits.
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/adapters/http/problem.ts';
import { dashboardTokenRoutes } from '../../src/adapters/http/routes/dashboard-token.route.ts';
import type { StockData } from '../../src/app/board/board.types.ts';
import { DashboardTokens } from '../../src/app/dashboard.token.ts';
import { CloseCode } from '../../src/adapters/ws/ws.options.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createWsHarness, deltasOf, upgradeStatus, type TenantFixture, type WsHarness } from './harness.ts';

let h: WsHarness;
let role: WsRole;
let a: TenantFixture;
let b: TenantFixture;
let app: FastifyInstance;

beforeAll(async () => {
  h = await createWsHarness('auth');
  a = await h.tenant({ skus: ['a1'], stock: [{ warehouse: 'A', sku: 'a1', onHand: 10 }] });
  b = await h.tenant({ skus: ['b1'], stock: [{ warehouse: 'A', sku: 'b1', onHand: 10 }] });
  role = await h.startWs({ fanout: { coalesceMs: 10, connectionsPerTenantMax: 3 } });
  // The ajv options of buildApp: unknown fields are refused, not removed.
  app = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true } } }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler);
  await app.register(dashboardTokenRoutes, { auth: h.rt.deps.auth, dashboardTokens: h.tokens });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await h?.close();
}, 60_000);

const skusOf = (data: unknown): string[] => (data as StockData).cells.map((c) => c.sku);

describe('upgrade', () => {
  it.each([
    ['no token', '', 'missing ?token='],
    ['an unknown key', 'pk_0000000000000000000000000000000000000000000', 'only a dashboard token'],
    ['a forged dashboard token', 'pdt1.eyJ0IjoieCIsImUiOjk5OTk5OTk5OTk5OTl9.AAAA', 'invalid dashboard token'],
  ])('refuses %s with 401 before any frame', async (_what, token, detail) => {
    const r = await upgradeStatus(h.url(role, token));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: expect.stringContaining(detail) });
  });

  it('refuses every API key in the URL with 401 saying to use a dashboard token, whatever its scope', async () => {
    for (const key of [a.keys.read, a.keys.admin, a.keys.checkout, h.rt.config.adminKey!]) {
      const r = await upgradeStatus(h.url(role, key));
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringContaining('POST /v1/dashboard/tokens') });
    }
  });

  it('refuses an expired dashboard token with 401', async () => {
    const past = new DashboardTokens(h.tokens.opts, { nowMs: () => Date.now() - 3_600_000 });
    const { token } = past.issue(a.id, a.keyIds.read, 60);
    const r = await upgradeStatus(h.url(role, token));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).detail).toContain('expired');
  });

  it('refuses a validly signed token of a key that does not exist, or of another tenant\'s key, with 401', async () => {
    for (const token of [h.tokens.issue(a.id, 'key_never_made').token, h.tokens.issue(a.id, b.keyIds.read).token]) {
      const r = await upgradeStatus(h.url(role, token));
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).detail).toContain('revoked');
    }
  });

  it('refuses a token without the key id it was issued for (the old token format) with 401', async () => {
    const { createHmac } = await import('node:crypto');
    const payload = Buffer.from(JSON.stringify({ t: a.id, e: Date.now() + 60_000 })).toString('base64url');
    const sig = createHmac('sha256', h.tokens.opts.secret).update('pdt1.').update(payload).digest('base64url');
    const r = await upgradeStatus(h.url(role, `pdt1.${payload}.${sig}`));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).detail).toContain('invalid dashboard token');
  });

  it('refuses a bad format with 400', async () => {
    expect((await upgradeStatus(h.url(role, h.tokens.issue(a.id).token).replace('token=', 'format=xml&token='))).status).toBe(400);
  });

  it('accepts a dashboard token with 101', async () => {
    expect((await upgradeStatus(h.url(role, h.tokens.issue(b.id).token))).status).toBe(101);
  });
});

describe('tenant isolation', () => {
  it('shows a tenant its own cells only, while another tenant\'s stock changes', async () => {
    const ca = await h.connect(role, h.tokens.issue(a.id).token);
    const cb = await h.connect(role, h.tokens.issue(b.id).token, 'protobuf');
    for (const c of [ca, cb]) {
      c.subscribe('stock.all');
      c.subscribe('stock.sku.b1');
      c.subscribe('stock.sku.a1');
    }
    expect(skusOf((await ca.snapshot('stock.all')).data)).toEqual(['a1']);
    expect(skusOf((await ca.snapshot('stock.sku.b1')).data)).toEqual([]);
    expect(skusOf((await cb.snapshot('stock.all')).data)).toEqual(['b1']);
    await h.reserve(b.id, 'b1', 2);
    await h.reserve(a.id, 'a1', 1);
    await ca.waitFor((c) => deltasOf(c, 'stock.all').find((f) => skusOf(f.data).includes('a1')), 10_000, 'a1 delta');
    await cb.waitFor((c) => deltasOf(c, 'stock.all').find((f) => skusOf(f.data).includes('b1')), 10_000, 'b1 delta');
    const seen = (frames: typeof ca.frames) => new Set(frames.flatMap((f) => (f.data && 'cells' in f.data ? skusOf(f.data) : [])));
    expect([...seen(ca.frames)]).toEqual(['a1']);
    expect([...seen(cb.frames)]).toEqual(['b1']);
  });
});

describe('limits', () => {
  it('closes a connection over the per-tenant limit with 4029, and the others keep working', async () => {
    const t = await h.tenant({ skus: ['x'] });
    const token = h.tokens.issue(t.id).token;
    const open = [await h.connect(role, token), await h.connect(role, token), await h.connect(role, token)];
    const extra = await h.connect(role, token);
    await extra.waitFor((c) => c.closed ?? undefined, 5_000, 'close');
    expect(extra.closed).toMatchObject({ code: CloseCode.TENANT_LIMIT });
    expect(role.fanout.stats().byTenant[t.id]).toBe(3);
    open[0]!.subscribe('orders.today');
    await open[0]!.snapshot('orders.today');
    open[0]!.close();
    await open[1]!.waitFor(() => (role.fanout.stats().byTenant[t.id] === 2 ? true : undefined), 5_000, 'count down');
    const again = await h.connect(role, token);
    again.subscribe('orders.today');
    await again.snapshot('orders.today');
    expect(again.closed).toBeNull();
  });
});

describe('POST /v1/dashboard/tokens', () => {
  const post = (key: string | undefined, body?: unknown) => app.inject({
    method: 'POST', url: '/v1/dashboard/tokens',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

  it('issues a token for the key\'s tenant that opens its dashboard', async () => {
    const res = await post(a.keys.read);
    expect(res.statusCode).toBe(201);
    const body = res.json() as { token: string; expiresAt: string; tenant: string };
    expect(body.tenant).toBe(a.id);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect(h.tokens.verify(body.token)).toMatchObject({ ok: true, claims: { tenant: a.id, keyId: a.keyIds.read } });
    const c = await h.connect(role, body.token);
    c.subscribe('stock.all');
    expect(skusOf((await c.snapshot('stock.all')).data)).toEqual(['a1']);
  });

  it('takes a lifetime within bounds', async () => {
    const res = await post(a.keys.admin, { ttlSeconds: 60 });
    expect(res.statusCode).toBe(201);
    expect(Date.parse(res.json().expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const bad = await post(a.keys.read, { ttlSeconds: 999_999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post(a.keys.read, { other: 1 })).statusCode).toBe(400);
  });

  it('refuses no key (401) and a checkout key (403)', async () => {
    expect((await post(undefined)).statusCode).toBe(401);
    expect((await post(a.keys.checkout)).statusCode).toBe(403);
  });
});
