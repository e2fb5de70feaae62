// The `channel` key scope (issue 11): a connector's key bound to one channel
// of its tenant. Through app.inject() against the real PostgreSQL, Redis and
// NATS JetStream (own namespace, removed afterwards): how such a key is made
// (each refusal names its field and creates nothing), what it may do for its
// own channel (batch import, the imports and their reports, dead letters and
// their replay) and the 403 it gets everywhere else, naming its scope and channel.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgOrderStore } from '../../src/adapters/postgres/order.store.ts';
import { importColumns } from '../../src/core/import.rows.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';
import { createNatsHarness, readStream, type NatsHarness } from '../helpers/nats.ts';

let h: HttpHarness;
let n: NatsHarness;
let t: TenantFixture;
let other: TenantFixture;
/** A channel key of t for shop1, made in beforeAll. */
let shopKey: { id: string; key: string };

async function channel(tenant: TenantFixture, id: string): Promise<void> {
  const r = await h.call({ method: 'POST', url: '/v1/channels', key: tenant.keys.admin, body: { id, type: 'generic', name: `Shop ${id}`, webhookSecret: `whsec_${id}_0123456789abcdef` } });
  expect(r.status, r.text).toBe(201);
}

const createKey = (tenant: string, body: Record<string, unknown>, key = h.adminKey): Promise<Reply> =>
  h.call({ method: 'POST', url: `/v1/tenants/${tenant}/keys`, key, body });

const keyCount = async (tenant: string): Promise<number> =>
  (await h.rt.sql`select 1 from api_keys where tenant_id = ${tenant}`).length;

beforeAll(async () => {
  h = await createHttpHarness();
  n = await createNatsHarness(h.namespace);
  t = await h.tenant({ warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }], stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 50 }] });
  other = await h.tenant();
  await channel(t, 'shop1');
  await channel(t, 'shop2');
  await channel(other, 'shop9');
  const r = await createKey(t.id, { scopes: ['channel'], channel: 'shop1', label: 'shop1 connector' }, t.keys.admin);
  expect(r.status, r.text).toBe(201);
  shopKey = { id: r.body.id, key: r.body.key };
}, 60_000);

afterAll(async () => {
  await n?.close();
  await h?.close();
});

// ---------------------------------------------------------------- making one

describe('creating a channel key', () => {
  it('answers the key with its channel, stores the channel on the key, and the listing shows it (null on other keys)', async () => {
    const r = await createKey(t.id, { scopes: ['channel'], channel: 'shop2' });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^pk_/), scopes: ['channel'], channel: 'shop2' });
    const [row] = await h.rt.sql<{ scopes: string[]; channel: string | null }[]>`select scopes, channel from api_keys where id = ${r.body.id}`;
    expect(row).toEqual({ scopes: ['channel'], channel: 'shop2' });

    const listed = await h.call({ method: 'GET', url: `/v1/tenants/${t.id}/keys`, key: t.keys.admin });
    expect(listed.status, listed.text).toBe(200);
    const byId = new Map<string, any>(listed.body.items.map((k: any) => [k.id, k]));
    expect(byId.get(r.body.id)).toMatchObject({ scopes: ['channel'], channel: 'shop2', revokedAt: null });
    expect(byId.get(shopKey.id)).toMatchObject({ label: 'shop1 connector', scopes: ['channel'], channel: 'shop1' });
    const others = listed.body.items.filter((k: any) => !k.scopes.includes('channel'));
    expect(others.length).toBeGreaterThan(0);
    for (const k of others) expect(k.channel).toBeNull();
  });

  it('refuses scope channel without a channel: 400 naming body.channel, nothing created', async () => {
    const before = await keyCount(t.id);
    const r = await createKey(t.id, { scopes: ['channel'] });
    expectProblem(r, 400, 'VALIDATION_FAILED', 'body.channel');
    expect(r.body.detail).toMatch(/required for a key with scope channel/);
    expect(await keyCount(t.id)).toBe(before);
  });

  it('refuses a channel for any other scope: 400 naming body.channel, nothing created', async () => {
    const before = await keyCount(t.id);
    for (const scopes of [['ops'], ['read'], ['admin', 'checkout']]) {
      const r = await createKey(t.id, { scopes, channel: 'shop1' });
      expectProblem(r, 400, 'VALIDATION_FAILED', 'body.channel');
      expect(r.body.detail).toMatch(/only for a key with scope channel/);
    }
    expect(await keyCount(t.id)).toBe(before);
  });

  it('refuses scope channel combined with another scope: 400 naming body.scopes, nothing created', async () => {
    const before = await keyCount(t.id);
    for (const scopes of [['channel', 'ops'], ['read', 'channel'], ['channel', 'admin', 'checkout', 'read', 'ops']]) {
      const r = await createKey(t.id, { scopes, channel: 'shop1' });
      expectProblem(r, 400, 'VALIDATION_FAILED', 'body.scopes');
      expect(r.body.detail).toMatch(/holds no other scope/);
    }
    expect(await keyCount(t.id)).toBe(before);
  });

  it('refuses a malformed channel id by the schema, naming body.channel', async () => {
    expectProblem(await createKey(t.id, { scopes: ['channel'], channel: 'shop 1' }), 400, 'VALIDATION_FAILED', 'body.channel');
    expectProblem(await createKey(t.id, { scopes: ['channel'], channel: '' }), 400, 'VALIDATION_FAILED', 'body.channel');
  });

  it('answers 404 CHANNEL_NOT_FOUND for a channel the tenant does not have, another tenant\'s included; nothing created', async () => {
    const before = await keyCount(t.id);
    for (const id of ['nope', 'shop9']) {
      const r = await createKey(t.id, { scopes: ['channel'], channel: id }, t.keys.admin);
      expectProblem(r, 404, 'CHANNEL_NOT_FOUND', 'body.channel');
      expect(r.body.detail).toContain(id);
    }
    expect(await keyCount(t.id)).toBe(before);
  });

  it('answers 404 TENANT_NOT_FOUND to the operator for an unknown tenant, and to another tenant\'s admin', async () => {
    expectProblem(await createKey('no_such_tenant', { scopes: ['channel'], channel: 'shop1' }), 404, 'TENANT_NOT_FOUND');
    expectProblem(await createKey(t.id, { scopes: ['channel'], channel: 'shop1' }, other.keys.admin), 404, 'TENANT_NOT_FOUND');
  });

  it('the table itself refuses a key that breaks the rule or names a channel the tenant does not have', async () => {
    const store = h.rt.store;
    const before = await keyCount(t.id);
    await expect(store.createApiKey(t.id, ['channel'])).rejects.toMatchObject({ constraint_name: 'api_keys_channel_bound' });
    await expect(store.createApiKey(t.id, ['read'], undefined, 'shop1')).rejects.toMatchObject({ constraint_name: 'api_keys_channel_bound' });
    await expect(store.createApiKey(t.id, ['channel', 'read'], undefined, 'shop1')).rejects.toMatchObject({ constraint_name: 'api_keys_channel_alone' });
    await expect(store.createApiKey(t.id, ['channel'], undefined, 'shop9')).rejects.toMatchObject({ constraint_name: 'api_keys_channel_fkey' });
    expect(await keyCount(t.id)).toBe(before);
  });
});

// ---------------------------------------------------------------- using one

const csv = (externalId: string): string => {
  const row: Record<string, string> = {
    externalId, placedAt: '2026-05-01 10:00:00', paidAt: '2026-05-01 10:05:00', buyerName: 'Li Lei', buyerPhone: '13800138000',
    shipName: 'Li Lei', shipPhone: '13800138000', country: 'CN', province: '浙江省', city: '杭州市', address1: '文三路 1 号',
    sku: 'SKU-1', qty: '1', unitPrice: '12.50', currency: 'CNY', shipping: '0',
  };
  return `${importColumns.join(',')}\r\n${importColumns.map((c) => row[c] ?? '').join(',')}\r\n`;
};

function upload(channelId: string, key: string, externalId: string): Promise<Reply> {
  const boundary = `----pallet${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orders.csv"\r\nContent-Type: text/csv\r\n\r\n${csv(externalId)}\r\n--${boundary}--\r\n`);
  return h.call({ method: 'POST', url: `/v1/channels/${channelId}/imports`, key, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function deadLetter(channelId: string): Promise<string> {
  const store = new PgOrderStore(h.rt.sql, 3_600_000);
  const document = `{"externalId":"DL-${channelId}","broken":true}`;
  return (await store.inTenant(t.id, (tx) => tx.deadLetter({ channel: channelId, document, sourcePath: 'placedAtMs', rule: 'placedAtMs', reason: 'missing', mappingVersion: 1 }))).id;
}

const intakeCount = async (channelId: string): Promise<number> =>
  (await readStream(n.nats, n.topology.intakeStream)).filter((m) => m.subject === n.topology.intakeSubject(t.id, channelId)).length;

describe('a channel key on its own channel', () => {
  it('imports a file into it and reads its imports and the report', async () => {
    const r = await upload('shop1', shopKey.key, 'CK-1');
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ channel: 'shop1', actor: `key:${shopKey.id}`, rows: { total: 1, imported: 1, rejected: 0 }, ordersImported: 1 });
    const list = await h.call({ method: 'GET', url: '/v1/channels/shop1/imports', key: shopKey.key });
    expect(list.status, list.text).toBe(200);
    expect(list.body.imports.map((i: any) => i.id)).toContain(r.body.id);
    const report = await h.call({ method: 'GET', url: `/v1/channels/shop1/imports/${r.body.id}`, key: shopKey.key });
    expect(report.status, report.text).toBe(200);
    expect(report.body.rows).toEqual([{ row: 2, externalId: 'CK-1', outcome: 'imported', column: null, reason: null }]);
  });

  it('lists its dead letters and replays one into the intake stream', async () => {
    const id = await deadLetter('shop1');
    const before = await intakeCount('shop1');
    const listed = await h.call({ method: 'GET', url: '/v1/channels/shop1/dead-letters', key: shopKey.key });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.deadLetters.map((d: any) => d.id)).toContain(id);
    const replayed = await h.call({ method: 'POST', url: `/v1/channels/shop1/dead-letters/${id}/replay`, key: shopKey.key });
    expect(replayed.status, replayed.text).toBe(202);
    expect(replayed.body).toMatchObject({ id, channel: 'shop1', replayedAt: expect.any(String) });
    expect(await intakeCount('shop1')).toBe(before + 1);
  });
});

/** A 403 that names the key's scope and its channel. */
function expectChannelRefusal(r: Reply): void {
  expectProblem(r, 403, 'FORBIDDEN');
  expect(r.body.detail).toMatch(/this key has scope channel and serves only channel shop1/);
  expect(r.body.keyChannel).toBe('shop1');
}

describe('a channel key anywhere else', () => {
  it('gets 403 on another channel\'s imports and dead letters, naming its scope and channel, and changes nothing', async () => {
    const id = await deadLetter('shop2');
    const intakeBefore = await intakeCount('shop2');
    const refused = await upload('shop2', shopKey.key, 'CK-X');
    expectChannelRefusal(refused);
    expect(refused.body.detail).toMatch(/a key with scope channel for channel shop2/);
    expectChannelRefusal(await h.call({ method: 'GET', url: '/v1/channels/shop2/imports', key: shopKey.key }));
    expectChannelRefusal(await h.call({ method: 'GET', url: '/v1/channels/shop2/imports/imp_x1', key: shopKey.key }));
    expectChannelRefusal(await h.call({ method: 'GET', url: '/v1/channels/shop2/dead-letters', key: shopKey.key }));
    expectChannelRefusal(await h.call({ method: 'POST', url: `/v1/channels/shop2/dead-letters/${id}/replay`, key: shopKey.key }));
    // Another tenant's channel: the same 403, decided before anything is looked up.
    expectChannelRefusal(await h.call({ method: 'GET', url: '/v1/channels/shop9/dead-letters', key: shopKey.key }));

    const imports = await h.call({ method: 'GET', url: '/v1/channels/shop2/imports', key: t.keys.admin });
    expect(imports.body.imports).toEqual([]);
    const dls = await h.call({ method: 'GET', url: '/v1/channels/shop2/dead-letters', key: t.keys.admin });
    expect(dls.body.deadLetters.find((d: any) => d.id === id)).toMatchObject({ replayedAt: null });
    expect(await intakeCount('shop2')).toBe(intakeBefore);
  });

  it('gets 403 on reservations, stock, orders, the channel itself, catalog and keys routes', async () => {
    const before = await h.state(t.id);
    const calls = [
      { method: 'POST', url: '/v1/reservations', body: { lines: [{ sku: 'SKU-1', qty: 1 }] }, headers: { 'idempotency-key': 'ck-1' } },
      { method: 'GET', url: '/v1/reservations/res_x1' },
      { method: 'GET', url: '/v1/stock/SKU-1' },
      { method: 'GET', url: '/v1/stock?skus=SKU-1' },
      { method: 'PUT', url: '/v1/stock/wh1/SKU-1', body: { onHand: 1 } },
      { method: 'GET', url: '/v1/orders' },
      { method: 'POST', url: '/v1/orders/ord_x1/cancel', body: { reason: 'no' } },
      { method: 'GET', url: '/v1/channels/shop1' },
      { method: 'PATCH', url: '/v1/channels/shop1', body: { name: 'mine now' } },
      { method: 'GET', url: '/v1/channels' },
      { method: 'GET', url: '/v1/warehouses' },
      { method: 'GET', url: `/v1/tenants/${t.id}/keys` },
      { method: 'POST', url: `/v1/tenants/${t.id}/keys`, body: { scopes: ['admin'] } },
    ] as const;
    for (const c of calls) {
      const r = await h.call({ ...c, key: shopKey.key });
      expectChannelRefusal(r);
      expect(r.body.detail, `${c.method} ${c.url}`).not.toMatch(/for channel/);
    }
    expect(await h.state(t.id)).toEqual(before);
  });

  it('is refused at once once revoked (401), on its own channel too', async () => {
    const r = await createKey(t.id, { scopes: ['channel'], channel: 'shop1' });
    expect((await h.call({ method: 'GET', url: '/v1/channels/shop1/imports', key: r.body.key })).status).toBe(200);
    expect((await h.call({ method: 'DELETE', url: `/v1/tenants/${t.id}/keys/${r.body.id}`, key: t.keys.admin })).status).toBe(200);
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels/shop1/imports', key: r.body.key }), 401, 'UNAUTHENTICATED');
  });
});

describe('other keys keep their access', () => {
  it('ops and read keys still reach every channel\'s imports and dead letters; checkout still gets 403 without a channel in it', async () => {
    const ops = await createKey(t.id, { scopes: ['ops'] });
    expect((await h.call({ method: 'GET', url: '/v1/channels/shop2/imports', key: ops.body.key })).status).toBe(200);
    expect((await h.call({ method: 'GET', url: '/v1/channels/shop2/dead-letters', key: t.keys.read })).status).toBe(200);
    const r = await h.call({ method: 'GET', url: '/v1/channels/shop2/dead-letters', key: t.keys.checkout });
    expectProblem(r, 403, 'FORBIDDEN');
    expect(r.body.detail).toBe('this route needs a tenant key with scope admin or ops or read or a key with scope channel for channel shop2');
    expect(r.body.keyChannel).toBeUndefined();
  });
});
