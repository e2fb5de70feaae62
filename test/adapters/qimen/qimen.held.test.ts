// The approval queue of held QiMen stock changes (issue 14), on real Redis,
// NATS and PostgreSQL: a stockchange.report movement above
// PALLET_QIMEN_STOCK_TOLERANCE_UNITS is held, listed (newest first, in pages),
// and approved (its adjustment through the stock engine, once, with the
// approving key in the ledger reason, even when approvals race) or rejected
// (no stock change); a decision of the other kind afterwards is 409 naming
// the state, unknown ids are 404, bad input 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { deleteTopology } from '../../../src/adapters/nats/topology.ts';
import { serve } from '../../../src/main.ts';
import { createHttpHarness, problemFields, type HttpHarness, type TenantFixture } from '../../helpers/http.ts';
import { FakeQimenWms } from '../../faults/fake-qimen.ts';

const qimen = { appKey: 'pallet-held-app', secret: 'qimen-held-secret-0123456789abcd', customerId: 'OWNER03', warehouseCode: 'NB-03' };
const tolerance = 10;
const wms = new FakeQimenWms(qimen);
const answerParser = new XMLParser({ parseTagValue: false });
let h: HttpHarness;
let t: TenantFixture;
let other: TenantFixture;
let opsKey: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  await wms.start();
  h = await createHttpHarness({ PALLET_QIMEN_STOCK_TOLERANCE_UNITS: String(tolerance) });
  const spec = {
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'S1' }, { sku: 'S2' }, { sku: 'S3' }, { sku: 'S4' }],
    stock: [{ warehouse: 'wh1', sku: 'S1', onHand: 100 }, { warehouse: 'wh1', sku: 'S2', onHand: 100 }, { warehouse: 'wh1', sku: 'S3', onHand: 5 }],
  };
  t = await h.tenant(spec);
  other = await h.tenant(spec);
  for (const x of [t, other]) {
    const put = await h.call({ method: 'PUT', url: '/v1/warehouses/wh1/wms', key: x.keys.admin, body: { mode: 'qimen', url: wms.url, timeoutMs: 2_000, ...qimen } });
    expect(put.status, put.text).toBe(200);
  }
  const ops = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['ops'], label: 'test ops' } });
  expect(ops.status, ops.text).toBe(201);
  opsKey = ops.body.key as string;
  // The relay and projector write the stock ledger the approvals are checked against.
  stop = (await serve(h.rt, ['relay', 'projector'])).stop;
}, 60_000);

afterAll(async () => {
  await stop?.();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
  await wms.stop();
});

type Item = { itemCode: string; quantity: number; outBizCode?: string; orderCode?: string; remark?: string };

/** A stockchange.report to tenant `x`'s router, signed as the WMS signs it; the parsed answer. */
async function report(x: TenantFixture, items: readonly Item[]) {
  const doc = { request: { items: { item: items.map((i) => ({ warehouseCode: qimen.warehouseCode, inventoryType: 'ZP', ...i, quantity: String(i.quantity) })) } } };
  const req = wms.signedRequest(`/v1/warehouses/wh1/qimen?tenant=${x.id}`, 'taobao.qimen.stockchange.report', doc);
  const r = await h.call({ method: 'POST', url: req.url, payload: req.body, headers: { 'content-type': 'application/xml' } });
  expect(r.status, r.text).toBe(200);
  return answerParser.parse(r.text).response as { flag: string; code: string; message: string };
}

const base = () => `/v1/warehouses/wh1/qimen/held-stock-changes`;
const list = (query = '', key = t.keys.admin) => h.call({ method: 'GET', url: `${base()}${query}`, key });
const decide = (id: string, verb: 'approve' | 'reject', body?: unknown, key = t.keys.admin) =>
  h.call({ method: 'POST', url: `${base()}/${id}/${verb}`, key, ...(body === undefined ? {} : { body }) });
const onHand = async (sku: string, x: TenantFixture = t) => (await h.cell(x.id, 'wh1', sku)).onHand;

/** Every held change of the tenant's wh1 (all pages). */
async function allChanges(query = '', key = t.keys.admin): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const sep = query === '' ? '?' : '&';
    const r = await list(`${query}${cursor === null ? '' : `${query === '' ? '?' : sep}cursor=${cursor}`}`, key);
    expect(r.status, r.text).toBe(200);
    out.push(...r.body.changes);
    cursor = r.body.nextCursor;
    if (cursor === null) return out;
  }
  throw new Error('more than 100 pages');
}

const changeOf = async (wmsReportId: string) => {
  const found = (await allChanges()).filter((c) => c.wmsReportId === wmsReportId);
  expect(found, wmsReportId).toHaveLength(1);
  return found[0];
};

/** The ledger rows of wh1/sku whose reason contains `text`, once the projector has written `count` of them. */
async function ledgerRows(sku: string, text: string, count: number, timeoutMs = 15_000): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await h.call({ method: 'GET', url: `/v1/stock/wh1/${sku}/ledger?limit=500`, key: t.keys.read });
    expect(r.status, r.text).toBe(200);
    const rows = (r.body.items as any[]).filter((e) => typeof e.reason === 'string' && e.reason.includes(text));
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('held QiMen stock changes', () => {
  it('a movement above the tolerance is held and listed with its sku, delta, reason, WMS id, time and state; within it is applied', async () => {
    const before = { s1: await onHand('S1'), s2: await onHand('S2') };
    const answer = await report(t, [
      { itemCode: 'S1', quantity: -(tolerance + 5), outBizCode: 'LOSS-1', orderCode: 'PD-1', remark: '盘亏' },
      { itemCode: 'S2', quantity: tolerance + 20, orderCode: 'FOUND-1' },
      { itemCode: 'S2', quantity: 3, outBizCode: 'SMALL-1' },
    ]);
    expect(answer, JSON.stringify(answer)).toMatchObject({ flag: 'success', message: expect.stringContaining('2 held') });
    expect({ s1: await onHand('S1'), s2: await onHand('S2') }).toEqual({ s1: before.s1, s2: before.s2 + 3 });

    const loss = await changeOf('LOSS-1');
    expect(loss).toMatchObject({
      warehouse: 'wh1', method: 'stockchange.report', sku: 'S1', delta: -(tolerance + 5), state: 'held', decidedAt: null, decidedBy: null, note: null,
    });
    expect(loss.id).toMatch(/^qh_/);
    expect(loss.reason).toContain('LOSS-1');
    expect(loss.reason).toContain('盘亏');
    expect(Date.now() - Date.parse(loss.receivedAt)).toBeLessThan(10 * 60_000);
    expect(await changeOf('FOUND-1')).toMatchObject({ sku: 'S2', delta: tolerance + 20, state: 'held' });
    expect((await allChanges()).some((c) => c.wmsReportId === 'SMALL-1')).toBe(false);

    // The same report again is the same report: nothing new is held.
    const count = (await allChanges()).length;
    expect(await report(t, [
      { itemCode: 'S1', quantity: -(tolerance + 5), outBizCode: 'LOSS-1', orderCode: 'PD-1', remark: '盘亏' },
      { itemCode: 'S2', quantity: tolerance + 20, orderCode: 'FOUND-1' },
      { itemCode: 'S2', quantity: 3, outBizCode: 'SMALL-1' },
    ])).toMatchObject({ flag: 'success', message: 'already applied' });
    expect(await allChanges()).toHaveLength(count);
    // Another tenant sees none of them.
    expect(await allChanges('', other.keys.admin)).toEqual([]);
  });

  it('approving applies the delta once, with the approving key in the ledger reason; approving again answers the same', async () => {
    const loss = await changeOf('LOSS-1');
    const start = await onHand('S1');
    const first = await decide(loss.id, 'approve', { note: 'counted twice, confirmed' });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ id: loss.id, sku: 'S1', delta: loss.delta, state: 'approved', note: 'counted twice, confirmed', decidedBy: expect.stringMatching(/^key:/) });
    expect(Date.parse(first.body.decidedAt)).not.toBeNaN();
    expect(await onHand('S1')).toBe(start + loss.delta);

    const again = await decide(loss.id, 'approve', { note: 'a second try' });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await onHand('S1')).toBe(start + loss.delta);

    const keyId = (first.body.decidedBy as string).slice('key:'.length);
    const rows = await ledgerRows('S1', `approved by key ${keyId}`, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'stock.adjusted', dOnHand: loss.delta });
    expect(rows[0].reason).toContain('LOSS-1');
    // Nothing more arrives later either.
    await new Promise((res) => setTimeout(res, 500));
    expect(await ledgerRows('S1', `approved by key ${keyId}`, 2, 0)).toHaveLength(1);
    expect((await list('?state=approved')).body.changes.map((c: any) => c.id)).toContain(loss.id);
    expect((await list('?state=held')).body.changes.map((c: any) => c.id)).not.toContain(loss.id);
  });

  it('five approvals racing make one adjustment and all answer the same change', async () => {
    expect(await report(t, [{ itemCode: 'S2', quantity: -(tolerance + 7), outBizCode: 'RACE-1' }])).toMatchObject({ flag: 'success' });
    const change = await changeOf('RACE-1');
    const start = await onHand('S2');
    const answers = await Promise.all([0, 1, 2, 3, 4].map((i) => decide(change.id, 'approve', undefined, i % 2 === 0 ? t.keys.admin : opsKey)));
    expect(answers.map((a) => a.status), answers.map((a) => a.text).join('\n')).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(answers[0]!.body).toMatchObject({ state: 'approved', note: null });
    expect(await onHand('S2')).toBe(start + change.delta);
    const rows = await ledgerRows('S2', 'RACE-1', 1);
    await new Promise((res) => setTimeout(res, 500));
    expect(await ledgerRows('S2', 'RACE-1', 2, 0)).toHaveLength(rows.length);
    expect(rows).toHaveLength(1);
  });

  it('an approval whose commit was lost after its adjustment is not counted twice by the next approval', async () => {
    expect(await report(t, [{ itemCode: 'S2', quantity: tolerance + 4, outBizCode: 'LOST-COMMIT-1' }])).toMatchObject({ flag: 'success' });
    const change = await changeOf('LOST-COMMIT-1');
    const start = await onHand('S2');
    // What an approval by another key leaves when the process dies between the stock engine and the commit:
    // the adjustment under the change's idempotency key, the change still held.
    const written = await h.rt.deps.stock.adjust(t.id, 'wh1', 'S2', change.delta, `${change.reason}; approved by key k_gone`, `qimen.held.${change.id}`);
    expect(written.ok).toBe(true);
    expect(await onHand('S2')).toBe(start + change.delta);
    expect((await changeOf('LOST-COMMIT-1')).state).toBe('held');
    const approved = await decide(change.id, 'approve');
    expect([approved.status, approved.body.state], approved.text).toEqual([200, 'approved']);
    expect(await onHand('S2')).toBe(start + change.delta);
  });

  it('rejecting changes no stock; a decision of the other kind afterwards is 409 naming the state', async () => {
    const found = await changeOf('FOUND-1');
    const start = await onHand('S2');
    const rejected = await decide(found.id, 'reject', { note: 'the WMS counted a pallet twice' }, opsKey);
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body).toMatchObject({ id: found.id, state: 'rejected', note: 'the WMS counted a pallet twice' });
    const again = await decide(found.id, 'reject');
    expect([again.status, again.body]).toEqual([200, rejected.body]);
    const approve = await decide(found.id, 'approve');
    expect([approve.status, approve.body.code, approve.body.state], approve.text).toEqual([409, 'HELD_CHANGE_DECIDED', 'rejected']);
    expect(approve.body.detail).toContain('rejected');
    expect(await onHand('S2')).toBe(start);
    expect((await changeOf('FOUND-1')).state).toBe('rejected');

    const loss = await changeOf('LOSS-1');
    const reject = await decide(loss.id, 'reject');
    expect([reject.status, reject.body.code, reject.body.state], reject.text).toEqual([409, 'HELD_CHANGE_DECIDED', 'approved']);
    expect((await changeOf('LOSS-1')).state).toBe('approved');
  });

  it('a loss the stock engine refuses leaves the change held; it can still be rejected', async () => {
    expect(await report(t, [{ itemCode: 'S3', quantity: -(tolerance + 1), outBizCode: 'TOO-BIG-1' }])).toMatchObject({ flag: 'success' });
    const change = await changeOf('TOO-BIG-1');
    const refused = await decide(change.id, 'approve');
    expect([refused.status, refused.body.code], refused.text).toEqual([409, 'STOCK_INVARIANT']);
    expect(await onHand('S3')).toBe(5);
    expect((await changeOf('TOO-BIG-1')).state).toBe('held');
    expect((await decide(change.id, 'reject')).body.state).toBe('rejected');
  });

  it('unknown ids are 404; bad input is 400 naming the field; a read key is 403; nothing changes', async () => {
    expect(await report(t, [{ itemCode: 'S1', quantity: tolerance + 2, outBizCode: 'BAD-IN-1' }])).toMatchObject({ flag: 'success' });
    const change = await changeOf('BAD-IN-1');
    const start = await onHand('S1');

    const noChange = await decide('qh_nope', 'approve');
    expect([noChange.status, noChange.body.code], noChange.text).toEqual([404, 'NOT_FOUND']);
    const noWarehouse = await h.call({ method: 'POST', url: `/v1/warehouses/wh9/qimen/held-stock-changes/${change.id}/approve`, key: t.keys.admin });
    expect([noWarehouse.status, noWarehouse.body.code], noWarehouse.text).toEqual([404, 'UNKNOWN_WAREHOUSE']);
    const noWarehouseList = await h.call({ method: 'GET', url: '/v1/warehouses/wh9/qimen/held-stock-changes', key: t.keys.admin });
    expect(noWarehouseList.status).toBe(404);
    // Another tenant's key does not find this tenant's change.
    const foreign = await decide(change.id, 'approve', undefined, other.keys.admin);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);

    const cases: [string, Promise<Awaited<ReturnType<typeof list>>>, string][] = [
      ['a long note', decide(change.id, 'approve', { note: 'x'.repeat(501) }), 'body.note'],
      ['an empty note', decide(change.id, 'approve', { note: '' }), 'body.note'],
      ['an unknown field', decide(change.id, 'reject', { note: 'n', extra: 1 }), 'body.extra'],
      ['a cursor not issued', list('?cursor=bm90LWEtY3Vyc29y'), 'querystring.cursor'],
      ['limit 0', list('?limit=0'), 'querystring.limit'],
      ['limit 201', list('?limit=201'), 'querystring.limit'],
      ['an unknown state', list('?state=pending'), 'querystring.state'],
    ];
    for (const [what, call, field] of cases) {
      const r = await call;
      expect(r.status, `${what}: ${r.text}`).toBe(400);
      expect(problemFields(r.body).some((f) => f === field || f.startsWith(`${field}`)), `${what}: ${r.text}`).toBe(true);
    }
    const readOnly = await decide(change.id, 'approve', undefined, t.keys.read);
    expect(readOnly.status).toBe(403);
    expect((await list('', t.keys.read)).status).toBe(403);
    expect(await onHand('S1')).toBe(start);
    expect((await changeOf('BAD-IN-1')).state).toBe('held');
  });

  it('pages newest first with a cursor: every change once, in order', async () => {
    expect(await report(t, [1, 2, 3, 4, 5].map((i) => ({ itemCode: 'S4', quantity: tolerance + i, outBizCode: `PAGE-${i}` })))).toMatchObject({ flag: 'success' });
    const everything = await allChanges();
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const r = await list(`?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(r.status, r.text).toBe(200);
      expect(r.body.changes.length).toBeLessThanOrEqual(2);
      pages.push(r.body.changes);
      cursor = r.body.nextCursor;
    } while (cursor !== null && pages.length < 50);
    const paged = pages.flat();
    expect(paged.map((c) => c.id)).toEqual(everything.map((c) => c.id));
    expect(new Set(paged.map((c) => c.id)).size).toBe(paged.length);
    expect(pages.length).toBe(Math.ceil(paged.length / 2));
    // Newest first: receivedAt never increases along the list.
    const times = paged.map((c) => Date.parse(c.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(paged.filter((c) => (c.wmsReportId ?? '').startsWith('PAGE-'))).toHaveLength(5);
    // The state filter pages the same way.
    const held = await allChanges('?state=held&limit=1');
    expect(held.map((c) => c.id)).toEqual(everything.filter((c) => c.state === 'held').map((c) => c.id));
  });
});
