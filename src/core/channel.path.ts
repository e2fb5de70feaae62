// Source paths of channel mappings: where a value sits in a platform's
// document. `trade.orders.order[0].num`, `shipping_address.first_name`,
// `["odd key"].x`: names joined by dots, array indexes and quoted keys in
// brackets. Only own properties are read (never `constructor`, `__proto__`).

import { assert } from './errors.ts';
import { keyPath } from './text.rules.ts';

export type PathSegment = string | number;

export const pathLengthMax = 200;
export const pathSegmentsMax = 16;
const indexMax = 9_999;

const identifierAt = /[A-Za-z_$][\w$-]*/y;
const indexAt = /\[(\d{1,4})\]/y;
const quotedAt = /\["((?:[^"\\]|\\.)*)"\]/y;

function stepAt(text: string, at: number, first: boolean): { segment: PathSegment; end: number } | null {
  if (first || text[at] === '.') {
    identifierAt.lastIndex = first ? at : at + 1;
    const id = identifierAt.exec(text);
    if (id !== null) return { segment: id[0], end: identifierAt.lastIndex };
    if (!first) return null;
  }
  indexAt.lastIndex = at;
  const ix = indexAt.exec(text);
  if (ix !== null) return Number(ix[1]) > indexMax ? null : { segment: Number(ix[1]), end: indexAt.lastIndex };
  quotedAt.lastIndex = at;
  const q = quotedAt.exec(text);
  if (q === null) return null;
  try {
    return { segment: JSON.parse(`"${q[1]!}"`) as string, end: quotedAt.lastIndex };
  } catch {
    return null;
  }
}

/** The segments of a path, or why it is not one (bounded: pathLengthMax characters, pathSegmentsMax segments). */
export function parsePath(text: string): readonly PathSegment[] | { readonly reason: string } {
  if (text.length === 0) return { reason: 'must not be empty' };
  if (text.length > pathLengthMax) return { reason: `is longer than ${pathLengthMax} characters` };
  const segments: PathSegment[] = [];
  for (let at = 0; at < text.length;) {
    if (segments.length >= pathSegmentsMax) return { reason: `has more than ${pathSegmentsMax} segments` };
    const step = stepAt(text, at, segments.length === 0);
    if (step === null) return { reason: `is not a path at character ${at + 1} (use a.b, a[0], a["odd key"])` };
    segments.push(step.segment);
    at = step.end;
  }
  return segments;
}

const parsed = new Map<string, readonly PathSegment[]>();
const parsedEntriesMax = 4_096;

/** Segments of a path validateMapping has accepted (memoised, bounded); throws on a path it would refuse. */
export function segmentsOf(text: string): readonly PathSegment[] {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  const p = parsePath(text);
  assert(!('reason' in p), `unvalidated mapping path ${JSON.stringify(text)}`);
  if (parsed.size >= parsedEntriesMax) parsed.clear();
  parsed.set(text, p);
  return p;
}

/** The value at `path` under `base`, or undefined when any step is missing or of the wrong kind. */
export function readPath(base: unknown, path: readonly PathSegment[]): unknown {
  let at: unknown = base;
  for (const s of path) {
    if (typeof s === 'number') {
      if (!Array.isArray(at) || s >= at.length) return undefined;
      at = at[s];
    } else {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, s)) return undefined;
      at = (at as Record<string, unknown>)[s];
    }
  }
  return at;
}

/** `prefix` followed by a path as written in a mapping: `trade` + `orders.order` → `trade.orders.order`. */
export const joinPath = (prefix: string, path: string): string =>
  prefix === '' || path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;

/** A path written back from segments (for messages). */
export const formatPath = (segments: readonly PathSegment[]): string =>
  segments.map((s) => (typeof s === 'number' ? `[${s}]` : keyPath(s))).join('').replace(/^\./, '');
