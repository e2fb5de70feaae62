// Review hold rules: each kind holds the orders it names and no others, and
// bad rules are refused with the field and the reason.
import { describe, expect, it } from 'vitest';
import { evaluateHolds, holdRuleLimits, validateHoldRules, type HoldContext, type HoldRule } from '../../src/core/hold.rules.ts';
import type { OrderDraft } from '../../src/core/order.types.ts';

const nowMs = 1_700_000_000_000;
const ctx: HoldContext = { isFirstOrderOfBuyer: false, nowMs };

const order: OrderDraft = {
  externalId: 'T-1',
  placedAtMs: nowMs - 3_600_000,
  paidAtMs: nowMs - 3_500_000,
  buyer: { name: 'Li  Lei', phone: '+86 138-0013-8000', email: 'Li.Lei@Example.com' },
  shippingAddress: {
    name: 'Han Meimei', phone: '139 0000 1111', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: '1 West Lake Rd',
  },
  lines: [{ sku: 'TEA-100', qty: 2, unitPriceMinor: 5_000 }, { sku: 'CUP-7', qty: 1, unitPriceMinor: 2_000 }],
  totals: { currency: 'CNY', itemsMinor: 12_000, shippingMinor: 0, discountMinor: 0, totalMinor: 12_000 },
  flags: { buyerMessage: true, presell: false },
};

const holds = (rule: HoldRule, o: OrderDraft = order, c: HoldContext = ctx) => evaluateHolds([rule], o, c);

describe('evaluateHolds', () => {
  it.each<[string, HoldRule, string | null]>([
    ['a total at the threshold', { kind: 'totalAtLeast', minor: 12_000 }, 'total 12000 CNY (minor units) is at least 12000'],
    ['a total below the threshold', { kind: 'totalAtLeast', minor: 12_001 }, null],
    ['a total in the rule currency', { kind: 'totalAtLeast', minor: 100, currency: 'CNY' }, 'total 12000 CNY (minor units) is at least 100'],
    ['a total in another currency', { kind: 'totalAtLeast', minor: 100, currency: 'USD' }, null],
    ['a tagged sku', { kind: 'skuTagged', skus: ['CUP-7', 'KNIFE-1'] }, 'tagged sku CUP-7'],
    ['no tagged sku', { kind: 'skuTagged', skus: ['KNIFE-1', 'tea-100'] }, null],
    ['a buyer phone with a country prefix', { kind: 'buyerTagged', phones: ['13800138000'] }, 'tagged buyer phone'],
    ['a recipient phone', { kind: 'buyerTagged', phones: ['13900001111'] }, 'tagged recipient phone'],
    ['a phone that only shares digits', { kind: 'buyerTagged', phones: ['38000', '1380013800'] }, null],
    ['an email in another case', { kind: 'buyerTagged', emails: [' li.lei@example.COM'] }, 'tagged buyer email'],
    ['a buyer name, spacing and case aside', { kind: 'buyerTagged', names: ['li lei'] }, 'tagged buyer name'],
    ['a recipient name', { kind: 'buyerTagged', names: ['HAN MEIMEI'] }, 'tagged recipient name'],
    ['several buyer fields', { kind: 'buyerTagged', phones: ['+8613800138000'], names: ['Li Lei'] }, 'tagged buyer phone, buyer name'],
    ['an untagged buyer', { kind: 'buyerTagged', phones: ['13800138001'], emails: ['lei@example.com'], names: ['Li'] }, null],
    ['a channel flag that is set', { kind: 'channelFlag', flag: 'buyerMessage' }, 'channel flag buyerMessage is set'],
    ['a channel flag that is false', { kind: 'channelFlag', flag: 'presell' }, null],
    ['a channel flag that is absent', { kind: 'channelFlag', flag: 'cod' }, null],
  ])('%s', (_name, rule, detail) => {
    expect(holds(rule)).toEqual(detail === null ? [] : [{ rule: rule.kind, detail }]);
  });

  it('lists several tagged skus once each, the first five by name', () => {
    const lines = ['A', 'B', 'A', 'C', 'D', 'E', 'F', 'G'].map((sku) => ({ sku, qty: 1, unitPriceMinor: 1 }));
    const r = holds({ kind: 'skuTagged', skus: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] }, { ...order, lines });
    expect(r).toEqual([{ rule: 'skuTagged', detail: 'tagged sku A, B, C, D, E and 2 more' }]);
  });

  it('holds an address changed within the window, not one changed before it or never', () => {
    const rule: HoldRule = { kind: 'addressChangedWithin', minutes: 30 };
    expect(holds(rule, order, { ...ctx, addressChangedAtMs: nowMs - 30 * 60_000 }))
      .toEqual([{ rule: 'addressChangedWithin', detail: 'shipping address changed 30 min ago, within 30 min' }]);
    expect(holds(rule, order, { ...ctx, addressChangedAtMs: nowMs - 30 * 60_000 - 1 })).toEqual([]);
    expect(holds(rule, order, ctx)).toEqual([]);
    // A change stamped after now (clock skew) counts as just now.
    expect(holds(rule, order, { ...ctx, addressChangedAtMs: nowMs + 5_000 })).toHaveLength(1);
  });

  it("holds a buyer's first order only", () => {
    expect(holds({ kind: 'firstOrderOfBuyer' }, order, { ...ctx, isFirstOrderOfBuyer: true }))
      .toEqual([{ rule: 'firstOrderOfBuyer', detail: 'first order of this buyer' }]);
    expect(holds({ kind: 'firstOrderOfBuyer' }, order, ctx)).toEqual([]);
  });

  it('gives one reason per matching rule, in rule order, and none without rules', () => {
    const rules: HoldRule[] = [
      { kind: 'channelFlag', flag: 'buyerMessage' }, { kind: 'totalAtLeast', minor: 1_000_000 }, { kind: 'totalAtLeast', minor: 1 },
    ];
    expect(evaluateHolds(rules, order, ctx).map((r) => r.rule)).toEqual(['channelFlag', 'totalAtLeast']);
    expect(evaluateHolds([], order, ctx)).toEqual([]);
  });
});

describe('validateHoldRules', () => {
  it('accepts every kind and returns the rules', () => {
    const input = [
      { kind: 'totalAtLeast', minor: 0 },
      { kind: 'totalAtLeast', minor: 50_000, currency: 'USD' },
      { kind: 'skuTagged', skus: ['TEA-100', 'a.b_c-1'] },
      { kind: 'buyerTagged', phones: ['+86 (138) 0013-8000'], emails: ['a@b.cn'], names: ['张三'] },
      { kind: 'buyerTagged', names: ['Li Lei'] },
      { kind: 'addressChangedWithin', minutes: 120 },
      { kind: 'firstOrderOfBuyer' },
      { kind: 'channelFlag', flag: 'buyerMessage' },
    ];
    expect(validateHoldRules(input)).toEqual({ ok: true, value: input });
    expect(validateHoldRules([])).toEqual({ ok: true, value: [] });
  });

  const tooMany = Array.from({ length: holdRuleLimits.rulesMax + 1 }, () => ({ kind: 'firstOrderOfBuyer' }));
  const longList = Array.from({ length: holdRuleLimits.listItemsMax + 1 }, (_, i) => `SKU-${i}`);

  it.each<[string, unknown, string, RegExp]>([
    ['not an array', { kind: 'firstOrderOfBuyer' }, 'rules', /must be an array/],
    ['too many rules', tooMany, 'rules', /lists 51 rules, at most 50/],
    ['a rule that is not an object', [null], 'rules[0]', /must be an object/],
    ['an unknown kind', [{ kind: 'totalAbove', minor: 1 }], 'rules[0].kind', /must be one of totalAtLeast, skuTagged/],
    ['a missing kind', [{ minor: 1 }], 'rules[0].kind', /must be one of/],
    ['an unknown field', [{ kind: 'totalAtLeast', minor: 1, curency: 'CNY' }], 'rules[0].curency', /not a field of a totalAtLeast rule \(fields: minor, currency\)/],
    ['a field on a kind that has none', [{ kind: 'firstOrderOfBuyer', days: 3 }], 'rules[0].days', /fields: none/],
    ['a negative amount', [{ kind: 'firstOrderOfBuyer' }, { kind: 'totalAtLeast', minor: -1 }], 'rules[1].minor', /integer from 0/],
    ['a fractional amount', [{ kind: 'totalAtLeast', minor: 1.5 }], 'rules[0].minor', /integer from 0/],
    ['an amount as text', [{ kind: 'totalAtLeast', minor: '100' }], 'rules[0].minor', /integer from 0/],
    ['a lower-case currency', [{ kind: 'totalAtLeast', minor: 1, currency: 'cny' }], 'rules[0].currency', /ISO 4217/],
    ['no skus', [{ kind: 'skuTagged', skus: [] }], 'rules[0].skus', /at least one sku/],
    ['skus not a list', [{ kind: 'skuTagged', skus: 'A' }], 'rules[0].skus', /must be an array of skus/],
    ['too many skus', [{ kind: 'skuTagged', skus: longList }], 'rules[0].skus', /lists 201 skus, at most 200/],
    ['a bad sku', [{ kind: 'skuTagged', skus: ['OK', 'has space'] }], 'rules[0].skus[1]', /must be a sku of at most 200/],
    ['a too long sku', [{ kind: 'skuTagged', skus: ['X'.repeat(201)] }], 'rules[0].skus[0]', /must be a sku/],
    ['a buyer rule without lists', [{ kind: 'buyerTagged' }], 'rules[0]', /must list phones, emails or names/],
    ['an empty phone list', [{ kind: 'buyerTagged', phones: [] }], 'rules[0].phones', /at least one phone/],
    ['a phone with letters', [{ kind: 'buyerTagged', phones: ['138abc'] }], 'rules[0].phones[0]', /must be a phone/],
    ['a phone of few digits', [{ kind: 'buyerTagged', phones: ['1234'] }], 'rules[0].phones[0]', /5 or more/],
    ['an email without @', [{ kind: 'buyerTagged', emails: ['nobody'] }], 'rules[0].emails[0]', /must be an email address/],
    ['a blank name', [{ kind: 'buyerTagged', names: ['Ann', '   '] }], 'rules[0].names[1]', /must be a name/],
    ['a name with NUL', [{ kind: 'buyerTagged', names: ['A\u0000'] }], 'rules[0].names[0]', /U\+0000/],
    ['minutes above the bound', [{ kind: 'addressChangedWithin', minutes: 43_201 }], 'rules[0].minutes', /integer from 0 to 43200/],
    ['missing minutes', [{ kind: 'addressChangedWithin' }], 'rules[0].minutes', /integer/],
    ['a bad flag', [{ kind: 'channelFlag', flag: '1st' }], 'rules[0].flag', /must be a flag name/],
    ['a flag that is not text', [{ kind: 'channelFlag', flag: true }], 'rules[0].flag', /must be a flag name/],
  ])('refuses %s, naming %s', (_name, input, field, reason) => {
    const r = validateHoldRules(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('HOLD_RULES_INVALID');
    expect(r.error.extra?.field).toBe(field);
    expect(r.error.detail.startsWith(`${field} `)).toBe(true);
    expect(r.error.detail).toMatch(reason);
  });

  it('names fields from the root it is given, quoting keys that are not plain names', () => {
    const r = validateHoldRules([{ kind: 'firstOrderOfBuyer', 'odd key': 1 }], 'body.rules');
    expect(r).toMatchObject({ ok: false, error: { extra: { field: 'body.rules[0]["odd key"]' } } });
  });
});
