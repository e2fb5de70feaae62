// The benchmark catalog and the request each scenario sends. Pure: no I/O.
// The same catalog is seeded into Pallet (over its API) and into the
// PostgreSQL baseline, and the same bodies are sent to both.

import type { ScenarioName } from './config.ts';

export interface BenchWarehouse {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  /** Lower is preferred. */
  readonly priority: number;
}

export interface BenchBundle {
  readonly sku: string;
  readonly components: readonly { readonly sku: string; readonly qty: number }[];
}

export interface BenchCatalog {
  readonly tenant: string;
  readonly warehouses: readonly BenchWarehouse[];
  /** Every plain SKU, stocked in every warehouse (random picks, bundle components, the hot SKU). */
  readonly skus: readonly string[];
  /** SKUs the random scenarios pick from: the plain SKUs that are not bundle components. */
  readonly randomSkus: readonly string[];
  readonly bundles: readonly BenchBundle[];
  readonly hotSku: string;
  /** The one stock cell every `hot` request reserves from. */
  readonly hotWarehouse: string;
  readonly onHand: number;
  readonly safetyStock: number;
}

/** Pallet's `onHandMax` default; at 20,000 reservations/s it lasts ~14 hours. */
export const onHandPerCell = 1_000_000_000;

const bundleComponentCount = 5;

export function buildCatalog(skuCount: number): BenchCatalog {
  if (!Number.isSafeInteger(skuCount) || skuCount < bundleComponentCount * 2) {
    throw new RangeError(`skuCount ${skuCount}: need at least ${bundleComponentCount * 2}`);
  }
  const width = String(skuCount - 1).length;
  const skus = Array.from({ length: skuCount }, (_, i) => `sku-${String(i).padStart(width, '0')}`);
  const component = (i: number): string => skus[skuCount - bundleComponentCount + i] as string;
  const bundles: BenchBundle[] = [
    { sku: 'bundle-a', components: [{ sku: component(0), qty: 1 }, { sku: component(1), qty: 2 }] },
    { sku: 'bundle-b', components: [{ sku: component(2), qty: 1 }, { sku: component(3), qty: 1 }, { sku: component(4), qty: 1 }] },
  ];
  const hotSku = 'sku-hot';
  return Object.freeze({
    tenant: 'bench',
    warehouses: [
      { id: 'wh-zj', name: 'Hangzhou', region: 'CN-ZJ', priority: 1 },
      { id: 'wh-gd', name: 'Guangzhou', region: 'CN-GD', priority: 2 },
      { id: 'wh-bj', name: 'Beijing', region: 'CN-BJ', priority: 3 },
    ],
    skus: [...skus, hotSku],
    randomSkus: skus.slice(0, skuCount - bundleComponentCount),
    bundles,
    hotSku,
    hotWarehouse: 'wh-zj',
    onHand: onHandPerCell,
    safetyStock: 0,
  });
}

/** mulberry32: small, fast, seedable; good enough to pick SKUs. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

/** Builds the JSON body of one reservation request of a scenario. */
export type BodyBuilder = () => string;

const cartRandomLines = 4;

export function bodyBuilder(scenario: ScenarioName, catalog: BenchCatalog, random: () => number): BodyBuilder {
  const regions = catalog.warehouses.map((w) => w.region);
  switch (scenario) {
    case 'single':
    case 'e2e':
      return () =>
        `{"lines":[{"sku":"${pick(catalog.randomSkus, random)}","qty":1}],"region":"${pick(regions, random)}"}`;
    case 'cart5':
      return () => {
        const lines = distinctPicks(catalog.randomSkus, cartRandomLines, random).map((sku) => ({ sku, qty: 1 }));
        lines.push({ sku: pick(catalog.bundles, random).sku, qty: 1 });
        return JSON.stringify({ lines, region: pick(regions, random) });
      };
    case 'hot': {
      const body = JSON.stringify({ lines: [{ sku: catalog.hotSku, qty: 1 }], warehouse: catalog.hotWarehouse });
      return () => body;
    }
  }
}

function distinctPicks(items: readonly string[], count: number, random: () => number): string[] {
  if (count > items.length) throw new RangeError(`cannot pick ${count} distinct of ${items.length}`);
  const picked: string[] = [];
  for (let attempts = 0; picked.length < count; attempts++) {
    if (attempts > count * 100) throw new Error('distinctPicks: random source looks stuck');
    const item = pick(items, random);
    if (!picked.includes(item)) picked.push(item);
  }
  return picked;
}

export const scenarioDescriptions: Readonly<Record<ScenarioName, string>> = {
  single: '1 line, random SKU, qty 1, random region',
  cart5: '4 random SKUs + 1 bundle, qty 1 each, random region',
  hot: 'qty 1 of one hot SKU in one warehouse',
  e2e: 'single-line reserves, each 201 followed by a signed payment callback (succeeded); lag = 201 → confirmed in PostgreSQL; own server with relay, projector, payments, api, sweeper',
};
