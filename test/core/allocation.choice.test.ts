// The warehouse choice, table-driven: whole cart first, else split along the
// ranking, else insufficient with what each line could get.
import { describe, expect, it } from 'vitest';
import { chooseAllocation, insufficientError } from '../../src/core/allocation.choice.ts';

const whs = ['A', 'B', 'C'];
const demand = [{ sku: 's1', qty: 4 }, { sku: 's2', qty: 2 }];

describe('chooseAllocation', () => {
  it.each([
    ['the first warehouse that holds the whole cart takes all of it', [[9, 1], [4, 2], [9, 9]], false,
      [['B', 's1', 4], ['B', 's2', 2]]],
    ['the whole-cart warehouse wins over a split even when split is allowed', [[3, 9], [1, 1], [4, 2]], true,
      [['C', 's1', 4], ['C', 's2', 2]]],
    ['with split, each component is taken greedily along the ranking (warehouse-major order)', [[3, 0], [0, 1], [1, 5]], true,
      [['A', 's1', 3], ['B', 's2', 1], ['C', 's1', 1], ['C', 's2', 1]]],
    ['negative availability counts as none', [[-2, 2], [4, 0], [0, 0]], true,
      [['A', 's2', 2], ['B', 's1', 4]]],
  ])('%s', (_name, available, split, expected) => {
    const out = chooseAllocation(whs, demand, available, split);
    expect(out).toEqual({ kind: 'allocated', allocations: expected.map(([warehouse, sku, qty]) => ({ warehouse, sku, qty })) });
  });

  it('without split, an insufficient cart reports per line the best single warehouse', () => {
    expect(chooseAllocation(whs, demand, [[3, 9], [1, 1], [-1, 0]], false)).toEqual({ kind: 'insufficient', split: false, lines: [
      { sku: 's1', requested: 4, available: 3 }, { sku: 's2', requested: 2, available: 9 },
    ] });
  });

  it('with split, an insufficient cart reports per line the sum over the warehouses', () => {
    expect(chooseAllocation(whs, demand, [[1, 9], [1, 1], [-5, 0]], true)).toEqual({ kind: 'insufficient', split: true, lines: [
      { sku: 's1', requested: 4, available: 2 }, { sku: 's2', requested: 2, available: 10 },
    ] });
  });

  it('refuses an availability matrix of the wrong shape', () => {
    expect(() => chooseAllocation(whs, demand, [[1, 1]], false)).toThrow(/matrix/);
  });
});

describe('insufficientError', () => {
  it('names only the short lines when some are short', () => {
    const e = insufficientError([{ sku: 's1', requested: 4, available: 3 }, { sku: 's2', requested: 2, available: 9 }], false);
    expect(e).toEqual({ code: 'STOCK_INSUFFICIENT', detail: 'not enough stock for s1', extra: { lines: [{ sku: 's1', requested: 4, available: 3 }], split: false } });
  });

  it('reports every line with a hint to split when each is there but no warehouse holds the cart', () => {
    const lines = [{ sku: 's1', requested: 1, available: 5 }, { sku: 's2', requested: 1, available: 5 }];
    const e = insufficientError(lines, false);
    expect(e.extra).toEqual({ lines, split: false });
    expect(e.detail).toMatch(/allowSplit/);
  });
});
