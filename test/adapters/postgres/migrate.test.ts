// Migrations and the client factory against the real PostgreSQL; each test
// uses its own random schema, all dropped in afterAll.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../../src/adapters/postgres/migrate.ts';
import { createSql, createSqlForSchema, type Sql } from '../../../src/adapters/postgres/sql.ts';

const migrationsDir = new URL('../../../src/adapters/postgres/migrations/', import.meta.url);
const schemas: string[] = [];
const clients: Sql[] = [];
const tempDirs: string[] = [];
const admin = createSqlForSchema('public', { poolMax: 2 });

function newSchema(): string {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

function client(schema: string): Sql {
  const sql = createSqlForSchema(schema, { poolMax: 2 });
  clients.push(sql);
  return sql;
}

async function tempMigrations(files: Record<string, string>): Promise<{ path: string; url: URL }> {
  const path = await mkdtemp(join(tmpdir(), 'pallet-migrations-'));
  tempDirs.push(path);
  for (const [name, text] of Object.entries(files)) await writeFile(join(path, name), text);
  return { path, url: pathToFileURL(path + '/') };
}

async function recorded(schema: string): Promise<{ version: number; name: string }[]> {
  return admin<{ version: number; name: string }[]>`
    select version, name from ${admin(schema)}.schema_migrations order by version`;
}

async function tableNames(schema: string): Promise<string[]> {
  const rows = await admin<{ table_name: string }[]>`
    select table_name from information_schema.tables where table_schema = ${schema} order by table_name`;
  return rows.map((r) => r.table_name);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  for (const schema of schemas) await admin`drop schema if exists ${admin(schema)} cascade`;
  await admin.end({ timeout: 5 });
  for (const path of tempDirs) await rm(path, { recursive: true, force: true });
});

describe('migrate', () => {
  it('creates the schema, applies every migration once, and applies nothing on a second run', async () => {
    const schema = newSchema();
    const sql = client(schema);
    const all = (await listMigrations(migrationsDir)).map((f) => `${String(f.version).padStart(3, '0')}_${f.name}`);
    expect(all[0]).toBe('001_catalog');

    expect(await migrate(sql, schema)).toEqual({ applied: all });
    expect(await migrate(sql, schema)).toEqual({ applied: [] });

    expect((await recorded(schema)).map((r) => r.version)).toEqual(all.map((l) => Number(l.slice(0, 3))));
    expect(await tableNames(schema)).toEqual(['alerts', 'api_keys', 'channel_deliveries', 'channel_writeback', 'channels', 'dead_letters', 'hold_rules', 'import_rows', 'imports', 'notifiers', 'order_amendments', 'order_audit', 'orders', 'payment_exceptions', 'payment_secrets', 'payments', 'pick_tasks', 'qimen_held_changes', 'qimen_reports', 'reservation_history', 'reservations', 'schema_migrations', 'shipments', 'skus', 'sla_policies', 'stock_ledger', 'tenants', 'warehouse_wms', 'warehouses', 'wms_callbacks', 'writebacks']);
  });

  it('serializes concurrent migrators so each migration is applied exactly once', async () => {
    const schema = newSchema();
    const migrators = Array.from({ length: 5 }, () => client(schema));
    const results = await Promise.all(migrators.map((sql) => migrate(sql, schema)));

    const applied = results.flatMap((r) => r.applied);
    const files = await listMigrations(migrationsDir);
    expect(applied).toHaveLength(files.length);
    expect(new Set(applied).size).toBe(files.length);
    expect(await recorded(schema)).toHaveLength(files.length);
  });

  it('keeps earlier migrations when a later one fails, leaves no trace of the failed one, and resumes from it', async () => {
    const schema = newSchema();
    const sql = client(schema);
    const dir = await tempMigrations({
      '001_one.sql': 'create table one (id int primary key);',
      '002_two.sql': 'create table two (id int primary key);\nselect 1 / 0;',
    });

    await expect(migrate(sql, schema, { dir: dir.url })).rejects.toThrow(/division by zero/);
    expect(await recorded(schema)).toEqual([{ version: 1, name: 'one' }]);
    expect(await tableNames(schema)).toEqual(['one', 'schema_migrations']);

    await writeFile(join(dir.path, '002_two.sql'), 'create table two (id int primary key);');
    expect(await migrate(sql, schema, { dir: dir.url })).toEqual({ applied: ['002_two'] });
    expect(await tableNames(schema)).toEqual(['one', 'schema_migrations', 'two']);
  });

  it('applies in numeric order and refuses to run when an applied migration was renamed', async () => {
    const schema = newSchema();
    const sql = client(schema);
    const dir = await tempMigrations({
      '002_second.sql': 'alter table first add column b int;',
      '001_first.sql': 'create table first (a int);',
    });
    expect(await migrate(sql, schema, { dir: dir.url })).toEqual({ applied: ['001_first', '002_second'] });

    await rename(join(dir.path, '001_first.sql'), join(dir.path, '001_renamed.sql'));
    await expect(migrate(sql, schema, { dir: dir.url })).rejects.toThrow(/forward-only/);
  });

  it('rejects migration files that are misnamed or share a version', async () => {
    const misnamed = await tempMigrations({ '1_short.sql': 'select 1;' });
    await expect(listMigrations(misnamed.url)).rejects.toThrow(/NNN_name\.sql/);
    const duplicated = await tempMigrations({ '001_a.sql': 'select 1;', '001_b.sql': 'select 1;' });
    await expect(listMigrations(duplicated.url)).rejects.toThrow(/duplicated/);
  });

  it('rejects a schema name that would need quoting', async () => {
    await expect(migrate(admin, 'Robert"; drop table x; --')).rejects.toThrow(/invalid schema name/);
  });
});

describe('createSql', () => {
  it('selects the namespace schema through search_path and applies the connection options', async () => {
    const schema = newSchema();
    const sql = createSql(
      { databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres', namespace: schema, pgPoolMax: 1, pgConnectTimeoutSeconds: 5 },
      { statementTimeoutMs: 1234, applicationName: 'pallet-test' },
    );
    clients.push(sql);
    const [row] = await sql<{ search_path: string; statement_timeout: string; application_name: string }[]>`
      select current_setting('search_path') as search_path,
             current_setting('statement_timeout') as statement_timeout,
             current_setting('application_name') as application_name`;
    expect(row).toEqual({ search_path: schema, statement_timeout: '1234ms', application_name: 'pallet-test' });
  });

  it('rejects an invalid namespace before connecting', () => {
    expect(() => createSqlForSchema('pg_catalog')).toThrow(/invalid schema name/);
    expect(() => createSqlForSchema('Upper')).toThrow(/invalid schema name/);
  });
});
