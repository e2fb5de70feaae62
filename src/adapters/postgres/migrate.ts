// Numbered, forward-only schema migrations.
//
// Files: migrations/NNN_name.sql (plain SQL, unqualified names, no
// begin/commit of their own), applied in numeric order, each in its own
// transaction together with its schema_migrations row, so a migration is
// either fully applied and recorded or not at all. There are no down
// migrations: to change something, add the next number.
//
// Concurrency: every transaction here first takes a transaction-scoped
// advisory lock keyed by the schema, then re-reads schema_migrations, so any
// number of processes may call migrate() at boot; each migration runs once.

import { readdir } from 'node:fs/promises';
import { assertSchemaName, type Sql, type TxSql } from './sql.ts';

export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly url: URL;
}

export interface MigrateOptions {
  /** Directory URL (with trailing slash); defaults to ./migrations/ next to this module. */
  readonly dir?: URL;
}

export interface MigrateResult {
  /** `NNN_name` of each migration this call applied, in order. */
  readonly applied: string[];
}

const defaultDir = new URL('./migrations/', import.meta.url);
const filePattern = /^(\d{3})_([a-z0-9_]+)\.sql$/;
/** Bounds the directory scan; raise deliberately if Pallet ever needs more. */
const migrationFilesMax = 999;

export async function migrate(sql: Sql, schema: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  assertSchemaName(schema);
  const files = await listMigrations(opts.dir ?? defaultDir);
  await sql.begin(async (tx) => {
    await lockSchema(tx, schema);
    await tx`create schema if not exists ${tx(schema)}`;
    await tx`
      create table if not exists ${tx(schema)}.schema_migrations (
        version int primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`;
  });
  const applied: string[] = [];
  for (const file of files) {
    if (await applyOne(sql, schema, file)) applied.push(label(file));
  }
  return { applied };
}

/** Applies `file` unless already recorded; returns whether it applied it. */
async function applyOne(sql: Sql, schema: string, file: MigrationFile): Promise<boolean> {
  return sql.begin(async (tx) => {
    await lockSchema(tx, schema);
    const [row] = await tx<{ name: string }[]>`
      select name from ${tx(schema)}.schema_migrations where version = ${file.version}`;
    if (row) {
      if (row.name !== file.name) {
        throw new Error(`migration ${file.version} is recorded as ${JSON.stringify(row.name)} but the file is ${JSON.stringify(file.name)}; migrations are forward-only, never rename or renumber an applied one`);
      }
      return false;
    }
    // The file's unqualified names resolve to this schema, whatever the connection had.
    await tx`select set_config('search_path', quote_ident(${schema}), true)`;
    await tx.file(file.url);
    await tx`
      insert into ${tx(schema)}.schema_migrations ${tx({ version: file.version, name: file.name }, 'version', 'name')}`;
    return true;
  });
}

async function lockSchema(tx: TxSql, schema: string): Promise<void> {
  // Waiting for another migrator must not trip the connection's statement_timeout.
  await tx`set local statement_timeout = 0`;
  await tx`select pg_advisory_xact_lock(hashtextextended(${'pallet.migrate:' + schema}, 0))`;
}

export async function listMigrations(dir: URL): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  if (names.length > migrationFilesMax) throw new Error(`more than ${migrationFilesMax} migration files in ${dir.href}`);
  const files: MigrationFile[] = [];
  const seen = new Set<number>();
  for (const n of names) {
    const m = filePattern.exec(n);
    if (!m) throw new Error(`migration file ${JSON.stringify(n)} in ${dir.href} does not match NNN_name.sql`);
    const version = Number(m[1]);
    if (version === 0 || seen.has(version)) throw new Error(`migration version ${m[1]} in ${dir.href} is zero or duplicated`);
    seen.add(version);
    files.push({ version, name: m[2]!, url: new URL(n, dir) });
  }
  return files.sort((a, b) => a.version - b.version);
}

function label(file: MigrationFile): string {
  return `${String(file.version).padStart(3, '0')}_${file.name}`;
}
