// Health, readiness, the API docs and unknown routes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/adapters/http/app.ts';
import { createHttpHarness, expectProblem, type HttpHarness } from '../helpers/http.ts';

let h: HttpHarness;

beforeAll(async () => {
  h = await createHttpHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('health', () => {
  it('/healthz answers ok without a key', async () => {
    const r = await h.call({ method: 'GET', url: '/healthz' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers ready with Redis and PostgreSQL up', async () => {
    const r = await h.call({ method: 'GET', url: '/readyz' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', checks: { redis: true, postgres: true, nats: true } });
  });

  it('/readyz answers 503 UNAVAILABLE naming the service that is down', async () => {
    const app = await buildApp({ ...h.rt.deps, ready: async () => ({ redis: false, postgres: true }) });
    try {
      const r = await app.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.headers['retry-after']).toBe('1');
      expect(r.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE', checks: { redis: false, postgres: true } });
      expect(r.json().detail).toContain('redis');
    } finally {
      await app.close();
    }
  });
});

describe('docs', () => {
  it('/docs serves the Swagger UI', async () => {
    const r = await h.call({ method: 'GET', url: '/docs' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('Swagger UI');
  });

  it('/docs/json lists every route with its methods and the bearer scheme', async () => {
    const r = await h.call({ method: 'GET', url: '/docs/json' });
    expect(r.status).toBe(200);
    const paths = r.body.paths as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    expect(routes).toEqual([
      'DELETE /v1/reservations/{id}',
      'DELETE /v1/tenants/{id}/keys/{keyId}',
      'GET /v1/alerts',
      'GET /v1/channels',
      'GET /v1/channels/{id}',
      'GET /v1/channels/{id}/dead-letters',
      'GET /v1/channels/{id}/imports',
      'GET /v1/channels/{id}/imports/{importId}',
      'GET /v1/hold-rules',
      'GET /v1/notifiers',
      'GET /v1/orders',
      'GET /v1/orders/{id}',
      'GET /v1/orders/{id}/amendments',
      'GET /v1/orders/{id}/audit',
      'GET /v1/orders/{id}/shipments',
      'GET /v1/orders/{id}/tasks',
      'GET /v1/orders/{id}/writebacks',
      'GET /v1/reservations/{id}',
      'GET /v1/reservations/{id}/history',
      'GET /v1/skus/{sku}',
      'GET /v1/sla',
      'GET /v1/stock',
      'GET /v1/stock/{sku}',
      'GET /v1/stock/{warehouse}/{sku}/ledger',
      'GET /v1/tenants/{id}/keys',
      'GET /v1/warehouses',
      'GET /v1/warehouses/{id}/qimen/held-stock-changes',
      'GET /v1/warehouses/{id}/qimen/inventory-drift',
      'GET /v1/warehouses/{id}/tasks',
      'GET /v1/warehouses/{id}/wms',
      'PATCH /v1/channels/{id}',
      'PATCH /v1/channels/{id}/writeback',
      'PATCH /v1/orders/{id}/address',
      'POST /v1/channels',
      'POST /v1/channels/{id}/dead-letters/{dlId}/replay',
      'POST /v1/channels/{id}/imports',
      'POST /v1/channels/{id}/orders',
      'POST /v1/dashboard/tokens',
      'POST /v1/labels',
      'POST /v1/notifiers',
      'POST /v1/orders',
      'POST /v1/orders/{id}/address-tokens',
      'POST /v1/orders/{id}/amendments/{aid}/ack',
      'POST /v1/orders/{id}/cancel',
      'POST /v1/orders/{id}/review',
      'POST /v1/payments/callbacks',
      'POST /v1/reservations',
      'POST /v1/reservations/{id}/confirm',
      'POST /v1/reservations/{id}/fulfil',
      'POST /v1/stock/{warehouse}/{sku}/adjustments',
      'POST /v1/tenants',
      'POST /v1/tenants/{id}/keys',
      'POST /v1/tenants/{id}/payment-secret',
      'POST /v1/warehouses/{id}/amendments/{aid}/ack',
      'POST /v1/warehouses/{id}/callbacks',
      'POST /v1/warehouses/{id}/qimen',
      'POST /v1/warehouses/{id}/qimen/entry-orders',
      'POST /v1/warehouses/{id}/qimen/held-stock-changes/{changeId}/approve',
      'POST /v1/warehouses/{id}/qimen/held-stock-changes/{changeId}/reject',
      'POST /v1/warehouses/{id}/tasks/{taskId}/ack',
      'POST /v1/warehouses/{id}/tasks/{taskId}/redeliver',
      'PUT /v1/hold-rules',
      'PUT /v1/skus/{sku}',
      'PUT /v1/sla',
      'PUT /v1/stock/{warehouse}/{sku}',
      'PUT /v1/warehouses/{id}',
      'PUT /v1/warehouses/{id}/wms',
    ]);
    expect(r.body.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });
});

describe('unknown routes', () => {
  it('answers 404 NOT_FOUND as problem+json for an unknown path or method', async () => {
    const path = await h.call({ method: 'GET', url: '/v1/nothing-here?x=1' });
    expectProblem(path, 404, 'NOT_FOUND');
    expect(path.body.detail).toBe('no route GET /v1/nothing-here');
    const method = await h.call({ method: 'PATCH', url: '/v1/reservations/abc', body: {} });
    expectProblem(method, 404, 'NOT_FOUND');
  });
});
