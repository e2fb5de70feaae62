// A board connection lasts only as long as the API key its dashboard token was
// issued for: once the key is revoked (api_keys.revoked_at in the real
// PostgreSQL), the ws role's periodic key check closes every connection opened
// with a token of that key with 4003 'key revoked', leaves the others open,
// and refuses new connections with tokens of that key (401). While PostgreSQL
// cannot be asked, open boards stay and new ones get 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorHandler } from '../../src/adapters/http/problem.ts';
import { dashboardTokenRoutes } from '../../src/adapters/http/routes/dashboard-token.route.ts';
import type { KeyStatus } from '../../src/app/board.port.ts';
import { CloseCode } from '../../src/adapters/ws/ws.options.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createWsHarness, upgradeStatus, type TenantFixture, type WsHarness } from './harness.ts';

const keyCheckMs = 200;
let h: WsHarness;
let role: WsRole;

beforeAll(async () => {
  h = await createWsHarness('revoke');
  role = await h.startWs({ fanout: { coalesceMs: 10, keyCheckMs } });
}, 60_000);

afterAll(() => h?.close(), 60_000);

/** What the API's token route answers for `key` (the token carries the key's id). */
async function tokenFromRoute(key: string): Promise<string> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler);
  await app.register(dashboardTokenRoutes, { auth: h.rt.deps.auth, dashboardTokens: h.tokens });
  try {
    const res = await app.inject({ method: 'POST', url: '/v1/dashboard/tokens', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(201);
    return (res.json() as { token: string }).token;
  } finally {
    await app.close();
  }
}

const revoke = async (t: TenantFixture, keyId: string): Promise<void> => {
  await h.rt.sql`update api_keys set revoked_at = now() where tenant_id = ${t.id} and id = ${keyId}`;
};

describe('key revocation', () => {
  it('closes the connections of a revoked key with 4003 within the check interval, keeps the others, and refuses its tokens', async () => {
    const t = await h.tenant({ skus: ['tea'] });
    const readToken = await tokenFromRoute(t.keys.read);
    expect(h.tokens.verify(readToken)).toMatchObject({ ok: true, claims: { keyId: t.keyIds.read } });
    const doomed = [await h.connect(role, readToken), await h.connect(role, readToken, 'protobuf')];
    const kept = await h.connect(role, await tokenFromRoute(t.keys.admin));
    for (const c of [...doomed, kept]) {
      c.subscribe('stock.all');
      await c.snapshot('stock.all');
    }
    await revoke(t, t.keyIds.read);
    for (const c of doomed) {
      // The bound is generous: the check runs every 200 ms, a busy machine may delay it.
      const closed = await c.waitFor((x) => x.closed ?? undefined, 10_000, 'close after revocation');
      expect(closed).toEqual({ code: CloseCode.KEY_REVOKED, reason: 'key revoked' });
    }
    expect(role.fanout.stats().closedRevoked).toBeGreaterThanOrEqual(2);
    const refused = await upgradeStatus(h.url(role, readToken));
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringContaining('revoked') });
    kept.subscribe('orders.today');
    await kept.snapshot('orders.today');
    expect(kept.closed).toBeNull();
  });

  it('refuses, at the upgrade, a still valid token of a key revoked before any connection used it', async () => {
    const t = await h.tenant();
    const token = h.tokens.issue(t.id, t.keyIds.admin);
    await revoke(t, t.keyIds.admin);
    const r = await upgradeStatus(h.url(role, token.token));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).detail).toContain('revoked');
  });
});

describe('PostgreSQL unavailable for the key check', () => {
  it('keeps open boards and answers new ones 503 until it can check again', async () => {
    const t = await h.tenant();
    let failing = false;
    const keys: KeyStatus = {
      liveKeys: (ids) => (failing ? Promise.reject(new Error('connection refused (test)')) : h.keys.liveKeys(ids)),
    };
    const r = await h.startWs({ fanout: { coalesceMs: 10, keyCheckMs: 50 }, keys });
    const token = h.tokens.issue(t.id).token;
    const c = await h.connect(r, token);
    failing = true;
    // A few check rounds fail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.closed).toBeNull();
    expect((await upgradeStatus(h.url(r, h.tokens.issue(t.id, t.keyIds.admin).token))).status).toBe(503);
    failing = false;
    c.subscribe('orders.today');
    await c.snapshot('orders.today');
    expect((await upgradeStatus(h.url(r, h.tokens.issue(t.id, t.keyIds.admin).token))).status).toBe(101);
  });
});
