// The bare reserve server: the calibration of the box (bench/README.md).
// What a reserve path costs on this machine with nothing of Pallet on top:
// Fastify, one ioredis connection with auto-pipelining, one process, one Lua
// script (reserveBare-5.lua: idempotency GET/SET, stock check and HINCRBY on
// one cell, reservation HSET, expiry ZADD, XADD to an outbox stream).
// `npm run bench` measures it first and prints Pallet's figures as a ratio of
// its own, measured in the same run. Not a product: one warehouse, one line
// per reservation, a static API key, no events beyond the stream entry.
//
//   BARE_PREFIX=benchbare_x BARE_PORT=3901 BARE_API_KEY=devkeydevkeydevkey npx tsx bench/bare/server.ts
//
// Env: REDIS_URL, BARE_PREFIX (Redis key prefix, [a-z][a-z0-9_]*; its keys are
// seeded at start and deleted at exit unless BARE_KEEP_KEYS=1), BARE_HOST
// (127.0.0.1), BARE_PORT, BARE_API_KEY (16+ chars), BARE_SKUS (1000),
// BARE_WAREHOUSE (wh-zj), BARE_ON_HAND (1e9), BARE_TTL_SECONDS (900),
// BARE_IDEMPOTENCY_TTL_SECONDS (86400), BARE_OUTBOX_LEN_MAX (1000000).
// POST /v1/reservations {lines:[{sku,qty}],region?} + Idempotency-Key → 201
// {id,status,createdAt,expiresAt,allocations}; 200 with the stored answer on a
// replay; 409 STOCK_INSUFFICIENT; 422 SKU_UNKNOWN. GET /readyz → 200.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { intEnv } from '../lib/env.ts';

interface BareConfig {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly host: string;
  readonly port: number;
  readonly apiKey: string;
  readonly skuCount: number;
  readonly warehouse: string;
  readonly onHand: number;
  readonly ttlSeconds: number;
  readonly idempotencyTtlSeconds: number;
  readonly outboxLenMax: number;
  readonly keepKeys: boolean;
}

type ReserveReply = [code: 0 | 1 | 2 | 3, payload: string];

interface BareRedis extends Redis {
  reserveBare(k1: string, k2: string, k3: string, k4: string, k5: string, ...argv: (string | number)[]): Promise<ReserveReply>;
}

const seedChunkCells = 500;
const scanCount = 1_000;
const scanRoundsMax = 100_000;

function loadConfig(): BareConfig {
  const prefix = process.env.BARE_PREFIX ?? '';
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(prefix)) throw new Error(`BARE_PREFIX=${JSON.stringify(prefix)}: must match [a-z][a-z0-9_]{0,62}`);
  const apiKey = process.env.BARE_API_KEY ?? '';
  if (apiKey.length < 16) throw new Error('BARE_API_KEY: must be at least 16 characters');
  return Object.freeze({
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    prefix,
    host: process.env.BARE_HOST || '127.0.0.1',
    port: intEnv('BARE_PORT', 3901, 1, 65_535),
    apiKey,
    skuCount: intEnv('BARE_SKUS', 1_000, 1, 100_000),
    warehouse: process.env.BARE_WAREHOUSE || 'wh-zj',
    onHand: intEnv('BARE_ON_HAND', 1_000_000_000, 0, 1_000_000_000),
    ttlSeconds: intEnv('BARE_TTL_SECONDS', 900, 1, 86_400),
    idempotencyTtlSeconds: intEnv('BARE_IDEMPOTENCY_TTL_SECONDS', 86_400, 1, 604_800),
    outboxLenMax: intEnv('BARE_OUTBOX_LEN_MAX', 1_000_000, 1_000, 100_000_000),
    keepKeys: process.env.BARE_KEEP_KEYS === '1',
  });
}

/** sku-000 … sku-999: the names bench/lib/scenarios.ts uses. */
function skuName(i: number, skuCount: number): string {
  return `sku-${String(i).padStart(String(skuCount - 1).length, '0')}`;
}

async function seed(redis: Redis, config: BareConfig, keyOf: (suffix: string) => string): Promise<void> {
  for (let start = 0; start < config.skuCount; start += seedChunkCells) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(start + seedChunkCells, config.skuCount); i++) {
      pipeline.hset(keyOf(`cell:${config.warehouse}:${skuName(i, config.skuCount)}`), 'onHand', config.onHand, 'reserved', 0);
    }
    await pipeline.exec();
  }
}

/** SCAN + UNLINK every key of the prefix; returns how many were deleted. */
async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  for (let round = 0; round < scanRoundsMax; round++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', scanCount);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return deleted;
}

const bodySchema = {
  type: 'object',
  required: ['lines'],
  additionalProperties: false,
  properties: {
    lines: {
      type: 'array', minItems: 1, maxItems: 1,
      items: {
        type: 'object', required: ['sku', 'qty'], additionalProperties: false,
        properties: { sku: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' }, qty: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
      },
    },
    region: { type: 'string', pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$' },
  },
} as const;
const headersSchema = {
  type: 'object',
  required: ['idempotency-key'],
  properties: { 'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' } },
} as const;

interface ReserveBody {
  readonly lines: readonly [{ readonly sku: string; readonly qty: number }];
  readonly region?: string;
}

const problem = (code: string, title: string): string => JSON.stringify({ type: 'about:blank', title, code });

function buildBareApp(redis: BareRedis, config: BareConfig, keyOf: (suffix: string) => string): FastifyInstance {
  const app = Fastify({ logger: false });
  const bearer = `Bearer ${config.apiKey}`;
  const expiryKey = keyOf('expiry');
  const outboxKey = keyOf('outbox');
  app.get('/readyz', async () => ({ ready: true }));
  app.post<{ Body: ReserveBody; Headers: { 'idempotency-key': string } }>('/v1/reservations', { schema: { body: bodySchema, headers: headersSchema } }, async (request, reply) => {
    if (request.headers.authorization !== bearer) return reply.code(401).type('application/problem+json').send(problem('UNAUTHENTICATED', 'Unauthenticated'));
    const [line] = request.body.lines;
    const id = randomUUID();
    const nowMs = Date.now();
    const expiresAtMs = nowMs + config.ttlSeconds * 1_000;
    const answer = JSON.stringify({
      id, status: 'held', createdAt: new Date(nowMs).toISOString(), expiresAt: new Date(expiresAtMs).toISOString(),
      allocations: [{ warehouse: config.warehouse, sku: line.sku, qty: line.qty }],
    });
    const [code, payload] = await redis.reserveBare(
      keyOf(`idem:${request.headers['idempotency-key']}`), keyOf(`cell:${config.warehouse}:${line.sku}`), keyOf(`res:${id}`), expiryKey, outboxKey,
      id, line.sku, line.qty, config.warehouse, expiresAtMs, config.idempotencyTtlSeconds, config.outboxLenMax, answer,
    );
    switch (code) {
      case 0: return reply.code(201).type('application/json; charset=utf-8').send(payload);
      case 1: return reply.code(200).type('application/json; charset=utf-8').send(payload);
      case 2: return reply.code(409).type('application/problem+json').send(problem('STOCK_INSUFFICIENT', `only ${payload} available`));
      case 3: return reply.code(422).type('application/problem+json').send(problem('SKU_UNKNOWN', `no stock cell for ${line.sku}`));
    }
  });
  return app;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const redis = new Redis(config.redisUrl, { enableAutoPipelining: true, maxRetriesPerRequest: 2 }) as BareRedis;
  redis.defineCommand('reserveBare', { numberOfKeys: 5, lua: readFileSync(new URL('./reserveBare-5.lua', import.meta.url), 'utf8') });
  const keyOf = (suffix: string): string => `${config.prefix}:{b}:${suffix}`;
  await seed(redis, config, keyOf);
  const app = buildBareApp(redis, config, keyOf);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await app.close();
      if (!config.keepKeys) console.log(`bare: ${signal}: deleted ${await deleteKeys(redis, config.prefix)} keys of ${config.prefix}`);
      await redis.quit();
      process.exit(0);
    } catch (err) {
      console.error(`bare: cleanup after ${signal} failed:`, err);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    if (!config.keepKeys) await deleteKeys(redis, config.prefix);
    throw err;
  }
  console.log(`bare: serving http://${config.host}:${config.port} (${config.skuCount} SKUs in ${config.warehouse}, keys ${config.prefix}:*)`);
}

main().catch((err: unknown) => {
  console.error('bare:', err);
  process.exit(1);
});
