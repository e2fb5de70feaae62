// Redis connections: a small fixed set used round-robin with auto-pipelining,
// because one connection caps throughput (client and server take turns).
import { Redis } from 'ioredis';
import { registerScripts } from './scripts.ts';

export interface RedisOptions {
  readonly url: string;
  readonly connections: number;
  readonly commandTimeoutMs: number;
}

export class RedisPool {
  private readonly clients: Redis[];
  private turn = 0;

  constructor(opts: RedisOptions) {
    if (opts.connections < 1) throw new Error('RedisPool needs at least one connection');
    this.clients = Array.from({ length: opts.connections }, () => {
      const client = new Redis(opts.url, {
        enableAutoPipelining: true,
        commandTimeout: opts.commandTimeoutMs,
        maxRetriesPerRequest: 2,
        connectTimeout: 5_000,
        enableOfflineQueue: true,
        lazyConnect: false,
      });
      registerScripts(client);
      // Connection errors surface on commands; do not crash on the event.
      client.on('error', () => undefined);
      return client;
    });
  }

  /** The next connection, round-robin. */
  next(): Redis {
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
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
