// Channels (encrypted webhook secrets, rotation), delivery replay records and
// dead letters against the real PostgreSQL, in a random schema of this
// file's own (dropped in afterAll).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRepo } from '../../../src/adapters/postgres/channel.repo.ts';
import { DeadLetterRepo } from '../../../src/adapters/postgres/dead-letter.repo.ts';
import { PgChannelStore } from '../../../src/adapters/postgres/order.store.ts';
import { migrate } from '../../../src/adapters/postgres/migrate.ts';
import { dropSchema, newSchema, newTenant } from './order.fixture.ts';

const { schema, sql } = newSchema();
const key = randomBytes(32);
const repo = new ChannelRepo(sql, key);
const letters = new DeadLetterRepo(sql);

beforeAll(async () => {
  await migrate(sql, schema);
});

afterAll(async () => {
  await dropSchema(sql, schema);
});

describe('channels', () => {
  it('creates, reads, lists and patches; a mapping change bumps mappingVersion', async () => {
    const tenant = await newTenant(sql);
    const created = await repo.createChannel(tenant, { id: 'tb-main', type: 'taobao', name: 'Taobao main', skuMap: { 'tb-991': 'YD-2026' } });
    if (!created.ok) throw new Error(created.error.detail);
    expect(created.value).toMatchObject({
      tenant, id: 'tb-main', type: 'taobao', name: 'Taobao main', mapping: null, mappingVersion: 1,
      skuMap: { 'tb-991': 'YD-2026' }, secrets: { current: null, previous: null },
    });
    expect(await repo.getChannel(tenant, 'tb-main')).toEqual(created.value);
    await repo.createChannel(tenant, { id: 'a-shop', type: 'shopify', name: 'A' });
    expect((await repo.listChannels(tenant, 10)).map((c) => c.id)).toEqual(['a-shop', 'tb-main']);
    expect((await repo.listChannels(tenant, 1, 'a-shop')).map((c) => c.id)).toEqual(['tb-main']);

    const renamed = await repo.patchChannel(tenant, 'tb-main', { name: 'Renamed' });
    expect(renamed).toMatchObject({ name: 'Renamed', mappingVersion: 1 });
    const mapped = await repo.patchChannel(tenant, 'tb-main', { mapping: { fields: { externalId: '$.tid' } } });
    expect(mapped).toMatchObject({ mapping: { fields: { externalId: '$.tid' } }, mappingVersion: 2, skuMap: { 'tb-991': 'YD-2026' } });
    expect(await repo.patchChannel(tenant, 'tb-main', { mapping: null })).toMatchObject({ mapping: null, mappingVersion: 3 });
    expect(await repo.patchChannel(tenant, 'no-such', { name: 'x' })).toBeNull();
    expect(await repo.getChannel(tenant, 'no-such')).toBeNull();
  });

  it('refuses a duplicate id, an unknown tenant and an unknown type with their codes', async () => {
    const tenant = await newTenant(sql);
    expect((await repo.createChannel(tenant, { id: 'c', type: 'jd', name: 'JD' })).ok).toBe(true);
    const dup = await repo.createChannel(tenant, { id: 'c', type: 'jd', name: 'again' });
    expect(!dup.ok && dup.error.code).toBe('CHANNEL_EXISTS');
    const ghost = await repo.createChannel('no_such_tenant', { id: 'c', type: 'jd', name: 'JD' });
    expect(!ghost.ok && ghost.error.code).toBe('TENANT_NOT_FOUND');
    const odd = await repo.createChannel(tenant, { id: 'd', type: 'ebay' as 'jd', name: 'x' });
    expect(!odd.ok && odd.error.extra?.field).toBe('type');
  });
});

describe('webhook secrets', () => {
  it('stores them encrypted, never returns them from reads, and keeps two through a rotation', async () => {
    const tenant = await newTenant(sql);
    const first = 'whsec_first_4f1c2a';
    const created = await repo.createChannel(tenant, { id: 'shop', type: 'shopify', name: 'Shop', secret: first });
    if (!created.ok) throw new Error(created.error.detail);
    expect(created.value.secrets.current?.createdAt).toBeInstanceOf(Date);
    expect(created.value.secrets.previous).toBeNull();
    expect(await repo.webhookSecrets(tenant, 'shop')).toEqual([first]);

    const second = 'whsec_second_9d8e7f';
    const rotated = await repo.rotateSecret(tenant, 'shop', second);
    expect(rotated?.secrets.previous?.createdAt).toEqual(created.value.secrets.current?.createdAt);
    expect(await repo.webhookSecrets(tenant, 'shop')).toEqual([second, first]);

    const [dump] = await sql<{ text: string }[]>`select string_agg(c::text, ' ') as text from channels c`;
    const [raw] = await sql<{ a: Buffer; b: Buffer }[]>`select secret_current as a, secret_previous as b from channels where tenant_id = ${tenant}`;
    for (const s of [first, second]) {
      expect(dump!.text).not.toContain(s);
      expect(dump!.text).not.toContain(Buffer.from(s).toString('hex'));
      expect(raw!.a.includes(Buffer.from(s))).toBe(false);
    }
    expect(raw!.a.length).toBe(1 + 12 + 16 + second.length);
    for (const read of [rotated, await repo.getChannel(tenant, 'shop'), ...(await repo.listChannels(tenant, 10))]) {
      const text = JSON.stringify(read);
      for (const s of [first, second]) expect(text).not.toContain(s);
      expect(text).not.toMatch(/secret_current"|ciphertext/);
    }

    expect((await repo.dropPreviousSecret(tenant, 'shop'))?.secrets.previous).toBeNull();
    expect(await repo.webhookSecrets(tenant, 'shop')).toEqual([second]);
    expect(await repo.webhookSecrets(tenant, 'no-such')).toBeNull();
    expect(await repo.rotateSecret(tenant, 'no-such', 'x')).toBeNull();
  });

  it('does not decrypt under another key, nor when the ciphertext is moved to another channel', async () => {
    const tenant = await newTenant(sql);
    await repo.createChannel(tenant, { id: 'one', type: 'generic', name: '1', secret: 'alpha' });
    await repo.createChannel(tenant, { id: 'two', type: 'generic', name: '2', secret: 'beta' });
    await expect(new ChannelRepo(sql, randomBytes(32)).webhookSecrets(tenant, 'one')).rejects.toThrow();
    await sql`update channels set secret_current = (select secret_current from channels where tenant_id = ${tenant} and id = 'one')
      where tenant_id = ${tenant} and id = 'two'`;
    await expect(repo.webhookSecrets(tenant, 'two')).rejects.toThrow();
    expect(await repo.webhookSecrets(tenant, 'one')).toEqual(['alpha']);
    expect(() => new ChannelRepo(sql, randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('deliveries', () => {
  it('a delivery id is new once per channel, then replayed; after the retention it is new again and pruned', async () => {
    const tenant = await newTenant(sql);
    const short = new ChannelRepo(sql, key, { deliveryRetentionMs: 60_000 });
    await repo.createChannel(tenant, { id: 'shop', type: 'shopify', name: 'Shop' });
    expect(await short.noteDelivery(tenant, 'shop', 'd-1')).toBe('new');
    expect(await short.noteDelivery(tenant, 'shop', 'd-1')).toBe('replayed');
    expect(await short.noteDelivery(tenant, 'other', 'd-1')).toBe('new');
    expect((await Promise.all([1, 2, 3].map(() => short.noteDelivery(tenant, 'shop', 'd-2')))).sort()).toEqual(['new', 'replayed', 'replayed']);

    await sql`update channel_deliveries set received_at = now() - interval '2 minutes' where tenant_id = ${tenant} and delivery_id = 'd-1'`;
    expect(await short.noteDelivery(tenant, 'shop', 'd-1')).toBe('new');
    expect(await short.noteDelivery(tenant, 'shop', 'd-1')).toBe('replayed');
    expect(await short.pruneDeliveries(tenant, 100)).toBe(1); // other/d-1 is the expired one now
    const [left] = await sql<{ n: number }[]>`select count(*)::int as n from channel_deliveries where tenant_id = ${tenant}`;
    expect(left!.n).toBe(2);
  });
});

describe('deliverySeen (one statement, migration 013)', () => {
  it('sees a delivery of its own tenant and channel only, and leaves no role or tenant on the pooled connections', async () => {
    const [a, b] = [await newTenant(sql), await newTenant(sql)];
    const store = new PgChannelStore(sql, repo);
    await repo.createChannel(a, { id: 'shop', type: 'shopify', name: 'Shop' });
    expect(await store.deliverySeen(a, 'shop', 'd-9')).toBe(false);
    expect(await repo.noteDelivery(a, 'shop', 'd-9')).toBe('new');
    expect(await store.deliverySeen(a, 'shop', 'd-9')).toBe(true);
    expect(await store.deliverySeen(a, 'other', 'd-9')).toBe(false);
    expect(await store.deliverySeen(b, 'shop', 'd-9')).toBe(false);
    // Every connection of the pool (6) used by the function, then asked who it is.
    await Promise.all(Array.from({ length: 12 }, () => store.deliverySeen(a, 'shop', 'd-9')));
    const who = await Promise.all(Array.from({ length: 12 }, () => sql<{ u: string; t: string | null }[]>`
      select current_user as u, nullif(current_setting('pallet.tenant', true), '') as t, pg_sleep(0.01)`));
    expect(new Set(who.map(([r]) => `${r!.u}/${r!.t}`))).toEqual(new Set([`${who[0]![0]!.u}/null`]));
    expect(who[0]![0]!.u).not.toBe('pallet_tenant');
  });
});

describe('dead letters', () => {
  it('keeps the document byte for byte, lists summaries newest first with paging and filters, marks replay once', async () => {
    const tenant = await newTenant(sql);
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]); // not UTF-8, contains NUL
    const first = await letters.insert(tenant, { channel: 'tb', document: bytes, sourcePath: '$.orders[0].tid', rule: 'externalId', reason: 'missing', mappingVersion: 3 });
    expect(first).toMatchObject({ tenant, channel: 'tb', documentBytes: 5, sourcePath: '$.orders[0].tid', rule: 'externalId', mappingVersion: 3, replayedAt: null });
    expect(first.id).toMatch(/^dl_[A-Za-z0-9_-]{16}$/);
    const second = await letters.insert(tenant, { channel: 'jd', document: '{"x":1}', reason: 'not json object' });
    const third = await letters.insert(tenant, { channel: 'tb', document: '[]', reason: 'empty' });

    const got = await letters.get(tenant, first.id);
    expect(Buffer.from(got!.document).equals(bytes)).toBe(true);
    expect(await letters.get(tenant, 'dl_nope')).toBeNull();

    const all = await letters.list(tenant, {}, null, 200);
    expect(all.ok && all.value.deadLetters.map((d) => d.id)).toEqual([third.id, second.id, first.id]);
    expect(all.ok && all.value.deadLetters[0]).not.toHaveProperty('document');
    const tb = await letters.list(tenant, { channel: 'tb' }, null, 1);
    if (!tb.ok || tb.value.nextCursor === null) throw new Error('expected a second page');
    const tb2 = await letters.list(tenant, { channel: 'tb' }, tb.value.nextCursor, 1);
    expect(tb2.ok && [tb.value.deadLetters[0]!.id, ...tb2.value.deadLetters.map((d) => d.id), tb2.value.nextCursor]).toEqual([third.id, first.id, null]);

    expect(await letters.markReplayed(tenant, second.id)).toBe(true);
    expect(await letters.markReplayed(tenant, second.id)).toBe(false);
    expect(await letters.markReplayed(tenant, 'dl_nope')).toBe(false);
    const waiting = await letters.list(tenant, { replayed: false }, null, 200);
    expect(waiting.ok && waiting.value.deadLetters.map((d) => d.id)).toEqual([third.id, first.id]);
    const replayed = await letters.list(tenant, { replayed: true }, null, 200);
    expect(replayed.ok && replayed.value.deadLetters[0]?.replayedAt).toBeInstanceOf(Date);

    const bad = await letters.list(tenant, {}, 'nope', 10);
    expect(!bad.ok && bad.error.extra?.field).toBe('cursor');
    const big = await letters.list(tenant, {}, null, 500);
    expect(!big.ok && big.error.extra?.field).toBe('limit');
  });
});
