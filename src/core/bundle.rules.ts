// Bundle expansion and catalog graph rules. Pure: no I/O.
import type { Component, Sku } from './catalog.types.ts';
import { domainError, fail, ok, type DomainError, type Result } from './errors.ts';
import type { Line } from './stock.types.ts';

export interface Demand {
  readonly sku: string;
  readonly qty: number;
}

/**
 * Expands cart lines into stocked components: a bundle line becomes its
 * components times their ratio (recursively), and quantities of the same
 * component are summed across lines. Order follows first appearance.
 */
export function expandLines(
  lines: readonly Line[],
  skus: ReadonlyMap<string, Sku>,
  depthMax: number,
  qtyPerComponentMax: number,
): Result<Demand[]> {
  const unknown = [...new Set(lines.filter((l) => !skus.has(l.sku)).map((l) => l.sku))];
  if (unknown.length > 0) {
    return fail(domainError('UNKNOWN_SKU', `unknown sku: ${unknown.join(', ')}`, { skus: unknown }));
  }
  const totals = new Map<string, number>();
  for (const line of lines) {
    const added = addExpanded(line.sku, line.qty, skus, totals, depthMax);
    if (added !== null) return fail(added);
  }
  for (const [sku, qty] of totals) {
    if (qty > qtyPerComponentMax) {
      return fail(domainError('LIMIT_EXCEEDED', `sku ${sku}: the cart needs ${qty} units, above the limit of ${qtyPerComponentMax}`, { sku, qty, max: qtyPerComponentMax }));
    }
  }
  return ok([...totals].map(([sku, qty]) => ({ sku, qty })));
}

function addExpanded(
  sku: string,
  qty: number,
  skus: ReadonlyMap<string, Sku>,
  totals: Map<string, number>,
  depthLeft: number,
): DomainError | null {
  const item = skus.get(sku);
  if (item === undefined) return domainError('UNKNOWN_SKU', `unknown sku: ${sku}`, { skus: [sku] });
  if (item.components.length === 0) {
    totals.set(sku, (totals.get(sku) ?? 0) + qty);
    return null;
  }
  if (depthLeft <= 0) return domainError('BUNDLE_TOO_DEEP', `bundle ${sku} nests deeper than allowed`);
  for (const c of item.components) {
    const err = addExpanded(c.sku, qty * c.qty, skus, totals, depthLeft - 1);
    if (err !== null) return err;
  }
  return null;
}

/**
 * Checks that giving `sku` these components keeps the catalog a forest of
 * bundles no deeper than depthMax (a plain SKU has depth 0), with no cycles,
 * no unknown or repeated components.
 */
export function checkBundle(
  sku: string,
  components: readonly Component[],
  current: ReadonlyMap<string, Sku>,
  depthMax: number,
): DomainError | null {
  const seen = new Set<string>();
  for (const c of components) {
    if (seen.has(c.sku)) return domainError('BUNDLE_INVALID', `component ${c.sku} is listed twice`, { field: 'components' });
    seen.add(c.sku);
    if (c.sku === sku) return domainError('BUNDLE_CYCLE', `bundle ${sku} cannot contain itself`);
    if (!current.has(c.sku)) return domainError('UNKNOWN_SKU', `unknown component sku: ${c.sku}`, { skus: [c.sku] });
  }
  const next = new Map(current);
  next.set(sku, { sku, name: current.get(sku)?.name ?? sku, components });
  const depths = new Map<string, number>();
  for (const id of next.keys()) {
    const depth = depthOf(id, next, depths, new Set());
    if (depth === 'cycle') return domainError('BUNDLE_CYCLE', `bundle ${sku} would form a cycle through ${id}`);
    if (depth > depthMax) {
      return domainError('BUNDLE_TOO_DEEP', `bundle ${id} would nest ${depth} levels deep, more than ${depthMax}`, { depth, max: depthMax });
    }
  }
  return null;
}

function depthOf(sku: string, skus: ReadonlyMap<string, Sku>, memo: Map<string, number>, path: Set<string>): number | 'cycle' {
  const known = memo.get(sku);
  if (known !== undefined) return known;
  if (path.has(sku)) return 'cycle';
  const item = skus.get(sku);
  if (item === undefined || item.components.length === 0) {
    memo.set(sku, 0);
    return 0;
  }
  path.add(sku);
  let deepest = 0;
  for (const c of item.components) {
    const d = depthOf(c.sku, skus, memo, path);
    if (d === 'cycle') return d;
    deepest = Math.max(deepest, d);
  }
  path.delete(sku);
  memo.set(sku, deepest + 1);
  return deepest + 1;
}
