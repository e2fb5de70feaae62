// Process entry of the PostgreSQL row-lock baseline server. Started by
// bench/run.ts as its own process; can also be run by hand:
//
//   BASELINE_SCHEMA=bench_pg_x BASELINE_PORT=3900 BASELINE_API_KEY=devkeydevkeydevkey \
//     npx tsx bench/pg-baseline/server.ts
//
// Env: DATABASE_URL, BASELINE_SCHEMA (created at start, dropped at exit unless
// BASELINE_KEEP_SCHEMA=1), BASELINE_PORT, BASELINE_HOST (127.0.0.1),
// BASELINE_API_KEY (16+ chars), BASELINE_POOL_MAX (16), BASELINE_TTL_SECONDS (900).

import { buildBaselineApp } from './app.ts';
import { assertSchemaName, createBaselineSql, createSchema, dropSchema } from './schema.ts';
import { intEnv } from '../lib/env.ts';

interface BaselineConfig {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly host: string;
  readonly port: number;
  readonly apiKey: string;
  readonly poolMax: number;
  readonly ttlSecondsDefault: number;
  readonly keepSchema: boolean;
}

function loadConfig(): BaselineConfig {
  const schema = process.env.BASELINE_SCHEMA ?? '';
  assertSchemaName(schema);
  const apiKey = process.env.BASELINE_API_KEY ?? '';
  if (apiKey.length < 16) throw new Error('BASELINE_API_KEY: must be at least 16 characters');
  return Object.freeze({
    databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    schema,
    host: process.env.BASELINE_HOST || '127.0.0.1',
    port: intEnv('BASELINE_PORT', 3900, 1, 65_535),
    apiKey,
    poolMax: intEnv('BASELINE_POOL_MAX', 16, 1, 500),
    ttlSecondsDefault: intEnv('BASELINE_TTL_SECONDS', 900, 1, 86_400),
    keepSchema: process.env.BASELINE_KEEP_SCHEMA === '1',
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const sql = createBaselineSql({ databaseUrl: config.databaseUrl, schema: config.schema, poolMax: config.poolMax });
  await createSchema(sql, config.schema);
  const app = buildBaselineApp({ sql, apiKey: config.apiKey, ttlSecondsDefault: config.ttlSecondsDefault });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await app.close();
      if (!config.keepSchema) await dropSchema(sql, config.schema);
      await sql.end({ timeout: 5 });
      process.exit(0);
    } catch (err) {
      console.error(`pg-baseline: cleanup after ${signal} failed:`, err);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await dropSchema(sql, config.schema).catch(() => {});
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error('pg-baseline:', err);
  process.exit(1);
});
