// What stock snapshots take from the catalog: warehouse and SKU names, and the
// bundles with the stocked SKUs one unit of each takes. Deltas carry none.
import { expandLines } from '../../core/bundle.rules.ts';
import { isBundle, type Catalog } from '../../core/catalog.types.ts';
import type { BundleView, Named, StockData, TopicData } from './board.types.ts';
import { needsNames, type Topic } from './topics.ts';

export interface Names { readonly warehouses: readonly Named[]; readonly skus: readonly Named[]; readonly bundles: readonly BundleView[] }

export const noNames: Names = Object.freeze({ warehouses: [], skus: [], bundles: [] });

/** The largest PALLET_BUNDLE_DEPTH_MAX: the catalog was checked against the configured depth when written. */
const bundleDepthMax = 10;

/** A topic's snapshot data with the names it shows (stock topics; a SKU's topic only its own). */
export function withNames(topic: Topic, data: TopicData, names: Names): TopicData {
  if (!needsNames(topic.kind)) return data;
  const stock = data as StockData;
  if (topic.kind === 'stockAll') return { cells: stock.cells, warehouses: names.warehouses, skus: names.skus, bundles: names.bundles };
  const skus = names.skus.filter((s) => s.id === topic.sku);
  return { cells: stock.cells, warehouses: names.warehouses, skus, bundles: names.bundles.filter((b) => b.sku === topic.sku) };
}

export function namesOfCatalog(c: Catalog | null): Names {
  if (c === null) return noNames;
  const byId = (a: Named, b: Named): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    warehouses: [...c.warehouses.values()].map((w) => ({ id: w.id, name: w.name })).sort(byId),
    skus: [...c.skus.values()].map((s) => ({ id: s.sku, name: s.name })).sort(byId),
    bundles: bundlesOf(c),
  };
}

/** Every bundle with the stocked SKUs one unit takes (as the reserve path expands it), by SKU. */
function bundlesOf(c: Catalog): BundleView[] {
  const out: BundleView[] = [];
  for (const s of c.skus.values()) {
    if (!isBundle(s)) continue;
    const leaves = expandLines([{ sku: s.sku, qty: 1 }], c.skus, bundleDepthMax, Number.MAX_SAFE_INTEGER);
    out.push({ sku: s.sku, components: leaves.ok ? leaves.value : [] });
  }
  return out.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
