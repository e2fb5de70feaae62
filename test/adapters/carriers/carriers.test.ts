// Carrier adapters (issue 12) against local fake servers (node:http, port
// 0): the sandbox's deterministic numbers, the generic HTTP carrier's
// request shapes and Pallet-Signature, and Cainiao's cainiao.waybill.ii.get /
// .cancel form POSTs with TOP's sign, batches split at 10, and refusals.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CainiaoCarrier, topSign, topTimestamp } from '../../../src/adapters/carriers/cainiao.carrier.ts';
import { HttpCarrier } from '../../../src/adapters/carriers/http.carrier.ts';
import { SandboxCarrier } from '../../../src/adapters/carriers/sandbox.carrier.ts';
import type { WaybillParcel } from '../../../src/app/carrier.port.ts';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
type Handler = (seen: Seen, res: ServerResponse) => void;
const servers: Server[] = [];

async function fake(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      handler(s, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const sender = { name: '杭州一号仓', phone: '0571-88880000', province: '浙江省', city: '杭州市', district: '余杭区', address1: '仓前街 1 号' };
const parcel = (i: number): WaybillParcel => ({
  parcelId: `p${i}`, orderId: `o_${i}`, weightGrams: 500 + i, items: [{ name: '茶叶', qty: 2 }],
  recipient: { name: '王小明', phone: '13800138000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路 100 号' },
});
const hmacHex = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

describe('sandbox carrier', () => {
  it('issues SBX + a per-tenant sequence, deterministically, and tracks cancellation', async () => {
    const c = new SandboxCarrier({ nowMs: () => 1_700_000_000_000 });
    const a = await c.requestWaybills({ tenant: 't1', sender, parcels: [parcel(1), parcel(2)] });
    const b = await c.requestWaybills({ tenant: 't2', sender, parcels: [parcel(1)] });
    const a2 = await c.requestWaybills({ tenant: 't1', sender, parcels: [parcel(3)] });
    expect(a.ok && a.value.map((w) => [w.parcelId, w.waybillNo, w.carrier])).toEqual([['p1', 'SBX0000000001', 'SBX'], ['p2', 'SBX0000000002', 'SBX']]);
    expect(b.ok && b.value[0]!.waybillNo).toBe('SBX0000000001');
    expect(a2.ok && a2.value[0]!.waybillNo).toBe('SBX0000000003');
    expect((await c.cancelWaybill('t1', 'SBX0000000002')).ok).toBe(true);
    const tracked = await c.tracking('t1', 'SBX0000000002');
    expect(tracked.ok && tracked.value.map((e) => e.status)).toEqual(['created', 'cancelled']);
    const unknown = await c.tracking('t2', 'SBX0000000002');
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
  });
});

describe('generic HTTP carrier', () => {
  const secret = 'carrier_secret_0123456789';
  const nowMs = 1_700_000_000_000;

  it('POSTs the batch signed over "<t>.<raw body>" and maps the answer back to the parcels', async () => {
    const f = await fake((s, res) => json(res, 200, { waybills: JSON.parse(s.body).parcels.reverse().map((p: any) => ({ parcelId: p.parcelId, waybillNo: `YT${p.parcelId}00` })) }));
    const c = new HttpCarrier({ code: 'YTO', baseUrl: `${f.url}/api`, secret, nowMs: () => nowMs, timeoutMs: 2_000, responseBytesMax: 65_536 });
    const got = await c.requestWaybills({ tenant: 't1', sender, parcels: [parcel(1), parcel(2)] });
    expect(got.ok && got.value.map((w) => [w.parcelId, w.waybillNo, w.carrier])).toEqual([['p1', 'YTp100', 'YTO'], ['p2', 'YTp200', 'YTO']]);
    const s = f.seen[0]!;
    expect([s.method, s.url, s.headers['pallet-tenant'], s.headers['content-type']]).toEqual(['POST', '/api/waybills', 't1', 'application/json; charset=utf-8']);
    expect(s.headers['pallet-signature']).toBe(`t=${nowMs / 1000},v1=${hmacHex(secret, `${nowMs / 1000}.${s.body}`)}`);
    expect(JSON.parse(s.body)).toEqual({ tenant: 't1', carrier: 'YTO', sender, parcels: [parcel(1), parcel(2)] });
  });

  it('cancels with a signed POST and tracks with a GET signed over the request target', async () => {
    const f = await fake((s, res) => (s.method === 'GET'
      ? json(res, 200, { events: [{ at: '2024-05-01T08:00:00Z', status: 'in_transit', description: '杭州转运中心' }] })
      : json(res, 200, {})));
    const c = new HttpCarrier({ code: 'YTO', baseUrl: f.url, secret, nowMs: () => nowMs, timeoutMs: 2_000, responseBytesMax: 65_536 });
    expect((await c.cancelWaybill('t1', 'YT123')).ok).toBe(true);
    const tracked = await c.tracking('t1', 'YT123');
    expect(tracked.ok && tracked.value).toEqual([{ atMs: Date.parse('2024-05-01T08:00:00Z'), status: 'in_transit', description: '杭州转运中心' }]);
    const [cancel, track] = f.seen;
    expect([cancel!.method, cancel!.url, JSON.parse(cancel!.body)]).toEqual(['POST', '/waybills/YT123/cancel', { tenant: 't1' }]);
    expect(cancel!.headers['pallet-signature']).toBe(`t=${nowMs / 1000},v1=${hmacHex(secret, `${nowMs / 1000}.${cancel!.body}`)}`);
    expect([track!.method, track!.url]).toEqual(['GET', '/waybills/YT123/tracking']);
    expect(track!.headers['pallet-signature']).toBe(`t=${nowMs / 1000},v1=${hmacHex(secret, `${nowMs / 1000}./waybills/YT123/tracking`)}`);
  });

  it('fails as CARRIER_FAILED on a non-2xx, an answer missing a parcel, an oversize answer or a refused connection', async () => {
    const answers: Array<(res: ServerResponse) => void> = [
      (res) => json(res, 503, { error: 'busy' }),
      (res) => json(res, 200, { waybills: [{ parcelId: 'p1', waybillNo: 'YT0001' }] }),
      (res) => json(res, 200, { waybills: [], pad: 'x'.repeat(5_000) }),
    ];
    const f = await fake((_s, res) => answers.shift()!(res));
    const c = new HttpCarrier({ code: 'YTO', baseUrl: f.url, secret, nowMs: () => nowMs, timeoutMs: 2_000, responseBytesMax: 4_096 });
    for (const expected of ['HTTP 503', 'missing: p2', 'longer than 4096']) {
      const got = await c.requestWaybills({ tenant: 't1', sender, parcels: [parcel(1), parcel(2)] });
      expect(!got.ok && got.error.code).toBe('CARRIER_FAILED');
      expect(!got.ok && got.error.detail).toContain(expected);
    }
    const closed = new HttpCarrier({ code: 'YTO', baseUrl: 'http://127.0.0.1:1', secret, nowMs: () => nowMs, timeoutMs: 2_000, responseBytesMax: 4_096 });
    const refused = await closed.cancelWaybill('t1', 'YT1');
    expect(!refused.ok && refused.error.detail).toContain('unreachable');
  });
});

describe('Cainiao e-waybill (cainiao.waybill.ii.get)', () => {
  const cfg = { appKey: '12345678', appSecret: 'top_secret_abc', session: 'sess_1', cpCode: 'YTO', templateUrl: 'http://cloudprint.cainiao.com/template/standard/101/123', userId: 42, timeoutMs: 2_000, responseBytesMax: 65_536 };
  const nowMs = Date.parse('2024-05-01T00:00:05Z');

  it('form-POSTs TOP system parameters and the documented request, signed; batches over 10 are split', async () => {
    const f = await fake((s, res) => {
      const req = JSON.parse(new URLSearchParams(s.body).get('param_waybill_cloud_print_apply_new_request')!);
      json(res, 200, { cainiao_waybill_ii_get_response: { modules: { waybill_cloud_print_response: req.trade_order_info_dtos.map((d: any) => ({ object_id: d.object_id, waybill_code: `YT${d.object_id}`, print_data: '{"data":{}}' })) }, request_id: 'r1' } });
    });
    for (const signMethod of ['md5', 'hmac-sha256'] as const) {
      f.seen.length = 0;
      const c = new CainiaoCarrier({ ...cfg, gatewayUrl: `${f.url}/router/rest`, signMethod, nowMs: () => nowMs });
      const got = await c.requestWaybills({ tenant: 't1', sender, parcels: Array.from({ length: 12 }, (_, i) => parcel(i)) });
      expect(got.ok && got.value.map((w) => w.waybillNo)).toEqual(Array.from({ length: 12 }, (_, i) => `YTp${i}`));
      expect(f.seen.map((s) => (JSON.parse(new URLSearchParams(s.body).get('param_waybill_cloud_print_apply_new_request')!).trade_order_info_dtos as unknown[]).length)).toEqual([10, 2]);
      const s = f.seen[0]!;
      expect([s.method, s.url, s.headers['content-type']]).toEqual(['POST', '/router/rest', 'application/x-www-form-urlencoded;charset=utf-8']);
      const params = Object.fromEntries(new URLSearchParams(s.body));
      expect(params).toMatchObject({ method: 'cainiao.waybill.ii.get', app_key: '12345678', session: 'sess_1', timestamp: '2024-05-01 08:00:05', format: 'json', v: '2.0', sign_method: signMethod });
      // The sign, recomputed here from the documented rule rather than through topSign.
      const joined = Object.keys(params).filter((k) => k !== 'sign').sort().map((k) => `${k}${params[k]}`).join('');
      const expected = signMethod === 'md5'
        ? (await import('node:crypto')).createHash('md5').update(`${cfg.appSecret}${joined}${cfg.appSecret}`).digest('hex').toUpperCase()
        : hmacHex(cfg.appSecret, joined).toUpperCase();
      expect(params.sign).toBe(expected);
      const req = JSON.parse(params.param_waybill_cloud_print_apply_new_request!);
      expect(req.cp_code).toBe('YTO');
      expect(req.sender).toEqual({ address: { province: '浙江省', city: '杭州市', district: '余杭区', detail: '仓前街 1 号' }, name: '杭州一号仓', mobile: '0571-88880000' });
      expect(req.trade_order_info_dtos[1]).toEqual({
        object_id: 'p1', order_info: { order_channels_type: 'OTHERS', trade_order_list: ['o_1'] },
        package_info: { id: 'p1', items: [{ count: 2, name: '茶叶' }], weight: 501 },
        recipient: { address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' }, name: '王小明', mobile: '13800138000' },
        template_url: cfg.templateUrl, user_id: 42,
      });
    }
  });

  it('cancels with cainiao.waybill.ii.cancel and turns error_response into CARRIER_FAILED', async () => {
    const answers = [
      { cainiao_waybill_ii_cancel_response: { cancel_result: true } },
      { error_response: { code: 15, msg: 'Remote service error', sub_code: 'isv.WAYBILL_NOT_FOUND', sub_msg: '面单不存在' } },
    ];
    const f = await fake((_s, res) => json(res, 200, answers.shift()));
    const c = new CainiaoCarrier({ ...cfg, gatewayUrl: f.url, signMethod: 'md5', nowMs: () => nowMs });
    expect((await c.cancelWaybill('t1', 'YT1')).ok).toBe(true);
    const params = Object.fromEntries(new URLSearchParams(f.seen[0]!.body));
    expect(params).toMatchObject({ method: 'cainiao.waybill.ii.cancel', cp_code: 'YTO', waybill_code: 'YT1' });
    expect(params.sign).toBe(topSign(params, cfg.appSecret, 'md5'));
    const refused = await c.cancelWaybill('t1', 'YT2');
    expect(!refused.ok && refused.error.code).toBe('CARRIER_FAILED');
    expect(!refused.ok && refused.error.detail).toContain('isv.WAYBILL_NOT_FOUND');
  });

  it('writes the TOP timestamp in China time', () => {
    expect(topTimestamp(Date.parse('2024-12-31T16:30:00Z'))).toBe('2025-01-01 00:30:00');
  });
});
