// The servers `npm run bench` loads with wrk (single-line reservations), in
// the order they are measured: the bare reserve server first (the calibration
// of the box), then Pallet as configured here. Pure: no I/O.
//
// A Pallet target is a CLI command plus environment; the harness migrates a
// namespace of its own for it, starts `node --import tsx <BENCH_PALLET_CLI>
// <command>`, seeds the catalog through the API and stops it by PID (its
// whole process tree is counted as "the server"). Adding a target is one line
// in `targets` below; BENCH_TARGETS picks and orders them.

export interface PalletGoal {
  /** Reservations/s as a share of the bare server's in the same run (issue 9 target 2). */
  readonly ratioToBareMin?: number;
  /** Absolute reservations/s (issue 9 target 3). */
  readonly okPerSecondMin?: number;
  readonly latencyMsP99Max?: number;
  /** The goal is stated for a window at least this long. */
  readonly measureSecondsMin?: number;
}

export type TargetSpec =
  | { readonly kind: 'bare'; readonly label: string }
  | {
      readonly kind: 'pallet';
      readonly label: string;
      /** `serve`, or `start` (migrates, seeds the demo tenant, then serves). */
      readonly command: 'serve' | 'start';
      /** Wins over the harness's environment (PALLET_ROLES …). */
      readonly env: Readonly<Record<string, string>>;
      readonly goal: PalletGoal;
    };

const apiGoal: PalletGoal = { ratioToBareMin: 0.9, latencyMsP99Max: 20 };
const deploymentGoal: PalletGoal = { okPerSecondMin: 10_000, latencyMsP99Max: 25, measureSecondsMin: 60 };

export const targets = {
  bare: { kind: 'bare', label: 'bare reserve server (Fastify + ioredis auto-pipelining + 1 Lua script, 1 process)' },
  api: { kind: 'pallet', label: 'pallet serve, PALLET_ROLES=api,sweeper', command: 'serve', env: { PALLET_ROLES: 'api,sweeper' }, goal: apiGoal },
  all: { kind: 'pallet', label: 'pallet serve, every role (the default deployment today)', command: 'serve', env: { PALLET_ROLES: 'all' }, goal: deploymentGoal },
  // The default deployment as `npm start` runs it: `pallet start`, the supervisor with PALLET_API_WORKERS API workers
  // and one background process (it also seeds the demo tenant in the bench namespace; PALLET_DATA_DIR is a temporary
  // directory). Opt-in: BENCH_TARGETS=bare,api,all,start, or add it to defaultTargetNames.
  start: { kind: 'pallet', label: 'pallet start (supervisor: API workers + background process)', command: 'start', env: { PALLET_ROLES: 'all' }, goal: deploymentGoal },
} as const satisfies Readonly<Record<string, TargetSpec>>;

export type TargetName = keyof typeof targets;
export const targetNames = Object.keys(targets) as TargetName[];
export const defaultTargetNames: readonly TargetName[] = ['bare', 'api', 'all'];
