// The value transforms of channel mappings, one by one: money is read digit by
// digit in the currency's ISO 4217 exponent (a property test round-trips
// every amount; its seed is printed, rerun with FC_SEED=<seed>), phones are
// normalised or refused, date-times honour offsets and the mapping's
// timezone, one-line Chinese addresses split predictably, and source paths
// read own properties only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePath, readPath } from '../../src/core/channel.path.ts';
import { regionDetail, splitRegion } from '../../src/core/channel.region.ts';
import { applyTransform, currencyExponent, dateTimeMs, minorUnits, normalisePhone } from '../../src/core/channel.transforms.ts';

const value = (s: { ok: boolean; value?: unknown; reason?: string }): unknown => (s.ok ? s.value : `refused: ${s.reason}`);

describe('money', () => {
  it.each<[unknown, string, number]>([
    ['12.50', 'CNY', 1250], ['12.5', 'USD', 1250], [12.5, 'USD', 1250], ['19.99', 'USD', 1999], [19.99, 'EUR', 1999],
    [0.07, 'CNY', 7], ['0', 'CNY', 0], [' 257.00 ', 'CNY', 25700], ['1500', 'JPY', 1500], ['1500.00', 'JPY', 1500],
    [1500, 'KRW', 1500], ['1.234', 'KWD', 1234], ['1.2', 'BHD', 1200], ['7', 'JOD', 7000], ['9007199254740.99', 'USD', 900719925474099],
  ])('%j %s is %i minor units', (input, currency, minor) => {
    expect(value(minorUnits(input, currency))).toBe(minor);
  });

  it.each<[unknown, string, RegExp]>([
    ['12.505', 'CNY', /has 3 decimals; CNY has 2/], ['1500.5', 'JPY', /has 1 decimals; JPY has 0/], ['1.2345', 'KWD', /has 4 decimals; KWD has 3/],
    [1.005, 'USD', /has 3 decimals/], [0.1 + 0.2, 'USD', /decimals/], ['-1.00', 'USD', /negative/], ['1e3', 'USD', /plain decimal/],
    ['12,50', 'EUR', /plain decimal/], ['', 'USD', /plain decimal/], ['¥12', 'CNY', /plain decimal/], [null, 'USD', /expected a decimal/],
    [Number.NaN, 'USD', /finite/], ['90071992547409.93', 'USD', /too large/],
  ])('refuses %j %s', (input, currency, reason) => {
    expect(value(minorUnits(input, currency))).toMatch(reason);
  });

  it('knows the exponents of ISO 4217', () => {
    expect(['USD', 'CNY', 'EUR', 'JPY', 'KRW', 'VND', 'KWD', 'BHD', 'JOD', 'OMR', 'TND', 'CLF', 'XYZ'].map(currencyExponent))
      .toEqual([2, 2, 2, 0, 0, 0, 3, 3, 3, 3, 3, 4, 2]);
  });

  it('round-trips every amount written with its exponent', () => {
    const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
    console.log(`channel.transforms money property seed ${seed} (rerun with FC_SEED=${seed})`);
    const currencies = ['USD', 'JPY', 'KWD', 'CNY'];
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(...currencies), fc.boolean(), (minor, currency, asNumber) => {
      const e = currencyExponent(currency);
      const digits = String(minor).padStart(e + 1, '0');
      const text = e === 0 ? digits : `${digits.slice(0, -e)}.${digits.slice(-e)}`;
      // JSON numbers only keep ~15-17 significant digits: use them where they are exact.
      const input = asNumber && String(Number(text)) === text.replace(/\.?0+$/, '') ? Number(text) : text;
      expect(value(minorUnits(input, currency))).toBe(minor);
    }), { seed, numRuns: 500 });
  });
});

describe('phone', () => {
  it.each([
    ['13800138000', '13800138000'], ['+86 138-0013-8000', '13800138000'], ['0086 186 0000 1234', '18600001234'],
    ['8613800138000', '13800138000'], ['+1 (503) 555-0134', '+15035550134'], ['0049 30 1234567', '+49301234567'],
    ['0571-88881234', '057188881234'], ['503.555.0134', '5035550134'],
  ])('normalises %j to %j', (input, phone) => {
    expect(value(normalisePhone(input))).toBe(phone);
  });

  it.each<[unknown, RegExp]>([
    ['138****8000', /masked/], ['call me', /not a phone/], ['+86 138 0013 8000 ext 12', /not a phone/], ['1234', /not a phone/],
    ['+1234567890123456', /not a phone/], [13800138000, /as text/], ['$Qn/ZHaMby1MzBq3Rw2t7fw==$1$', /not a phone/],
  ])('refuses %j', (input, reason) => {
    expect(value(normalisePhone(input))).toMatch(reason);
  });
});

describe('time', () => {
  const beijing = 8 * 60;
  it.each<[string, number, number]>([
    ['2024-05-03 20:11:05', beijing, Date.UTC(2024, 4, 3, 12, 11, 5)],
    ['2024-05-03 00:30:00', beijing, Date.UTC(2024, 4, 2, 16, 30, 0)],
    ['2024-05-03T20:11:05+08:00', 0, Date.UTC(2024, 4, 3, 12, 11, 5)],
    ['2024-05-01T10:15:42-04:00', beijing, Date.UTC(2024, 4, 1, 14, 15, 42)],
    ['2024-05-02T12:03:11', 0, Date.UTC(2024, 4, 2, 12, 3, 11)],
    ['2024-05-02T12:03:11.25Z', beijing, Date.UTC(2024, 4, 2, 12, 3, 11, 250)],
    ['2024-02-29 12:00', 0, Date.UTC(2024, 1, 29, 12, 0, 0)],
  ])('%s at offset %i min is the right instant', (input, offset, ms) => {
    expect(value(dateTimeMs(input, offset))).toBe(ms);
  });

  it.each<[unknown, RegExp]>([
    ['2023-02-29 12:00:00', /not a real date/], ['2024-05-03 24:00:00', /not a real date/], ['2024-05-03', /yyyy-MM-dd HH:mm:ss/],
    ['03/05/2024 10:00', /yyyy-MM-dd HH:mm:ss/], ['1999-12-31 23:59:59', /between 2000 and 2100/], [1714920000, /unixSeconds or unixMs/],
  ])('refuses %j', (input, reason) => {
    expect(value(dateTimeMs(input, 0))).toMatch(reason);
  });

  it('reads unix seconds and milliseconds, refusing one read as the other', () => {
    const ctx = { currency: undefined, offsetMinutes: 0, qty: undefined };
    expect(value(applyTransform('unixSeconds', 1714920000, ctx))).toBe(1_714_920_000_000);
    expect(value(applyTransform('unixSeconds', '1714920000', ctx))).toBe(1_714_920_000_000);
    expect(value(applyTransform('unixMs', 1_714_920_000_123, ctx))).toBe(1_714_920_000_123);
    expect(value(applyTransform('unixMs', 1714920000, ctx))).toMatch(/between 2000 and 2100/);
    expect(value(applyTransform('unixSeconds', 1_714_920_000_123, ctx))).toMatch(/between 2000 and 2100/);
  });
});

describe('the other transforms', () => {
  const ctx = { currency: 'CNY', offsetMinutes: 0, qty: 3 };
  it.each<[Parameters<typeof applyTransform>[0], unknown, unknown]>([
    ['trim', '  a b ', 'a b'], ['upper', 'cny', 'CNY'], ['lower', 'A@B.C', 'a@b.c'], ['string', 727, '727'],
    ['string', 2 ** 60, 'refused: 1152921504606847000 is beyond 2^53: JSON parsing already changed its digits; map the platform\'s text field for it'],
    ['int', '2', 2], ['int', 2.5, 'refused: expected an integer, got 2.5'], ['bool', 1, true], ['bool', 'false', false],
    ['bool', 'yes', 'refused: expected a boolean (true/false, 1/0), got "yes"'], ['present', '  ', false], ['present', '请包好', true],
    ['perUnit', 2997, 999], ['perUnit', 1000, 'refused: the line amount 1000 does not divide evenly by the quantity 3'],
    ['trim', 5, 'refused: trim expects text, got 5'], ['money', '1.50', 150],
  ])('%s of %j is %j', (name, input, output) => {
    expect(value(applyTransform(name, input, ctx))).toEqual(output);
  });
});

describe('splitRegion', () => {
  it.each([
    ['浙江省杭州市西湖区文三路 1 号', { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' }],
    ['浙江 杭州市 西湖区 文三路 1 号', { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' }],
    ['北京市朝阳区建国路 88 号', { province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路 88 号' }],
    ['上海上海市浦东新区世纪大道 100 号', { province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100 号' }],
    ['广西南宁市青秀区民族大道 1 号', { province: '广西壮族自治区', city: '南宁市', district: '青秀区', detail: '民族大道 1 号' }],
    ['吉林省延边朝鲜族自治州延吉市光明街 5 号', { province: '吉林省', city: '延边朝鲜族自治州', district: '延吉市', detail: '光明街 5 号' }],
    ['湖北省仙桃市干河街道 8 号', { province: '湖北省', city: '仙桃市', detail: '干河街道 8 号' }],
    ['黑龙江省哈尔滨市南岗区西大直街 92 号', { province: '黑龙江省', city: '哈尔滨市', district: '南岗区', detail: '西大直街 92 号' }],
  ])('splits %s', (line, parts) => {
    expect(splitRegion(line)).toEqual(parts);
  });

  it.each([
    ['文三路 1 号', /province-level/], ['Torstraße 101, Berlin', /province-level/], ['浙江省文三路 1 号', /no city/], ['浙江省杭州市西湖区', /nothing is left/],
  ])('refuses %s', (line, reason) => {
    const r = splitRegion(line);
    expect('reason' in r ? r.reason : null).toMatch(reason);
  });

  it('keeps a line without a province prefix whole for region.detail', () => {
    expect(regionDetail('  人民南路四段 9 号 2 栋 301 ')).toBe('人民南路四段 9 号 2 栋 301');
    expect(regionDetail('四川省成都市武侯区人民南路四段 9 号')).toBe('人民南路四段 9 号');
  });
});

describe('source paths', () => {
  it('parse names, indexes and quoted keys', () => {
    expect(parsePath('trade.orders.order[0].num')).toEqual(['trade', 'orders', 'order', 0, 'num']);
    expect(parsePath('["odd key"].x["a\\"b"][12]')).toEqual(['odd key', 'x', 'a"b', 12]);
    expect(parsePath('[3]')).toEqual([3]);
  });

  it.each([[''], ['a.'], ['.a'], ['a..b'], ['a[x]'], ['a["x]'], ['a[10000]'], ['a b'], ['x'.repeat(201)]])('refuse %j', (text) => {
    expect(parsePath(text)).toHaveProperty('reason');
  });

  it('read own properties only', () => {
    const doc = JSON.parse('{"a":[{"b":1}],"__proto__":{"polluted":true}}') as unknown;
    expect(readPath(doc, ['a', 0, 'b'])).toBe(1);
    expect(readPath(doc, ['__proto__', 'polluted'])).toBe(true);
    expect(readPath({}, ['constructor'])).toBeUndefined();
    expect(readPath([1, 2], ['length'])).toBeUndefined();
    expect(readPath({ a: 1 }, ['a', 'b'])).toBeUndefined();
    expect(readPath({ a: [1] }, ['a', 1])).toBeUndefined();
  });
});
