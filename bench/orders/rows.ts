// What the benchmark reads from PostgreSQL: the order rows (and dead letters)
// of its own namespace and tenant. The order tables have forced row-level
// security, so every read runs in a transaction with `pallet.tenant` set, as
// Pallet's own repositories do (a superuser would see the rows anyway; the
// table owner would not without it).

import postgres from 'postgres';

export type Sql = ReturnType<typeof postgres>;

export interface OrderRows {
  readonly sql: Sql;
  readonly schema: string;
  readonly tenant: string;
  readonly channel: string;
}

/** Ids per lookup query: the probe poller asks about at most this many documents at a time. */
export const lookupIdsMax = 5_000;

export function connectRows(databaseUrl: string, schema: string, tenant: string, channel: string): OrderRows {
  // fetch_types stays on: the text[] parameter of findOrders needs the array types.
  const sql = postgres(databaseUrl, { max: 2, connect_timeout: 5, idle_timeout: 0, onnotice: () => {} });
  return { sql, schema, tenant, channel };
}

async function inTenant<T>(r: OrderRows, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const boxed = await r.sql.begin(async (tx) => {
    await tx`select set_config('pallet.tenant', ${r.tenant}, true)`;
    return { value: await fn(tx) };
  });
  return (boxed as { value: T }).value;
}

/**
 * ANALYZE every table of the namespace's schema (bench/README.md, "Order intake"): a schema made
 * seconds ago has no statistics, and the server's cached generic plans of that moment (an empty
 * orders table) would read a tenant's whole pool per key lookup until autovacuum's first analyze,
 * up to a minute later. Returns the tables analysed.
 */
export async function analyzeSchema(r: OrderRows): Promise<number> {
  const tables = await r.sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = ${r.schema} order by tablename`;
  for (const t of tables) await r.sql`analyze ${r.sql(r.schema)}.${r.sql(t.name)}`;
  return tables.length;
}

/** Order rows and dead letters of the tenant's channel, now. */
export async function countRows(r: OrderRows): Promise<{ readonly orders: number; readonly deadLetters: number }> {
  return inTenant(r, async (tx) => {
    const [row] = await tx<{ orders: string; dead_letters: string }[]>`
      select (select count(*) from ${tx(r.schema)}.orders where tenant_id = ${r.tenant} and channel = ${r.channel}) as orders,
             (select count(*) from ${tx(r.schema)}.dead_letters where tenant_id = ${r.tenant} and channel = ${r.channel}) as dead_letters`;
    return { orders: Number(row?.orders ?? 0), deadLetters: Number(row?.dead_letters ?? 0) };
  });
}

/** external id → created_at (epoch ms) of those of `externalIds` that are order rows. */
export async function findOrders(r: OrderRows, externalIds: readonly string[]): Promise<Map<string, number>> {
  if (externalIds.length > lookupIdsMax) throw new RangeError(`findOrders: at most ${lookupIdsMax} ids, got ${externalIds.length}`);
  const rows = await inTenant(r, (tx) => tx<{ external_id: string; created_ms: number }[]>`
    select external_id, (extract(epoch from created_at) * 1000)::float8 as created_ms
    from ${tx(r.schema)}.orders
    where tenant_id = ${r.tenant} and channel = ${r.channel} and external_id = any(${externalIds as string[]}::text[])`);
  return new Map(rows.map((row) => [row.external_id, Number(row.created_ms)]));
}

export interface RowStats {
  /** Order rows by status (a paid order without hold rules is `released`; `exception` = stock was short). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** Rows whose created_at lies in [fromWallMs, toWallMs). */
  readonly createdInWindow: number;
  readonly deadLetters: number;
}

export async function rowStats(r: OrderRows, fromWallMs: number, toWallMs: number): Promise<RowStats> {
  return inTenant(r, async (tx) => {
    const statuses = await tx<{ status: string; n: string }[]>`
      select status, count(*) as n from ${tx(r.schema)}.orders where tenant_id = ${r.tenant} and channel = ${r.channel} group by status order by status`;
    const [window] = await tx<{ n: string }[]>`
      select count(*) as n from ${tx(r.schema)}.orders
      where tenant_id = ${r.tenant} and channel = ${r.channel} and created_at >= ${new Date(fromWallMs)} and created_at < ${new Date(toWallMs)}`;
    const [letters] = await tx<{ n: string }[]>`
      select count(*) as n from ${tx(r.schema)}.dead_letters where tenant_id = ${r.tenant} and channel = ${r.channel}`;
    return {
      byStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
      createdInWindow: Number(window?.n ?? 0),
      deadLetters: Number(letters?.n ?? 0),
    };
  });
}
