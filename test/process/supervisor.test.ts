// `pallet start` as a supervisor, run as a user runs it: a child process on
// free ports with the real Redis, NATS and PostgreSQL, its own namespace and a
// temp PALLET_DATA_DIR (the developer's .data is never touched). Two API
// workers and one background process; killing either kind leaves the other
// serving and the killed one comes back; SIGTERM leaves no process behind.
// Plus the pure parts: restart backoff and give-up, metrics ports, refusals.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTopology } from '../../src/adapters/nats/topology.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime } from '../../src/main.ts';
import { dashboardPath } from '../../src/adapters/ws/ws.options.ts';
import { metricsPortOf, restartAfterExit, supervisorProblems } from '../../src/supervisor.ts';
import { freePort } from '../faults/servers.ts';
import { dropNamespace } from '../helpers/http.ts';
import { randomNamespace } from '../helpers/redis.ts';
import { upgradeStatus } from '../ws/harness.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const cli = join(repoRoot, 'src', 'cli.ts');
/** Variables of the developer's shell that would change what start does. */
const unset = ['PALLET_ADMIN_KEY', 'PALLET_DASHBOARD_SECRET', 'PALLET_ROLES', 'PALLET_SUPERVISOR', 'PALLET_API_WORKERS', 'PALLET_METRICS_PORT'];

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of unset) delete env[name];
  return { ...env, PALLET_LOG_LEVEL: 'warn', PALLET_LOG_REQUESTS: 'false', PALLET_RECONCILE_INTERVAL_SECONDS: '0', ...extra };
}

/** The supervisor's output, line by line, with waits for a line. */
class Output {
  readonly lines: string[] = [];
  private wake: (() => void)[] = [];
  private partial = '';

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    for (const w of this.wake.splice(0)) w();
  }

  async match(re: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const m = line.match(re);
        if (m !== null) return m;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${this.lines.join('\n').slice(-4_000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.wake.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }
}

/** GET over a fresh connection each time (so a new connection is handed to a live worker), status or error text. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return send('GET', url, headers);
}

function send(method: string, url: string, headers: Record<string, string>, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Requests /readyz one at a time until stopped; every answer that is not 200 (or no answer within 2 s) is a failure. */
function pollReady(base: string): { stop(): Promise<{ ok: number; failures: string[] }> } {
  let running = true;
  let ok = 0;
  const failures: string[] = [];
  const loop = (async () => {
    while (running) {
      const r = await send('GET', `${base}/readyz`, {}, 2_000).catch((err: Error) => ({ status: 0, body: err.message }));
      if (r.status === 200) ok++;
      else failures.push(`${r.status} ${r.body.slice(0, 200)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return { stop: async () => { running = false; await loop; return { ok, failures }; } };
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const starting = (name: string) => new RegExp(`^pallet: ${name} starting \\(pid (\\d+)\\)$`);
const servingAgain = (name: string) => new RegExp(`^pallet: ${name} serving again \\(pid (\\d+)\\)$`);

describe('pallet start (supervisor)', () => {
  const namespace = randomNamespace('sup');
  const dataDir = mkdtempSync(join(tmpdir(), 'pallet-supervisor-'));
  const out = new Output();
  let proc: ChildProcess;
  let exited: Promise<{ code: number | null; signal: string | null }>;
  let base = '';
  let wsPort = 0;
  /** Every child pid the supervisor reported. */
  const childPids = new Set<number>();
  const pidOf = async (name: string, from = 0) => {
    const pid = Number((await out.match(starting(name), 1_000, from))[1]);
    childPids.add(pid);
    return pid;
  };

  beforeAll(async () => {
    const httpPort = await freePort();
    wsPort = await freePort();
    base = `http://127.0.0.1:${httpPort}`;
    proc = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
      cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
      env: baseEnv({
        PALLET_NAMESPACE: namespace, PALLET_DATA_DIR: dataDir, PALLET_HTTP_HOST: '127.0.0.1', PALLET_HTTP_PORT: String(httpPort),
        PALLET_WS_PORT: String(wsPort), PALLET_METRICS_PORT: '0', PALLET_API_WORKERS: '2', PALLET_STOP_TIMEOUT_MS: '10000',
      }),
    });
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => out.push(d));
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => out.push(d));
    exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    await out.match(/^pallet: Prometheus metrics: /, 50_000);
  }, 60_000);

  afterAll(async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    for (const pid of childPids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    const rt = await buildRuntime(loadConfig({ ...process.env, PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'silent' }));
    try {
      await deleteTopology(await rt.nats.jsm(), namespace);
      await dropNamespace(rt, namespace);
    } finally {
      await rt.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('runs two API workers and one background process, sharing the operator key and the dashboard secret', async () => {
    const pids = [await pidOf('background'), await pidOf('api worker 1'), await pidOf('api worker 2')];
    expect(new Set([...pids, proc.pid]).size).toBe(4);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    expect(JSON.parse((await get(`${base}/dashboard/config.json`)).body)).toEqual({ wsPort });
    // start kept its keys in PALLET_DATA_DIR.
    const operatorKey = readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo-keys.json'), 'utf8')) as { tenant: string; read: string };
    // Fresh connections go round-robin over both workers: each accepts the operator key, and each
    // one's dashboard tokens open the board in the background process.
    for (let i = 0; i < 4; i++) {
      const keys = await get(`${base}/v1/tenants/${demo.tenant}/keys`, { authorization: `Bearer ${operatorKey}` });
      expect(keys.status).toBe(200);
      const issued = await send('POST', `${base}/v1/dashboard/tokens`, { authorization: `Bearer ${demo.read}` });
      expect(issued.status).toBe(201);
      const token = (JSON.parse(issued.body) as { token: string }).token;
      expect((await upgradeStatus(`ws://127.0.0.1:${wsPort}${dashboardPath}?token=${encodeURIComponent(token)}`)).status).toBe(101);
    }
    const metrics = (await out.match(/^pallet: Prometheus metrics: (.*)$/, 1_000))[1]!.split('; ').map((x) => x.split(' ').pop()!);
    expect(new Set(metrics).size).toBe(3);
    for (const url of metrics) expect((await get(url)).status).toBe(200);
  });

  it('restarts a SIGKILLed background process while the API keeps answering', async () => {
    const old = await pidOf('background');
    const from = out.lines.length;
    const poll = pollReady(base);
    process.kill(old, 'SIGKILL');
    const again = Number((await out.match(servingAgain('background'), 30_000, from))[1]);
    const { ok, failures } = await poll.stop();
    childPids.add(again);
    expect(again).not.toBe(old);
    expect(isAlive(old)).toBe(false);
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(3);
    expect((await get(`http://127.0.0.1:${wsPort}/healthz`)).body).toBe('ok');
  }, 40_000);

  it('restarts a SIGKILLed API worker while the other one keeps answering', async () => {
    const old = await pidOf('api worker 1');
    const other = await pidOf('api worker 2');
    const from = out.lines.length;
    const poll = pollReady(base);
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(old, 'SIGKILL');
    const again = Number((await out.match(servingAgain('api worker 1'), 30_000, from))[1]);
    const { ok, failures } = await poll.stop();
    childPids.add(again);
    expect(again).not.toBe(old);
    expect(isAlive(old)).toBe(false);
    expect(isAlive(other)).toBe(true);
    // The poller has one request in flight at a time. The one in flight at the kill may have been
    // handed to the killed worker (reset, or, with node:cluster's round-robin hand-off, never
    // answered); every other one must have been answered by the other worker.
    expect(failures.length, failures.join('\n')).toBeLessThanOrEqual(1);
    expect(ok).toBeGreaterThan(3);
  }, 40_000);

  it('stops every child on SIGTERM (twice at once, as a Ctrl-C under npm delivers it) and exits 0, leaving no process behind', async () => {
    for (const line of out.lines) {
      const m = line.match(/^pallet: .+ starting \(pid (\d+)\)$/);
      if (m !== null) childPids.add(Number(m[1]));
    }
    expect(childPids.size).toBeGreaterThanOrEqual(3);
    proc.kill('SIGTERM');
    // Signals sent back to back merge into one delivery: the second comes a moment later, while the children stop.
    await new Promise((r) => setTimeout(r, 150));
    proc.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    // The repeated signal is the same request: the children stopped cleanly, none was killed.
    expect(out.lines.filter((l) => /again: killing/.test(l))).toEqual([]);
    expect([...childPids].filter(isAlive)).toEqual([]);
    await expect(get(`${base}/readyz`)).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);
});

describe('supervisor rules', () => {
  const policy = loadConfig({ PALLET_RESTART_DELAY_MS_MAX: '1000', PALLET_RESTARTS_PER_WINDOW_MAX: '5', PALLET_RESTART_WINDOW_SECONDS: '60' }).supervisor;

  it('waits 100 ms after an exit, doubling per exit in the window up to the maximum, and gives up past the bound', () => {
    let exits: number[] = [];
    const delays: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const next = restartAfterExit(exits, 1_000_000 + i * 1_000, policy);
      exits = next.exitsMs;
      delays.push(next.delayMs);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, null]);
  });

  it('forgets exits older than the window: a child that crashes once in a while is always restarted quickly', () => {
    let exits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const next = restartAfterExit(exits, i * 61_000, policy);
      expect(next.delayMs).toBe(100);
      exits = next.exitsMs;
    }
    expect(exits).toHaveLength(1);
  });

  it('gives the background process the metrics port and API worker i the port + 1 + i; 0 and off pass through', () => {
    const at = (port: string) => loadConfig({ PALLET_METRICS_PORT: port, PALLET_API_WORKERS: '3' });
    expect(['background', 0, 1, 2].map((w) => metricsPortOf(at('9464'), w as number | 'background'))).toEqual(['9464', '9465', '9466', '9467']);
    expect(metricsPortOf(at('0'), 1)).toBe('0');
    expect(metricsPortOf(at('off'), 'background')).toBe('off');
    expect(supervisorProblems(loadConfig({ PALLET_METRICS_PORT: '65534', PALLET_API_WORKERS: '2' }))).toEqual([expect.stringContaining('PALLET_METRICS_PORT=65534')]);
  });

  it('refuses PALLET_WS_PORT=0 when the API and the ws role run in different processes, but not with --single or without ws', () => {
    expect(supervisorProblems(loadConfig({ PALLET_WS_PORT: '0' }))).toEqual([expect.stringContaining('PALLET_WS_PORT=0')]);
    expect(supervisorProblems(loadConfig({ PALLET_WS_PORT: '0', PALLET_ROLES: 'api,sweeper' }))).toEqual([]);
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'start'], {
      cwd: repoRoot, encoding: 'utf8', timeout: 20_000,
      env: baseEnv({ PALLET_WS_PORT: '0', PALLET_NAMESPACE: `sup_${randomBytes(4).toString('hex')}`, PALLET_ADMIN_KEY: `op_${randomBytes(24).toString('base64url')}` }),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PALLET_WS_PORT=0: under `pallet start`/);
  });

  it('takes the API worker count from the cores by default, within 1..64', () => {
    expect(loadConfig({}).supervisor.apiWorkers).toBeGreaterThanOrEqual(1);
    expect(() => loadConfig({ PALLET_API_WORKERS: '0' })).toThrow(/PALLET_API_WORKERS/);
    expect(() => loadConfig({ PALLET_API_WORKERS: '65' })).toThrow(/PALLET_API_WORKERS/);
  });
});
