// Private servers for fault tests: Redis, NATS (JetStream) and the Pallet core
// as child processes on free ports, data in a temp dir, stopped by PID. Never
// touches the shared services on the standard ports.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pallet-faults-${prefix}-`));
}

/** A child process that can be killed, paused and started again with the same command. */
export class Proc {
  child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly name: string, private readonly cmd: string, private readonly args: readonly string[],
    private readonly opts: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string }) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} already running`);
    const log = createWriteStream(this.opts.logFile, { flags: 'a' });
    const child = spawn(this.cmd, [...this.args], { env: this.opts.env ?? process.env, cwd: this.opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('error', (err) => log.write(`spawn error: ${String(err)}\n`));
    this.child = child;
  }

  signal(sig: NodeJS.Signals): void {
    const pid = this.pid;
    if (pid !== null && this.running) process.kill(pid, sig);
  }

  /** kill -9 and wait for the exit. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.signal('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (after SIGCONT), then SIGKILL if it has not gone within graceMs. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.signal('SIGCONT');
    this.signal('SIGTERM');
    const t = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null && v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------- Redis

export class PrivateRedis {
  readonly proc: Proc;
  constructor(readonly port: number, readonly dir: string, readonly aof: boolean) {
    this.proc = new Proc('redis', 'redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
      '--appendonly', aof ? 'yes' : 'no', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction',
      '--daemonize', 'no', '--logfile', '',
    ], { logFile: join(dir, 'redis.log') });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async create(aof: boolean): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), tempDir('redis'), aof);
    await r.start();
    return r;
  }

  async start(): Promise<void> {
    this.proc.start();
    await waitFor(`redis on ${this.port}`, () => tcpPing(this.port, 'PING\r\n', '+PONG'), 10_000, 50);
  }
}

// ---------------------------------------------------------------- NATS

export class PrivateNats {
  readonly proc: Proc;
  constructor(readonly port: number, readonly dir: string) {
    const store = join(dir, 'js');
    mkdirSync(store, { recursive: true });
    const conf = join(dir, 'n.conf');
    writeFileSync(conf, `listen: 127.0.0.1:${port}\nhttp: 127.0.0.1:0\njetstream { store_dir: "${store}" }\n`);
    this.proc = new Proc('nats', 'nats-server', ['-c', conf], { logFile: join(dir, 'nats.log') });
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async create(): Promise<PrivateNats> {
    const n = new PrivateNats(await freePort(), tempDir('nats'));
    await n.start();
    return n;
  }

  async start(): Promise<void> {
    this.proc.start();
    await waitFor(`nats on ${this.port}`, () => tcpPing(this.port, 'PING\r\n', 'INFO'), 10_000, 50);
  }

  /**
   * What a power loss does to a JetStream that had not synced (NATS 2.9 syncs
   * every 2 min): keeps the first `keepFraction` of the stream's message
   * bytes and drops the rest, cutting through a record, and removes the block
   * indexes so the server rebuilds them from what is left. The consumers'
   * state files are kept (they were written too): they now point past the
   * stream's end. Only while the server is stopped. Returns the bytes kept and dropped.
   */
  loseStreamTail(stream: string, keepFraction: number): { kept: number; dropped: number } {
    if (this.proc.running) throw new Error('stop NATS before cutting its store');
    const msgs = join(this.dir, 'js', 'jetstream', '$G', 'streams', stream, 'msgs');
    const blocks = readdirSync(msgs).filter((f) => /^\d+\.blk$/.test(f)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    const sizes = blocks.map((f) => statSync(join(msgs, f)).size);
    const total = sizes.reduce((a, b) => a + b, 0);
    let keep = Math.floor(total * keepFraction);
    const kept = keep;
    for (const [i, f] of blocks.entries()) {
      const size = sizes[i]!;
      if (keep >= size) { keep -= size; continue; }
      if (keep > 0) truncateSync(join(msgs, f), keep);
      else rmSync(join(msgs, f));
      keep = 0;
    }
    for (const f of readdirSync(msgs)) if (!f.endsWith('.blk')) rmSync(join(msgs, f), { force: true });
    return { kept, dropped: total - kept };
  }
}

/** Connects, writes `send`, resolves true when the answer contains `expect`. */
function tcpPing(port: number, send: string, expect: string): Promise<boolean> {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const sock = connect({ port, host: '127.0.0.1' });
      let buf = '';
      const done = (v: boolean) => { sock.destroy(); resolve(v); };
      sock.setTimeout(1_000, () => done(false));
      sock.on('error', () => done(false));
      sock.on('connect', () => sock.write(send));
      sock.on('data', (d) => { buf += d.toString(); if (buf.includes(expect)) done(true); });
    }, () => resolve(false));
  });
}

// ---------------------------------------------------------------- the Pallet core

const repoRoot = join(import.meta.dirname, '..', '..');

export interface CoreEnv {
  readonly REDIS_URL: string;
  readonly NATS_URL: string;
  readonly DATABASE_URL: string;
  readonly PALLET_NAMESPACE: string;
  readonly PALLET_ADMIN_KEY: string;
  readonly [name: string]: string;
}

/** Runs `node bin/pallet.js <args>` to completion; returns the exit code and output. */
export function palletCli(env: CoreEnv, args: readonly string[], timeoutMs = 60_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'pallet.js'), ...args], {
      cwd: repoRoot, env: { ...process.env, ...env, PALLET_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d.toString(); });
    child.stderr.on('data', (d) => { out += d.toString(); });
    const t = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`pallet ${args.join(' ')} timed out:\n${out}`)); }, timeoutMs);
    child.once('error', (e) => { clearTimeout(t); reject(e); });
    child.once('exit', (code) => { clearTimeout(t); resolve({ code: code ?? -1, out }); });
  });
}

export class Core {
  readonly proc: Proc;
  constructor(readonly env: CoreEnv, readonly httpPort: number, dir: string) {
    this.proc = new Proc('core', process.execPath, [join(repoRoot, 'bin', 'pallet.js'), 'serve'], {
      cwd: repoRoot, logFile: join(dir, 'core.log'),
      env: { ...process.env, PALLET_LOG_LEVEL: 'warn', ...env, PALLET_HTTP_PORT: String(httpPort), PALLET_HTTP_HOST: '127.0.0.1' },
    });
  }

  get base(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  static async create(env: CoreEnv, dir: string): Promise<Core> {
    const wsPort = await freePort();
    const c = new Core({ ...env, PALLET_WS_PORT: String(wsPort) }, await freePort(), dir);
    await c.start();
    return c;
  }

  async start(): Promise<void> {
    this.proc.start();
    await waitFor('core /readyz', async () => {
      if (!this.proc.running) throw new Error('core exited');
      const r = await fetch(`${this.base}/readyz`, { signal: AbortSignal.timeout(1_000) });
      return r.ok;
    }, 90_000, 100); // a cold start (tsx compiling every module) on a loaded 2-core machine can pass 30 s
  }
}

export function rmDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- PostgreSQL

/**
 * A private PostgreSQL cluster (initdb in a temp dir, run as the `postgres`
 * user through runuser; the test runs as root). Paused and resumed by PID:
 * the postmaster and all its children (every backend is a direct child).
 */
export class PrivatePostgres {
  readonly dataDir: string;
  constructor(readonly port: number, readonly dir: string, readonly binDir: string) {
    this.dataDir = join(dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** The highest installed /usr/lib/postgresql/<major>/bin. */
  static binDir(): string {
    const root = '/usr/lib/postgresql';
    const majors = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
    if (majors.length === 0) throw new Error(`no PostgreSQL under ${root}`);
    return join(root, majors[0]!, 'bin');
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = tempDir('pg');
    execFileSync('chown', ['postgres', dir]);
    const pg = new PrivatePostgres(await freePort(), dir, PrivatePostgres.binDir());
    execFileSync('runuser', ['-u', 'postgres', '--', join(pg.binDir, 'initdb'), '-D', pg.dataDir, '-A', 'trust', '-U', 'postgres'], { stdio: 'ignore' });
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    execFileSync('runuser', ['-u', 'postgres', '--', join(this.binDir, 'pg_ctl'), '-D', this.dataDir,
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`, '-l', join(this.dir, 'log'), '-w', 'start'], { stdio: 'ignore', timeout: 30_000 });
  }

  /** The postmaster's PID (first line of postmaster.pid), or null when it is not running. */
  get pid(): number | null {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  /** The postmaster and its children (backends, checkpointer, walwriter, …). */
  pids(): number[] {
    const pm = this.pid;
    if (pm === null) return [];
    let children: number[] = [];
    try {
      children = execFileSync('pgrep', ['-P', String(pm)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    } catch { /* pgrep exits 1 when there are none */ }
    return [pm, ...children];
  }

  /** SIGSTOP the postmaster first (no new children), then its children; returns the PIDs stopped. */
  pause(): number[] {
    const pm = this.pid;
    if (pm === null) return [];
    process.kill(pm, 'SIGSTOP');
    const all = this.pids();
    for (const p of all.slice(1)) { try { process.kill(p, 'SIGSTOP'); } catch { /* gone */ } }
    return all;
  }

  /** SIGCONT the children, then the postmaster. */
  resume(): void {
    const all = this.pids();
    for (const p of all.slice(1)) { try { process.kill(p, 'SIGCONT'); } catch { /* gone */ } }
    if (all[0] !== undefined) { try { process.kill(all[0], 'SIGCONT'); } catch { /* gone */ } }
  }

  /** Resumes (in case it is paused), then `pg_ctl -m immediate stop`; SIGKILL by PID if that fails. */
  async stop(): Promise<void> {
    if (this.pid === null) return;
    this.resume();
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', join(this.binDir, 'pg_ctl'), '-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', timeout: 20_000 });
    } catch {
      for (const p of this.pids().reverse()) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
    }
  }
}
