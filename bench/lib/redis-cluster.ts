// Private Redis servers for a benchmark: one plain server, or a Redis Cluster
// of M masters, without replicas or with R replicas each (M = 1 is a valid
// cluster: every slot on one node). Each node is a child process of the harness (`redis-server
// --daemonize no`, so its PID is ours), on a free port below 55535 (the
// cluster bus listens on port + 10000), data in a temp dir, AOF on with
// `appendfsync everysec` as ops/redis-cluster.sh runs it. Stopped by PID.
//
// The cluster is formed by hand (CLUSTER ADDSLOTSRANGE on each node, then
// CLUSTER MEET), not with `redis-cli --cluster create`, which refuses fewer
// than three masters. Node i owns the i-th of M equal slot ranges, so a
// tenant's master follows from its slot alone (slotOwner; the slot is
// clusterKeySlot of src/adapters/redis/connection.ts, checked against CLUSTER
// KEYSLOT by the benchmark). Replicas join after the masters: CLUSTER MEET,
// then CLUSTER REPLICATE once they know their master, and the cluster counts
// as formed when every replica's link to its master is up.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { clusterKeySlot } from '../../src/adapters/redis/connection.ts';
import type { CleanupStack } from './cleanup.ts';
import { freePort, logTail } from './processes.ts';

export const slotCount = 16_384;
/** The highest client port whose bus port (+10000) is still a port. */
const clusterPortMax = 55_534;
const portAttemptsMax = 200;
const readyMs = 10_000;
const formedMs = 30_000;
const pollMs = 50;
const stopGraceMs = 10_000;

/** The i-th of `parts` equal slot ranges, inclusive. */
export function slotRange(i: number, parts: number): readonly [number, number] {
  return [Math.floor((i * slotCount) / parts), Math.floor(((i + 1) * slotCount) / parts) - 1];
}

/** Which of `masters` nodes (formed by startRedisCluster) owns `slot`. */
export function slotOwner(slot: number, masters: number): number {
  for (let i = 0; i < masters; i++) if (slot <= slotRange(i, masters)[1]) return i;
  throw new RangeError(`slot ${slot} is outside 0..${slotCount - 1}`);
}

/**
 * `count` tenant ids (`<prefix>-<i>-<n>`), the i-th with its slot in the i-th of `count` equal slot ranges: with
 * count = 6, every master of a 1-, 2- or 3-master cluster holds count / masters of them.
 */
export function tenantsAcrossSlots(prefix: string, count: number): string[] {
  const triesMax = 100_000;
  return Array.from({ length: count }, (_, i) => {
    const [low, high] = slotRange(i, count);
    for (let n = 0; n < triesMax; n++) {
      const id = `${prefix}-${i}-${n}`;
      const slot = clusterKeySlot(id);
      if (slot >= low && slot <= high) return id;
    }
    throw new Error(`no tenant id ${prefix}-${i}-* with a slot in ${low}..${high} after ${triesMax} tries`);
  });
}

export interface RedisNode {
  readonly port: number;
  readonly pid: number;
  /** A replica (it serves no slot; Pallet's client reads and writes on masters only). */
  readonly replica: boolean;
}

export interface PrivateRedis {
  /** 0 = one plain (non-cluster) server. */
  readonly masters: number;
  /** Replicas per master (0 for the plain server). */
  readonly replicas: number;
  /** Masters first, then the replicas of master 0, 1, … in turn. */
  readonly nodes: readonly RedisNode[];
  /** REDIS_URL for Pallet: the one server, or every node as a seed. */
  readonly url: string;
  /** REDIS_CLUSTER for Pallet: 1 for a cluster (a single seed is not a cluster by itself). */
  readonly clusterFlag: '0' | '1';
  /** Keys per node (DBSIZE), in node order. */
  keysPerNode(): Promise<number[]>;
  /** The slot a node computes for a key (CLUSTER KEYSLOT): checks clusterKeySlot against Redis itself. */
  serverKeySlot(key: string): Promise<number>;
  /** Calls of `command` since start (INFO commandstats), summed over the masters. */
  commandCalls(command: string): Promise<number>;
  /** Stops every node (SIGTERM by PID, SIGKILL after a grace period) and removes the data dir. Idempotent. */
  stop(): Promise<void>;
}

async function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function nodePort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < portAttemptsMax; attempt++) {
    const free = await freePort();
    const port = free <= clusterPortMax ? free : 20_000 + (free % 20_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await canBind(port)) && (await canBind(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
  throw new Error(`no free port pair (port, port + 10000) below ${clusterPortMax + 1} after ${portAttemptsMax} attempts`);
}

const client = (port: number): Redis => {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, commandTimeout: 5_000, retryStrategy: () => null });
  r.on('error', () => undefined);
  return r;
};

async function withNode<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = client(port);
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

class NodeProcess {
  private readonly exited: Promise<void>;
  private done = false;

  constructor(readonly port: number, readonly child: ChildProcess, readonly logPath: string) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => (this.done = true));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`redis-server :${this.port}: not started (log ${this.logPath}: ${logTail(this.logPath)})`);
    return this.child.pid;
  }

  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (this.done || pid === undefined) return;
    signal(pid, 'SIGTERM');
    const timer = setTimeout(() => void (this.done || signal(pid, 'SIGKILL')), stopGraceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** kill(2) by PID; a process that is already gone is not an error. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

function spawnNode(port: number, dir: string, cluster: boolean): NodeProcess {
  mkdirSync(dir, { recursive: true });
  const logPath = join(dir, 'redis.log');
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
    // A node that never met another (a 1-master cluster) does not know its own address and announces an
    // empty host in CLUSTER SLOTS, which a cluster client cannot dial: announce it.
    ...(cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-announce-ip', '127.0.0.1'] : []),
    '--daemonize', 'no', '--logfile', logPath,
  ];
  const fd = openSync(logPath, 'a');
  try {
    const child = spawn('redis-server', args, { stdio: ['ignore', fd, fd] });
    child.once('error', () => undefined);
    return new NodeProcess(port, child, logPath);
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts a plain server (`masters` = 0) or a cluster of `masters` masters under `dir`; registers its stop on
 * `cleanup` before anything can fail, and resolves when every slot is served (cluster_state:ok on every node).
 */
export async function startPrivateRedis(masters: number, dir: string, cleanup: CleanupStack, replicas = 0): Promise<PrivateRedis> {
  if (!Number.isSafeInteger(masters) || masters < 0 || masters > 16) throw new RangeError(`masters ${masters}: 0 (plain) or 1..16`);
  if (!Number.isSafeInteger(replicas) || replicas < 0 || replicas > 2 || (masters === 0 && replicas > 0)) throw new RangeError(`replicas ${replicas}: 0..2 per master, and only in a cluster`);
  const cluster = masters > 0;
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < Math.max(1, masters); i++) ports.push(await nodePort(taken));
  // replicaPorts[j] replicates ports[j % masters].
  const replicaPorts: number[] = [];
  for (let j = 0; j < masters * replicas; j++) replicaPorts.push(await nodePort(taken));
  const all = [...ports, ...replicaPorts];
  const procs = all.map((port) => spawnNode(port, join(dir, String(port)), cluster));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await Promise.all(procs.map((p) => p.stop()));
      rmSync(dir, { recursive: true, force: true });
    })());
  cleanup.push(`stop redis-server ${procs.map((p) => `:${p.port} (pid ${p.child.pid ?? '?'})`).join(', ')}`, stop);
  try {
    await Promise.all(all.map((port) => until(`redis-server :${port} to answer`, () => withNode(port, async (r) => (await r.ping()) === 'PONG'), readyMs)));
    if (cluster) await formCluster(ports);
    if (replicaPorts.length > 0) await attachReplicas(ports, replicaPorts);
  } catch (err) {
    await stop();
    throw err;
  }
  const seeds = ports.map((p) => `redis://127.0.0.1:${p}`);
  return {
    masters,
    replicas,
    nodes: procs.map((p, i) => ({ port: p.port, pid: p.pid, replica: i >= ports.length })),
    url: seeds.join(','),
    clusterFlag: cluster ? '1' : '0',
    keysPerNode: () => Promise.all(all.map((port) => withNode(port, (r) => r.dbsize()))),
    serverKeySlot: (key) => withNode(ports[0] as number, async (r) => Number(await r.cluster('KEYSLOT', key))),
    commandCalls: async (command) => {
      const stat = new RegExp(`^cmdstat_${command.toLowerCase()}:calls=(\\d+)`, 'm');
      const calls = await Promise.all(ports.map((port) => withNode(port, async (r) => Number(stat.exec(await r.info('commandstats'))?.[1] ?? 0))));
      return calls.reduce((n, c) => n + c, 0);
    },
    stop,
  };
}

/** Node i takes the i-th slot range and config epoch i + 1; the first node meets the others; then waits until all agree. */
async function formCluster(ports: readonly number[]): Promise<void> {
  const [first] = ports;
  if (first === undefined) throw new Error('formCluster: no nodes');
  await Promise.all(
    ports.map((port, i) =>
      withNode(port, async (r) => {
        const [low, high] = slotRange(i, ports.length);
        await r.call('CLUSTER', 'ADDSLOTSRANGE', String(low), String(high));
        // Distinct epochs up front: no epoch collision to resolve after the meet.
        await r.call('CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1));
      }),
    ),
  );
  await withNode(first, async (r) => {
    for (const port of ports.slice(1)) await r.call('CLUSTER', 'MEET', '127.0.0.1', String(port));
  });
  await until(
    `a cluster of ${ports.length} master(s) with every slot served`,
    async () => {
      for (const port of ports) {
        const info = await withNode(port, (r) => r.cluster('INFO') as Promise<string>);
        const field = (name: string): string | undefined => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
        if (field('cluster_state') !== 'ok' || field('cluster_known_nodes') !== String(ports.length) || field('cluster_slots_ok') !== String(slotCount)) return false;
      }
      return true;
    },
    formedMs,
  );
}

/**
 * replicaPorts[j] becomes a replica of masters[j % masters.length]: it meets the cluster, is told its master once
 * it knows that master's id, and the cluster counts as formed when every replica's link is up (the initial sync
 * done) and every node knows every other, so Pallet's client sees the final layout from its first CLUSTER SLOTS.
 */
async function attachReplicas(masters: readonly number[], replicaPorts: readonly number[]): Promise<void> {
  const ids = await Promise.all(masters.map((port) => withNode(port, async (r) => String(await r.call('CLUSTER', 'MYID')))));
  await Promise.all(
    replicaPorts.map(async (port, j) => {
      const master = ids[j % masters.length] as string;
      await withNode(port, (r) => r.call('CLUSTER', 'MEET', '127.0.0.1', String(masters[0])));
      await until(`replica :${port} to learn master ${master}`, () => withNode(port, async (r) => String(await r.cluster('NODES')).includes(master)), formedMs);
      await withNode(port, (r) => r.call('CLUSTER', 'REPLICATE', master));
    }),
  );
  const total = masters.length + replicaPorts.length;
  await until(
    `${replicaPorts.length} replica(s) with master_link_status:up and ${total} nodes known everywhere`,
    async () => {
      for (const port of replicaPorts) {
        if (!/^master_link_status:up/m.test(await withNode(port, (r) => r.info('replication')))) return false;
      }
      for (const port of [...masters, ...replicaPorts]) {
        const info = await withNode(port, (r) => r.cluster('INFO') as Promise<string>);
        if (!new RegExp(`^cluster_known_nodes:${total}\\b`, 'm').test(info) || !/^cluster_state:ok/m.test(info)) return false;
      }
      return true;
    },
    formedMs,
  );
}
