// Seeds the benchmark catalog into Pallet through its public HTTP API:
// tenant → tenant key → warehouses → SKUs → bundles → stock.

import { randomUUID } from 'node:crypto';
import { ApiError, forEachLimit, type JsonClient } from './http.ts';
import type { BenchCatalog } from './scenarios.ts';

export interface SeedReport {
  readonly apiKey: string;
  readonly requests: number;
  readonly seconds: number;
  /** Seconds per phase, e.g. "skus 2.1 s, stock 6.3 s". */
  readonly phases: string;
}

export async function seedPallet(
  client: JsonClient,
  adminKey: string,
  catalog: BenchCatalog,
  concurrency: number,
): Promise<SeedReport> {
  const started = performance.now();
  const phases: string[] = [];
  let phaseStarted = started;
  const phase = (name: string): void => {
    const now = performance.now();
    phases.push(`${name} ${((now - phaseStarted) / 1_000).toFixed(1)} s`);
    phaseStarted = now;
  };
  let requests = 0;
  const counted = async (fn: () => Promise<unknown>): Promise<void> => {
    await fn();
    requests++;
  };
  const t = encodeURIComponent(catalog.tenant);
  await counted(() => client.expect([200, 201], 'POST', '/v1/tenants', adminKey, { id: catalog.tenant, name: 'Benchmark tenant' }));
  const created = await client.expect([201], 'POST', `/v1/tenants/${t}/keys`, adminKey, { scopes: ['checkout', 'admin', 'read'] });
  requests++;
  const apiKey = (created.body as { key?: unknown }).key;
  if (typeof apiKey !== 'string' || apiKey === '') throw new ApiError(`POST /v1/tenants/${t}/keys (no key in answer)`, created.status, created.body);

  phase('tenant');
  for (const w of catalog.warehouses) {
    const body = { name: w.name, region: w.region, priority: w.priority };
    await counted(() => client.expect([200, 201], 'PUT', `/v1/warehouses/${encodeURIComponent(w.id)}`, apiKey, body));
  }
  phase('warehouses');
  await forEachLimit(catalog.skus, concurrency, (sku) =>
    counted(() => client.expect([200, 201], 'PUT', `/v1/skus/${encodeURIComponent(sku)}`, apiKey, { name: `Bench ${sku}` })),
  );
  for (const b of catalog.bundles) {
    const body = { name: `Bench ${b.sku}`, components: b.components };
    await counted(() => client.expect([200, 201], 'PUT', `/v1/skus/${encodeURIComponent(b.sku)}`, apiKey, body));
  }
  phase('skus');
  const cells = catalog.warehouses.flatMap((w) => catalog.skus.map((sku) => ({ warehouse: w.id, sku })));
  const stock = { onHand: catalog.onHand, safetyStock: catalog.safetyStock };
  await forEachLimit(cells, concurrency, (c) =>
    counted(() =>
      client.expect([200, 201], 'PUT', `/v1/stock/${encodeURIComponent(c.warehouse)}/${encodeURIComponent(c.sku)}`, apiKey, stock, {
        'idempotency-key': `seed-${randomUUID()}`,
      }),
    ),
  );
  phase('stock');
  return { apiKey, requests, seconds: (performance.now() - started) / 1_000, phases: phases.join(', ') };
}
