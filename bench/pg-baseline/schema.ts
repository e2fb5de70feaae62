// The PostgreSQL row-lock baseline's own schema: created at start, dropped at
// the end. Tables are unqualified in queries; the schema is selected with the
// search_path connection parameter.

import postgres from 'postgres';
import { assertSchemaName, type Sql, type TxSql } from '../../src/adapters/postgres/sql.ts';

export { assertSchemaName, type Sql, type TxSql };

export interface BaselineSqlOptions {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly poolMax: number;
}

export function createBaselineSql(opts: BaselineSqlOptions): Sql {
  assertSchemaName(opts.schema);
  return postgres(opts.databaseUrl, {
    max: opts.poolMax,
    connect_timeout: 10,
    idle_timeout: 60,
    max_lifetime: 30 * 60,
    keep_alive: 60,
    prepare: true,
    fetch_types: false,
    onnotice: () => {},
    connection: {
      search_path: opts.schema,
      application_name: 'pallet-bench-pg-baseline',
      statement_timeout: 30_000,
    },
  });
}

/** Creates the schema and its tables; fails if the schema already exists (a leftover of another run). */
export async function createSchema(sql: Sql, schema: string): Promise<void> {
  assertSchemaName(schema);
  await sql.begin(async (tx) => {
    await tx`create schema ${tx(schema)}`;
    await tx`
      create table warehouses (
        id text primary key,
        region text not null,
        priority integer not null
      )`;
    await tx`
      create table stock (
        warehouse text not null,
        sku text not null,
        on_hand bigint not null check (on_hand >= 0),
        reserved bigint not null default 0 check (reserved >= 0),
        primary key (warehouse, sku),
        check (on_hand >= reserved)
      )`;
    await tx`
      create table reservations (
        id uuid primary key default gen_random_uuid(),
        idempotency_key text not null unique,
        status text not null,
        expires_at timestamptz not null,
        created_at timestamptz not null default now()
      )`;
    await tx`
      create table reservation_lines (
        reservation_id uuid not null references reservations (id),
        line_no integer not null,
        warehouse text not null,
        sku text not null,
        qty bigint not null check (qty > 0),
        primary key (reservation_id, line_no)
      )`;
  });
}

export async function dropSchema(sql: Sql, schema: string): Promise<void> {
  assertSchemaName(schema);
  await sql`drop schema if exists ${sql(schema)} cascade`;
}
