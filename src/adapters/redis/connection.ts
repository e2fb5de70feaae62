// Redis connections: a small fixed set used round-robin with auto-pipelining,
// because one connection caps throughput (client and server take turns).
//
// On Redis Cluster each member of the set is an ioredis Cluster client (one
// connection per node, commands routed by the key's slot). Every key of a
// script call carries the tenant's hash tag, so a script runs whole on the
// master that owns the tenant; EVALSHA answered NOSCRIPT there falls back to
// EVAL on that node (ioredis), so scripts end up cached on every master that
// serves a tenant. What a cluster cannot do in one call (SCAN over all keys,
// a multi-key command across slots) is done per master: see scanTargets.
import { Cluster, Redis } from 'ioredis';
import type { RedisClusterConfig } from '../../config.types.ts';
import { registerScripts, scriptNames, scriptSource } from './scripts.ts';

/** One server's client or a cluster's: the command API both share (routing differs, see scanTargets). */
export type RedisClient = Redis | Cluster;

export interface RedisOptions {
  /** One server's URL (ignored in cluster mode: the seeds are in `cluster`). */
  readonly url: string;
  readonly connections: number;
  readonly commandTimeoutMs: number;
  /** Null or absent: one server. */
  readonly cluster?: RedisClusterConfig | null;
}

export class RedisPool {
  private readonly clients: RedisClient[];
  private turn = 0;
  /** Replicas a reservation waits for (WAIT), 0 when not in cluster mode. */
  readonly waitReplicas: number;
  readonly waitTimeoutMs: number;

  constructor(opts: RedisOptions) {
    if (opts.connections < 1) throw new Error('RedisPool needs at least one connection');
    const cluster = opts.cluster ?? null;
    this.waitReplicas = cluster?.waitReplicas ?? 0;
    this.waitTimeoutMs = cluster?.waitTimeoutMs ?? 0;
    this.clients = Array.from({ length: opts.connections }, () => {
      const client = cluster === null ? singleClient(opts) : clusterClient(cluster, opts.commandTimeoutMs);
      registerScripts(client);
      // Connection errors surface on commands; do not crash on the event.
      client.on('error', () => undefined);
      return client;
    });
    // The script cache is per server: one client loads every script on every master whenever it has
    // (re)learnt the cluster (start, reconnect, a failover's new master). EVALSHA's NOSCRIPT fallback
    // still covers a master that turns up between two loads.
    const first = this.clients[0]!;
    if (isCluster(first)) first.on('ready', () => void loadScriptsOnMasters(first).catch(() => undefined));
  }

  get cluster(): boolean {
    return this.clients[0] instanceof Cluster;
  }

  /** The next connection, round-robin. */
  next(): RedisClient {
    const client = this.clients[this.turn]!;
    this.turn = (this.turn + 1) % this.clients.length;
    return client;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.clients[0]!.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.quit().then(() => undefined, () => c.disconnect())));
  }
}

function singleClient(opts: RedisOptions): Redis {
  return new Redis(opts.url, {
    enableAutoPipelining: true,
    commandTimeout: opts.commandTimeoutMs,
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}

function clusterClient(c: RedisClusterConfig, commandTimeoutMs: number): Cluster {
  // Credentials and TLS of the seeds apply to every node the client discovers.
  const first = new URL(c.seeds[0]!);
  return new Cluster([...c.seeds], {
    scaleReads: 'master',
    enableAutoPipelining: true,
    // ioredis groups auto-pipelined commands by the slot of their first argument; for a script that is
    // the key count, not a key, so scripts of tenants on different masters would share one pipeline
    // and fail ("All keys in the pipeline should belong to the same slots allocation group"). Scripts
    // are sent on their own; the cluster routes each by its keys.
    autoPipeliningIgnoredCommands: [...scriptNames],
    enableOfflineQueue: true,
    enableReadyCheck: true,
    lazyConnect: false,
    slotsRefreshTimeout: c.slotsRefreshTimeoutMs,
    slotsRefreshInterval: c.slotsRefreshIntervalMs,
    maxRedirections: c.maxRedirections,
    retryDelayOnMoved: c.retryDelayOnMovedMs,
    retryDelayOnClusterDown: c.retryDelayOnClusterDownMs,
    retryDelayOnTryAgain: c.retryDelayOnTryAgainMs,
    // A failover (node timeout + election) takes seconds: keep retrying while it lasts.
    retryDelayOnFailover: c.retryDelayOnClusterDownMs,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
    redisOptions: {
      commandTimeout: commandTimeoutMs,
      connectTimeout: 5_000,
      maxRetriesPerRequest: 2,
      username: first.username === '' ? undefined : decodeURIComponent(first.username),
      password: first.password === '' ? undefined : decodeURIComponent(first.password),
      tls: first.protocol === 'rediss:' ? {} : undefined,
    },
  });
}

/** SCRIPT LOAD of every Pallet script on every master the cluster client knows; the number of loads. */
export async function loadScriptsOnMasters(client: Cluster): Promise<number> {
  const sources = scriptNames.map((name) => scriptSource(name));
  const masters = client.nodes('master');
  await Promise.all(masters.map((node) => Promise.all(sources.map((source) => node.script('LOAD', source)))));
  return masters.length * sources.length;
}

/** True for a cluster client. */
export const isCluster = (client: RedisClient): client is Cluster => client instanceof Cluster;

/**
 * The connections a SCAN must visit to see every key: each master of a
 * cluster (SCAN walks one node's keyspace), or the one server. A cluster
 * client that has not learnt its slots yet is asked once (PING waits for ready).
 */
export async function scanTargets(client: RedisClient): Promise<Redis[]> {
  if (!isCluster(client)) return [client];
  if (client.nodes('master').length === 0) await client.ping();
  return client.nodes('master');
}

/**
 * Waits until `replicas` replicas of the master that owns `key` acknowledged
 * every write this client sent it (WAIT on that node's connection, the one the
 * write went over). Resolves with how many did; never throws for too few.
 */
export async function waitForReplicas(client: RedisClient, key: string, replicas: number, timeoutMs: number): Promise<number> {
  if (!isCluster(client)) return Number(await client.wait(replicas, timeoutMs));
  const node = masterOf(client, key);
  if (node === null) return 0;
  return Number(await node.wait(replicas, timeoutMs));
}

/** The cluster's connection to the master that serves `key` (null while the slot map has no owner for it). */
function masterOf(client: Cluster, key: string): Redis | null {
  const owner = client.slots[clusterKeySlot(key)]?.[0];
  if (owner === undefined) return null;
  return client.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner) ?? null;
}

/** The hash slot of a key (CRC16/XMODEM of its hash tag, or of the whole key), as CLUSTER KEYSLOT computes it. */
export function clusterKeySlot(key: string): number {
  const open = key.indexOf('{');
  let part = key;
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) part = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(part)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}
