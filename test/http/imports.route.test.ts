// Batch import of orders (issue 11) through the API, on real PostgreSQL, NATS
// and Redis, with the orders role running: CSV and XLSX files (the XLSX made
// here with exceljs) posted as multipart/form-data become a per-row report
// (imported / duplicate / rejected with column and reason) kept in
// PostgreSQL, and the imported orders appear in the order pool through the
// intake stream, mapped by the generic mapping whatever the channel's type,
// with the channel's SKU map. Limits (rows, bytes) and file kinds are refused
// whole, naming the limit or the file.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdOf } from '../../src/app/order.ids.ts';
import { importColumns } from '../../src/core/import.rows.ts';
import type { Order } from '../../src/core/order.types.ts';
import { deleteTopology } from '../../src/adapters/nats/topology.ts';
import { serve } from '../../src/main.ts';
import { createHttpHarness, expectProblem, type HttpHarness, type Reply, type TenantFixture } from '../helpers/http.ts';

const rowsMax = 20;
const bytesMax = 64 * 1024;
const skuMap = { 'TEE-BLK-M': 'SKU-1' };

let h: HttpHarness;
let t: TenantFixture;
let opsKey: string;
let stop: () => Promise<void>;
const tempImports = () => readdirSync(tmpdir()).filter((n) => n.startsWith('pallet-import-')).length;
let tempBefore = 0;

beforeAll(async () => {
  tempBefore = tempImports();
  h = await createHttpHarness({ PALLET_IMPORT_ROWS_MAX: String(rowsMax), PALLET_IMPORT_BYTES_MAX: String(bytesMax) });
  t = await h.tenant({
    warehouses: [{ id: 'wh1' }], skus: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }],
    stock: [{ warehouse: 'wh1', sku: 'SKU-1', onHand: 100 }, { warehouse: 'wh1', sku: 'SKU-2', onHand: 100 }],
  });
  const key = await h.call({ method: 'POST', url: `/v1/tenants/${t.id}/keys`, key: h.adminKey, body: { scopes: ['ops'], label: 'ops' } });
  opsKey = key.body.key as string;
  // A Shopify channel: imports are canonical JSON all the same, mapped by the generic mapping.
  expect((await h.rt.deps.channels.create(t.id, { id: 'shop1', type: 'shopify', name: 'Shop', webhookSecret: 'shpss_import_0001', skuMap })).ok).toBe(true);
  stop = (await serve(h.rt, ['orders'])).stop;
}, 60_000);

afterAll(async () => {
  await stop?.();
  if (h !== undefined) await deleteTopology(await h.rt.nats.jsm(), h.namespace);
  await h?.close();
});

// ---------------------------------------------------------------- helpers

type Row = Partial<Record<(typeof importColumns)[number], string | number | Date>>;
const row = (externalId: string, extra: Row = {}): Row => ({
  externalId, placedAt: '2026-05-01 10:00:00', paidAt: '2026-05-01 10:05:00', buyerName: 'Li Lei', buyerPhone: '13800138000',
  shipName: 'Li Lei', shipPhone: '13800138000', country: 'CN', province: '浙江省', city: '杭州市', address1: '文三路 1 号',
  sku: 'TEE-BLK-M', qty: '2', unitPrice: '12.50', currency: 'CNY', shipping: '8', ...extra,
});

const csvCell = (v: Row[keyof Row]): string => {
  const s = v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvOf = (rows: readonly Row[], columns: readonly string[] = importColumns): string =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c as keyof Row])).join(','))].join('\r\n') + '\r\n';

async function xlsxOf(rows: readonly Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Orders');
  ws.addRow([...importColumns]);
  for (const r of rows) ws.addRow(importColumns.map((c) => r[c] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface FilePart { readonly name?: string; readonly filename: string; readonly contentType: string; readonly data: string | Buffer }

/** A multipart/form-data body with one file part (field `file` unless named). */
function multipart(part: FilePart): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pallet${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name ?? 'file'}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(part.data), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const post = (part: FilePart, key = t.keys.admin, query = '', channel = 'shop1'): Promise<Reply> =>
  h.call({ method: 'POST', url: `/v1/channels/${channel}/imports${query}`, key, ...multipart(part) });
const postCsv = (rows: readonly Row[], key?: string) => post({ filename: 'orders.csv', contentType: 'text/csv', data: csvOf(rows) }, key);
const report = (importId: string, query = '') => h.call({ method: 'GET', url: `/v1/channels/shop1/imports/${importId}${query}`, key: t.keys.read });

async function orderWhen(externalId: string, ready: (o: Order) => boolean = () => true): Promise<Order> {
  const id = orderIdOf('shop1', externalId);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const got = await h.rt.deps.orders.get(t.id, id);
    if (got.ok && ready(got.value)) return got.value;
    if (Date.now() > deadline) throw new Error(`order ${externalId} not as expected in time: ${JSON.stringify(got)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------- tests

describe('POST /v1/channels/{id}/imports', () => {
  let firstImport = '';

  it('a CSV: each order imported, a bad row rejected with its column and reason, the orders appear in the pool', async () => {
    const rows = [
      row('C-1'), row('C-1', { sku: 'SKU-2', qty: '1', unitPrice: '5.00' }),
      row('C-2', { paidAt: '' }),
      row('C-3', { qty: 'two' }), row('C-3', { sku: 'SKU-2' }),
      row('C-4', { placedAt: '2026-05-01T10:00:00Z', unitPrice: '0.07', shipping: '', discount: '0.01', total: '' }),
    ];
    const r = await postCsv(rows);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({
      channel: 'shop1', fileName: 'orders.csv', format: 'csv', status: 'finished', actor: expect.stringMatching(/^key:/),
      rows: { total: 6, imported: 4, duplicate: 0, rejected: 2 }, ordersImported: 3, finishedAt: expect.any(String),
    });
    firstImport = r.body.id;

    const rep = await report(firstImport);
    expect(rep.status, rep.text).toBe(200);
    expect(rep.body.rows.map((x: any) => [x.row, x.externalId, x.outcome, x.column])).toEqual([
      [2, 'C-1', 'imported', null], [3, 'C-1', 'imported', null], [4, 'C-2', 'imported', null],
      [5, 'C-3', 'rejected', 'qty'], [6, 'C-3', 'rejected', null], [7, 'C-4', 'imported', null],
    ]);
    expect(rep.body.rows[3].reason).toMatch(/whole number/);
    expect(rep.body.rows[4].reason).toBe('not imported: row 5 of order "C-3" was rejected');

    const c1 = await orderWhen('C-1');
    expect(c1).toMatchObject({ channel: 'shop1', externalId: 'C-1', status: 'released', placedAtMs: Date.UTC(2026, 4, 1, 2, 0, 0) });
    expect(c1.lines.map((l) => [l.sku, l.channelSku, l.qty, l.unitPriceMinor])).toEqual([['SKU-1', 'TEE-BLK-M', 2, 1250], ['SKU-2', 'SKU-2', 1, 500]]);
    expect(c1.totals).toEqual({ currency: 'CNY', itemsMinor: 3000, shippingMinor: 800, discountMinor: 0, totalMinor: 3800 });
    expect((await orderWhen('C-2')).status).toBe('pending_payment');
    expect((await orderWhen('C-4')).totals).toEqual({ currency: 'CNY', itemsMinor: 14, shippingMinor: 0, discountMinor: 1, totalMinor: 13 });
    expect((await h.rt.deps.orders.get(t.id, orderIdOf('shop1', 'C-3'))).ok).toBe(false);
    const audit = await h.rt.deps.orders.audit(t.id, c1.id, 0, 10);
    expect(audit.ok && audit.value.map((e) => [e.action, e.actor.kind])).toEqual([['created', 'key']]);
    // C-1 and C-4 are paid (2 each, committed); C-2 is not (2 reserved until it is paid or expires).
    expect(await h.cell(t.id, 'wh1', 'SKU-1')).toMatchObject({ committed: 4, reserved: 2 });
  });

  it('the same orders again are duplicates (they exist), and a repeat further down the file too', async () => {
    await orderWhen('C-4');
    const r = await postCsv([row('C-1'), row('C-9'), row('C-1', { sku: 'X' })], opsKey);
    expect(r.status, r.text).toBe(201);
    expect(r.body.rows).toEqual({ total: 3, imported: 1, duplicate: 2, rejected: 0 });
    const rep = await report(r.body.id, '?outcome=duplicate');
    expect(rep.body.rows.map((x: any) => [x.row, x.outcome, x.reason])).toEqual([
      [2, 'duplicate', `order ${orderIdOf('shop1', 'C-1')} exists already`],
      [4, 'duplicate', expect.stringMatching(/appeared earlier in this file \(row 2\)/)],
    ]);
  });

  it('an XLSX workbook (dates, numbers, text cells) is imported the same way', async () => {
    const data = await xlsxOf([
      row('X-1', { placedAt: new Date(Date.UTC(2026, 5, 2, 9, 30, 0)), unitPrice: 19.9, qty: 3, buyerPhone: 13800138000 }),
      row('X-2', { unitPrice: '1.005' }),
    ]);
    const r = await post({ filename: 'orders.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ format: 'xlsx', rows: { total: 2, imported: 1, duplicate: 0, rejected: 1 } });
    const rep = await report(r.body.id, '?outcome=rejected');
    expect(rep.body.rows).toEqual([{ row: 3, externalId: 'X-2', outcome: 'rejected', column: 'unitPrice', reason: expect.stringMatching(/3 decimals; CNY has 2/) }]);
    const x1 = await orderWhen('X-1');
    // A date cell has no zone: its wall clock is read in the import's offset (+08:00).
    expect(x1.placedAtMs).toBe(Date.UTC(2026, 5, 2, 1, 30, 0));
    expect(x1.lines).toEqual([{ sku: 'SKU-1', channelSku: 'TEE-BLK-M', qty: 3, unitPriceMinor: 1990 }]);
    expect(x1.buyer.phone).toBe('13800138000');
  });

  it('timezone=Z reads date-times without an offset as UTC', async () => {
    const r = await post({ filename: 'tz.csv', contentType: 'text/csv', data: csvOf([row('TZ-1')]) }, t.keys.admin, '?timezone=Z');
    expect(r.status, r.text).toBe(201);
    expect((await orderWhen('TZ-1')).placedAtMs).toBe(Date.UTC(2026, 4, 1, 10, 0, 0));
  });

  it('pages of the report follow the row numbers; the channel lists its imports newest first', async () => {
    const p1 = await report(firstImport, '?limit=4');
    expect(p1.body.rows.map((x: any) => x.row)).toEqual([2, 3, 4, 5]);
    expect(p1.body.nextAfterRow).toBe(5);
    const p2 = await report(firstImport, `?limit=4&afterRow=${p1.body.nextAfterRow}`);
    expect(p2.body.rows.map((x: any) => x.row)).toEqual([6, 7]);
    expect(p2.body.nextAfterRow).toBeNull();
    expect(p2.body.import).toMatchObject({ id: firstImport, rows: { total: 6 } });

    const l1 = await h.call({ method: 'GET', url: '/v1/channels/shop1/imports?limit=2', key: t.keys.read });
    expect(l1.status, l1.text).toBe(200);
    expect(l1.body.imports.map((i: any) => i.fileName)).toEqual(['tz.csv', 'orders.xlsx']);
    const l2 = await h.call({ method: 'GET', url: `/v1/channels/shop1/imports?limit=2&cursor=${l1.body.nextCursor}`, key: t.keys.read });
    expect(l2.body.imports.map((i: any) => i.id)).toContain(firstImport);
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels/shop1/imports?cursor=nope', key: t.keys.read }), 400, 'VALIDATION_FAILED', 'querystring.cursor');
    expectProblem(await report('imp_unknown'), 404, 'NOT_FOUND');
    expectProblem(await h.call({ method: 'GET', url: '/v1/channels/nope/imports', key: t.keys.read }), 404, 'CHANNEL_NOT_FOUND');
  });
});

describe('refusals', () => {
  const importsNow = async (): Promise<number> => (await h.call({ method: 'GET', url: '/v1/channels/shop1/imports?limit=200', key: t.keys.read })).body.imports.length;

  it(`more than PALLET_IMPORT_ROWS_MAX (${rowsMax}) data rows: 422 naming the limit, nothing imported`, async () => {
    const before = await importsNow();
    const rows = Array.from({ length: rowsMax + 1 }, (_, i) => row(`L-${i}`));
    const r = await postCsv(rows);
    expectProblem(r, 422, 'LIMIT_EXCEEDED', 'file');
    expect(r.body).toMatchObject({ limit: 'PALLET_IMPORT_ROWS_MAX', max: rowsMax });
    expect(r.body.detail).toContain(`more than ${rowsMax} data rows`);
    expect(await importsNow()).toBe(before);
    expect((await h.rt.deps.orders.get(t.id, orderIdOf('shop1', 'L-0'))).ok).toBe(false);
    // Exactly at the limit is fine.
    expect((await postCsv(rows.slice(0, rowsMax))).status).toBe(201);
  });

  it('a file over PALLET_IMPORT_BYTES_MAX: 413 naming the limit', async () => {
    const big = csvOf([row('B-1', { address1: 'x'.repeat(500) })]) + `${'B-2,'.repeat(20)}\r\n`.repeat(1 + Math.ceil(bytesMax / 80));
    const r = await post({ filename: 'big.csv', contentType: 'text/csv', data: big });
    expectProblem(r, 413, 'BODY_TOO_LARGE', 'file');
    expect(r.body.detail).toContain('PALLET_IMPORT_BYTES_MAX');
  });

  it.each<[string, FilePart]>([
    ['a PDF', { filename: 'orders.pdf', contentType: 'application/pdf', data: '%PDF-1.7 …' }],
    ['an old .xls workbook', { filename: 'orders.xls', contentType: 'application/vnd.ms-excel', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]) }],
    ['a zip named .csv', { filename: 'orders.csv', contentType: 'text/csv', data: Buffer.from('PK\u0003\u0004rest of a zip') }],
    ['text named .xlsx', { filename: 'orders.xlsx', contentType: 'application/octet-stream', data: 'externalId,sku\r\n' }],
    ['a CSV that is not UTF-8', { filename: 'gbk.csv', contentType: 'text/csv', data: Buffer.from([0x65, 0x2c, 0xc4, 0xe3, 0xba, 0xc3, 0x0d, 0x0a]) }],
    ['binary without a name', { filename: 'upload', contentType: 'application/octet-stream', data: Buffer.from([1, 2, 0, 3, 4, 5, 6, 7, 8]) }],
  ])('%s: 415 naming the file', async (_what, part) => {
    expectProblem(await post(part), 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
  });

  it('not multipart: 415 naming the content type; multipart without a boundary: 400', async () => {
    const r = await h.call({ method: 'POST', url: '/v1/channels/shop1/imports', key: t.keys.admin, body: { rows: [] } });
    expectProblem(r, 415, 'UNSUPPORTED_MEDIA_TYPE', 'headers.content-type');
    const csv = await h.call({ method: 'POST', url: '/v1/channels/shop1/imports', key: t.keys.admin, payload: csvOf([row('M-1')]), headers: { 'content-type': 'text/csv' } });
    expectProblem(csv, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const noBoundary = await h.call({ method: 'POST', url: '/v1/channels/shop1/imports', key: t.keys.admin, payload: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(noBoundary.status, noBoundary.text).toBe(400);
  });

  it('a header without a required column, a file without rows, a file in another field: 400 naming the file', async () => {
    const noSku = await post({ filename: 'a.csv', contentType: 'text/csv', data: csvOf([row('H-1')], importColumns.filter((c) => c !== 'sku')) });
    expectProblem(noSku, 400, 'VALIDATION_FAILED', 'file');
    expect(noSku.body).toMatchObject({ column: 'sku', detail: 'file: header row: column sku is missing from the header row' });
    expectProblem(await post({ filename: 'a.csv', contentType: 'text/csv', data: csvOf([]) }), 400, 'VALIDATION_FAILED', 'file');
    expectProblem(await post({ filename: 'a.csv', contentType: 'text/csv', data: '' }), 400, 'VALIDATION_FAILED', 'file');
    expectProblem(await post({ name: 'upload', filename: 'a.csv', contentType: 'text/csv', data: csvOf([row('H-1')]) }), 400, 'VALIDATION_FAILED', 'file');
    const unclosed = await post({ filename: 'a.csv', contentType: 'text/csv', data: `${csvOf([row('H-2')])}"H-3,unclosed\r\n` });
    expectProblem(unclosed, 400, 'VALIDATION_FAILED', 'file');
    expect(unclosed.body.detail).toMatch(/not readable CSV/);
  });

  it('a read key may read reports but not import; an unknown channel is 404', async () => {
    expectProblem(await postCsv([row('K-1')], t.keys.read), 403, 'FORBIDDEN');
    expectProblem(await post({ filename: 'a.csv', contentType: 'text/csv', data: csvOf([row('K-1')]) }, t.keys.admin, '', 'nope'), 404, 'CHANNEL_NOT_FOUND');
  });

  it("another tenant sees none of this tenant's imports, even with the same channel id", async () => {
    const other = await h.tenant();
    expect((await h.rt.deps.channels.create(other.id, { id: 'shop1', type: 'generic', name: 'Other' })).ok).toBe(true);
    const list = await h.call({ method: 'GET', url: '/v1/channels/shop1/imports', key: other.keys.read });
    expect(list.status, list.text).toBe(200);
    expect(list.body.imports).toEqual([]);
    const mine = await h.call({ method: 'GET', url: '/v1/channels/shop1/imports?limit=1', key: t.keys.read });
    expectProblem(await h.call({ method: 'GET', url: `/v1/channels/shop1/imports/${mine.body.imports[0].id}`, key: other.keys.read }), 404, 'NOT_FOUND');
  });

  it('leaves no temporary file behind', () => {
    expect(tempImports()).toBe(tempBefore);
  });
});
