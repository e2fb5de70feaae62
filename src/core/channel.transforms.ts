// The value transforms a channel mapping may apply (channel.mapping.ts), in
// the order the rule lists them. Each takes the value so far and returns the
// next one, `undefined` for "absent" (region.district of a line without one),
// or a reason it refuses. Pure: no clock, no locale, no floating-point money.

import { regionDetail, splitRegion } from './channel.region.ts';

export const transformNames = [
  'trim', 'string', 'upper', 'lower', 'int', 'bool', 'present', 'phone', 'money',
  'timestamp', 'unixSeconds', 'unixMs', 'region.province', 'region.city', 'region.district', 'region.detail', 'perUnit',
] as const;
export type TransformName = (typeof transformNames)[number];

export interface TransformContext {
  /** ISO 4217 code of the order (totals.currency), for `money`; undefined while the currency itself is mapped. */
  readonly currency: string | undefined;
  /** The mapping's UTC offset in minutes, for date-times written without one. */
  readonly offsetMinutes: number;
  /** The line's quantity, for `perUnit` (line rules only). */
  readonly qty: number | undefined;
}

export type Step = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const next = (value: unknown): Step => ({ ok: true, value });
const refuse = (reason: string): Step => ({ ok: false, reason });
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

// ---- money ------------------------------------------------------------------

/** ISO 4217 currencies whose minor unit is not 2 decimals; every other code has 2. */
const exponents: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Decimals of the currency's minor unit (ISO 4217): 0 for JPY, 3 for KWD, 2 by default. */
export const currencyExponent = (currency: string): number => (Object.hasOwn(exponents, currency) ? exponents[currency]! : 2);

const decimalPattern = /^(\d{1,16})(?:\.(\d{1,20}))?$/;

/**
 * A decimal amount ("12.50", "12.5", 12.5) in integer minor units of the
 * currency, read digit by digit (never multiplied as a float). A number is
 * read as the shortest decimal that prints it, which is what the JSON said.
 * Decimals beyond the currency's exponent are refused unless they are zeros
 * ("1500.00" JPY is 1500; "12.505" CNY is refused). Negative amounts are refused.
 */
export function minorUnits(value: unknown, currency: string): Step {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return refuse(`${show(value)} is not a finite amount`);
    text = String(value);
  } else if (typeof value === 'string') text = value.trim();
  else return refuse(`expected a decimal amount (string or number), got ${show(value)}`);
  if (text.startsWith('-')) return refuse(`${show(value)} is negative`);
  const m = decimalPattern.exec(text);
  if (m === null) return refuse(`${show(value)} is not a plain decimal amount like "12.50"`);
  const exponent = currencyExponent(currency);
  const fraction = m[2] ?? '';
  if (/[1-9]/.test(fraction.slice(exponent))) {
    return refuse(`${show(value)} has ${fraction.replace(/0+$/, '').length} decimals; ${currency} has ${exponent}`);
  }
  const minor = Number(m[1]! + fraction.slice(0, exponent).padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) return refuse(`${show(value)} is too large`);
  return next(minor);
}

// ---- phone ------------------------------------------------------------------

const cnMobile = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;

/**
 * A phone number with spaces, dashes, dots and parentheses removed. Mainland
 * China mobiles lose a +86 / 0086 / 86 prefix (13800138000); other numbers
 * keep a leading + (a leading 00 becomes +). Masked numbers (138****0000),
 * letters and digit counts outside 5..15 (E.164) are refused.
 */
export function normalisePhone(value: unknown): Step {
  if (typeof value !== 'string') return refuse(`expected a phone number as text, got ${show(value)}`);
  const compact = value.replace(/[\s\-.()]/g, '');
  if (compact.includes('*')) return refuse(`${show(value)} is masked by the platform`);
  const cn = cnMobile.exec(compact);
  if (cn !== null) return next(cn[1]);
  const intl = /^(?:\+|00)(\d{5,15})$/.exec(compact);
  if (intl !== null) return next(`+${intl[1]}`);
  if (/^\d{5,15}$/.test(compact)) return next(compact);
  return refuse(`${show(value)} is not a phone number (5 to 15 digits, optionally after + or 00)`);
}

// ---- time -------------------------------------------------------------------

/** Timestamps outside [2000-01-01, 2100-01-01) UTC are refused: they are unit mistakes (seconds read as ms …). */
export const timestampMsMin = Date.UTC(2000, 0, 1);
export const timestampMsMax = Date.UTC(2100, 0, 1);

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** `Z`, `+08`, `+0800`, `+08:00` → minutes east of UTC; null when malformed or beyond ±14:00. */
export function offsetMinutesOf(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (m === null) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  if (Number(m[3] ?? '0') > 59 || minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

const inRange = (ms: number, value: unknown): Step =>
  ms >= timestampMsMin && ms < timestampMsMax ? next(ms) : refuse(`${show(value)} is not between 2000 and 2100`);

/**
 * An ISO 8601 date-time ("2024-05-01T10:00:00+08:00", "…Z") or a platform's
 * local "yyyy-MM-dd HH:mm:ss" → ms since the epoch. Without an offset in the
 * text the mapping's timezone applies (Chinese platforms: +08:00).
 */
export function dateTimeMs(value: unknown, offsetMinutes: number): Step {
  if (typeof value !== 'string') return refuse(`expected a date-time string, got ${show(value)} (numbers: unixSeconds or unixMs)`);
  const m = dateTimePattern.exec(value.trim());
  if (m === null) return refuse(`${show(value)} is not "yyyy-MM-dd HH:mm:ss" or ISO 8601`);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const offset = m[8] === undefined ? offsetMinutes : offsetMinutesOf(m[8].toUpperCase());
  if (offset === null) return refuse(`${show(value)} has a malformed UTC offset`);
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(local);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return refuse(`${show(value)} is not a real date and time`);
  }
  const ms = local + Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)) - offset * 60_000;
  return inRange(ms, value);
}

const integerPattern = /^-?\d{1,16}$/;

function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && integerPattern.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : null;
  }
  return null;
}

function unixTime(value: unknown, msPerUnit: number): Step {
  const n = integerOf(value);
  if (n === null) return refuse(`expected an integer unix time, got ${show(value)}`);
  return inRange(n * msPerUnit, value);
}

// ---- the rest ---------------------------------------------------------------

function toText(value: unknown): Step {
  if (typeof value === 'string') return next(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return refuse(`${show(value)} is beyond 2^53: JSON parsing already changed its digits; map the platform's text field for it`);
    }
    return Number.isFinite(value) ? next(String(value)) : refuse(`${show(value)} is not a finite number`);
  }
  if (typeof value === 'boolean') return next(String(value));
  return refuse(`expected text or a number, got ${show(value)}`);
}

function toBool(value: unknown): Step {
  if (typeof value === 'boolean') return next(value);
  if (value === 1 || value === 0) return next(value === 1);
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true' || s === '1') return next(true);
    if (s === 'false' || s === '0') return next(false);
  }
  return refuse(`expected a boolean (true/false, 1/0), got ${show(value)}`);
}

function perUnit(value: unknown, qty: number | undefined): Step {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return refuse(`expected an amount in minor units (apply money or int first), got ${show(value)}`);
  if (qty === undefined || qty <= 0) return refuse('the line has no quantity to divide by');
  if (value % qty !== 0) return refuse(`the line amount ${value} does not divide evenly by the quantity ${qty}`);
  return next(value / qty);
}

const stringOnly = (name: string, value: unknown, f: (s: string) => unknown): Step =>
  typeof value === 'string' ? next(f(value)) : refuse(`${name} expects text, got ${show(value)}`);

function region(part: 'province' | 'city' | 'district', value: unknown): Step {
  if (typeof value !== 'string') return refuse(`expected an address line, got ${show(value)}`);
  const r = splitRegion(value);
  return 'reason' in r ? refuse(`cannot split ${show(value)}: ${r.reason}`) : next(r[part]);
}

/** Applies one transform; the caller has checked the name (validateMapping). */
export function applyTransform(name: TransformName, value: unknown, ctx: TransformContext): Step {
  switch (name) {
    case 'trim': return stringOnly(name, value, (s) => s.trim());
    case 'upper': return stringOnly(name, value, (s) => s.toUpperCase());
    case 'lower': return stringOnly(name, value, (s) => s.toLowerCase());
    case 'string': return toText(value);
    case 'int': {
      const n = integerOf(value);
      return n === null ? refuse(`expected an integer, got ${show(value)}`) : next(n);
    }
    case 'bool': return toBool(value);
    case 'present': return next(typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null && value !== false);
    case 'phone': return normalisePhone(value);
    case 'money': return ctx.currency === undefined ? refuse('no currency to read the amount in') : minorUnits(value, ctx.currency);
    case 'timestamp': return dateTimeMs(value, ctx.offsetMinutes);
    case 'unixSeconds': return unixTime(value, 1000);
    case 'unixMs': return unixTime(value, 1);
    case 'region.province': return region('province', value);
    case 'region.city': return region('city', value);
    case 'region.district': return region('district', value);
    case 'region.detail': return stringOnly(name, value, regionDetail);
    case 'perUnit': return perUnit(value, ctx.qty);
  }
}
