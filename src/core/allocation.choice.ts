// The warehouse choice for a cart: which warehouses a reservation takes each
// component from. Pure. reserveStock-n.lua makes the same choice atomically
// in Redis; the in-memory engine and the property test's model call this.
//
// 1. The first warehouse in rank order (allocation.rank.ts) that holds the
//    whole cart takes all of it: one parcel where possible.
// 2. Else, with allowSplit, each component is taken greedily along the
//    ranking: as much as the first warehouse has, the rest from the next, ...
// 3. Else (or when even the split falls short) the cart is insufficient.
//    Each line then reports what is available for it: the best single
//    warehouse, or with allowSplit the sum over the ranked warehouses.
import type { Demand } from './bundle.rules.ts';
import { assert, domainError, type DomainError } from './errors.ts';
import type { Allocation, ShortLine } from './stock.types.ts';

export type AllocationChoice =
  /** Warehouse-major: every allocation of the first ranked warehouse, in demand order, then the next. */
  | { readonly kind: 'allocated'; readonly allocations: readonly Allocation[] }
  /** One line per component, in demand order (short or not). */
  | { readonly kind: 'insufficient'; readonly lines: readonly ShortLine[]; readonly split: boolean };

/**
 * Chooses the allocations of `demand` over `warehouses` (rank order), where
 * available[i][j] is what warehouses[i] has free of demand[j] (onHand −
 * reserved − committed; a negative value counts as 0).
 */
export function chooseAllocation(
  warehouses: readonly string[],
  demand: readonly Demand[],
  available: readonly (readonly number[])[],
  allowSplit: boolean,
): AllocationChoice {
  assert(available.length === warehouses.length && available.every((row) => row.length === demand.length),
    'available is a warehouses x demand matrix');
  const free = available.map((row) => row.map((a) => Math.max(a, 0)));
  const whole = free.findIndex((row) => row.every((a, j) => a >= demand[j]!.qty));
  const take = whole >= 0 ? wholeTake(free, demand, whole) : allowSplit ? splitTake(free, demand) : null;
  if (take === null) return { kind: 'insufficient', lines: linesOf(free, demand, allowSplit), split: allowSplit };
  const allocations: Allocation[] = [];
  warehouses.forEach((warehouse, i) => demand.forEach((d, j) => {
    const qty = take[i]![j]!;
    if (qty > 0) allocations.push({ warehouse, sku: d.sku, qty });
  }));
  return { kind: 'allocated', allocations };
}

/** take[i][j]: everything from warehouse `whole`. */
function wholeTake(free: number[][], demand: readonly Demand[], whole: number): number[][] {
  return free.map((_, i) => demand.map((d) => (i === whole ? d.qty : 0)));
}

/** take[i][j]: each component greedily along the ranking; null when one falls short. */
function splitTake(free: number[][], demand: readonly Demand[]): number[][] | null {
  const take = free.map(() => demand.map(() => 0));
  for (let j = 0; j < demand.length; j++) {
    let left = demand[j]!.qty;
    for (let i = 0; i < free.length && left > 0; i++) {
      const n = Math.min(left, free[i]![j]!);
      take[i]![j] = n;
      left -= n;
    }
    if (left > 0) return null;
  }
  return take;
}

function linesOf(free: number[][], demand: readonly Demand[], split: boolean): ShortLine[] {
  return demand.map((d, j) => {
    const per = free.map((row) => row[j]!);
    return { sku: d.sku, requested: d.qty, available: split ? per.reduce((a, b) => a + b, 0) : Math.max(0, ...per) };
  });
}

/**
 * The error of an insufficient choice: the lines that are short, or, when
 * every component is there but no single warehouse holds the whole cart
 * (and split was not allowed), every line with a hint to split.
 */
export function insufficientError(lines: readonly ShortLine[], split: boolean): DomainError {
  const short = lines.filter((l) => l.requested > l.available);
  if (short.length > 0) {
    return domainError('STOCK_INSUFFICIENT', `not enough stock for ${short.map((l) => l.sku).join(', ')}`, { lines: short, split });
  }
  return domainError('STOCK_INSUFFICIENT', 'no single warehouse holds the whole cart; retry with allowSplit to split it across warehouses',
    { lines: [...lines], split });
}
