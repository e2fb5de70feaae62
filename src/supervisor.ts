// `pallet start`'s supervisor: one small parent process that runs no role.
//
// Layout (PALLET_ROLES picks the roles, `all` by default):
//   supervisor   migrations, demo seed and topology happen in it before any
//                child starts; then it only forks, watches and restarts.
//   api worker i PALLET_API_WORKERS processes (default: the cores), each
//                running only the `api` role on the shared PALLET_HTTP_PORT
//                (node:cluster, connections handed out round-robin), each
//                with its own Redis, NATS and PostgreSQL connections.
//   background   one process running every other role (sweeper, relay,
//                projector, payments, reconciler, ws).
// Children run `pallet serve` with PALLET_ROLES set for them and report
// "serving" over the IPC channel; they stop when that channel closes, so a
// supervisor killed outright leaves no orphan serving.
//
// Restarts: a child that exits while the supervisor is not stopping is
// restarted after 100 ms, doubling per exit in the last
// PALLET_RESTART_WINDOW_SECONDS up to PALLET_RESTART_DELAY_MS_MAX. A child
// that exits more than PALLET_RESTARTS_PER_WINDOW_MAX times in the window, or
// whose very first start fails before it serves (a configuration or
// environment problem), is not retried: the supervisor stops the others and
// exits 1, for the service manager (or the developer) to see. One child's
// exit never stops another.
//
// Stopping: SIGINT/SIGTERM go to every child as SIGTERM; children still
// running PALLET_STOP_TIMEOUT_MS later (or at a second signal) get SIGKILL.
import cluster, { type Worker } from 'node:cluster';
import { fork, type ChildProcess } from 'node:child_process';
import { randomDashboardSecret } from './app/dashboard.token.ts';
import type { Log } from './app/log.port.ts';
import type { Config, Role, SupervisorConfig } from './config.ts';

/** Set in the children's environment; its value names the child's kind. */
const childEnvName = 'PALLET_SUPERVISED_CHILD';
const servingMessage = 'pallet:serving';
const restartDelayMsMin = 100;
const portMax = 65_535;

export interface ServingReport {
  readonly url: string | null;
  readonly wsPort: number | null;
  readonly metricsUrl: string | null;
}

interface ServingMessage extends ServingReport {
  readonly type: typeof servingMessage;
  readonly pid: number;
}

// ---------------------------------------------------------------- child side

/** True in a process forked by the supervisor (it reports over IPC instead of printing). */
export function isSupervisedChild(): boolean {
  return process.env[childEnvName] !== undefined && typeof process.send === 'function';
}

/**
 * In a child, first thing: the IPC channel must not keep the process alive (cluster's own listeners
 * ref it), so a child whose start failed, or whose roles have stopped, exits and the supervisor sees it.
 */
export function detachFromSupervisorChannel(): void {
  if (isSupervisedChild()) process.channel?.unref();
}

/**
 * In a child: reports serving to the supervisor, then stops the roles once, at the first of
 * SIGINT, SIGTERM (later ones are ignored: the supervisor kills what does not stop) or the
 * supervisor's channel closing.
 */
export function serveAsChild(server: ServingReport & { stop(): Promise<void> }, log: Pick<Log, 'info'>): Promise<void> {
  const report: ServingMessage = { type: servingMessage, pid: process.pid, url: server.url, wsPort: server.wsPort, metricsUrl: server.metricsUrl };
  process.send?.(report);
  return new Promise((resolve, reject) => {
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ why }, 'stopping');
      server.stop().then(resolve, reject);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('disconnect', () => stop('supervisor gone'));
  });
}

// ----------------------------------------------------------- supervisor side

/** What `pallet start` refuses to supervise, as ConfigError lines. */
export function supervisorProblems(config: Config): string[] {
  const problems: string[] = [];
  const { api, background } = layoutOf(config);
  if (config.wsPort === 0 && api && background.includes('ws')) {
    problems.push('PALLET_WS_PORT=0: under `pallet start` the API workers tell browsers the board\'s port and cannot learn one picked '
      + 'by the background process; set a port, or run one process (`pallet start --single` or PALLET_SUPERVISOR=0)');
  }
  if (config.metricsPort !== null && config.metricsPort > 0 && config.metricsPort + config.supervisor.apiWorkers > portMax) {
    problems.push(`PALLET_METRICS_PORT=${config.metricsPort}: API worker i listens on it + 1 + i, and ${config.supervisor.apiWorkers} workers `
      + `go past ${portMax}; lower it or PALLET_API_WORKERS`);
  }
  return problems;
}

function layoutOf(config: Config): { api: boolean; background: Role[] } {
  return { api: config.roles.includes('api'), background: config.roles.filter((r) => r !== 'api') };
}

/** The background process's metrics port is the configured one; API worker i takes the next ones (0: each picks a free port). */
export function metricsPortOf(config: Config, worker: number | 'background'): string {
  if (config.metricsPort === null) return 'off';
  if (config.metricsPort === 0) return '0';
  return String(worker === 'background' ? config.metricsPort : config.metricsPort + 1 + worker);
}

/**
 * After an exit at nowMs: the exits inside the window (this one included) and the wait before the
 * restart, 100 ms doubling per exit in the window up to the maximum; null when there were too many.
 */
export function restartAfterExit(exitsMs: readonly number[], nowMs: number, policy: SupervisorConfig): { exitsMs: number[]; delayMs: number | null } {
  const windowMs = policy.restartWindowSeconds * 1000;
  const inWindow = [...exitsMs.filter((t) => nowMs - t < windowMs), nowMs];
  if (inWindow.length > policy.restartsPerWindowMax) return { exitsMs: inWindow, delayMs: null };
  return { exitsMs: inWindow, delayMs: Math.min(policy.restartDelayMsMax, restartDelayMsMin * 2 ** (inWindow.length - 1)) };
}

interface Child {
  readonly pid: number;
  kill(signal: NodeJS.Signals): void;
}

interface Slot {
  readonly name: string;
  readonly kind: 'api' | 'background';
  readonly env: Readonly<Record<string, string>>;
  child: Child | null;
  /** Times of the exits inside the restart window, oldest first. */
  exits: number[];
  timer: NodeJS.Timeout | null;
  served: boolean;
  report: ServingReport | null;
}

type Out = Pick<Console, 'log' | 'error'>;

/** Forks the children and supervises them until SIGINT/SIGTERM or a child that cannot be kept up; resolves the exit code. */
export function runSupervisor(config: Config, out: Out = console): Promise<number> {
  return new Promise((resolve) => {
    const supervisor = new Supervisor(config, out, (code) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code);
    });
    const onSignal = (signal: NodeJS.Signals) => supervisor.signal(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    supervisor.start();
  });
}

/** A second stop signal within this long of the first is the same request (see Supervisor.signal). */
const repeatSignalGraceMs = 1_000;

class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;
  private exitCode = 0;
  private killTimer: NodeJS.Timeout | null = null;
  private summarized = false;
  private stopSignalAtMs = 0;

  constructor(private readonly config: Config, private readonly out: Out, private readonly done: (code: number) => void) {
    this.slots = slotsOf(config);
  }

  start(): void {
    // Children run the same entry point, with the same loader flags, as this process.
    cluster.setupPrimary({ exec: process.argv[1], args: ['serve'], execArgv: process.execArgv });
    for (const slot of this.slots) this.spawn(slot);
    if (this.slots.length === 0) this.stop(0);
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.stopping) {
      this.out.log(`pallet: ${signal}: stopping ${this.live().length} processes`);
      this.stopSignalAtMs = performance.now();
      this.stop(0);
      return;
    }
    // One Ctrl-C under `npm start` arrives twice (the terminal signals the whole group, npm forwards its own):
    // only a signal well after the first one asks to kill.
    if (performance.now() - this.stopSignalAtMs < repeatSignalGraceMs) return;
    this.out.error(`pallet: ${signal} again: killing what is still running`);
    this.killAll('SIGKILL');
  }

  private spawn(slot: Slot): void {
    const onExit = (pid: number, code: number | null, signal: string | null) => this.exited(slot, pid, code, signal);
    const onMessage = (msg: unknown) => this.message(slot, msg);
    slot.report = null;
    slot.child = slot.kind === 'api' ? forkWorker(slot.env, onExit, onMessage, this.out) : forkBackground(slot.env, onExit, onMessage, this.out);
    this.out.log(`pallet: ${slot.name} starting (pid ${slot.child.pid})`);
  }

  private message(slot: Slot, msg: unknown): void {
    if (!isServingMessage(msg) || slot.child?.pid !== msg.pid) return;
    slot.report = { url: msg.url, wsPort: msg.wsPort, metricsUrl: msg.metricsUrl };
    const again = slot.served;
    slot.served = true;
    if (again) this.out.log(`pallet: ${slot.name} serving again (pid ${msg.pid})`);
    if (!this.summarized && this.slots.every((s) => s.report !== null)) {
      this.summarized = true;
      for (const line of summaryOf(this.slots, this.config)) this.out.log(line);
    }
  }

  private exited(slot: Slot, pid: number, code: number | null, signal: string | null): void {
    if (slot.child?.pid === pid) slot.child = null;
    const how = signal !== null ? `signal ${signal}` : `code ${code}`;
    if (this.stopping) {
      this.finishIfDone();
      return;
    }
    if (!slot.served) {
      this.out.error(`pallet: ${slot.name} (pid ${pid}) exited (${how}) before it first served; stopping`);
      this.stop(1);
      return;
    }
    const { restartWindowSeconds } = this.config.supervisor;
    const next = restartAfterExit(slot.exits, Date.now(), this.config.supervisor);
    slot.exits = next.exitsMs;
    const { delayMs } = next;
    if (delayMs === null) {
      this.out.error(`pallet: ${slot.name} (pid ${pid}) exited (${how}), ${slot.exits.length} times within ${restartWindowSeconds} s; `
        + 'not restarting it; stopping');
      this.stop(1);
      return;
    }
    this.out.error(`pallet: ${slot.name} (pid ${pid}) exited (${how}); restarting in ${delayMs} ms `
      + `(${slot.exits.length} exits within ${restartWindowSeconds} s)`);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      if (!this.stopping) this.spawn(slot);
    }, delayMs);
  }

  private stop(code: number): void {
    if (this.stopping) return;
    this.stopping = true;
    this.exitCode = code;
    for (const slot of this.slots) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
    }
    this.killAll('SIGTERM');
    const { stopTimeoutMs } = this.config.supervisor;
    this.killTimer = setTimeout(() => {
      this.out.error(`pallet: ${this.live().map((s) => s.name).join(', ')} still running after ${stopTimeoutMs} ms: killing`);
      this.killAll('SIGKILL');
    }, stopTimeoutMs);
    this.finishIfDone();
  }

  private finishIfDone(): void {
    if (this.live().length > 0) return;
    if (this.killTimer !== null) clearTimeout(this.killTimer);
    this.killTimer = null;
    this.done(this.exitCode);
  }

  private live(): Slot[] {
    return this.slots.filter((s) => s.child !== null);
  }

  private killAll(signal: NodeJS.Signals): void {
    for (const slot of this.live()) slot.child!.kill(signal);
  }
}

function slotsOf(config: Config): Slot[] {
  const { api, background } = layoutOf(config);
  const shared: Record<string, string> = {
    // Every process must verify the others' dashboard tokens and accept the same operator key.
    PALLET_DASHBOARD_SECRET: config.dashboard.secret ?? randomDashboardSecret(),
    ...(config.adminKey !== null ? { PALLET_ADMIN_KEY: config.adminKey } : {}),
  };
  const slot = (name: string, kind: Slot['kind'], env: Record<string, string>): Slot => ({
    name, kind, env: { ...shared, ...env, [childEnvName]: kind }, child: null, exits: [], timer: null, served: false, report: null,
  });
  const slots: Slot[] = [];
  if (background.length > 0) {
    slots.push(slot('background', 'background', { PALLET_ROLES: background.join(','), PALLET_METRICS_PORT: metricsPortOf(config, 'background') }));
  }
  for (let i = 0; api && i < config.supervisor.apiWorkers; i++) {
    slots.push(slot(`api worker ${i + 1}`, 'api', { PALLET_ROLES: 'api', PALLET_METRICS_PORT: metricsPortOf(config, i) }));
  }
  return slots;
}

function forkWorker(env: Record<string, string>, onExit: (pid: number, code: number | null, signal: string | null) => void,
  onMessage: (msg: unknown) => void, out: Out): Child {
  const worker: Worker = cluster.fork(env);
  const pid = worker.process.pid ?? -1;
  worker.on('message', onMessage);
  worker.on('error', (err) => out.error(`pallet: api worker (pid ${pid}): ${err.message}`));
  worker.on('exit', (code, signal) => onExit(pid, code, signal));
  return { pid, kill: (signal) => { worker.process.kill(signal); } };
}

function forkBackground(env: Record<string, string>, onExit: (pid: number, code: number | null, signal: string | null) => void,
  onMessage: (msg: unknown) => void, out: Out): Child {
  const child: ChildProcess = fork(process.argv[1]!, ['serve'], { env: { ...process.env, ...env }, execArgv: process.execArgv, stdio: 'inherit' });
  const pid = child.pid ?? -1;
  child.on('message', onMessage);
  child.on('error', (err) => out.error(`pallet: background (pid ${pid}): ${err.message}`));
  child.on('exit', (code, signal) => onExit(pid, code, signal));
  return { pid, kill: (signal) => { child.kill(signal); } };
}

function isServingMessage(msg: unknown): msg is ServingMessage {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === servingMessage;
}

function summaryOf(slots: readonly Slot[], config: Config): string[] {
  const lines: string[] = [];
  const workers = slots.filter((s) => s.kind === 'api');
  const url = workers.find((s) => s.report?.url != null)?.report?.url ?? null;
  if (url !== null) {
    lines.push(`pallet: serving ${url} from ${workers.length} API worker${workers.length === 1 ? '' : 's'} `
      + `(pid${workers.length === 1 ? '' : 's'} ${workers.map((s) => s.child?.pid).join(', ')})  (OpenAPI: ${url}/docs, board: ${url}/dashboard/)`);
  }
  const background = slots.find((s) => s.kind === 'background');
  if (background !== undefined) {
    lines.push(`pallet: background roles ${layoutOf(config).background.join(', ')} in pid ${background.child?.pid}`);
    if (background.report?.wsPort != null) lines.push(`pallet: live board WebSocket on port ${background.report.wsPort}`);
  }
  const metrics = slots.filter((s) => s.report?.metricsUrl != null).map((s) => `${s.name} ${s.report!.metricsUrl}`);
  if (metrics.length > 0) lines.push(`pallet: Prometheus metrics: ${metrics.join('; ')}`);
  return lines;
}
