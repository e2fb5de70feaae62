// Messages between the ws-fanout benchmark's orchestrator (run.ts) and its
// child processes (server.ts, load.ts, clients.ts), over the fork() IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerStats {
  readonly kind: 'stats';
  readonly connections: number;
  readonly framesSent: number;
  readonly framesDropped: number;
  readonly bytesSent: number;
  readonly closedSlow: number;
  readonly eventsApplied: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** process.cpuUsage() user + system, µs. */
  readonly cpuUs: number;
  /** Event time → applied to the board, since the last reset. */
  readonly applyLagMsP50: number;
  readonly applyLagMsP99: number;
  /** Applied to the board → in a stock.all frame (the coalescing wait), since the last reset. */
  readonly coalesceMsP50: number;
  readonly coalesceMsP99: number;
}

export interface ClientsReport {
  readonly kind: 'report';
  readonly clients: number;
  readonly open: number;
  readonly frames: number;
  readonly bytes: number;
  readonly snapshots: number;
  /** Cell receipts measured (sampled clients, deltas only). */
  readonly lagCount: number;
  readonly lagMsP50: number;
  readonly lagMsP99: number;
  readonly lagMsMax: number;
  /** Event time → the server made the frame (relay, JetStream, aggregator, coalescing window). */
  readonly upstreamMsP50: number;
  readonly upstreamMsP99: number;
  /** The server made the frame → the client read it (send queue, network, client). */
  readonly wireMsP50: number;
  readonly wireMsP99: number;
  /** Sequence jumps seen by sampled clients (frames they lost). */
  readonly gaps: number;
  /** Frames no server sends (odd close codes, text that is not JSON): a client parser out of step. */
  readonly corrupt: number;
  readonly closeCodes: Readonly<Record<string, number>>;
  readonly cpuUs: number;
}

export interface LoadReport {
  readonly kind: 'report';
  readonly ops: number;
  readonly failed: number;
  readonly seconds: number;
  readonly relayed: number;
  /** Relay process only: event time → stored in JetStream. */
  readonly streamLagMsP50: number;
  readonly streamLagMsP99: number;
}

export type ToChild = { readonly kind: 'stats' } | { readonly kind: 'reset' } | { readonly kind: 'report' } | { readonly kind: 'start' } | { readonly kind: 'stop' };

/** A child process started as `node --import tsx <file>` with an IPC channel. */
export class Child {
  readonly proc: ChildProcess;
  private readonly waiting = new Map<string, ((msg: unknown) => void)[]>();
  private exited: Promise<number | null>;

  constructor(file: string, env: Record<string, string>, nodeArgs: readonly string[] = []) {
    this.proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: ['--import', 'tsx', ...nodeArgs], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.proc.on('message', (msg: { kind?: string }) => {
      const list = this.waiting.get(msg.kind ?? '');
      const resolve = list?.shift();
      resolve?.(msg);
    });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => {
      for (const list of this.waiting.values()) for (const r of list) r({ kind: 'exit', code });
      this.waiting.clear();
    });
  }

  /** The next message of a kind (or an exit marker if the child dies first). */
  next<T>(kind: string, timeoutMs = 120_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} message from ${this.proc.pid} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(kind) ?? [];
      list.push((msg) => {
        clearTimeout(timer);
        if ((msg as { kind: string }).kind === 'exit') reject(new Error(`child ${this.proc.pid} exited (${String((msg as { code: unknown }).code)}) before sending ${kind}`));
        else resolve(msg as T);
      });
      this.waiting.set(kind, list);
    });
  }

  ask<T>(msg: ToChild, replyKind: string, timeoutMs?: number): Promise<T> {
    const reply = this.next<T>(replyKind, timeoutMs);
    this.proc.send(msg);
    return reply;
  }

  /** Asks the child to stop, then kills it (by its PID) if it has not exited within the grace time. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    try {
      this.proc.send({ kind: 'stop' });
    } catch {
      // channel already closed
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** For children: answers messages from the parent; `stop` calls onStop then exits. */
export function serve(handlers: Partial<Record<ToChild['kind'], () => unknown | Promise<unknown>>>, onStop: () => Promise<void>): void {
  process.on('message', (msg: ToChild) => {
    void (async () => {
      if (msg.kind === 'stop') {
        await onStop();
        process.exit(0);
      }
      const reply = await handlers[msg.kind]?.();
      if (reply !== undefined) process.send?.(reply);
    })().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
  process.on('disconnect', () => void onStop().finally(() => process.exit(0)));
}

export const send = (msg: object): void => void process.send?.(msg);

export const intEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${raw}: not an integer`);
  return n;
};
