// A private three-node NATS cluster with JetStream for tests that kill a
// server: free client, route and monitoring ports, data in a temp dir, each
// node a child process stopped or killed by PID and started again with the
// same config (same server_name and store: it rejoins as itself). Never
// touches the shared NATS on 4222 or the ops/nats-cluster.sh nodes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, Proc, rmDir, tempDir, waitFor } from '../faults/servers.ts';

export interface ClusterNode {
  /** server_name: n1, n2, n3. */
  readonly name: string;
  readonly port: number;
  readonly routePort: number;
  readonly httpPort: number;
  readonly proc: Proc;
  readonly url: string;
}

/** What a node's monitoring endpoint says about JetStream (the part used here). */
interface Jsz {
  readonly meta_cluster?: { readonly leader?: string; readonly cluster_size?: number };
}

export class PrivateNatsCluster {
  private constructor(readonly dir: string, readonly clusterName: string, readonly nodes: readonly ClusterNode[]) {}

  /** NATS_URL for Pallet: every node, comma separated. */
  get url(): string {
    return this.nodes.map((n) => n.url).join(',');
  }

  static async create(size = 3): Promise<PrivateNatsCluster> {
    const dir = tempDir('nats-cluster');
    const ports = [];
    for (let i = 0; i < size; i++) ports.push({ port: await freePort(), routePort: await freePort(), httpPort: await freePort() });
    const routes = ports.map((p) => `nats-route://127.0.0.1:${p.routePort}`).join(', ');
    const clusterName = `c${process.pid}`;
    const nodes = ports.map((p, i): ClusterNode => {
      const name = `n${i + 1}`;
      const nodeDir = join(dir, name);
      mkdirSync(join(nodeDir, 'js'), { recursive: true });
      const conf = join(nodeDir, 'nats.conf');
      writeFileSync(conf, [
        `server_name: ${name}`,
        `listen: 127.0.0.1:${p.port}`,
        `http: 127.0.0.1:${p.httpPort}`,
        `jetstream { store_dir: "${join(nodeDir, 'js')}" }`,
        `cluster { name: ${clusterName}, listen: 127.0.0.1:${p.routePort}, routes: [ ${routes} ] }`,
        '',
      ].join('\n'));
      const proc = new Proc(`nats ${name}`, 'nats-server', ['-c', conf], { logFile: join(nodeDir, 'nats.log') });
      return { name, ...p, proc, url: `nats://127.0.0.1:${p.port}` };
    });
    const cluster = new PrivateNatsCluster(dir, clusterName, nodes);
    try {
      for (const n of nodes) n.proc.start();
      await cluster.waitForMetaLeader(30_000);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  node(name: string): ClusterNode {
    const n = this.nodes.find((x) => x.name === name);
    if (n === undefined) throw new Error(`no node ${name} in this cluster`);
    return n;
  }

  /** A running node's view of the JetStream meta group (monitoring endpoint /jsz). */
  async jsz(n: ClusterNode): Promise<Jsz> {
    const r = await fetch(`http://127.0.0.1:${n.httpPort}/jsz`, { signal: AbortSignal.timeout(1_000) });
    return await r.json() as Jsz;
  }

  /** Waits until a running node names a meta leader that is itself running; returns its name. */
  async waitForMetaLeader(timeoutMs: number): Promise<string> {
    return waitFor('a JetStream meta leader', async () => {
      for (const n of this.nodes) {
        if (!n.proc.running) continue;
        const leader = (await this.jsz(n).catch(() => null))?.meta_cluster?.leader;
        if (leader !== undefined && leader !== '' && this.node(leader).proc.running) return leader;
      }
      return null;
    }, timeoutMs, 100);
  }

  /** kill -9 one node (by the PID of its process). */
  async kill9(name: string): Promise<void> {
    await this.node(name).proc.kill9();
  }

  /** Starts a stopped or killed node again with its config and store; resolves when its client port answers. */
  async restart(name: string, timeoutMs = 20_000): Promise<void> {
    const n = this.node(name);
    n.proc.start();
    await waitFor(`${name} monitoring endpoint`, async () => {
      if (!n.proc.running) throw new Error(`${name} exited`);
      return (await fetch(`http://127.0.0.1:${n.httpPort}/varz`, { signal: AbortSignal.timeout(1_000) })).ok;
    }, timeoutMs, 100);
  }

  /** Stops every node (SIGTERM, then SIGKILL) and removes the temp dir. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.proc.stop(5_000)));
    rmDir(this.dir);
  }
}
