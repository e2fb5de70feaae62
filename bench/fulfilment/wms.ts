// The benchmark's local WMS: a node:http server in the benchmark process that
// checks each pushed task's Pallet-Signature, answers 200, and keeps the time
// it first saw each task (performance.timeOrigin + now, ms since epoch).

import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseSignature, signPayload } from '../../src/app/payment.signature.ts';

const bodyBytesMax = 1_048_576;
/** A limit on the tasks remembered (the benchmark's largest run is far below it). */
const tasksMax = 5_000_000;

export class BenchWms {
  /** taskId → { orderId, first push (epoch ms) }. */
  readonly firstSeen = new Map<string, { orderId: string; atMs: number }>();
  pushes = 0;
  badSignatures = 0;
  private server: Server | null = null;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const parts: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => { size += c.length; if (size <= bodyBytesMax) parts.push(c); });
      req.on('end', () => {
        const atMs = performance.timeOrigin + performance.now();
        const raw = Buffer.concat(parts);
        const sig = parseSignature(String(req.headers['pallet-signature'] ?? ''));
        if (sig === null || !sig.v1.some((v) => v.toString('hex') === signPayload(this.secret, sig.t, raw))) {
          this.badSignatures++;
          return void res.writeHead(401).end();
        }
        this.pushes++;
        const body = JSON.parse(raw.toString('utf8')) as { taskId: string; orderId: string };
        if (!this.firstSeen.has(body.taskId) && this.firstSeen.size < tasksMax) this.firstSeen.set(body.taskId, { orderId: body.orderId, atMs });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/tasks`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server === null ? resolve() : this.server.close(() => resolve())));
  }
}
