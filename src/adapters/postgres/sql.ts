// The PostgreSQL client (postgres.js) with every option spelled out.
//
// Each Pallet instance (and each test run) owns one schema, named by its
// namespace, so several can share one server. The schema is selected with the
// `search_path` connection parameter; table names in queries and migrations
// stay unqualified.

import postgres from 'postgres';
import type { Config } from '../../config.ts';

export type Sql = postgres.Sql;
export type TxSql = postgres.TransactionSql;

/** Lower-case identifier that needs no quoting; `pg_` is reserved by PostgreSQL. */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!schemaNamePattern.test(schema) || schema.startsWith('pg_')) {
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: must match ${schemaNamePattern} and not start with pg_`);
  }
}

export interface SqlOptions {
  /** Schema to select with search_path; defaults to config.namespace. */
  readonly schema?: string;
  /** Close a pooled connection after it has been idle this long. */
  readonly idleTimeoutSeconds?: number;
  /** Recycle every connection after this long, idle or not. */
  readonly maxLifetimeSeconds?: number;
  /** Server-side statement_timeout per connection; 0 disables. Migrations lift it per transaction. */
  readonly statementTimeoutMs?: number;
  readonly applicationName?: string;
}

export const sqlDefaults = Object.freeze({
  idleTimeoutSeconds: 30,
  maxLifetimeSeconds: 30 * 60,
  statementTimeoutMs: 30_000,
  keepAliveSeconds: 60,
  applicationName: 'pallet',
});

export type SqlConfig = Pick<Config, 'databaseUrl' | 'namespace' | 'pgPoolMax' | 'pgConnectTimeoutSeconds'>;

export function createSql(config: SqlConfig, opts: SqlOptions = {}): Sql {
  const schema = opts.schema ?? config.namespace;
  assertSchemaName(schema);
  return postgres(config.databaseUrl, {
    max: config.pgPoolMax,
    connect_timeout: config.pgConnectTimeoutSeconds,
    idle_timeout: opts.idleTimeoutSeconds ?? sqlDefaults.idleTimeoutSeconds,
    max_lifetime: opts.maxLifetimeSeconds ?? sqlDefaults.maxLifetimeSeconds,
    keep_alive: sqlDefaults.keepAliveSeconds,
    prepare: true,
    // text[] columns (api_keys.scopes) are parsed by the array types fetched on connect.
    fetch_types: true,
    onnotice: () => {},
    connection: {
      search_path: schema,
      application_name: opts.applicationName ?? sqlDefaults.applicationName,
      statement_timeout: opts.statementTimeoutMs ?? sqlDefaults.statementTimeoutMs,
    },
  });
}

export interface SchemaSqlOptions extends Omit<SqlOptions, 'schema'> {
  /** Defaults to $DATABASE_URL, then the local test server. */
  readonly databaseUrl?: string;
  readonly poolMax?: number;
  readonly connectTimeoutSeconds?: number;
}

/** For tests and tools: an Sql whose search_path is `schema`. */
export function createSqlForSchema(schema: string, opts: SchemaSqlOptions = {}): Sql {
  const { databaseUrl, poolMax, connectTimeoutSeconds, ...rest } = opts;
  return createSql(
    {
      databaseUrl: databaseUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      namespace: schema,
      pgPoolMax: poolMax ?? 4,
      pgConnectTimeoutSeconds: connectTimeoutSeconds ?? 5,
    },
    rest,
  );
}
