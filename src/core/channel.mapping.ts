// Channel documents → the canonical OrderDraft (issue 11). Every platform
// speaks its own order format; a mapping (data, see channel.mapping.types.ts)
// says for each canonical field where it sits in the platform's document and
// which transforms (channel.transforms.ts) make it canonical. applyMapping
// reads one document with one mapping; the first field it cannot map is
// returned as a MappingFailure (the source path, the canonical field, why),
// which is what a dead-letter row keeps. Pure: no I/O, no clock.

import { joinPath, readPath, segmentsOf } from './channel.path.ts';
import {
  flagTargetPattern, lineTargets, lineTargetSpecs, mappedValueLimits as V, orderTargets, flagSpec,
  type Mapping, type SourceRule, type TargetKind, type TargetSpec,
} from './channel.mapping.types.ts';
import { applyTransform, offsetMinutesOf, timestampMsMax, timestampMsMin, type TransformContext } from './channel.transforms.ts';
import { assert, domainError, fail, ok, type DomainError, type Result } from './errors.ts';
import type { OrderDraft, OrderLine } from './order.types.ts';
import { unstorableReason } from './text.rules.ts';

export type { LinesRule, LineTarget, Mapping, Scalar, SourceRule } from './channel.mapping.types.ts';
export { lineTargets, mappedValueLimits, mappingLimits, orderTargets } from './channel.mapping.types.ts';
export { currencyExponent, transformNames, type TransformName } from './channel.transforms.ts';
export { validateMapping } from './channel.mapping.validate.ts';

/** The first field a document could not be mapped on: what a dead-letter row stores. */
export interface MappingFailure {
  /** Where in the document, from its root (`trade_fullinfo_get_response.trade.orders.order[1].num`); `a | b` when several were tried. */
  readonly sourcePath: string;
  /** The canonical field (`totals.totalMinor`, `lines[1].qty`, `lines`). */
  readonly rule: string;
  readonly reason: string;
}

/** Channel SKU code → Pallet SKU; codes not in it are used as they are. */
export type SkuMap = Readonly<Record<string, string>>;

export interface ApplyOptions {
  /** Line items per document; more is a failure. Default mappedLinesMaxDefault. */
  readonly linesMax?: number;
  /** Quantity per line. Default mappedQtyMaxDefault. */
  readonly qtyMax?: number;
}
export const mappedLinesMaxDefault = 500;
export const mappedQtyMaxDefault = 1_000_000;

/** DOCUMENT_UNMAPPABLE for a failure (the HTTP answer / the dead letter's error). */
export const unmappableError = (f: MappingFailure): DomainError =>
  domainError('DOCUMENT_UNMAPPABLE', `${f.rule} from ${f.sourcePath}: ${f.reason}`, { field: f.rule, sourcePath: f.sourcePath, rule: f.rule });

interface Scope {
  readonly base: unknown;
  /** The display path of `base` from the document's root. */
  readonly prefix: string;
}

/** A rule's outcome: a value, absent (with where it looked), or a failure. */
type Outcome =
  | { readonly kind: 'value'; readonly value: unknown; readonly source: string }
  | { readonly kind: 'absent'; readonly source: string }
  | { readonly kind: 'fail'; readonly failure: MappingFailure };

const isBlank = (v: unknown, rule: SourceRule): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ||
  (rule.absent !== undefined && (typeof v === 'string' || typeof v === 'number') && rule.absent.includes(v));

const read = (scope: Scope, path: string): unknown => readPath(scope.base, segmentsOf(path));

function rawOf(rule: SourceRule, scope: Scope, target: string): Outcome {
  if (rule.const !== undefined) return { kind: 'value', value: rule.const, source: '(const)' };
  if (rule.join !== undefined) {
    const source = rule.join.map((p) => joinPath(scope.prefix, p)).join(' + ');
    const parts: string[] = [];
    for (const p of rule.join) {
      const v = read(scope, p);
      if (isBlank(v, rule)) continue;
      if (typeof v !== 'string' && typeof v !== 'number') {
        return { kind: 'fail', failure: { sourcePath: joinPath(scope.prefix, p), rule: target, reason: 'join: expected text or a number' } };
      }
      parts.push(String(v).trim());
    }
    return parts.length === 0 ? { kind: 'absent', source } : { kind: 'value', value: parts.join(rule.separator ?? ' '), source };
  }
  const paths = typeof rule.path === 'string' ? [rule.path] : rule.path ?? [];
  for (const p of paths) {
    const v = read(scope, p);
    if (!isBlank(v, rule)) return { kind: 'value', value: v, source: joinPath(scope.prefix, p) };
  }
  return { kind: 'absent', source: paths.map((p) => joinPath(scope.prefix, p)).join(' | ') };
}

function evaluate(rule: SourceRule, target: string, scope: Scope, ctx: TransformContext): Outcome {
  if (rule.when !== undefined) {
    const v = read(scope, rule.when.path);
    if (!rule.when.in.some((x) => x === v)) return { kind: 'absent', source: joinPath(scope.prefix, rule.when.path) };
  }
  let out = rawOf(rule, scope, target);
  if (out.kind === 'absent' && rule.default !== undefined) out = { kind: 'value', value: rule.default, source: `${out.source} (default)` };
  if (out.kind !== 'value') return out;
  let value = out.value;
  for (const t of rule.transforms ?? []) {
    const step = applyTransform(t, value, ctx);
    if (!step.ok) return { kind: 'fail', failure: { sourcePath: out.source, rule: target, reason: `${t}: ${step.reason}` } };
    if (step.value === undefined) return { kind: 'absent', source: out.source };
    value = step.value;
  }
  return { kind: 'value', value, source: out.source };
}

const text = (v: unknown, max: number): string | null => {
  if (typeof v !== 'string') return `expected text, got ${typeof v} (add the string transform)`;
  if (v.length > max) return `is longer than ${max} characters`;
  return unstorableReason(v);
};

function flagSetReason(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'expected an object of name → boolean';
  const entries = Object.entries(v);
  if (entries.length > V.flagsMax) return `has more than ${V.flagsMax} flags`;
  const bad = entries.find(([k, b]) => !flagTargetPattern.test(`flags.${k}`) || typeof b !== 'boolean');
  return bad === undefined ? null : `flag ${JSON.stringify(bad[0])} must be named with letters, digits, _ and be a boolean`;
}

/** Why a mapped value is not what the canonical field holds, or null. */
function kindReason(kind: TargetKind, v: unknown, qtyMax: number): string | null {
  switch (kind) {
    case 'id': return text(v, V.idLengthMax);
    case 'text': return text(v, V.textLengthMax);
    case 'country': return typeof v === 'string' && /^[A-Z]{2}$/.test(v) ? null : `${JSON.stringify(v)} is not an ISO 3166-1 alpha-2 code (CN, US …)`;
    case 'currency': return typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? null : `${JSON.stringify(v)} is not an ISO 4217 code (CNY, USD …)`;
    case 'time': return Number.isSafeInteger(v) && (v as number) >= timestampMsMin && (v as number) < timestampMsMax ? null : 'expected ms since the epoch (apply timestamp, unixSeconds or unixMs)';
    case 'money': return Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'expected a non-negative integer of minor units (apply money or int)';
    case 'qty': return Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= qtyMax ? null : `expected an integer quantity from 1 to ${qtyMax}`;
    case 'flag': return typeof v === 'boolean' ? null : 'expected a boolean (apply bool or present)';
    case 'flagSet': return flagSetReason(v);
  }
}

/** One canonical field: its value (undefined when absent and optional) or the failure. */
function field(rule: SourceRule | undefined, target: string, spec: TargetSpec, scope: Scope, ctx: TransformContext, qtyMax: number):
  { ok: true; value: unknown } | { ok: false; failure: MappingFailure } {
  if (rule === undefined) return { ok: true, value: undefined };
  const out = evaluate(rule, target, scope, ctx);
  if (out.kind === 'fail') return { ok: false, failure: out.failure };
  if (out.kind === 'absent') {
    return spec.required ? { ok: false, failure: { sourcePath: out.source, rule: target, reason: 'missing or empty' } } : { ok: true, value: undefined };
  }
  const reason = kindReason(spec.kind, out.value, qtyMax);
  return reason === null ? { ok: true, value: out.value } : { ok: false, failure: { sourcePath: out.source, rule: target, reason } };
}

function mapLines(mapping: Mapping, root: Scope, skuMap: SkuMap, currency: string, offsetMinutes: number, opts: Required<ApplyOptions>):
  Result<OrderLine[], MappingFailure> {
  const source = joinPath(root.prefix, mapping.lines.path);
  const items = read(root, mapping.lines.path);
  if (!Array.isArray(items)) return fail({ sourcePath: source, rule: 'lines', reason: 'expected an array of line items' });
  if (items.length === 0) return fail({ sourcePath: source, rule: 'lines', reason: 'the order has no line items' });
  if (items.length > opts.linesMax) return fail({ sourcePath: source, rule: 'lines', reason: `${items.length} line items; at most ${opts.linesMax}` });
  const lines: OrderLine[] = [];
  for (let i = 0; i < items.length; i++) {
    const scope: Scope = { base: items[i], prefix: `${source}[${i}]` };
    const values: Record<string, unknown> = {};
    for (const key of lineTargets) {
      const ctx: TransformContext = { currency, offsetMinutes, qty: values.qty as number | undefined };
      const r = field(mapping.lines.fields[key], `lines[${i}].${key}`, lineTargetSpecs[key], scope, ctx, opts.qtyMax);
      if (!r.ok) return fail(r.failure);
      values[key] = r.value;
    }
    const channelSku = values.channelSku as string;
    const sku = Object.hasOwn(skuMap, channelSku) ? skuMap[channelSku]! : channelSku;
    lines.push({ sku, channelSku, qty: values.qty as number, unitPriceMinor: values.unitPriceMinor as number });
  }
  return ok(lines);
}

function mapFields(mapping: Mapping, root: Scope, offsetMinutes: number, qtyMax: number): Result<Map<string, unknown>, MappingFailure> {
  const values = new Map<string, unknown>();
  const targets: [string, TargetSpec][] = Object.entries(orderTargets);
  for (const key of Object.keys(mapping.fields)) if (flagTargetPattern.test(key)) targets.push([key, flagSpec]);
  for (const [key, spec] of targets) {
    const currency = values.get('totals.currency') as string | undefined;
    const r = field(mapping.fields[key], key, spec, root, { currency, offsetMinutes, qty: undefined }, qtyMax);
    if (!r.ok) return fail(r.failure);
    if (r.value !== undefined) values.set(key, r.value);
  }
  return ok(values);
}

/** The fields of `values` under `prefix.` as an object without the absent ones. */
function group(values: Map<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of values) if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = v;
  return out;
}

function assemble(values: Map<string, unknown>, lines: OrderLine[]): Result<OrderDraft, MappingFailure> {
  const totals = group(values, 'totals');
  if (totals.itemsMinor === undefined) {
    const sum = lines.reduce((s, l) => s + l.qty * l.unitPriceMinor, 0);
    if (!Number.isSafeInteger(sum)) return fail({ sourcePath: '(lines)', rule: 'totals.itemsMinor', reason: 'Σ qty × unitPriceMinor is too large' });
    totals.itemsMinor = sum;
  }
  const flags: Record<string, boolean> = {};
  for (const [name, on] of Object.entries((values.get('flags') ?? {}) as Record<string, boolean>)) if (on) flags[name] = true;
  for (const [name, on] of Object.entries(group(values, 'flags'))) if (on === true) flags[name] = true;
  const draft: Record<string, unknown> = {
    externalId: values.get('externalId'),
    placedAtMs: values.get('placedAtMs'),
    buyer: group(values, 'buyer'),
    shippingAddress: group(values, 'shippingAddress'),
    lines,
    totals,
  };
  for (const key of ['paidAtMs', 'cancelledAtMs'] as const) if (values.has(key)) draft[key] = values.get(key);
  if (Object.keys(flags).length > 0) draft.flags = flags;
  return ok(draft as unknown as OrderDraft);
}

/**
 * Maps one platform document to an OrderDraft with a mapping validateMapping
 * accepted. Line SKUs go through `skuMap` (falling back to the channel's code).
 * The first field that is missing, malformed or out of bounds is the failure.
 */
export function applyMapping(mapping: Mapping, document: unknown, skuMap: SkuMap, options: ApplyOptions = {}): Result<OrderDraft, MappingFailure> {
  const opts: Required<ApplyOptions> = { linesMax: options.linesMax ?? mappedLinesMaxDefault, qtyMax: options.qtyMax ?? mappedQtyMaxDefault };
  const offsetMinutes = offsetMinutesOf(mapping.timezone);
  assert(offsetMinutes !== null, 'applyMapping needs a mapping validateMapping accepted');
  const base = mapping.root === undefined ? document : read({ base: document, prefix: '' }, mapping.root);
  if (base === null || typeof base !== 'object' || Array.isArray(base)) {
    return fail({ sourcePath: mapping.root ?? '(document)', rule: 'root', reason: 'expected the order object here' });
  }
  const root: Scope = { base, prefix: mapping.root ?? '' };
  const fields = mapFields(mapping, root, offsetMinutes, opts.qtyMax);
  if (!fields.ok) return fields;
  const lines = mapLines(mapping, root, skuMap, fields.value.get('totals.currency') as string, offsetMinutes, opts);
  if (!lines.ok) return lines;
  return assemble(fields.value, lines.value);
}
