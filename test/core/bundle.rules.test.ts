import { describe, expect, it } from 'vitest';
import { checkBundle, expandLines } from '../../src/core/bundle.rules.ts';
import type { Sku } from '../../src/core/catalog.types.ts';

const catalog = (...items: [string, [string, number][]?][]): Map<string, Sku> =>
  new Map(items.map(([sku, comps]) => [sku, { sku, name: sku, components: (comps ?? []).map(([c, qty]) => ({ sku: c, qty })) }]));

const skus = catalog(['a'], ['b'], ['c'], ['kit', [['a', 1], ['b', 2]]], ['mega', [['kit', 2], ['c', 1]]]);

describe('expandLines', () => {
  it.each([
    ['plain lines pass through', [{ sku: 'a', qty: 3 }], [{ sku: 'a', qty: 3 }]],
    ['a bundle becomes its components by ratio', [{ sku: 'kit', qty: 2 }], [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 4 }]],
    ['components are summed across lines', [{ sku: 'b', qty: 1 }, { sku: 'kit', qty: 1 }, { sku: 'a', qty: 5 }], [{ sku: 'b', qty: 3 }, { sku: 'a', qty: 6 }]],
    ['nested bundles multiply', [{ sku: 'mega', qty: 3 }], [{ sku: 'a', qty: 6 }, { sku: 'b', qty: 12 }, { sku: 'c', qty: 3 }]],
  ])('%s', (_name, lines, expected) => {
    expect(expandLines(lines, skus, 3, 1_000)).toEqual({ ok: true, value: expected });
  });

  it('names every unknown sku', () => {
    const r = expandLines([{ sku: 'x', qty: 1 }, { sku: 'a', qty: 1 }, { sku: 'y', qty: 1 }], skus, 3, 1_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'UNKNOWN_SKU', extra: { skus: ['x', 'y'] } });
  });

  it('refuses a component total above the limit', () => {
    const r = expandLines([{ sku: 'kit', qty: 600 }], skus, 3, 1_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses nesting deeper than the limit', () => {
    const r = expandLines([{ sku: 'mega', qty: 1 }], skus, 1, 1_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BUNDLE_TOO_DEEP');
  });
});

describe('checkBundle', () => {
  it('accepts a new bundle of known plain skus', () => {
    expect(checkBundle('kit2', [{ sku: 'a', qty: 1 }, { sku: 'c', qty: 4 }], skus, 3)).toBeNull();
  });

  it.each([
    ['a bundle containing itself', 'kit', [{ sku: 'kit', qty: 1 }], 'BUNDLE_CYCLE'],
    ['a cycle through another bundle', 'kit', [{ sku: 'mega', qty: 1 }], 'BUNDLE_CYCLE'],
    ['an unknown component', 'kit3', [{ sku: 'nope', qty: 1 }], 'UNKNOWN_SKU'],
    ['a repeated component', 'kit3', [{ sku: 'a', qty: 1 }, { sku: 'a', qty: 2 }], 'BUNDLE_INVALID'],
  ])('refuses %s', (_name, sku, components, code) => {
    expect(checkBundle(sku, components, skus, 3)?.code).toBe(code);
  });

  it('refuses a change that makes an existing parent too deep', () => {
    // c becomes a bundle, so mega (which contains c) nests one level deeper.
    expect(checkBundle('c', [{ sku: 'a', qty: 1 }], skus, 2)).toBeNull();
    const deeper = catalog(['a'], ['b'], ['c', [['a', 1]]], ['kit', [['c', 1]]], ['mega', [['kit', 2]]]);
    expect(checkBundle('a', [{ sku: 'b', qty: 1 }], deeper, 3)?.code).toBe('BUNDLE_TOO_DEEP');
  });
});
