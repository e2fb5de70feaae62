// Channel mappings: every shipped mapping turns its platform's sample document
// (test/fixtures/channels, see PROVENANCE.md) into the expected OrderDraft;
// money follows the currency's exponent; local times use the mapping's
// timezone; SKUs go through the channel's SKU map; a bad mapping is refused
// naming the path of the bad rule; a document that cannot be mapped names the
// source path and the canonical field of the first failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMapping } from '../../src/adapters/channels/mappings.ts';
import { applyMapping, unmappableError, validateMapping, type Mapping } from '../../src/core/channel.mapping.ts';
import { channelTypes, type ChannelType, type OrderDraft } from '../../src/core/order.types.ts';

const fixturesDir = join(import.meta.dirname, '..', 'fixtures', 'channels');
const mappingsDir = join(import.meta.dirname, '..', '..', 'src', 'adapters', 'channels', 'mappings');
type Json = Record<string, any>; // test documents are edited freely
/** A fresh, editable copy of a channel's sample document. */
const fixture = (type: ChannelType): Json => JSON.parse(readFileSync(join(fixturesDir, `${type}.order.json`), 'utf8')) as Json;
/** A fresh, editable copy of a shipped mapping's JSON. */
const mappingJson = (type: ChannelType): Json => JSON.parse(readFileSync(join(mappingsDir, `${type}.json`), 'utf8')) as Json;
const valid = (json: unknown): Mapping => {
  const r = validateMapping(json);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};
const mapOk = (mapping: Mapping, doc: unknown, skuMap: Record<string, string> = {}): OrderDraft => {
  const r = applyMapping(mapping, doc, skuMap);
  if (!r.ok) throw new Error(`${r.error.rule} from ${r.error.sourcePath}: ${r.error.reason}`);
  return r.value;
};
const failureOf = (mapping: Mapping, doc: unknown) => {
  const r = applyMapping(mapping, doc, {});
  expect(r.ok).toBe(false);
  return r.ok ? null : r.error;
};
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number): number => Date.UTC(y, mo - 1, d, h, mi, s);
const line = (sku: string, qty: number, unitPriceMinor: number) => ({ sku, channelSku: sku, qty, unitPriceMinor });

const expected: Record<ChannelType, OrderDraft> = {
  shopify: {
    externalId: '5893012345678', placedAtMs: utc(2024, 5, 1, 14, 15, 42), paidAtMs: utc(2024, 5, 1, 14, 15, 41),
    buyer: { name: 'Mira Kovac', phone: '+15035550134', email: 'mira.kovac@example.com' },
    shippingAddress: {
      name: 'Mira Kovac', phone: '5035550134', country: 'US', province: 'Oregon', city: 'Portland',
      address1: '1207 SE Hawthorne Blvd', address2: 'Apt 4', postalCode: '97214',
    },
    lines: [line('TEE-BLK-M', 2, 3600), line('44123456789013', 3, 1200)],
    totals: { currency: 'USD', itemsMinor: 10800, shippingMinor: 1200, discountMinor: 1000, totalMinor: 11847 },
    flags: { buyerMessage: true },
  },
  woocommerce: {
    externalId: '727', placedAtMs: utc(2024, 5, 2, 12, 3, 11), paidAtMs: utc(2024, 5, 2, 12, 3, 15),
    buyer: { name: 'Jonas Weber', phone: '4155550199', email: 'jonas.weber@example.org' },
    shippingAddress: {
      name: 'Jonas Weber', phone: '4155550199', country: 'US', province: 'CA', city: 'San Francisco',
      address1: '455 Larkin St', address2: 'Suite 300', postalCode: '94102',
    },
    lines: [line('MUG-WHT', 2, 1990), line('112', 1, 2500)],
    totals: { currency: 'EUR', itemsMinor: 6480, shippingMinor: 490, discountMinor: 500, totalMinor: 6470 },
  },
  taobao: {
    externalId: '3921845067213358', placedAtMs: utc(2024, 5, 3, 12, 11, 5), paidAtMs: utc(2024, 5, 3, 12, 11, 37),
    buyer: { name: 't**小满' },
    shippingAddress: {
      name: '林晓', phone: '13800138000', country: 'CN', province: '浙江省', city: '杭州市', district: '西湖区',
      address1: '文三路 478 号华星时代广场 A 座 1203', postalCode: '310013',
    },
    lines: [line('BOWL-SET-4', 2, 8900), line('TRIVET-BAMBOO', 1, 7900)],
    totals: { currency: 'CNY', itemsMinor: 25700, shippingMinor: 0, discountMinor: 2000, totalMinor: 23700 },
    flags: { buyerMessage: true },
  },
  jd: {
    externalId: '298765432101', placedAtMs: utc(2024, 5, 4, 1, 30, 12), paidAtMs: utc(2024, 5, 4, 1, 30, 40),
    buyer: { name: '周宁' },
    shippingAddress: {
      name: '周宁', phone: '13912345678', country: 'CN', province: '广东', city: '深圳市', district: '南山区',
      address1: '粤海街道科技园南区高新南七道 12 号',
    },
    lines: [line('KETTLE-1L7', 2, 19900)],
    totals: { currency: 'CNY', itemsMinor: 39800, shippingMinor: 1000, discountMinor: 3000, totalMinor: 37800 },
  },
  pinduoduo: {
    externalId: '240505-318274650921374', placedAtMs: utc(2024, 5, 5, 13, 47, 3), paidAtMs: utc(2024, 5, 5, 13, 47, 29),
    buyer: { name: '何雨' },
    shippingAddress: {
      name: '何雨', phone: '15808081234', country: 'CN', province: '四川省', city: '成都市', district: '武侯区',
      address1: '人民南路四段 9 号 2 栋 301',
    },
    lines: [line('TOWEL-GRY-2', 2, 2990)],
    totals: { currency: 'CNY', itemsMinor: 5980, shippingMinor: 0, discountMinor: 600, totalMinor: 5380 },
  },
  douyin: {
    externalId: '6912345678901234567', placedAtMs: 1_714_920_000_000, paidAtMs: 1_714_920_031_000,
    buyer: { name: '陈默' },
    shippingAddress: {
      name: '陈默', phone: '18600001234', country: 'CN', province: '湖北省', city: '武汉市', district: '洪山区',
      address1: '光谷大道 77 号金融港 B4 栋',
    },
    lines: [line('TEA-LJ-250', 2, 8000)],
    totals: { currency: 'CNY', itemsMinor: 16000, shippingMinor: 800, discountMinor: 1000, totalMinor: 15800 },
  },
  generic: {
    externalId: 'WEB-2024-000981', placedAtMs: 1_714_998_000_000, paidAtMs: 1_714_998_042_000,
    buyer: { name: 'Ada Brandt', phone: '+49301234567', email: 'ada@example.net' },
    shippingAddress: {
      name: 'Ada Brandt', phone: '+49301234567', country: 'DE', province: 'Berlin', city: 'Berlin',
      address1: 'Torstraße 101', postalCode: '10119',
    },
    lines: [line('web-notebook-a5', 3, 1250), line('web-pen-blue', 5, 290)],
    totals: { currency: 'EUR', itemsMinor: 5200, shippingMinor: 495, discountMinor: 0, totalMinor: 5695 },
    flags: { giftWrap: true },
  },
};

describe('the shipped mappings', () => {
  it.each(channelTypes.map((t) => [t]))('map the %s sample document to the expected OrderDraft', (type) => {
    expect(mapOk(defaultMapping(type), fixture(type))).toEqual(expected[type]);
  });

  it('are frozen, carry a version and equal their JSON', () => {
    for (const type of channelTypes) {
      const m = defaultMapping(type);
      expect(Object.isFrozen(m) && Object.isFrozen(m.fields) && Object.isFrozen(m.lines.fields.qty)).toBe(true);
      expect(m.version).toBeGreaterThanOrEqual(1);
      expect(m).toEqual(mappingJson(type));
    }
  });

  it('read cancellation and payment from the status fields the platforms use', () => {
    const woo = fixture('woocommerce');
    woo.status = 'cancelled';
    woo.date_paid_gmt = null;
    const w = mapOk(defaultMapping('woocommerce'), woo);
    expect([w.cancelledAtMs, w.paidAtMs]).toEqual([utc(2024, 5, 2, 12, 3, 15), undefined]);
    const dy = fixture('douyin');
    Object.assign(dy.data.shop_order_detail, { order_status: 4, pay_time: 0, update_time: 1_714_921_000 });
    const d = mapOk(defaultMapping('douyin'), dy);
    expect([d.cancelledAtMs, d.paidAtMs]).toEqual([1_714_921_000_000, undefined]);
    const shop = fixture('shopify');
    shop.financial_status = 'pending';
    expect(mapOk(defaultMapping('shopify'), shop).paidAtMs).toBeUndefined();
  });
});

describe('money in the order currency', () => {
  it('uses 0 decimals for JPY and 3 for KWD', () => {
    const jpy = fixture('shopify');
    Object.assign(jpy, { currency: 'jpy', total_line_items_price: '10800', total_discounts: '1000', total_price: '11847' });
    jpy.total_shipping_price_set.shop_money.amount = '1200.00';
    jpy.line_items[0].price = '3600';
    jpy.line_items[1].price = 1200;
    const j = mapOk(defaultMapping('shopify'), jpy);
    expect(j.totals).toEqual({ currency: 'JPY', itemsMinor: 10800, shippingMinor: 1200, discountMinor: 1000, totalMinor: 11847 });
    expect(j.lines.map((l) => l.unitPriceMinor)).toEqual([3600, 1200]);
    const kwd = fixture('shopify');
    Object.assign(kwd, { currency: 'KWD', total_price: '36.125' });
    kwd.line_items[0].price = '1.005';
    const k = mapOk(defaultMapping('shopify'), kwd);
    expect([k.totals.totalMinor, k.lines[0]!.unitPriceMinor, k.totals.itemsMinor]).toEqual([36_125, 1005, 108_000]);
  });

  it('refuses more decimals than the currency has, naming the source and the field', () => {
    const jpy = fixture('shopify'); // "108.00" is 108 yen (zeros only), "118.47" is not yen
    Object.assign(jpy, { currency: 'JPY' });
    const f = failureOf(defaultMapping('shopify'), jpy);
    expect(f).toEqual({ sourcePath: 'total_price', rule: 'totals.totalMinor', reason: 'money: "118.47" has 2 decimals; JPY has 0' });
    const cny = fixture('taobao');
    cny.trade_fullinfo_get_response.trade.orders.order[1].price = '79.005';
    expect(failureOf(defaultMapping('taobao'), cny)).toMatchObject({
      sourcePath: 'trade_fullinfo_get_response.trade.orders.order[1].price', rule: 'lines[1].unitPriceMinor', reason: expect.stringMatching(/3 decimals; CNY has 2/),
    });
  });
});

describe('timestamps', () => {
  it('read Chinese platform times as Beijing time (+08:00) and ISO offsets as written', () => {
    const tb = fixture('taobao');
    tb.trade_fullinfo_get_response.trade.created = '2024-12-31 23:59:59';
    expect(mapOk(defaultMapping('taobao'), tb).placedAtMs).toBe(utc(2024, 12, 31, 15, 59, 59));
    tb.trade_fullinfo_get_response.trade.created = '2024-12-31T23:59:59Z';
    expect(mapOk(defaultMapping('taobao'), tb).placedAtMs).toBe(utc(2024, 12, 31, 23, 59, 59));
  });

  it('refuse an impossible date and a unit mix-up, naming the field', () => {
    const pdd = fixture('pinduoduo');
    pdd.order_info_get_response.order_info.created_time = '2024-02-30 10:00:00';
    expect(failureOf(defaultMapping('pinduoduo'), pdd)).toMatchObject({ rule: 'placedAtMs', reason: expect.stringContaining('not a real date') });
    const dy = fixture('douyin');
    dy.data.shop_order_detail.create_time = 1_714_920_000_000; // ms where seconds are documented
    expect(failureOf(defaultMapping('douyin'), dy)).toMatchObject({ sourcePath: 'data.shop_order_detail.create_time', reason: expect.stringContaining('between 2000 and 2100') });
  });
});

describe('the SKU map', () => {
  it('maps channel SKU codes to Pallet SKUs and falls back to the code itself', () => {
    const d = mapOk(defaultMapping('taobao'), fixture('taobao'), { 'BOWL-SET-4': 'P-BOWL-4', constructor: 'x' });
    expect(d.lines).toEqual([
      { sku: 'P-BOWL-4', channelSku: 'BOWL-SET-4', qty: 2, unitPriceMinor: 8900 },
      { sku: 'TRIVET-BAMBOO', channelSku: 'TRIVET-BAMBOO', qty: 1, unitPriceMinor: 7900 },
    ]);
  });

  it('never reads inherited properties as a mapping', () => {
    const g = fixture('generic');
    g.lines[0].sku = 'constructor';
    expect(mapOk(defaultMapping('generic'), g).lines[0]).toMatchObject({ sku: 'constructor', channelSku: 'constructor' });
  });
});

describe('unmappable documents', () => {
  it('name the source path, the canonical field and the reason of the first failure', () => {
    const tb = fixture('taobao');
    Object.assign(tb.trade_fullinfo_get_response.trade, { receiver_mobile: '138****8000' });
    const f = failureOf(defaultMapping('taobao'), tb)!;
    expect(f).toEqual({ sourcePath: 'trade_fullinfo_get_response.trade.receiver_mobile', rule: 'shippingAddress.phone', reason: expect.stringMatching(/^phone: .*masked/) });
    expect(unmappableError(f)).toMatchObject({ code: 'DOCUMENT_UNMAPPABLE', extra: { field: 'shippingAddress.phone', sourcePath: f.sourcePath } });
  });

  it.each<[string, ChannelType, (d: Json) => void, Record<string, unknown>]>([
    ['a missing value lists every path tried', 'jd', (d) => {
      const c = d.jingdong_pop_order_get_responce.orderDetailInfo.orderInfo.consigneeInfo;
      c.mobile = '';
      delete c.telephone;
    }, { sourcePath: 'jingdong_pop_order_get_responce.orderDetailInfo.orderInfo.consigneeInfo.mobile | jingdong_pop_order_get_responce.orderDetailInfo.orderInfo.consigneeInfo.telephone', rule: 'shippingAddress.phone', reason: 'missing or empty' }],
    ['a quantity that is not a number', 'taobao', (d) => { d.trade_fullinfo_get_response.trade.orders.order[1].num = 'two'; },
      { sourcePath: 'trade_fullinfo_get_response.trade.orders.order[1].num', rule: 'lines[1].qty' }],
    ['a quantity of zero', 'pinduoduo', (d) => { d.order_info_get_response.order_info.item_list[0].goods_count = 0; },
      { rule: 'lines[0].qty', reason: expect.stringContaining('from 1 to') }],
    ['an id JSON parsing already changed', 'shopify', (d) => { d.id = 2 ** 60; },
      { sourcePath: 'id', rule: 'externalId', reason: expect.stringContaining('2^53') }],
    ['a line amount that does not divide by its quantity', 'douyin', (d) => { d.data.shop_order_detail.sku_order_list[0].origin_amount = 16001; },
      { sourcePath: 'data.shop_order_detail.sku_order_list[0].origin_amount', rule: 'lines[0].unitPriceMinor', reason: expect.stringMatching(/^perUnit:/) }],
    ['a negative amount', 'woocommerce', (d) => { d.total = '-64.70'; }, { sourcePath: 'total', rule: 'totals.totalMinor', reason: expect.stringContaining('negative') }],
    ['a missing envelope', 'pinduoduo', (d) => { delete d.order_info_get_response; }, { sourcePath: 'order_info_get_response.order_info', rule: 'root' }],
    ['no line items', 'shopify', (d) => { d.line_items = []; }, { sourcePath: 'line_items', rule: 'lines', reason: 'the order has no line items' }],
    ['line items that are not an array', 'woocommerce', (d) => { d.line_items = { 0: {} }; }, { sourcePath: 'line_items', rule: 'lines' }],
    ['a country that is not ISO 3166', 'woocommerce', (d) => { d.shipping.country = 'Deutschland'; }, { sourcePath: 'shipping.country', rule: 'shippingAddress.country' }],
    ['text no store can keep', 'generic', (d) => { d.shippingAddress.city = 'Ber\u0000lin'; }, { sourcePath: 'shippingAddress.city', reason: expect.stringContaining('U+0000') }],
    ['a flag that is not a boolean', 'generic', (d) => { d.flags = { giftWrap: 'yes' }; }, { sourcePath: 'flags', rule: 'flags' }],
  ])('%s', (_name, type, edit, failure) => {
    const doc = fixture(type);
    edit(doc);
    expect(failureOf(defaultMapping(type), doc)).toMatchObject(failure);
  });

  it('refuse more line items than the bound', () => {
    const g = fixture('generic');
    g.lines = Array.from({ length: 4 }, (_, i) => ({ sku: `S${i}`, qty: 1, unitPriceMinor: 1 }));
    const r = applyMapping(defaultMapping('generic'), g, {}, { linesMax: 3 });
    expect(r.ok ? null : r.error).toEqual({ sourcePath: 'lines', rule: 'lines', reason: '4 line items; at most 3' });
  });
});

describe('a one-line Chinese address', () => {
  it('is split into province, city, district and detail by the region transforms', () => {
    const m = mappingJson('generic');
    for (const part of ['province', 'city', 'district']) m.fields[`shippingAddress.${part}`] = { path: 'shippingAddress.address1', transforms: [`region.${part}`] };
    m.fields['shippingAddress.address1'] = { path: 'shippingAddress.address1', transforms: ['region.detail'] };
    const g = fixture('generic');
    g.shippingAddress.address1 = '浙江省杭州市西湖区文三路 1 号';
    expect(mapOk(valid(m), g).shippingAddress).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区', address1: '文三路 1 号' });
    g.shippingAddress.address1 = 'Torstraße 101';
    expect(failureOf(valid(m), g)).toMatchObject({ rule: 'shippingAddress.province', reason: expect.stringMatching(/^region.province: cannot split/) });
  });
});

describe('validateMapping', () => {
  const generic = (edit: (m: Json) => void): Json => {
    const m = mappingJson('generic');
    edit(m);
    return m;
  };
  it.each<[string, unknown, string, RegExp]>([
    ['not an object', [], 'mapping', /must be an object/],
    ['a version of 0', generic((m) => { m.version = 0; }), 'mapping.version', /integer from 1/],
    ['a timezone name instead of an offset', generic((m) => { m.timezone = 'Asia/Shanghai'; }), 'mapping.timezone', /UTC offset/],
    ['an unknown top-level key', generic((m) => { m.extra = 1; }), 'mapping.extra', /unknown key/],
    ['a field that is not canonical', generic((m) => { m.fields['totals.tax'] = { const: 0 }; }), 'mapping.fields["totals.tax"]', /not a canonical field/],
    ['a required field without a rule', generic((m) => { delete m.fields['totals.totalMinor']; }), 'mapping.fields["totals.totalMinor"]', /is required/],
    ['a rule with two sources', generic((m) => { m.fields.externalId.const = 'x'; }), 'mapping.fields.externalId', /exactly one of path, join, const/],
    ['a misspelt rule key', generic((m) => { m.fields.externalId.transform = ['trim']; }), 'mapping.fields.externalId.transform', /unknown key/],
    ['an unknown transform', generic((m) => { m.fields['totals.totalMinor'].transforms = ['monye']; }), 'mapping.fields["totals.totalMinor"].transforms[0]', /"monye" is not a transform/],
    ['perUnit outside the lines', generic((m) => { m.fields['totals.totalMinor'].transforms = ['int', 'perUnit']; }), 'mapping.fields["totals.totalMinor"].transforms[1]', /only to lines/],
    ['a malformed path', generic((m) => { m.fields.externalId.path = 'a..b'; }), 'mapping.fields.externalId.path', /not a path at character 2/],
    ['too many fallback paths', generic((m) => { m.fields.externalId.path = ['a', 'b', 'c', 'd', 'e']; }), 'mapping.fields.externalId.path', /1 to 4 entries/],
    ['a path too deep', generic((m) => { m.root = Array.from({ length: 17 }, () => 'a').join('.'); }), 'mapping.root', /more than 16 segments/],
    ['an empty when list', generic((m) => { m.fields.paidAtMs.when = { path: 'status', in: [] }; }), 'mapping.fields.paidAtMs.when.in', /1 to 16/],
    ['a constant too long', generic((m) => { m.fields['totals.currency'] = { const: 'x'.repeat(257) }; }), 'mapping.fields["totals.currency"].const', /at most 256/],
    ['too many fields', generic((m) => { for (let i = 0; i < 64; i++) m.fields[`flags.f${i}`] = { const: true }; }), 'mapping.fields', /at most 64 fields/],
    ['a line field missing', generic((m) => { delete m.lines.fields.qty; }), 'mapping.lines.fields.qty', /is required/],
    ['an unknown line field', generic((m) => { m.lines.fields.sku = { path: 'sku' }; }), 'mapping.lines.fields.sku', /unknown key/],
    ['a separator without join', generic((m) => { m.fields['buyer.name'].separator = ' '; }), 'mapping.fields["buyer.name"].separator', /only with join/],
  ])('refuses %s, naming the path', (_name, input, field, reason) => {
    const r = validateMapping(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'MAPPING_INVALID', extra: { field } });
    expect(r.error.detail.startsWith(`${field}: `)).toBe(true);
    expect(r.error.detail).toMatch(reason);
  });

  it('returns a frozen copy that later edits of the input do not reach', () => {
    const json = mappingJson('taobao');
    const m = valid(json);
    json.fields.externalId.path[0] = 'changed';
    expect(m.fields.externalId!.path).toEqual(['tid_str', 'tid']);
    expect(() => { (m as Json).version = 2; }).toThrow(TypeError);
  });
});
