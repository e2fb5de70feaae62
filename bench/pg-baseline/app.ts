// The PostgreSQL row-lock baseline: the textbook way to reserve stock, to put
// Pallet's figures in context. POST /v1/reservations runs ONE transaction:
// per line `UPDATE stock … WHERE on_hand - reserved >= qty` (a row lock held
// until commit), then the reservation rows, then COMMIT; a short line rolls
// everything back and answers 409 STOCK_INSUFFICIENT. Same request and answer
// shapes as Pallet, so the same load generator drives both.

import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Sql, TxSql } from './schema.ts';

export interface BaselineDeps {
  readonly sql: Sql;
  readonly apiKey: string;
  readonly ttlSecondsDefault: number;
}

interface Warehouse {
  readonly id: string;
  readonly region: string;
  readonly priority: number;
}

interface Line {
  readonly sku: string;
  readonly qty: number;
}

interface ReserveBody {
  readonly lines: readonly Line[];
  readonly warehouse?: string;
  readonly region?: string;
  readonly allowSplit?: boolean;
  readonly ttlSeconds?: number;
}

interface SeedBody {
  readonly warehouses: readonly Warehouse[];
  readonly stock: readonly { readonly warehouse: string; readonly sku: string; readonly onHand: number }[];
}

const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } as const;
const linesMax = 100;
const seedRowsMax = 500_000;
const seedChunkRows = 5_000;
const seedBodyBytesMax = 64 * 1024 * 1024;

const reserveSchema = {
  headers: {
    type: 'object',
    required: ['idempotency-key'],
    properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
  },
  body: {
    type: 'object',
    required: ['lines'],
    additionalProperties: false,
    properties: {
      lines: {
        type: 'array',
        minItems: 1,
        maxItems: linesMax,
        items: {
          type: 'object',
          required: ['sku', 'qty'],
          additionalProperties: false,
          properties: { sku: id, qty: { type: 'integer', minimum: 1, maximum: 100_000 } },
        },
      },
      warehouse: id,
      region: { type: 'string', minLength: 1, maxLength: 16 },
      allowSplit: { type: 'boolean' },
      ttlSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
    },
  },
  response: {
    '2xx': {
      type: 'object',
      properties: {
        id: { type: 'string' },
        status: { type: 'string' },
        expiresAt: { type: 'string' },
        allocations: {
          type: 'array',
          items: { type: 'object', properties: { warehouse: { type: 'string' }, sku: { type: 'string' }, qty: { type: 'integer' } } },
        },
      },
    },
  },
} as const;

const seedSchema = {
  body: {
    type: 'object',
    required: ['warehouses', 'stock'],
    additionalProperties: false,
    properties: {
      warehouses: {
        type: 'array',
        minItems: 1,
        maxItems: 1_000,
        items: {
          type: 'object',
          required: ['id', 'region', 'priority'],
          additionalProperties: false,
          properties: { id, region: { type: 'string', minLength: 1, maxLength: 16 }, priority: { type: 'integer', minimum: 0 } },
        },
      },
      stock: {
        type: 'array',
        maxItems: seedRowsMax,
        items: {
          type: 'object',
          required: ['warehouse', 'sku', 'onHand'],
          additionalProperties: false,
          properties: { warehouse: id, sku: id, onHand: { type: 'integer', minimum: 0 } },
        },
      },
    },
  },
} as const;

/** A line no candidate warehouse can serve; thrown inside the transaction to roll it back. */
class StockShort extends Error {
  constructor(readonly line: Line) {
    super(`stock insufficient for ${line.sku}`);
  }
}

export function buildBaselineApp(deps: BaselineDeps): FastifyInstance {
  const app = Fastify({ logger: { level: 'warn' }, bodyLimit: 64 * 1024, requestTimeout: 30_000 });
  let warehouses: readonly Warehouse[] = [];
  const expectedAuth = Buffer.from(`Bearer ${deps.apiKey}`);

  app.addHook('onRequest', async (req, reply) => {
    if (req.url === '/readyz') return undefined;
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expectedAuth.length || !timingSafeEqual(given, expectedAuth)) {
      return problem(reply, 401, 'UNAUTHENTICATED', 'missing or wrong bearer key');
    }
    return undefined;
  });
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err.validation) return problem(reply, 400, 'VALIDATION_FAILED', err.message);
    if (err.statusCode !== undefined && err.statusCode < 500) return problem(reply, err.statusCode, err.code ?? 'BAD_REQUEST', err.message);
    app.log.error(err);
    return problem(reply, 500, 'INTERNAL', 'internal error');
  });

  app.get('/readyz', async () => {
    await deps.sql`select 1`;
    return { ready: true };
  });

  app.post<{ Body: SeedBody }>('/v1/admin/seed', { schema: seedSchema, bodyLimit: seedBodyBytesMax }, async (req) => {
    await seed(deps.sql, req.body);
    warehouses = [...req.body.warehouses];
    return { warehouses: req.body.warehouses.length, stock: req.body.stock.length };
  });

  app.post<{ Body: ReserveBody; Headers: { 'idempotency-key': string } }>(
    '/v1/reservations',
    { schema: reserveSchema },
    async (req, reply) => {
      const candidates = rankWarehouses(warehouses, req.body.warehouse, req.body.region);
      if (candidates.length === 0) return problem(reply, 422, 'WAREHOUSE_UNKNOWN', `no warehouse matches ${req.body.warehouse ?? req.body.region ?? '(any)'}`);
      const key = req.headers['idempotency-key'];
      const outcome = await reserve(deps.sql, key, req.body, candidates, req.body.ttlSeconds ?? deps.ttlSecondsDefault);
      if (outcome.kind === 'short') {
        return problem(reply, 409, 'STOCK_INSUFFICIENT', `not enough stock for ${outcome.line.sku}`, { sku: outcome.line.sku, qty: outcome.line.qty });
      }
      return reply.code(outcome.kind === 'created' ? 201 : 200).send(outcome.reservation);
    },
  );
  return app;
}

function problem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:pallet-bench:${code}`, title: code, status, code, detail, ...extra });
}

/** The named warehouse; else those of the region first, each group by priority. */
export function rankWarehouses(all: readonly Warehouse[], warehouse?: string, region?: string): string[] {
  if (warehouse !== undefined) return all.some((w) => w.id === warehouse) ? [warehouse] : [];
  const inRegion = (w: Warehouse): number => (region !== undefined && w.region === region ? 0 : 1);
  return [...all].sort((a, b) => inRegion(a) - inRegion(b) || a.priority - b.priority).map((w) => w.id);
}

interface Reservation {
  readonly id: string;
  readonly status: 'held';
  readonly expiresAt: string;
  readonly allocations: readonly { readonly warehouse: string; readonly sku: string; readonly qty: number }[];
}

type ReserveOutcome =
  | { readonly kind: 'created' | 'replayed'; readonly reservation: Reservation }
  | { readonly kind: 'short'; readonly line: Line };

async function reserve(sql: Sql, key: string, body: ReserveBody, candidates: readonly string[], ttlSeconds: number): Promise<ReserveOutcome> {
  // One lock order for every transaction (by SKU), so multi-line carts cannot deadlock.
  const lines = [...body.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  try {
    const reservation = await sql.begin(async (tx) => {
      const allocations: { warehouse: string; sku: string; qty: number }[] = [];
      for (const line of lines) {
        const warehouse = await reserveLine(tx, line, candidates);
        if (warehouse === undefined) throw new StockShort(line);
        allocations.push({ warehouse, sku: line.sku, qty: line.qty });
      }
      const [row] = await tx<{ id: string; expires_at: Date }[]>`
        insert into reservations (idempotency_key, status, expires_at)
        values (${key}, 'held', now() + make_interval(secs => ${ttlSeconds}))
        returning id, expires_at`;
      if (row === undefined) throw new Error('insert into reservations returned no row');
      const rows = allocations.map((a, i) => ({ reservation_id: row.id, line_no: i, ...a }));
      await tx`insert into reservation_lines ${tx(rows, 'reservation_id', 'line_no', 'warehouse', 'sku', 'qty')}`;
      return { id: row.id, status: 'held' as const, expiresAt: row.expires_at.toISOString(), allocations };
    });
    return { kind: 'created', reservation };
  } catch (err) {
    if (err instanceof StockShort) return { kind: 'short', line: err.line };
    if (isUniqueViolation(err, 'reservations_idempotency_key_key')) return { kind: 'replayed', reservation: await replay(sql, key) };
    throw err;
  }
}

/** The first candidate warehouse that can hold the whole line; its stock row stays locked until commit. */
async function reserveLine(tx: TxSql, line: Line, candidates: readonly string[]): Promise<string | undefined> {
  for (const warehouse of candidates) {
    const rows = await tx`
      update stock set reserved = reserved + ${line.qty}
      where warehouse = ${warehouse} and sku = ${line.sku} and on_hand - reserved >= ${line.qty}
      returning warehouse`;
    if (rows.length === 1) return warehouse;
  }
  return undefined;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint_name?: unknown };
  return e.code === '23505' && e.constraint_name === constraint;
}

async function replay(sql: Sql, key: string): Promise<Reservation> {
  const [row] = await sql<{ id: string; expires_at: Date }[]>`
    select id, expires_at from reservations where idempotency_key = ${key}`;
  if (row === undefined) throw new Error(`idempotency key ${key} conflicted but its reservation is gone`);
  const lines = await sql<{ warehouse: string; sku: string; qty: string }[]>`
    select warehouse, sku, qty from reservation_lines where reservation_id = ${row.id} order by line_no`;
  return {
    id: row.id,
    status: 'held',
    expiresAt: row.expires_at.toISOString(),
    allocations: lines.map((l) => ({ warehouse: l.warehouse, sku: l.sku, qty: Number(l.qty) })),
  };
}

async function seed(sql: Sql, body: SeedBody): Promise<void> {
  await sql.begin(async (tx) => {
    const ws = body.warehouses.map((w) => ({ id: w.id, region: w.region, priority: w.priority }));
    await tx`
      insert into warehouses ${tx(ws, 'id', 'region', 'priority')}
      on conflict (id) do update set region = excluded.region, priority = excluded.priority`;
    for (let i = 0; i < body.stock.length; i += seedChunkRows) {
      const rows = body.stock.slice(i, i + seedChunkRows).map((s) => ({ warehouse: s.warehouse, sku: s.sku, on_hand: s.onHand }));
      await tx`
        insert into stock ${tx(rows, 'warehouse', 'sku', 'on_hand')}
        on conflict (warehouse, sku) do update set on_hand = excluded.on_hand`;
    }
  });
}
