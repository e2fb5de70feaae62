// What a fault test file starts and creates — private servers, cores, temp
// dirs, PostgreSQL schemas — held in one place and released in afterAll:
// processes last started first, then the schemas, then the dirs.

import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { Core, PrivateNats, PrivatePostgres, PrivateRedis, palletCli, rmDir, tempDir, type CoreEnv } from './servers.ts';

export class Held {
  private readonly dirs: string[] = [];
  private readonly schemas: string[] = [];
  private readonly stops: (() => Promise<void>)[] = [];

  async redis(aof: boolean): Promise<PrivateRedis> {
    const r = await PrivateRedis.create(aof);
    this.dirs.push(r.dir);
    this.stops.push(() => r.proc.stop());
    return r;
  }

  async nats(): Promise<PrivateNats> {
    const n = await PrivateNats.create();
    this.dirs.push(n.dir);
    this.stops.push(() => n.proc.stop());
    return n;
  }

  async postgres(): Promise<PrivatePostgres> {
    const pg = await PrivatePostgres.create();
    this.dirs.push(pg.dir);
    this.stops.push(() => pg.stop());
    return pg;
  }

  /** A core started with `env`, logging into `dir` (see Core.create). */
  async core(env: CoreEnv, dir: string): Promise<Core> {
    const c = await Core.create(env, dir);
    this.stops.push(() => c.proc.stop());
    return c;
  }

  dir(prefix: string): string {
    const d = tempDir(prefix);
    this.dirs.push(d);
    return d;
  }

  /** A fresh namespace; its schema in the shared PostgreSQL is dropped on release. */
  namespace(): string {
    const ns = `fault_${randomBytes(5).toString('hex')}`;
    this.schemas.push(ns);
    return ns;
  }

  async release(databaseUrl: string): Promise<void> {
    for (const stop of this.stops.reverse()) await stop().catch(() => undefined);
    if (this.schemas.length > 0) {
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        for (const s of this.schemas) await sql`drop schema if exists ${sql(s)} cascade`;
      } finally {
        await sql.end({ timeout: 2 });
      }
    }
    for (const d of this.dirs) rmDir(d);
  }
}

/** The core's environment in the fault tests: private Redis and NATS, short ack wait and sweep, no scheduled reconcile. */
export function faultEnv(o: {
  readonly redisUrl: string; readonly natsUrl: string; readonly databaseUrl: string; readonly namespace: string; readonly adminKey: string;
  readonly ackWaitMs: number; readonly sweepIntervalMs: number; readonly extra?: Readonly<Record<string, string>>;
}): CoreEnv {
  return {
    REDIS_URL: o.redisUrl, NATS_URL: o.natsUrl, DATABASE_URL: o.databaseUrl, PALLET_NAMESPACE: o.namespace, PALLET_ADMIN_KEY: o.adminKey,
    PALLET_CONSUMER_ACK_WAIT_MS: String(o.ackWaitMs), PALLET_SWEEP_INTERVAL_MS: String(o.sweepIntervalMs),
    PALLET_RECONCILE_INTERVAL_SECONDS: '0', PALLET_REDIS_COMMAND_TIMEOUT_MS: '2000', ...o.extra,
  };
}

export async function migrateCore(env: CoreEnv): Promise<void> {
  const r = await palletCli(env, ['migrate']);
  if (r.code !== 0) throw new Error(`pallet migrate exited ${r.code}:\n${r.out}`);
}
