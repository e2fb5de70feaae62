// The shape of a channel mapping (data, stored as JSON) and the canonical
// fields it can fill. The engine is in channel.mapping.ts, the checks in
// channel.mapping.validate.ts.

import type { TransformName } from './channel.transforms.ts';

export type Scalar = string | number | boolean;

/**
 * Where one canonical field comes from. Exactly one of `path`, `join`, `const`.
 * - `path`: a source path, or up to 4 tried in order (the first present wins).
 * - `join`: 2 to 4 paths whose present values are joined with `separator` (" ").
 * - `const`: a fixed value.
 * A value is absent when missing, null, empty or blank text, or equal to one
 * of `absent` (a platform's "not set", e.g. 0 for an unpaid pay_time). An
 * absent value takes `default` when given. With `when`, the rule applies only
 * while the value at `when.path` equals one of `when.in`; otherwise the field
 * is absent. Then `transforms` run in order.
 */
export interface SourceRule {
  readonly path?: string | readonly string[];
  readonly join?: readonly string[];
  readonly separator?: string;
  readonly const?: Scalar;
  readonly default?: Scalar;
  readonly absent?: readonly (string | number)[];
  readonly when?: { readonly path: string; readonly in: readonly Scalar[] };
  readonly transforms?: readonly TransformName[];
}

export interface LinesRule {
  /** The array of line items (relative to `root`); each line's rules read relative to its item. */
  readonly path: string;
  readonly fields: Readonly<Record<LineTarget, SourceRule>>;
}

export interface Mapping {
  /** Bumped on every change; stored with what it produced. */
  readonly version: number;
  /** A label (the channel type it was written for); not interpreted. */
  readonly channel?: string;
  /** UTC offset (`+08:00`) for date-times the platform writes without one. */
  readonly timezone: string;
  /** Where the order sits in the document (`trade_fullinfo_get_response.trade`); paths are relative to it. */
  readonly root?: string;
  /** Canonical field (`totals.totalMinor`, `flags.buyerMessage`) → rule. */
  readonly fields: Readonly<Record<string, SourceRule>>;
  readonly lines: LinesRule;
}

/** What a mapped value must be, checked after the transforms. */
export type TargetKind = 'id' | 'text' | 'country' | 'currency' | 'time' | 'money' | 'qty' | 'flag' | 'flagSet';

export interface TargetSpec { readonly kind: TargetKind; readonly required: boolean }

/** The canonical fields of OrderDraft outside its lines, in the order they are mapped (currency first: money needs it). */
export const orderTargets: Readonly<Record<string, TargetSpec>> = {
  'totals.currency': { kind: 'currency', required: true },
  externalId: { kind: 'id', required: true },
  placedAtMs: { kind: 'time', required: true },
  paidAtMs: { kind: 'time', required: false },
  cancelledAtMs: { kind: 'time', required: false },
  'buyer.name': { kind: 'text', required: true },
  'buyer.phone': { kind: 'text', required: false },
  'buyer.email': { kind: 'text', required: false },
  'shippingAddress.name': { kind: 'text', required: true },
  'shippingAddress.phone': { kind: 'text', required: true },
  'shippingAddress.country': { kind: 'country', required: true },
  'shippingAddress.province': { kind: 'text', required: true },
  'shippingAddress.city': { kind: 'text', required: true },
  'shippingAddress.district': { kind: 'text', required: false },
  'shippingAddress.address1': { kind: 'text', required: true },
  'shippingAddress.address2': { kind: 'text', required: false },
  'shippingAddress.postalCode': { kind: 'text', required: false },
  /** Optional: when not mapped it is Σ qty × unitPriceMinor over the lines. */
  'totals.itemsMinor': { kind: 'money', required: false },
  'totals.shippingMinor': { kind: 'money', required: true },
  'totals.discountMinor': { kind: 'money', required: true },
  'totals.totalMinor': { kind: 'money', required: true },
  /** A whole object of name → boolean (the generic document's `flags`). */
  flags: { kind: 'flagSet', required: false },
};

/** `flags.<name>`: one flag; only true flags are kept. */
export const flagTargetPattern = /^flags\.([A-Za-z][A-Za-z0-9_]{0,31})$/;
export const flagSpec: TargetSpec = { kind: 'flag', required: false };

export const lineTargetSpecs = {
  /** Evaluated first: perUnit divides by it. */
  qty: { kind: 'qty', required: true },
  /** The platform's SKU code; the line's `sku` is skuMap[channelSku] ?? channelSku. */
  channelSku: { kind: 'id', required: true },
  unitPriceMinor: { kind: 'money', required: true },
} as const satisfies Readonly<Record<string, TargetSpec>>;
export type LineTarget = keyof typeof lineTargetSpecs;
export const lineTargets = Object.keys(lineTargetSpecs) as LineTarget[];

/** Bounds of a mapping (validateMapping) … */
export const mappingLimits = {
  fieldsMax: 64,
  pathsPerRuleMax: 4,
  transformsPerRuleMax: 8,
  absentValuesMax: 8,
  whenValuesMax: 16,
  constLengthMax: 256,
  separatorLengthMax: 8,
  channelLengthMax: 64,
  versionMax: 1_000_000,
} as const;

/** … and of the values it produces (applyMapping). */
export const mappedValueLimits = {
  idLengthMax: 128,
  textLengthMax: 512,
  flagsMax: 32,
} as const;
