// A private Redis Cluster for tests: three masters (and optionally one replica
// each) as child processes of this test, on free ports below 55535 (the
// cluster bus listens on port + 10000), data in a temp dir, stopped by PID.
// Built like PrivateRedis (test/faults/servers.ts). Never touches the shared Redis.

import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, Proc, rmDir, tempDir, waitFor } from '../faults/servers.ts';

const run = promisify(execFile);
/** The highest client port: its bus port (+10000) must still be a port. */
const clusterPortMax = 55_534;

export interface ClusterNodeInfo {
  readonly id: string;
  readonly port: number;
  readonly role: 'master' | 'replica';
  /** The master's id, for a replica. */
  readonly masterId: string | null;
  /** Failed or disconnected, as the asked node sees it. */
  readonly failed: boolean;
}

export interface PrivateRedisClusterOptions {
  /** One replica per master (6 nodes instead of 3). */
  readonly replicas?: boolean;
  /** cluster-node-timeout: how long a master may be silent before its replica is promoted. */
  readonly nodeTimeoutMs?: number;
  /** appendfsync of every node (AOF is always on). */
  readonly appendfsync?: 'always' | 'everysec';
}

async function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free port below 55535 whose bus port (+10000) is free too, not in `taken`. */
async function clusterPort(taken: ReadonlySet<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = await freePort();
    const p = port <= clusterPortMax ? port : 20_000 + (port % 20_000);
    if (!taken.has(p) && !taken.has(p + 10_000) && (await canBind(p)) && (await canBind(p + 10_000))) return p;
  }
  throw new Error('no free port pair (port, port + 10000) below 55535');
}

export class PrivateRedisCluster {
  readonly procs = new Map<number, Proc>();

  private constructor(readonly ports: readonly number[], readonly dir: string, private readonly opts: PrivateRedisClusterOptions) {
    for (const port of ports) {
      const d = join(dir, String(port));
      mkdirSync(d, { recursive: true });
      this.procs.set(port, new Proc(`redis-${port}`, 'redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', d, '--save', '',
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
        '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 2_000),
        '--appendonly', 'yes', '--appendfsync', opts.appendfsync ?? 'everysec', '--maxmemory-policy', 'noeviction',
        // A replica is synced at once after `cluster create` (the default waits 5 s for more replicas).
        '--repl-diskless-sync-delay', '0',
        '--daemonize', 'no', '--logfile', '',
      ], { logFile: join(d, 'redis.log') }));
    }
  }

  /** Starts the nodes and creates the cluster; resolves when every slot is served. */
  static async create(opts: PrivateRedisClusterOptions = {}): Promise<PrivateRedisCluster> {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < (opts.replicas === true ? 6 : 3); i++) {
      const p = await clusterPort(taken);
      ports.push(p);
      taken.add(p);
      taken.add(p + 10_000);
    }
    const c = new PrivateRedisCluster(ports, tempDir('redis-cluster'), opts);
    try {
      for (const p of c.procs.values()) p.start();
      await Promise.all(ports.map((port) => waitFor(`redis ${port}`, () => ping(port), 10_000, 50)));
      await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas', opts.replicas === true ? '1' : '0', '--cluster-yes'], { timeout: 30_000 });
      await c.waitHealthy(30_000, opts.replicas === true ? 3 : 0);
    } catch (err) {
      await c.stop();
      throw err;
    }
    return c;
  }

  /** Seed URLs of every node (comma list): a client finds the cluster through any live one. */
  get url(): string {
    return this.ports.map((p) => `redis://127.0.0.1:${p}`).join(',');
  }

  /** The nodes as a live node sees them (CLUSTER NODES). */
  async nodes(): Promise<ClusterNodeInfo[]> {
    for (const port of this.livePorts()) {
      const text = await withNode(port, (r) => r.cluster('NODES') as Promise<string>).catch(() => null);
      if (text !== null) return parseNodes(text);
    }
    throw new Error('no live node answers CLUSTER NODES');
  }

  /** Ports of the current masters that are not failed. */
  async masterPorts(): Promise<number[]> {
    return (await this.nodes()).filter((n) => n.role === 'master' && !n.failed).map((n) => n.port).sort((a, b) => a - b);
  }

  /** Every live node reports cluster_state:ok; with replicas, three masters, at least `replicasMin` replicas and every live one synced. */
  async waitHealthy(timeoutMs: number, replicasMin = 0): Promise<void> {
    await waitFor('cluster_state:ok on every live node', async () => {
      for (const port of this.livePorts()) {
        const info = await withNode(port, (r) => r.cluster('INFO') as Promise<string>);
        if (!info.includes('cluster_state:ok')) return false;
      }
      if (this.opts.replicas !== true) return true;
      // With replicas: three masters, and every live replica's link to its master up (synced: able to fail over).
      const live = (await this.nodes()).filter((n) => !n.failed && this.procs.get(n.port)?.running === true);
      if (live.filter((n) => n.role === 'master').length < 3) return false;
      if (live.filter((n) => n.role === 'replica').length < replicasMin) return false;
      for (const n of live.filter((x) => x.role === 'replica')) {
        const info = await withNode(n.port, (r) => r.info('replication'));
        if (!info.includes('master_link_status:up')) return false;
      }
      return true;
    }, timeoutMs, 100);
  }

  /** kill -9 one node (by the PID of the process this helper started). */
  async kill9(port: number): Promise<void> {
    const p = this.procs.get(port);
    if (p === undefined) throw new Error(`no node on ${port}`);
    await p.kill9();
  }

  /** Starts a killed node again (same dir: it rejoins with its nodes.conf and AOF). */
  async restart(port: number): Promise<void> {
    const p = this.procs.get(port);
    if (p === undefined) throw new Error(`no node on ${port}`);
    p.start();
    await waitFor(`redis ${port}`, () => ping(port), 10_000, 50);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.stop(5_000)));
    rmDir(this.dir);
  }

  private livePorts(): number[] {
    return this.ports.filter((p) => this.procs.get(p)!.running);
  }
}

async function withNode<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, commandTimeout: 2_000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

const ping = (port: number): Promise<boolean> => withNode(port, async (r) => (await r.ping()) === 'PONG').catch(() => false);

/** CLUSTER NODES lines: `<id> <ip:port@bus> <flags> <master> …`. */
function parseNodes(text: string): ClusterNodeInfo[] {
  return text.trim().split('\n').map((line) => {
    const [id, addr, flags, master] = line.split(' ') as [string, string, string, string];
    const port = Number(addr.split('@')[0]!.split(':').pop());
    const f = flags.split(',');
    return {
      id, port, role: f.includes('master') ? 'master' : 'replica', masterId: master === '-' ? null : master,
      failed: f.includes('fail') || f.includes('fail?') || f.includes('noaddr'),
    } satisfies ClusterNodeInfo;
  });
}
