// Test harness for the Redis stock engine against the real Redis: a random
// namespace per harness, pools and engines that share it, a full dump of the
// namespace (for "nothing written" checks) and cleanup by SCAN + UNLINK of
// `<namespace>:*`. Never FLUSHALL / FLUSHDB: the Redis is shared.

import { randomBytes } from 'node:crypto';
import { isCluster, RedisPool, scanTargets, type RedisClient } from '../../src/adapters/redis/connection.ts';
import { namespacePattern, TenantKeys } from '../../src/adapters/redis/keys.ts';
import { RedisStockEngine, type EngineOptions } from '../../src/adapters/redis/stock.engine.ts';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const scanCountMax = 500;

export const defaultEngineOptions = (namespace: string): EngineOptions => ({
  namespace,
  outboxLengthMax: 1_000_000,
  reservationRetentionSeconds: 3_600,
  idempotencyTtlSeconds: 3_600,
  onHandMax: 1_000_000,
});

export const randomNamespace = (kind: string): string => `t_${kind}_${randomBytes(5).toString('hex')}`;

export interface StockHarness {
  readonly namespace: string;
  readonly pool: RedisPool;
  readonly engine: RedisStockEngine;
  readonly options: EngineOptions;
  /** A connection with every script registered (round-robin over the pool). */
  redis(): RedisClient;
  keys(tenant: string): TenantKeys;
  /** Another engine on the same namespace and pool, with some options changed (e.g. a tiny outbox). */
  engineWith(changes: Partial<Omit<EngineOptions, 'namespace'>>): RedisStockEngine;
  /** Another pool of its own connections (closed by close()). */
  extraPool(connections: number): RedisPool;
  /** An engine on the same namespace over another pool (e.g. from extraPool). */
  engineOn(pool: RedisPool): RedisStockEngine;
  /** Deletes every key of the namespace; returns how many there were. */
  deleteKeys(): Promise<number>;
  /** Deletes every key of the namespace, checks none is left, closes every pool. */
  close(): Promise<void>;
}

export function createHarness(kind: string, opts: { connections?: number; engine?: Partial<EngineOptions> } = {}): StockHarness {
  const namespace = randomNamespace(kind);
  const pools: RedisPool[] = [];
  const newPool = (connections: number): RedisPool => {
    const pool = new RedisPool({ url: redisUrl, connections, commandTimeoutMs: 10_000 });
    pools.push(pool);
    return pool;
  };
  const pool = newPool(opts.connections ?? 2);
  const options: EngineOptions = { ...defaultEngineOptions(namespace), ...opts.engine, namespace };
  const engine = new RedisStockEngine(pool, options);
  const harness: StockHarness = {
    namespace, pool, engine, options,
    redis: () => pool.next(),
    keys: (tenant) => engine.keys(tenant),
    engineWith: (changes) => new RedisStockEngine(pool, { ...options, ...changes, namespace }),
    extraPool: newPool,
    engineOn: (other) => new RedisStockEngine(other, options),
    deleteKeys: () => deleteMatching(pool.next(), namespacePattern(namespace)),
    async close() {
      // Commands a test left in flight (a timed-out property run) may still land: delete until quiet.
      let left: string[] = [];
      for (let round = 0; round < 5; round++) {
        await harness.deleteKeys();
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = await scanKeys(pool.next(), namespacePattern(namespace));
        if (left.length === 0) break;
      }
      await Promise.all(pools.map((p) => p.close()));
      if (left.length > 0) throw new Error(`namespace ${namespace} still has ${left.length} keys after cleanup`);
    },
  };
  return harness;
}

/** Every key matching a pattern, by SCAN (bounded batches, never KEYS; on a cluster, on every master). */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const out: string[] = [];
  for (const node of await scanTargets(redis)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', scanCountMax);
      out.push(...batch);
      cursor = next;
    } while (cursor !== '0');
  }
  return [...new Set(out)].sort();
}

export async function deleteMatching(redis: RedisClient, pattern: string): Promise<number> {
  const keys = await scanKeys(redis, pattern);
  for (let i = 0; i < keys.length; i += scanCountMax) {
    const chunk = keys.slice(i, i + scanCountMax);
    // A cluster refuses a multi-key command across slots: one UNLINK per key (auto-pipelined).
    if (isCluster(redis)) await Promise.all(chunk.map((k) => redis.unlink(k)));
    else await redis.unlink(...chunk);
  }
  return keys.length;
}

export type KeyDump = Record<string, { type: string; ttl: 'none' | 'set'; value: unknown }>;

/**
 * Every key under a pattern with its type, value and whether it has a TTL.
 * Streams include their length and every entry, so an appended event shows.
 */
export async function dumpKeys(redis: RedisClient, pattern: string): Promise<KeyDump> {
  const keys = await scanKeys(redis, pattern);
  const meta = keys.length === 0 ? [] : await redis.pipeline(keys.flatMap((k) => [['type', k], ['pttl', k]])).exec();
  const out: KeyDump = {};
  await Promise.all(keys.map(async (key, i) => {
    const type = String(meta?.[2 * i]?.[1]);
    const ttl = Number(meta?.[2 * i + 1]?.[1]) > 0 ? 'set' : 'none';
    out[key] = { type, ttl, value: await valueOf(redis, key, type) };
  }));
  return Object.fromEntries(keys.map((k) => [k, out[k]!]));
}

async function valueOf(redis: RedisClient, key: string, type: string): Promise<unknown> {
  switch (type) {
    case 'string': return redis.get(key);
    case 'hash': return redis.hgetall(key);
    case 'zset': return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'set': return (await redis.smembers(key)).sort();
    case 'list': return redis.lrange(key, 0, -1);
    case 'stream': return { length: await redis.xlen(key), entries: await redis.xrange(key, '-', '+') };
    default: return `<${type}>`;
  }
}
