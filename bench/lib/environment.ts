// What the figures were measured on: machine, commit, runtime, and the
// durability settings of Redis and PostgreSQL (a figure means little without
// the fsync policy behind it).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { machineBusyPercent } from './cpu.ts';

export interface Environment {
  readonly dateUtc: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly commit: string;
  readonly node: string;
  readonly redis: RedisSettings;
  readonly postgres: PostgresSettings;
  /** CPU the machine used over one second before the run (% of one core): other work in progress. */
  readonly busyPercentBefore: number;
  readonly loadAverage1m: number;
  /** 1, 5 and 15 minute load averages, e.g. "1.43, 1.83, 2.88". */
  readonly loadAverages: string;
}

export interface RedisSettings {
  readonly version: string;
  readonly appendonly: string;
  readonly appendfsync: string;
}

export interface PostgresSettings {
  readonly version: string;
  readonly synchronousCommit: string;
  readonly fsync: string;
}

export async function describeEnvironment(root: string, redisUrl: string, databaseUrl: string): Promise<Environment> {
  return {
    dateUtc: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    commit: gitCommit(root),
    node: process.version,
    redis: await redisSettings(redisUrl),
    postgres: await postgresSettings(databaseUrl),
    busyPercentBefore: await machineBusyPercent(1_000),
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    loadAverages: loadavg().map((l) => l.toFixed(2)).join(', '),
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':').slice(1).join(':').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Short commit, `+ uncommitted changes` if tracked or untracked files differ (`git status --porcelain`; bench/RESULTS.md itself excepted). */
export function gitCommit(root: string): string {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', '.', ':(exclude)bench/RESULTS.md') !== '';
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown (not a git checkout?)';
  }
}

async function redisSettings(url: string): Promise<RedisSettings> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000, commandTimeout: 5_000, enableOfflineQueue: false });
  try {
    await redis.connect();
    const configValue = async (name: string): Promise<string> => {
      const reply = (await redis.config('GET', name)) as unknown;
      return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : 'unknown';
    };
    const info = await redis.info('server');
    return {
      version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      appendonly: await configValue('appendonly'),
      appendfsync: await configValue('appendfsync'),
    };
  } catch (err) {
    const why = `unknown (${(err as Error).message})`;
    return { version: why, appendonly: why, appendfsync: why };
  } finally {
    redis.disconnect();
  }
}

async function postgresSettings(url: string): Promise<PostgresSettings> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {}, fetch_types: false });
  try {
    const [row] = await sql<{ version: string; synchronous_commit: string; fsync: string }[]>`
      select current_setting('server_version') as version,
             current_setting('synchronous_commit') as synchronous_commit,
             current_setting('fsync') as fsync`;
    return { version: row?.version ?? 'unknown', synchronousCommit: row?.synchronous_commit ?? 'unknown', fsync: row?.fsync ?? 'unknown' };
  } catch (err) {
    const why = `unknown (${(err as Error).message})`;
    return { version: why, synchronousCommit: why, fsync: why };
  } finally {
    await sql.end({ timeout: 2 });
  }
}
