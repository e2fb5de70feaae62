// serve() tells whether a 2xx is durable: Redis appendonly/appendfsync (at
// start and after every reconnect) and PostgreSQL fsync/synchronous_commit (at
// start), as a log line and the pallet_redis_durable / pallet_postgres_durable
// gauges; with PALLET_REQUIRE_DURABLE=1 it refuses to serve on settings that
// are not durable. Against the shared services (whose Redis runs without AOF
// on this machine) and a private Redis with AOF on (appendfsync always).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurabilityRequiredError } from '../../src/app/durability.service.ts';
import { deleteTopology, topology } from '../../src/adapters/nats/topology.ts';
import { readPostgresPersistence } from '../../src/adapters/postgres/durability.ts';
import { readRedisPersistence } from '../../src/adapters/redis/durability.ts';
import { namespacePattern } from '../../src/adapters/redis/keys.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, serve, type Runtime } from '../../src/main.ts';
import { freePort, PrivateRedis, Proc, rmDir, tempDir, waitFor } from '../faults/servers.ts';
import { deleteMatching, randomNamespace, redisUrl } from '../helpers/redis.ts';

type Line = { level: number; msg: string; store?: string; durable?: boolean; settings?: Record<string, string> };
type Served = Awaited<ReturnType<typeof serve>>;

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A runtime on the given Redis, logging at info into `lines`. */
async function runtime(env: Record<string, string>, lines: Line[]): Promise<Runtime> {
  const config = loadConfig({
    ...process.env, PALLET_NAMESPACE: randomNamespace('durable'), PALLET_ADMIN_KEY: `op_${randomBytes(24).toString('base64url')}`,
    PALLET_HTTP_HOST: '127.0.0.1', PALLET_HTTP_PORT: '0', PALLET_METRICS_PORT: 'off', ...env,
  });
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
  return buildRuntime(config, { log });
}

async function cleanup(rt: Runtime | null, server: Served | null): Promise<void> {
  await server?.stop();
  if (rt === null) return;
  try {
    await deleteTopology(await rt.nats.jsm(), rt.config.namespace);
    await deleteMatching(rt.redis.next(), namespacePattern(rt.config.namespace));
  } finally {
    await rt.close();
  }
}

const gauge = async (rt: Runtime, name: string): Promise<string[]> =>
  (await rt.metrics.registry.getSingleMetricAsString(name)).split('\n').filter((l) => l.startsWith(`${name}{`));

/** The shared Redis's real settings, asked directly: what serve() must report. */
async function sharedRedisSettings(): Promise<{ appendonly: string; appendfsync: string }> {
  const r = new Redis(redisUrl);
  try {
    const [, appendonly] = (await r.config('GET', 'appendonly')) as string[];
    const [, appendfsync] = (await r.config('GET', 'appendfsync')) as string[];
    return { appendonly: appendonly!, appendfsync: appendfsync! };
  } finally {
    r.disconnect();
  }
}

const shared = await sharedRedisSettings();

describe('on the shared services (Redis without AOF here)', () => {
  const lines: Line[] = [];
  let rt: Runtime | null = null;
  let server: Served | null = null;

  beforeAll(async () => {
    rt = await runtime({ REDIS_URL: redisUrl }, lines);
    server = await serve(rt, ['api']);
  }, 30_000);
  afterAll(() => cleanup(rt, server));

  it.runIf(shared.appendonly === 'no')('warns at start that a 2xx is not durable, naming appendonly=no, and serves anyway', async () => {
    const warn = lines.filter((l) => l.store === 'redis');
    expect(warn).toEqual([expect.objectContaining({ level: 40, durable: false })]);
    expect(warn[0]!.msg).toMatch(/^a 2xx is NOT durable — redis appendonly=no: .*restart loses.* — serving anyway \(PALLET_REQUIRE_DURABLE=0\)$/);
    expect(warn[0]).toMatchObject({ settings: { appendonly: 'no', appendfsync: shared.appendfsync } });
    expect((await fetch(`${server!.url}/readyz`)).status).toBe(200);
  });

  it('exports the Redis settings it found as pallet_redis_durable', async () => {
    const durable = shared.appendonly === 'yes' && ['always', 'everysec'].includes(shared.appendfsync) ? 1 : 0;
    expect(await gauge(rt!, 'pallet_redis_durable')).toEqual([`pallet_redis_durable{appendonly="${shared.appendonly}",appendfsync="${shared.appendfsync}"} ${durable}`]);
  });

  it('exports PostgreSQL fsync and synchronous_commit as pallet_postgres_durable and logs them', async () => {
    const [row] = await rt!.sql<{ fsync: string; sc: string }[]>`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc`;
    const durable = row!.fsync === 'on' && row!.sc !== 'off' ? 1 : 0;
    expect(await gauge(rt!, 'pallet_postgres_durable')).toEqual([`pallet_postgres_durable{fsync="${row!.fsync}",synchronous_commit="${row!.sc}"} ${durable}`]);
    expect(lines.filter((l) => l.store === 'postgres').map((l) => l.msg)).toEqual([expect.stringContaining(`postgres fsync=${row!.fsync} synchronous_commit=${row!.sc}`)]);
  });
});

describe('PALLET_REQUIRE_DURABLE=1 on the shared Redis without AOF', () => {
  const lines: Line[] = [];
  let rt: Runtime | null = null;

  beforeAll(async () => {
    rt = await runtime({ REDIS_URL: redisUrl, PALLET_REQUIRE_DURABLE: '1' }, lines);
  }, 30_000);
  afterAll(() => cleanup(rt, null));

  it.runIf(shared.appendonly === 'no')('refuses to serve, naming every setting that is not durable, before any role starts', async () => {
    const err = await serve(rt!, ['api']).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DurabilityRequiredError);
    const message = (err as Error).message;
    expect(message).toMatch(/^PALLET_REQUIRE_DURABLE=1 and a 2xx would not be durable:\n {2}redis appendonly=no: /);
    expect(message).not.toContain('postgres');
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, store: 'redis', msg: expect.stringContaining('refusing to serve') }));
    // Nothing was set up: not even the namespace's JetStream stream.
    const jsm = await rt!.nats.jsm();
    await expect(jsm.streams.info(topology(rt!.config.namespace).eventsStream)).rejects.toThrow(/stream not found/i);
  });
});

describe('on a private Redis with appendonly yes, appendfsync always', () => {
  const lines: Line[] = [];
  let redis: PrivateRedis | null = null;
  let rt: Runtime | null = null;
  let server: Served | null = null;

  beforeAll(async () => {
    redis = await PrivateRedis.create(true);
    rt = await runtime({ REDIS_URL: redis.url, PALLET_REQUIRE_DURABLE: '1' }, lines);
    server = await serve(rt, ['api']);
  }, 30_000);
  afterAll(async () => {
    try {
      await cleanup(rt, server);
    } finally {
      await redis?.proc.stop(); // by PID
      if (redis !== null) rmDir(redis.dir);
    }
  });

  it('reports it durable and serves with PALLET_REQUIRE_DURABLE=1', async () => {
    expect(await gauge(rt!, 'pallet_redis_durable')).toEqual(['pallet_redis_durable{appendonly="yes",appendfsync="always"} 1']);
    expect(lines.filter((l) => l.store === 'redis')).toEqual([
      expect.objectContaining({ level: 30, durable: true, msg: 'redis appendonly=yes appendfsync=always: a 2xx is durable' }),
    ]);
    const ready = await fetch(`${server!.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, boolean> }).checks).toMatchObject({ redis: true, postgres: true, durable: true });
  });

  it('checks again after a reconnect: AOF turned off shows in the gauge, the log and /readyz', async () => {
    const admin = new Redis(redis!.url);
    try {
      await admin.config('SET', 'appendonly', 'no');
      // Drops every other client (SKIPME yes by default): the runtime's connections reconnect.
      await admin.client('KILL', 'TYPE', 'normal');
    } finally {
      admin.disconnect();
    }
    await waitFor('gauge after reconnect', async () =>
      (await gauge(rt!, 'pallet_redis_durable'))[0] === 'pallet_redis_durable{appendonly="no",appendfsync="always"} 0', 10_000, 50);
    expect(lines.filter((l) => l.store === 'redis').at(-1)).toMatchObject({
      level: 50, durable: false, msg: expect.stringMatching(/^a 2xx is NOT durable — redis appendonly=no: .* — PALLET_REQUIRE_DURABLE=1: \/readyz fails until it is durable again$/),
      settings: { appendonly: 'no', appendfsync: 'always' },
    });
    const ready = await fetch(`${server!.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: Record<string, boolean> }).checks).toMatchObject({ redis: true, durable: false });
  });
});

describe('readRedisPersistence', () => {
  it('reports unknown, saying why, on a Redis whose CONFIG command is disabled', async () => {
    const port = await freePort();
    const dir = tempDir('redis-noconfig');
    const proc = new Proc('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
      '--rename-command', 'CONFIG', '', '--daemonize', 'no', '--logfile', ''], { logFile: `${dir}/redis.log` });
    proc.start();
    const client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 50 });
    try {
      await waitFor('redis without CONFIG', async () => (await client.ping()) === 'PONG', 10_000, 50);
      expect(await readRedisPersistence(client)).toEqual({
        appendonly: null, appendfsync: null, unknownReason: expect.stringMatching(/^CONFIG GET failed: ERR unknown command 'config'/i),
      });
    } finally {
      client.disconnect();
      await proc.stop(); // by PID
      rmDir(dir);
    }
  });
});

describe('readPostgresPersistence', () => {
  it('reads the session the process uses: synchronous_commit=off set for the connection is seen and judged', async () => {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { synchronous_commit: 'off' } });
    try {
      expect(await readPostgresPersistence(sql)).toEqual({ fsync: 'on', synchronousCommit: 'off' });
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('reports unknown with the reason when PostgreSQL does not answer', async () => {
    const sql = postgres('postgres://postgres@127.0.0.1:1/postgres', { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const s = await readPostgresPersistence(sql);
      expect(s).toMatchObject({ fsync: null, synchronousCommit: null, unknownReason: expect.stringMatching(/^SHOW failed: /) });
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
