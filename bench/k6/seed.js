// @ts-check
// Seeds the benchmark catalog into Pallet through its API, once, and prints
// the tenant key to use as API_KEY for reserve.js.
//
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e ADMIN_KEY=<PALLET_ADMIN_KEY> bench/k6/seed.js
//
// Env: BASE_URL (http://127.0.0.1:3000), ADMIN_KEY (required), SKUS (1000).
// Creates tenant "bench" (or reuses it), a new tenant key with scopes
// checkout, admin, read, 3 warehouses (CN-ZJ, CN-GD, CN-BJ), SKUS plain SKUs
// plus "sku-hot", 2 bundles, and 1e9 on hand of every SKU in every warehouse.

import { buildCatalog, seed } from './lib/catalog.js';

const baseUrl = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const skuCount = Number(__ENV.SKUS || 1000);

/** @type {import('k6/options').Options} */
export const options = {
  // Seeding is several thousand calls; give it room.
  scenarios: { seed: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '10m' } },
};

export default function () {
  if (!__ENV.ADMIN_KEY) throw new Error('set ADMIN_KEY to the server\'s PALLET_ADMIN_KEY');
  const apiKey = seed(baseUrl, __ENV.ADMIN_KEY, buildCatalog(skuCount));
  console.log(`API_KEY=${apiKey}`);
}
