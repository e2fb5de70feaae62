// @ts-check
// The benchmark catalog, request bodies and seeding, for the k6 scripts.
// Mirrors bench/lib/scenarios.ts (the Node harness): same tenant, warehouses,
// SKU ids, bundles and hot SKU, so both tools drive the same workload.

import http from 'k6/http';

/**
 * @typedef {{ id: string, name: string, region: string, priority: number }} Warehouse
 * @typedef {{ sku: string, qty: number }} Line
 * @typedef {{ sku: string, components: Line[] }} Bundle
 * @typedef {{
 *   tenant: string,
 *   warehouses: Warehouse[],
 *   skus: string[],
 *   randomSkus: string[],
 *   bundles: Bundle[],
 *   hotSku: string,
 *   hotWarehouse: string,
 *   onHand: number,
 * }} Catalog
 */

/** Pallet's default `onHandMax`; at 20,000 reservations/s it lasts ~14 hours. */
export const onHandPerCell = 1000000000;
const bundleComponentCount = 5;

/**
 * @param {number} skuCount plain SKUs (random picks + bundle components); the hot SKU comes on top
 * @returns {Catalog}
 */
export function buildCatalog(skuCount) {
  if (!Number.isInteger(skuCount) || skuCount < bundleComponentCount * 2) {
    throw new Error(`SKUS=${skuCount}: need an integer ≥ ${bundleComponentCount * 2}`);
  }
  const width = String(skuCount - 1).length;
  /** @type {string[]} */
  const skus = [];
  for (let i = 0; i < skuCount; i++) skus.push(`sku-${String(i).padStart(width, '0')}`);
  /** @param {number} i */
  const component = (i) => /** @type {string} */ (skus[skuCount - bundleComponentCount + i]);
  const hotSku = 'sku-hot';
  return {
    tenant: 'bench',
    warehouses: [
      { id: 'wh-zj', name: 'Hangzhou', region: 'CN-ZJ', priority: 1 },
      { id: 'wh-gd', name: 'Guangzhou', region: 'CN-GD', priority: 2 },
      { id: 'wh-bj', name: 'Beijing', region: 'CN-BJ', priority: 3 },
    ],
    skus: skus.concat([hotSku]),
    randomSkus: skus.slice(0, skuCount - bundleComponentCount),
    bundles: [
      { sku: 'bundle-a', components: [{ sku: component(0), qty: 1 }, { sku: component(1), qty: 2 }] },
      { sku: 'bundle-b', components: [{ sku: component(2), qty: 1 }, { sku: component(3), qty: 1 }, { sku: component(4), qty: 1 }] },
    ],
    hotSku,
    hotWarehouse: 'wh-zj',
    onHand: onHandPerCell,
  };
}

/**
 * @template T
 * @param {T[]} items
 * @returns {T}
 */
export function pick(items) {
  return /** @type {T} */ (items[Math.floor(Math.random() * items.length)]);
}

/** @param {Catalog} catalog */
export function singleBody(catalog) {
  return JSON.stringify({ lines: [{ sku: pick(catalog.randomSkus), qty: 1 }], region: pick(catalog.warehouses).region });
}

/** @param {Catalog} catalog */
export function cart5Body(catalog) {
  /** @type {Line[]} */
  const lines = [];
  while (lines.length < 4) {
    const sku = pick(catalog.randomSkus);
    if (!lines.some((l) => l.sku === sku)) lines.push({ sku, qty: 1 });
  }
  lines.push({ sku: pick(catalog.bundles).sku, qty: 1 });
  return JSON.stringify({ lines, region: pick(catalog.warehouses).region });
}

/** @param {Catalog} catalog */
export function hotBody(catalog) {
  return JSON.stringify({ lines: [{ sku: catalog.hotSku, qty: 1 }], warehouse: catalog.hotWarehouse });
}

/**
 * @param {string} key bearer key
 * @param {Record<string, string>} [extra]
 * @returns {Record<string, string>}
 */
export function jsonHeaders(key, extra = {}) {
  return Object.assign({ authorization: `Bearer ${key}`, 'content-type': 'application/json' }, extra);
}

/**
 * @param {import('k6/http').RefinedResponse<any>} res
 * @param {number[]} expected
 * @param {string} what
 */
function expectStatus(res, expected, what) {
  if (!expected.includes(res.status)) {
    throw new Error(`seed: ${what} → ${res.status}: ${String(res.body).slice(0, 500)}`);
  }
}

const seedBatchSize = 50;

/**
 * @param {import('k6/http').ObjectBatchRequest[]} requests
 * @param {string} what
 */
function batchAll(requests, what) {
  for (let i = 0; i < requests.length; i += seedBatchSize) {
    const responses = http.batch(requests.slice(i, i + seedBatchSize));
    responses.forEach((res, j) => expectStatus(res, [200, 201], `${what} #${i + j}`));
  }
}

/**
 * Seeds the catalog through Pallet's API: tenant, tenant key, warehouses,
 * SKUs, bundles, stock. Returns the tenant key (scopes checkout, admin, read).
 * @param {string} baseUrl
 * @param {string} adminKey operator key (PALLET_ADMIN_KEY of the server)
 * @param {Catalog} catalog
 * @returns {string}
 */
export function seed(baseUrl, adminKey, catalog) {
  const tags = { phase: 'seed' };
  const admin = { headers: jsonHeaders(adminKey), tags };
  const tenant = encodeURIComponent(catalog.tenant);
  expectStatus(http.post(`${baseUrl}/v1/tenants`, JSON.stringify({ id: catalog.tenant, name: 'Benchmark tenant' }), admin), [200, 201], 'create tenant');
  const created = http.post(`${baseUrl}/v1/tenants/${tenant}/keys`, JSON.stringify({ scopes: ['checkout', 'admin', 'read'] }), admin);
  expectStatus(created, [201], 'create tenant key');
  const apiKey = created.json('key');
  if (typeof apiKey !== 'string') throw new Error(`seed: no key in ${String(created.body)}`);
  const params = { headers: jsonHeaders(apiKey), tags };
  /** @type {(path: string, body: unknown) => import('k6/http').ObjectBatchRequest} */
  const put = (path, body) => ({ method: 'PUT', url: `${baseUrl}${path}`, body: JSON.stringify(body), params });
  batchAll(catalog.warehouses.map((w) => put(`/v1/warehouses/${w.id}`, { name: w.name, region: w.region, priority: w.priority })), 'warehouse');
  batchAll(catalog.skus.map((sku) => put(`/v1/skus/${sku}`, { name: `Bench ${sku}` })), 'sku');
  batchAll(catalog.bundles.map((b) => put(`/v1/skus/${b.sku}`, { name: `Bench ${b.sku}`, components: b.components })), 'bundle');
  /** @type {import('k6/http').ObjectBatchRequest[]} */
  const stock = [];
  for (const w of catalog.warehouses) {
    for (const sku of catalog.skus) stock.push(put(`/v1/stock/${w.id}/${sku}`, { onHand: catalog.onHand, safetyStock: 0 }));
  }
  batchAll(stock, 'stock');
  return apiKey;
}
