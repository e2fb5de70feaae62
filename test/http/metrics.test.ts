// Metrics name every tenant (outbox lengths, relay lag, payment journals), so
// the public API does not serve them: serve() exports them on a listener of
// their own, PALLET_METRICS_HOST:PALLET_METRICS_PORT (loopback, 9464 by
// default; `off` disables it).
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, startMetricsServer } from '../../src/adapters/metrics/metrics.ts';
import { deleteTopology } from '../../src/adapters/nats/topology.ts';
import { namespacePattern } from '../../src/adapters/redis/keys.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, runMigrations, serve, type Runtime } from '../../src/main.ts';
import { createHttpHarness, expectProblem, type HttpHarness } from '../helpers/http.ts';
import { deleteMatching, randomNamespace } from '../helpers/redis.ts';

describe('the API listener', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await createHttpHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 404 on /metrics, with or without the operator key', async () => {
    await h.tenant();
    expectProblem(await h.call({ method: 'GET', url: '/metrics' }), 404, 'NOT_FOUND');
    const r = await h.call({ method: 'GET', url: '/metrics', key: h.adminKey });
    expectProblem(r, 404, 'NOT_FOUND');
    expect(r.text).not.toContain('pallet_');
  });
});

describe('the metrics listener', () => {
  it('serves the registry at GET /metrics and nothing else', async () => {
    const metrics = createMetrics();
    metrics.outboxLength.set({ tenant: 'acme' }, 7);
    const server = await startMetricsServer(metrics.registry, { host: '127.0.0.1', port: 0 });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toContain('pallet_outbox_length{tenant="acme"} 7');
      expect(text).toContain('pallet_process_cpu_seconds_total');
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics/x`)).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('fails to start, loudly, when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startMetricsServer(createMetrics({ defaults: false }).registry, { host: '127.0.0.1', port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('is configured by PALLET_METRICS_HOST and PALLET_METRICS_PORT: loopback:9464 by default, 0 any free port, off none', () => {
    const base = loadConfig({});
    expect({ host: base.metricsHost, port: base.metricsPort }).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ PALLET_METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(loadConfig({ PALLET_METRICS_PORT: 'off' }).metricsPort).toBeNull();
    expect(loadConfig({ PALLET_METRICS_HOST: '0.0.0.0', PALLET_METRICS_PORT: '9100' })).toMatchObject({ metricsHost: '0.0.0.0', metricsPort: 9100 });
    expect(() => loadConfig({ PALLET_METRICS_PORT: '-1' })).toThrow(/PALLET_METRICS_PORT/);
    expect(() => loadConfig({ PALLET_METRICS_PORT: 'no' })).toThrow(/PALLET_METRICS_PORT/);
  });
});

describe('serve()', () => {
  const namespace = randomNamespace('metrics');
  let rt: Runtime | null = null;

  beforeAll(async () => {
    const config = loadConfig({
      ...process.env, PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'silent', PALLET_ADMIN_KEY: `op_${randomBytes(24).toString('base64url')}`,
      PALLET_HTTP_HOST: '127.0.0.1', PALLET_HTTP_PORT: '0', PALLET_METRICS_HOST: '127.0.0.1', PALLET_METRICS_PORT: '0',
    });
    rt = await buildRuntime(config);
    await runMigrations(rt);
  }, 30_000);

  afterAll(async () => {
    if (rt === null) return;
    const r = rt;
    try {
      await deleteTopology(await r.nats.jsm(), namespace);
      await r.sql`drop schema if exists ${r.sql(namespace)} cascade`;
      await deleteMatching(r.redis.next(), namespacePattern(namespace));
    } finally {
      await r.close();
    }
  });

  it('exports the process metrics on the metrics listener and not on the API', async () => {
    const server = await serve(rt!, ['api']);
    try {
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(server.metricsUrl).not.toContain(new URL(server.url!).port);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const api = await fetch(`${server.url}/metrics`);
      expect(api.status).toBe(404);
      expect(await api.text()).not.toContain('pallet_');
      const scraped = await (await fetch(server.metricsUrl!)).text();
      expect(scraped).toMatch(/^pallet_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+$/m);
    } finally {
      await server.stop();
    }
  });

  it('starts no metrics listener when PALLET_METRICS_PORT is off', async () => {
    const server = await serve({ ...rt!, config: { ...rt!.config, metricsPort: null } }, ['api']);
    try {
      expect(server.metricsUrl).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
