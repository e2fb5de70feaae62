// Each channel write-back adapter against a local fake of its platform's
// endpoint (node:http on port 0): the fake checks the method, the path, the
// exact body and the signature or credentials the platform documents, and
// answers as the platform does; a refusal, an error answer and a timeout come
// back as failures with the reason.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritebackShipment, WritebackTarget } from '../../../src/app/writeback.port.ts';
import { writebackAdapters } from '../../../src/adapters/channels/writeback/index.ts';
import type { ChannelType } from '../../../src/core/order.types.ts';

interface Seen { readonly method: string; readonly path: string; readonly query: URLSearchParams; readonly headers: IncomingMessage['headers']; readonly body: string }
interface Answer { readonly status: number; readonly body: unknown; readonly delayMs?: number }

/** Records every request and answers with the next queued answer (or 200 {}). */
class FakePlatform {
  readonly seen: Seen[] = [];
  answers: Answer[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://fake');
        this.seen.push({ method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
        const a = this.answers.shift() ?? { status: 200, body: {} };
        setTimeout(() => {
          if (!res.writable) return;
          res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
        }, a.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server === null ? resolve() : this.server.close(() => resolve())));
  }

  take(): Seen {
    const s = this.seen.shift();
    if (s === undefined) throw new Error('the fake platform got no request');
    return s;
  }
}

const fake = new FakePlatform();
const nowMs = Date.UTC(2024, 4, 1, 2, 3, 4); // 2024-05-01 10:03:04 in Beijing
const shipment: WritebackShipment = {
  orderId: 'o_abc', externalId: '820982911946154508', warehouse: 'wh1', carrier: 'SF', trackingNumber: 'SF1234567890', shippedAtMs: nowMs - 60_000,
};
const target = (type: ChannelType, credentials: WritebackTarget['credentials'], path = ''): WritebackTarget => ({
  channel: 'shop1', type, url: `${fake.url}${path}`, credentials, timeoutMs: 2_000,
});
const push = (t: WritebackTarget) => writebackAdapters[t.type].push(t, shipment, nowMs);

/** The documented md5 signature, written out here so the adapters' own helper is checked, not reused. */
function expectedMd5Sign(params: URLSearchParams, secret: string): string {
  const pairs = [...params.entries()].filter(([k]) => k !== 'sign').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('md5').update(secret + pairs.map(([k, v]) => k + v).join('') + secret, 'utf8').digest('hex').toUpperCase();
}

beforeAll(async () => {
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

describe('shopify', () => {
  const t = () => target('shopify', { accessToken: 'shpat_test_token' });

  it('POSTs one fulfillment with the tracking number to the order fulfillments resource, with the access token', async () => {
    fake.answers.push({ status: 201, body: { fulfillment: { id: 255858046, status: 'success' } } });
    expect(await push(t())).toEqual({ ok: true, reference: 'fulfillment:255858046' });
    const r = fake.take();
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/admin/api/2024-01/orders/820982911946154508/fulfillments.json');
    expect(r.headers['x-shopify-access-token']).toBe('shpat_test_token');
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({ fulfillment: { tracking_number: 'SF1234567890', tracking_company: 'SF', notify_customer: false } });
  });

  it('a 401 is a failure naming the status; "already fulfilled" counts as done', async () => {
    fake.answers.push({ status: 401, body: { errors: '[API] Invalid API key or access token' } });
    const denied = await push(t());
    expect(denied.ok).toBe(false);
    expect(!denied.ok && denied.error).toMatch(/^HTTP 401: .*Invalid API key/);
    fake.answers.push({ status: 422, body: { errors: { base: ['Line items are already fulfilled'] } } });
    expect(await push(t())).toEqual({ ok: true, reference: 'already fulfilled' });
    fake.seen.length = 0;
  });

  it('no answer within the timeout is a failure', async () => {
    fake.answers.push({ status: 201, body: {}, delayMs: 1_500 });
    const slow = await writebackAdapters.shopify.push({ ...t(), timeoutMs: 200 }, shipment, nowMs);
    expect(slow).toEqual({ ok: false, error: 'no answer within 200 ms' });
    fake.seen.length = 0;
  });
});

describe('woocommerce', () => {
  it('PUTs status completed and a tracking meta entry to the order, with basic auth of the consumer key and secret', async () => {
    fake.answers.push({ status: 200, body: { id: 727, status: 'completed' } });
    const out = await push(target('woocommerce', { appKey: 'ck_test', appSecret: 'cs_test' }, '/shop/'));
    expect(out).toEqual({ ok: true, reference: 'order status completed' });
    const r = fake.take();
    expect(r.method).toBe('PUT');
    expect(r.path).toBe('/shop/wp-json/wc/v3/orders/820982911946154508');
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`);
    expect(JSON.parse(r.body)).toEqual({ status: 'completed', meta_data: [{ key: '_pallet_tracking_SF1234567890', value: 'SF SF1234567890' }] });
  });

  it('a refused update is a failure', async () => {
    fake.answers.push({ status: 401, body: { code: 'woocommerce_rest_cannot_edit', message: 'Sorry, you are not allowed to edit this resource.' } });
    const out = await push(target('woocommerce', { appKey: 'ck_test', appSecret: 'wrong' }));
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toContain('woocommerce_rest_cannot_edit');
    fake.seen.length = 0;
  });
});

describe('taobao', () => {
  const t = () => target('taobao', { appKey: '12345678', appSecret: 'tb_secret', accessToken: 'tb_session' }, '/router/rest');

  it('POSTs taobao.logistics.offline.send form-encoded with tid, out_sid, company_code, signed md5 of the sorted parameters', async () => {
    fake.answers.push({ status: 200, body: { logistics_offline_send_response: { shipping: { is_success: true } } } });
    expect(await push(t())).toEqual({ ok: true, reference: 'logistics_offline_send_response' });
    const r = fake.take();
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/router/rest');
    expect(r.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(r.body);
    const { sign, ...rest } = Object.fromEntries(form.entries());
    expect(rest).toEqual({
      method: 'taobao.logistics.offline.send', app_key: '12345678', session: 'tb_session', timestamp: '2024-05-01 10:03:04',
      format: 'json', v: '2.0', sign_method: 'md5', tid: '820982911946154508', out_sid: 'SF1234567890', company_code: 'SF',
    });
    expect(sign).toBe(expectedMd5Sign(form, 'tb_secret'));
  });

  it('an error_response is a failure carrying the platform code', async () => {
    fake.answers.push({ status: 200, body: { error_response: { code: 15, msg: 'Remote service error', sub_code: 'isv.logistics-offline-service-error:B04' } } });
    const out = await push(t());
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toContain('isv.logistics-offline-service-error:B04');
    fake.seen.length = 0;
  });
});

describe('jd, pinduoduo, douyin', () => {
  it('jd: jingdong.pop.order.shipment with orderId, logiCoprId, logiNo in 360buy_param_json, md5-signed', async () => {
    fake.answers.push({ status: 200, body: { jingdong_pop_order_shipment_responce: { sopjosshipment_result: { success: true } } } });
    expect((await push(target('jd', { appKey: 'jdkey', appSecret: 'jdsecret', accessToken: 'jdtoken' }, '/routerjson'))).ok).toBe(true);
    const r = fake.take();
    expect([r.method, r.path]).toEqual(['POST', '/routerjson']);
    const form = new URLSearchParams(r.body);
    expect(form.get('method')).toBe('jingdong.pop.order.shipment');
    expect(form.get('access_token')).toBe('jdtoken');
    expect(JSON.parse(form.get('360buy_param_json')!)).toEqual({ orderId: '820982911946154508', logiCoprId: 'SF', logiNo: 'SF1234567890' });
    expect(form.get('sign')).toBe(expectedMd5Sign(form, 'jdsecret'));
  });

  it('pinduoduo: pdd.logistics.online.send with order_sn, logistics_id, tracking_number, md5-signed', async () => {
    fake.answers.push({ status: 200, body: { logistics_online_send_response: { is_success: true } } });
    expect((await push(target('pinduoduo', { appKey: 'pddclient', appSecret: 'pddsecret', accessToken: 'pddtoken' }, '/api/router'))).ok).toBe(true);
    const form = new URLSearchParams(fake.take().body);
    const { sign, ...rest } = Object.fromEntries(form.entries());
    expect(rest).toEqual({
      type: 'pdd.logistics.online.send', client_id: 'pddclient', access_token: 'pddtoken', timestamp: String(Math.floor(nowMs / 1000)), data_type: 'JSON',
      order_sn: '820982911946154508', logistics_id: 'SF', tracking_number: 'SF1234567890',
    });
    expect(sign).toBe(expectedMd5Sign(form, 'pddsecret'));
  });

  it('douyin: order.logisticsAdd with param_json as body and the md5 sign in the query', async () => {
    fake.answers.push({ status: 200, body: { err_no: 0, message: 'success', data: {} } });
    expect((await push(target('douyin', { appKey: 'dykey', appSecret: 'dysecret', accessToken: 'dytoken' }))).ok).toBe(true);
    const r = fake.take();
    expect([r.method, r.path]).toEqual(['POST', '/order/logisticsAdd']);
    expect(JSON.parse(r.body)).toEqual({ company_code: 'SF', logistics_code: 'SF1234567890', order_id: '820982911946154508' });
    expect(r.query.get('method')).toBe('order.logisticsAdd');
    const ts = r.query.get('timestamp')!;
    const expected = createHash('md5').update(`dysecretapp_keydykeymethodorder.logisticsAddparam_json${r.body}timestamp${ts}v2dysecret`).digest('hex');
    expect(r.query.get('sign')).toBe(expected);
  });
});

describe('generic', () => {
  it('POSTs the shipment as JSON with Pallet-Signature over "<t>.<body>" with the app secret; a 500 is a failure', async () => {
    fake.answers.push({ status: 204, body: '' });
    expect(await push(target('generic', { appSecret: 'gen_secret' }, '/hooks/shipments'))).toEqual({ ok: true, reference: 'HTTP 204' });
    const r = fake.take();
    expect([r.method, r.path]).toEqual(['POST', '/hooks/shipments']);
    expect(JSON.parse(r.body)).toEqual({
      type: 'shipment', orderId: 'o_abc', externalId: '820982911946154508', channel: 'shop1',
      shipment: { warehouse: 'wh1', carrier: 'SF', trackingNumber: 'SF1234567890', shippedAt: new Date(nowMs - 60_000).toISOString() },
    });
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['pallet-signature']));
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(Math.floor(nowMs / 1000));
    expect(m![2]).toBe(createHmac('sha256', 'gen_secret').update(`${m![1]}.${r.body}`).digest('hex'));
    fake.answers.push({ status: 500, body: { error: 'down' } });
    const down = await push(target('generic', { appSecret: 'gen_secret' }));
    expect(down).toEqual({ ok: false, error: 'HTTP 500: {"error":"down"}' });
    fake.seen.length = 0;
  });
});
