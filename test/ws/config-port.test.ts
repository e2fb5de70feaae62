// /dashboard/config.json tells the board page where the WebSocket listens:
// with PALLET_WS_PORT=0 (any free port) that is the port the ws role bound,
// not the configured 0. Runs serve() with the api and ws roles.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTopology } from '../../src/adapters/nats/topology.ts';
import { namespacePattern } from '../../src/adapters/redis/keys.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, serve, type Runtime } from '../../src/main.ts';
import { deleteMatching, randomNamespace } from '../helpers/redis.ts';

const namespace = randomNamespace('ws_port');
let rt: Runtime | null = null;
let server: Awaited<ReturnType<typeof serve>> | null = null;

beforeAll(async () => {
  const config = loadConfig({
    ...process.env, PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'silent', PALLET_ADMIN_KEY: `op_${randomBytes(24).toString('base64url')}`,
    PALLET_HTTP_HOST: '127.0.0.1', PALLET_HTTP_PORT: '0', PALLET_WS_PORT: '0',
  });
  rt = await buildRuntime(config);
  server = await serve(rt, ['ws', 'api']);
}, 30_000);

afterAll(async () => {
  await server?.stop();
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

describe('dashboard config', () => {
  it('answers the port the ws role listens on when PALLET_WS_PORT is 0', async () => {
    expect(server!.wsPort).toBeGreaterThan(0);
    const res = await fetch(`${server!.url}/dashboard/config.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ wsPort: server!.wsPort });
    // And the board's WebSocket server answers there.
    const health = await fetch(`http://127.0.0.1:${server!.wsPort}/healthz`);
    expect(await health.text()).toBe('ok');
  });
});
