// Review hold rules (issue 11): per-tenant data that says which paid orders
// wait for a person before the warehouse sees them. validateHoldRules checks a
// tenant's rules (bounded, strict: unknown fields are refused so a typo never
// silently disables a rule); evaluateHolds gives the reasons an order is held,
// one per matching rule, empty when it may be released. Pure.
import { domainError, fail, ok, type Result } from './errors.ts';
import type { HoldReason, OrderDraft } from './order.types.ts';
import { keyPath, unstorableReason } from './text.rules.ts';

export const holdRuleKinds = ['totalAtLeast', 'skuTagged', 'buyerTagged', 'addressChangedWithin', 'firstOrderOfBuyer', 'channelFlag'] as const;
export type HoldRuleKind = (typeof holdRuleKinds)[number];

export type HoldRule =
  /** The order total, in minor units, is at least `minor` (in `currency` only, when given). */
  | { readonly kind: 'totalAtLeast'; readonly minor: number; readonly currency?: string }
  /** A line's (Pallet) SKU is one of `skus`. */
  | { readonly kind: 'skuTagged'; readonly skus: readonly string[] }
  /** The buyer or the recipient has a listed phone (digits compared), email (case-insensitive) or name (case and spacing ignored). */
  | { readonly kind: 'buyerTagged'; readonly phones?: readonly string[]; readonly emails?: readonly string[]; readonly names?: readonly string[] }
  /** The shipping address was changed at most `minutes` before the evaluation. */
  | { readonly kind: 'addressChangedWithin'; readonly minutes: number }
  /** Pallet has no earlier order of this buyer. */
  | { readonly kind: 'firstOrderOfBuyer' }
  /** The channel set this flag on the order (buyerMessage, presell, cod …). */
  | { readonly kind: 'channelFlag'; readonly flag: string };

export const holdRuleLimits = Object.freeze({
  rulesMax: 50,
  listItemsMax: 200,
  skuLengthMax: 200,
  phoneLengthMax: 32,
  emailLengthMax: 254,
  nameLengthMax: 100,
  flagLengthMax: 64,
  minutesMax: 43_200,
  minorMax: Number.MAX_SAFE_INTEGER,
});

const fieldsOf: Readonly<Record<HoldRuleKind, readonly string[]>> = {
  totalAtLeast: ['minor', 'currency'],
  skuTagged: ['skus'],
  buyerTagged: ['phones', 'emails', 'names'],
  addressChangedWithin: ['minutes'],
  firstOrderOfBuyer: [],
  channelFlag: ['flag'],
};

const L = holdRuleLimits;
const skuPattern = /^[A-Za-z0-9._-]+$/;
const currencyPattern = /^[A-Z]{3}$/;
const flagPattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const phonePattern = /^\+?[0-9][0-9 ()-]*$/;
const emailPattern = /^[^\s@]+@[^\s@]+$/;
const digits = (s: string): string => s.replace(/\D/g, '');

const invalid = (field: string, reason: string): Result<never> =>
  fail(domainError('HOLD_RULES_INVALID', `${field} ${reason}`, { field, reason }));

type Fields = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A tenant's hold rules from parsed JSON, or HOLD_RULES_INVALID naming the
 * first bad field from `root` (`rules[2].skus[0]`) and why (extra: { field, reason }).
 */
export function validateHoldRules(input: unknown, root = 'rules'): Result<HoldRule[]> {
  if (!Array.isArray(input)) return invalid(root, 'must be an array of hold rules');
  if (input.length > L.rulesMax) return invalid(root, `lists ${input.length} rules, at most ${L.rulesMax} are allowed`);
  const rules: HoldRule[] = [];
  for (let i = 0; i < input.length; i++) {
    const r = validateRule(input[i], `${root}[${i}]`);
    if (!r.ok) return r;
    rules.push(r.value);
  }
  return ok(rules);
}

function validateRule(v: unknown, path: string): Result<HoldRule> {
  if (!isObject(v)) return invalid(path, 'must be an object with a kind');
  const kind = v.kind;
  if (typeof kind !== 'string' || !(holdRuleKinds as readonly string[]).includes(kind)) {
    return invalid(`${path}.kind`, `must be one of ${holdRuleKinds.join(', ')}`);
  }
  const k = kind as HoldRuleKind;
  const unknown = Object.keys(v).find((key) => key !== 'kind' && !fieldsOf[k].includes(key));
  if (unknown !== undefined) {
    const allowed = fieldsOf[k].length === 0 ? 'none' : fieldsOf[k].join(', ');
    return invalid(path + keyPath(unknown), `is not a field of a ${k} rule (fields: ${allowed})`);
  }
  switch (k) {
    case 'totalAtLeast': return totalAtLeast(v, path);
    case 'skuTagged': {
      const skus = textList(v.skus, `${path}.skus`, 'sku', (s) => s.length <= L.skuLengthMax && skuPattern.test(s), `a sku of at most ${L.skuLengthMax} letters, digits, '.', '_' or '-'`);
      return skus.ok ? ok({ kind: k, skus: skus.value }) : skus;
    }
    case 'buyerTagged': return buyerTagged(v, path);
    case 'addressChangedWithin': {
      const minutes = integer(v.minutes, `${path}.minutes`, L.minutesMax);
      return minutes.ok ? ok({ kind: k, minutes: minutes.value }) : minutes;
    }
    case 'firstOrderOfBuyer': return ok({ kind: k });
    case 'channelFlag': {
      const f = v.flag;
      if (typeof f !== 'string' || f.length > L.flagLengthMax || !flagPattern.test(f)) {
        return invalid(`${path}.flag`, `must be a flag name: a letter, then letters, digits, '.', '_' or '-', at most ${L.flagLengthMax} characters`);
      }
      return ok({ kind: k, flag: f });
    }
  }
}

function integer(v: unknown, path: string, max: number): Result<number> {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) return invalid(path, `must be an integer from 0 to ${max}`);
  return ok(v);
}

function totalAtLeast(v: Fields, path: string): Result<HoldRule> {
  const minor = integer(v.minor, `${path}.minor`, L.minorMax);
  if (!minor.ok) return minor;
  if (v.currency === undefined) return ok({ kind: 'totalAtLeast', minor: minor.value });
  if (typeof v.currency !== 'string' || !currencyPattern.test(v.currency)) {
    return invalid(`${path}.currency`, 'must be an ISO 4217 code of three capital letters (CNY, USD …)');
  }
  return ok({ kind: 'totalAtLeast', minor: minor.value, currency: v.currency });
}

/** A non-empty list of at most listItemsMax strings, each passing `valid` (`shape` says what one must be). */
function textList(v: unknown, path: string, noun: string, valid: (s: string) => boolean, shape: string): Result<string[]> {
  if (!Array.isArray(v)) return invalid(path, `must be an array of ${noun}s`);
  if (v.length === 0) return invalid(path, `must list at least one ${noun}`);
  if (v.length > L.listItemsMax) return invalid(path, `lists ${v.length} ${noun}s, at most ${L.listItemsMax} are allowed`);
  for (let i = 0; i < v.length; i++) {
    const s: unknown = v[i];
    if (typeof s !== 'string' || !valid(s)) return invalid(`${path}[${i}]`, `must be ${shape}`);
  }
  return ok(v as string[]);
}

const isName = (s: string): boolean => s.trim().length > 0 && s.length <= L.nameLengthMax && unstorableReason(s) === null;
const isPhone = (s: string): boolean => s.length <= L.phoneLengthMax && phonePattern.test(s) && digits(s).length >= 5;
const isEmail = (s: string): boolean => s.length <= L.emailLengthMax && emailPattern.test(s) && unstorableReason(s) === null;

function buyerTagged(v: Fields, path: string): Result<HoldRule> {
  if (v.phones === undefined && v.emails === undefined && v.names === undefined) {
    return invalid(path, 'must list phones, emails or names');
  }
  const lists: { phones?: string[]; emails?: string[]; names?: string[] } = {};
  if (v.phones !== undefined) {
    const r = textList(v.phones, `${path}.phones`, 'phone', isPhone, `a phone of at most ${L.phoneLengthMax} characters: digits (5 or more), spaces, '+', '-', '(' or ')'`);
    if (!r.ok) return r;
    lists.phones = r.value;
  }
  if (v.emails !== undefined) {
    const r = textList(v.emails, `${path}.emails`, 'email', isEmail, `an email address (name@domain) of at most ${L.emailLengthMax} characters`);
    if (!r.ok) return r;
    lists.emails = r.value;
  }
  if (v.names !== undefined) {
    const r = textList(v.names, `${path}.names`, 'name', isName, `a name of 1 to ${L.nameLengthMax} characters, not only spaces, without U+0000 or lone surrogates`);
    if (!r.ok) return r;
    lists.names = r.value;
  }
  return ok({ kind: 'buyerTagged', ...lists });
}

// ---- evaluation -------------------------------------------------------------------------------

export interface HoldContext {
  /** Pallet has no earlier order of this buyer (the app looks it up). */
  readonly isFirstOrderOfBuyer: boolean;
  /** When the shipping address was last changed after placement, if it was. */
  readonly addressChangedAtMs?: number;
  readonly nowMs: number;
}

type HoldOrder = Pick<OrderDraft, 'buyer' | 'shippingAddress' | 'lines' | 'totals' | 'flags'>;

const minuteMs = 60_000;
const folded = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Same number, allowing a country prefix on one side (+86 138 0013 8000 = 13800138000); 7+ digits for the suffix match. */
function samePhone(a: string, b: string): boolean {
  const [x, y] = [digits(a), digits(b)];
  if (x.length === 0 || y.length === 0) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 7 && long.endsWith(short);
}

/** The reasons `order` waits for review under `rules`, one per matching rule in rule order; empty: release it. */
export function evaluateHolds(rules: readonly HoldRule[], order: HoldOrder, ctx: HoldContext): HoldReason[] {
  const reasons: HoldReason[] = [];
  for (const rule of rules) {
    const detail = matchRule(rule, order, ctx);
    if (detail !== null) reasons.push({ rule: rule.kind, detail });
  }
  return reasons;
}

/** Why `rule` holds `order`, or null when it does not. */
function matchRule(rule: HoldRule, order: HoldOrder, ctx: HoldContext): string | null {
  switch (rule.kind) {
    case 'totalAtLeast': {
      const t = order.totals;
      if (rule.currency !== undefined && rule.currency !== t.currency) return null;
      return t.totalMinor >= rule.minor ? `total ${t.totalMinor} ${t.currency} (minor units) is at least ${rule.minor}` : null;
    }
    case 'skuTagged': {
      const tagged = new Set(rule.skus);
      const hits = [...new Set(order.lines.map((l) => l.sku).filter((sku) => tagged.has(sku)))];
      if (hits.length === 0) return null;
      const shown = hits.slice(0, 5).join(', ');
      return `tagged sku ${shown}${hits.length > 5 ? ` and ${hits.length - 5} more` : ''}`;
    }
    case 'buyerTagged': return buyerMatch(rule, order);
    case 'addressChangedWithin': {
      const at = ctx.addressChangedAtMs;
      if (at === undefined) return null;
      const agoMs = Math.max(0, ctx.nowMs - at);
      return agoMs <= rule.minutes * minuteMs
        ? `shipping address changed ${Math.floor(agoMs / minuteMs)} min ago, within ${rule.minutes} min`
        : null;
    }
    case 'firstOrderOfBuyer': return ctx.isFirstOrderOfBuyer ? 'first order of this buyer' : null;
    case 'channelFlag': return order.flags?.[rule.flag] === true ? `channel flag ${rule.flag} is set` : null;
  }
}

function buyerMatch(rule: Extract<HoldRule, { kind: 'buyerTagged' }>, order: HoldOrder): string | null {
  const { buyer, shippingAddress: to } = order;
  const phones = rule.phones ?? [];
  const emails = new Set((rule.emails ?? []).map(folded));
  const names = new Set((rule.names ?? []).map(folded));
  const hits: string[] = [];
  if (buyer.phone !== undefined && phones.some((p) => samePhone(p, buyer.phone!))) hits.push('buyer phone');
  if (phones.some((p) => samePhone(p, to.phone))) hits.push('recipient phone');
  if (buyer.email !== undefined && emails.has(folded(buyer.email))) hits.push('buyer email');
  if (names.has(folded(buyer.name))) hits.push('buyer name');
  if (names.has(folded(to.name))) hits.push('recipient name');
  return hits.length === 0 ? null : `tagged ${hits.join(', ')}`;
}
