// Reconcile: compares the hot stock state in Redis with the ledger in
// PostgreSQL, reports drift per cell (and per live reservation), and on
// request repairs the Redis counters from the ledger.
//
// The ledger is behind Redis by the events in flight (outbox, JetStream, the
// projector's batch). So a Redis cell read at version v is compared with the
// ledger summed over versions ≤ v — not with the ledger's latest state — once
// the ledger has reached v; a cell whose ledger has not reached v is re-checked
// (recheckRounds × recheckDelayMs) and reported as `lagging` if it never does.
// With Redis read first and versions only growing, a ledger version above the
// one Redis has on a re-read means Redis lost a change (`redis_behind`).
//
// Repair (compare-and-set on the version, Lua repairCell) only where the
// ledger is complete for the cell (rows 1..v all present): a ledger with a gap
// is missing events (see the dead-letter stream) and is not the truth.
//
// Also here: the CLI entry (`pallet reconcile`) and the Reconciler role.
import { parseArgs } from 'node:util';
import type { HotCell, HotReservation, LedgerCellSums, LedgerReader, ReservationRecord, StockAdmin } from './ledger.port.ts';

export interface Counters {
  readonly onHand: number;
  readonly reserved: number;
  readonly committed: number;
  readonly version: number;
}

export type CellDriftKind =
  /** Same version, different counters: Redis was changed outside the scripts (or the ledger row is wrong). */
  | 'counters'
  /** The ledger has a version Redis does not: Redis lost changes (e.g. restored from an older AOF). */
  | 'redis_behind'
  /** The ledger has the cell, Redis has no key for it. */
  | 'missing_in_redis'
  /** Rows missing (or doubled) below the compared version: events never reached PostgreSQL (dead-lettered?). */
  | 'ledger_gap'
  /** The ledger did not reach the Redis version within the re-check window (projector stopped or far behind). */
  | 'lagging'
  /** Redis: the held reservations of the cell do not sum to its reserved counter. */
  | 'held_vs_reserved'
  /** Redis: the confirmed reservations of the cell do not sum to its committed counter. */
  | 'confirmed_vs_committed';

export interface CellDrift {
  readonly tenant: string;
  readonly warehouse: string;
  readonly sku: string;
  readonly kind: CellDriftKind;
  readonly redis: Counters | null;
  /** Ledger sums at the compared version (for held/confirmed kinds: the reservation sums in `detail`). */
  readonly ledger: Counters | null;
  readonly detail?: string;
  /** Set by a repair: true when the cell was set from the ledger. */
  repaired?: boolean;
}

export type ReservationDriftKind =
  /** Redis and PostgreSQL disagree on a reservation and PostgreSQL is not merely behind. */
  | 'reservation_status'
  /** PostgreSQL has a live reservation Redis does not have at all. */
  | 'reservation_missing_in_redis'
  /** PostgreSQL stayed behind Redis for the whole re-check window. */
  | 'reservation_lagging';

export interface ReservationDrift {
  readonly tenant: string;
  readonly reservationId: string;
  readonly kind: ReservationDriftKind;
  readonly redis: string | null;
  readonly postgres: string | null;
}

export interface ReconcileReport {
  readonly tenants: number;
  readonly cellsChecked: number;
  readonly reservationsChecked: number;
  readonly drift: CellDrift[];
  readonly reservationDrift: ReservationDrift[];
  /** Tenants whose reservations were not checked (more than reservationsScanMax keys). */
  readonly skipped: string[];
}

export interface ReconcileOptions {
  readonly repair?: boolean;
  /** Re-checks of cells (and reservations) the ledger has not caught up with. */
  readonly recheckRounds?: number;
  readonly recheckDelayMs?: number;
  /** Bounds the Redis keys read per tenant. */
  readonly cellsMax?: number;
  readonly reservationsScanMax?: number;
}

export const reconcileDefaults = Object.freeze({
  recheckRounds: 10, recheckDelayMs: 200, cellsMax: 1_000_000, reservationsScanMax: 1_000_000,
});

const tenantsMax = 100_000;

const cellName = (warehouse: string, sku: string): string => `${warehouse}/${sku}`;
const byCell = (a: { warehouse: string; sku: string }, b: { warehouse: string; sku: string }): number =>
  (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
const countersOf = (s: LedgerCellSums | HotCell): Counters => ({ onHand: s.onHand, reserved: s.reserved, committed: s.committed, version: s.version });
const sameCounters = (a: Omit<Counters, 'version'>, b: Omit<Counters, 'version'>): boolean =>
  a.onHand === b.onHand && a.reserved === b.reserved && a.committed === b.committed;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface TenantResult {
  readonly cellsChecked: number;
  readonly reservationsChecked: number;
  readonly drift: CellDrift[];
  readonly reservationDrift: ReservationDrift[];
  readonly skipped: boolean;
}

export class ReconcileService {
  private readonly opts: Required<Omit<ReconcileOptions, 'repair'>>;

  constructor(private readonly ledger: LedgerReader, private readonly hot: StockAdmin, opts: Omit<ReconcileOptions, 'repair'> = {}) {
    this.opts = { ...reconcileDefaults, ...opts };
  }

  /** Reconciles one tenant, or every tenant (catalog and ledger) when `tenant` is undefined. */
  async reconcile(tenant: string | undefined, opts: { repair?: boolean } = {}): Promise<ReconcileReport> {
    const tenants = tenant !== undefined ? [tenant] : await allTenants(this.ledger);
    const results: TenantResult[] = [];
    for (const t of tenants) results.push(await this.reconcileTenant(t, opts.repair === true));
    return {
      tenants: tenants.length,
      cellsChecked: results.reduce((n, r) => n + r.cellsChecked, 0),
      reservationsChecked: results.reduce((n, r) => n + r.reservationsChecked, 0),
      drift: results.flatMap((r) => r.drift),
      reservationDrift: results.flatMap((r) => r.reservationDrift),
      skipped: tenants.filter((_, i) => results[i]!.skipped),
    };
  }

  private async reconcileTenant(tenant: string, repair: boolean): Promise<TenantResult> {
    const cells = await this.hot.cells(tenant, this.opts.cellsMax);
    const drift = await this.compareCells(tenant, cells);
    const res = await this.checkReservations(tenant);
    if (repair) await this.repair(tenant, drift);
    const names = new Set([...cells.map((c) => cellName(c.warehouse, c.sku)), ...drift.map((d) => cellName(d.warehouse, d.sku))]);
    return { cellsChecked: names.size, reservationsChecked: res.checked, drift: [...drift, ...res.cellDrift], reservationDrift: res.drift, skipped: res.skipped };
  }

  // ---- cells ---------------------------------------------------------------------------------

  /** Compares each Redis cell with the ledger at its version, waiting (bounded) for a lagging ledger. */
  private async compareCells(tenant: string, cells: readonly HotCell[]): Promise<CellDrift[]> {
    const byName = new Map(cells.map((c) => [cellName(c.warehouse, c.sku), c]));
    const ahead = (await this.ledger.ledgerCells(tenant)).filter((l) => l.version > (byName.get(cellName(l.warehouse, l.sku))?.version ?? 0));
    const drift = await this.ledgerAhead(tenant, ahead);
    const aheadNames = new Set(ahead.map((a) => cellName(a.warehouse, a.sku)));
    let pending = cells.filter((c) => !aheadNames.has(cellName(c.warehouse, c.sku)));
    for (let round = 0; pending.length > 0; round++) {
      const sums = await this.ledger.ledgerSumsAt(tenant, pending);
      const behind: { cell: HotCell; sums: LedgerCellSums }[] = [];
      pending.forEach((c, i) => {
        const s = sums[i]!;
        if (s.version < c.version) behind.push({ cell: c, sums: s });
        else drift.push(...compareAt(tenant, c, s));
      });
      pending = behind.map((b) => b.cell);
      if (pending.length > 0 && round >= this.opts.recheckRounds) {
        drift.push(...behind.map(({ cell, sums: s }) => ({
          tenant, warehouse: cell.warehouse, sku: cell.sku, kind: 'lagging' as const, redis: countersOf(cell), ledger: countersOf(s),
          detail: `ledger at version ${s.version} of ${cell.version}`,
        })));
        break;
      }
      if (pending.length > 0) await sleep(this.opts.recheckDelayMs);
    }
    return drift.sort(byCell);
  }

  /**
   * Cells whose ledger version is above what Redis had when it was read. Redis
   * is read again: versions only grow, so a version still below the ledger's
   * means Redis lost the change.
   */
  private async ledgerAhead(tenant: string, ahead: readonly CellAtVersionLike[]): Promise<CellDrift[]> {
    if (ahead.length === 0) return [];
    const now = await this.hot.cellsNow(tenant, ahead);
    const lost = ahead.filter((a, i) => (now[i]?.version ?? 0) < a.version);
    const sums = await this.ledger.ledgerSumsAt(tenant, lost);
    return lost.map((a, i) => {
      const r = now[ahead.indexOf(a)] ?? null;
      return { tenant, warehouse: a.warehouse, sku: a.sku, kind: r === null ? 'missing_in_redis' : 'redis_behind', redis: r && countersOf(r), ledger: countersOf(sums[i]!) };
    });
  }

  /** Sets the repairable cells from the ledger, compare-and-set on the version Redis was compared at. */
  private async repair(tenant: string, drift: CellDrift[]): Promise<void> {
    const fixable = drift.filter((d) => d.kind === 'counters' || d.kind === 'redis_behind' || d.kind === 'missing_in_redis');
    if (fixable.length === 0) return;
    const full = new Map((await this.ledger.ledgerSums(tenant)).map((s) => [cellName(s.warehouse, s.sku), s]));
    for (const d of fixable) {
      const l = full.get(cellName(d.warehouse, d.sku));
      // Only a complete, self-consistent ledger is the truth; a 'counters' cell must not have moved on since.
      const trusted = l !== undefined && l.rows === l.version && sameCounters(l, l.latest) && (d.kind !== 'counters' || l.version === d.redis?.version);
      d.repaired = trusted
        ? (await this.hot.setCell(tenant, d.warehouse, d.sku, d.redis?.version ?? null, { ...countersOf(l), inTransit: l.inTransit, safetyStock: l.safetyStock })) === 'written'
        : false;
    }
  }

  // ---- reservations ---------------------------------------------------------------------------

  /**
   * Redis: held reservations sum to `reserved`, confirmed ones to `committed`,
   * per cell. Redis vs PostgreSQL: the live reservations agree on their status.
   * Both re-checked (bounded) while they disagree, as writes may be in flight.
   */
  private async checkReservations(tenant: string): Promise<{ checked: number; cellDrift: CellDrift[]; drift: ReservationDrift[]; skipped: boolean }> {
    let cellDrift: CellDrift[] = [];
    let all: HotReservation[] | null = null;
    for (let round = 0; ; round++) {
      all = await this.hot.reservations(tenant, this.opts.reservationsScanMax);
      if (all === null) return { checked: 0, cellDrift: [], drift: [], skipped: true };
      cellDrift = sumsAgainstCounters(tenant, all, await this.hot.cells(tenant, this.opts.cellsMax));
      if (cellDrift.length === 0 || round >= this.opts.recheckRounds) break;
      await sleep(this.opts.recheckDelayMs);
    }
    const drift = await this.againstPostgres(tenant, all);
    return { checked: all.length, cellDrift, drift, skipped: false };
  }

  /** Live reservations on either side whose status differs; PostgreSQL may be behind for a while. */
  private async againstPostgres(tenant: string, hot: readonly HotReservation[]): Promise<ReservationDrift[]> {
    const pg = new Map<string, ReservationRecord>((await this.ledger.allLiveReservations(tenant, this.opts.reservationsScanMax)).map((r) => [r.id, r]));
    const live = hot.filter((r) => r.status === 'held' || r.status === 'confirmed').map((r) => r.id);
    for (const r of await this.ledger.reservationsByIds(tenant, live.filter((id) => !pg.has(id)))) pg.set(r.id, r);
    const redis = new Map<string, string | null>(hot.map((r) => [r.id, r.status]));
    const differs = (id: string): boolean => (redis.get(id) ?? null) !== (pg.get(id)?.status ?? null);
    let suspects = [...new Set([...live, ...[...pg.values()].filter((r) => r.status === 'held' || r.status === 'confirmed').map((r) => r.id)])].filter(differs);
    // PostgreSQL may be ahead of the Redis snapshot (Redis moved on since it was read): read Redis again.
    for (const [id, st] of await this.hot.reservationStatuses(tenant, suspects)) redis.set(id, st);
    suspects = suspects.filter(differs);
    for (let round = 0; round < this.opts.recheckRounds; round++) {
      const lagging = suspects.filter((id) => pgBehind(redis.get(id) ?? null, pg.get(id)?.status ?? null));
      if (lagging.length === 0) break;
      await sleep(this.opts.recheckDelayMs);
      for (const r of await this.ledger.reservationsByIds(tenant, lagging)) pg.set(r.id, r);
      suspects = suspects.filter(differs);
    }
    return suspects.sort().map((id) => {
      const r = redis.get(id) ?? null;
      const p = pg.get(id)?.status ?? null;
      const kind: ReservationDriftKind = pgBehind(r, p) ? 'reservation_lagging' : r === null ? 'reservation_missing_in_redis' : 'reservation_status';
      return { tenant, reservationId: id, kind, redis: r, postgres: p };
    });
  }
}

type CellAtVersionLike = { readonly warehouse: string; readonly sku: string; readonly version: number };

/** A Redis cell against the ledger summed up to the cell's version (the ledger has reached it). */
function compareAt(tenant: string, c: HotCell, s: LedgerCellSums): CellDrift[] {
  const base = { tenant, warehouse: c.warehouse, sku: c.sku, redis: countersOf(c), ledger: countersOf(s) };
  if (s.rows !== c.version) return [{ ...base, kind: 'ledger_gap', detail: `${s.rows} ledger rows for versions 1..${c.version}` }];
  if (!sameCounters(c, s)) return [{ ...base, kind: 'counters' }];
  return [];
}

/** Per cell: held reservations must sum to reserved, confirmed ones to committed. */
function sumsAgainstCounters(tenant: string, reservations: readonly HotReservation[], cells: readonly HotCell[]): CellDrift[] {
  const sums = new Map<string, { warehouse: string; sku: string; held: number; confirmed: number }>();
  const sumOf = (warehouse: string, sku: string) => {
    let s = sums.get(cellName(warehouse, sku));
    if (s === undefined) sums.set(cellName(warehouse, sku), s = { warehouse, sku, held: 0, confirmed: 0 });
    return s;
  };
  for (const r of reservations) {
    if (r.status !== 'held' && r.status !== 'confirmed') continue;
    for (const [warehouse, sku, qty] of r.allocations) {
      if (r.status === 'held') sumOf(warehouse, sku).held += qty;
      else sumOf(warehouse, sku).confirmed += qty;
    }
  }
  for (const c of cells) sumOf(c.warehouse, c.sku);
  const byName = new Map(cells.map((c) => [cellName(c.warehouse, c.sku), c]));
  const out: CellDrift[] = [];
  for (const [name, s] of sums) {
    const c = byName.get(name) ?? null;
    const base = { tenant, warehouse: s.warehouse, sku: s.sku, redis: c && countersOf(c), ledger: null };
    if (s.held !== (c?.reserved ?? 0)) out.push({ ...base, kind: 'held_vs_reserved', detail: `held reservations sum to ${s.held}, reserved is ${c?.reserved ?? 0}` });
    if (s.confirmed !== (c?.committed ?? 0)) out.push({ ...base, kind: 'confirmed_vs_committed', detail: `confirmed reservations sum to ${s.confirmed}, committed is ${c?.committed ?? 0}` });
  }
  return out.sort(byCell);
}

/** Order of reservation states: a later state has a higher rank; the final states share the top rank. */
const rank = (s: string | null): number => (s === null ? 0 : s === 'held' ? 1 : s === 'confirmed' ? 2 : 3);

/** PostgreSQL has not yet seen the event that gave Redis its status. */
const pgBehind = (redis: string | null, pg: string | null): boolean => rank(redis) > rank(pg);

/** Every tenant in the catalog or the ledger (bounded). */
export async function allTenants(ledger: Pick<LedgerReader, 'tenantIds'>): Promise<string[]> {
  const out: string[] = [];
  let after = '';
  for (;;) {
    const page = await ledger.tenantIds(1_000, after);
    out.push(...page);
    if (page.length < 1_000 || out.length >= tenantsMax) return out;
    after = page[page.length - 1]!;
  }
}

// ---------------------------------------------------------------- CLI and role

/** What the CLI commands need from the runtime (the composition root provides it). */
export interface ToolRuntime {
  readonly ledger: LedgerReader;
  readonly stockAdmin: StockAdmin;
}

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export const reconcileUsage = `usage: pallet reconcile [--tenant <id>] [--repair] [--json]

Compares every stock cell in Redis with the stock ledger in PostgreSQL (and the live
reservations of both), waiting a little for events still in flight, and prints each
drifted cell. With --repair, sets the Redis counters of repairable cells from the ledger
(only where the ledger is complete) and checks again.
Exit status: 0 no drift, 1 drift (after --repair: drift left), 2 usage error.`;

const fmt = (c: Counters | null): string => (c === null ? '-' : `onHand=${c.onHand} reserved=${c.reserved} committed=${c.committed} v=${c.version}`);

export function formatReport(r: ReconcileReport): string[] {
  const lines = r.drift.map((d) => `DRIFT ${d.tenant} ${d.warehouse}/${d.sku} ${d.kind}  redis[${fmt(d.redis)}]  ledger[${fmt(d.ledger)}]${d.detail ? `  (${d.detail})` : ''}${d.repaired === undefined ? '' : d.repaired ? '  REPAIRED' : '  not repaired'}`);
  lines.push(...r.reservationDrift.map((d) => `DRIFT ${d.tenant} reservation ${d.reservationId} ${d.kind}  redis=${d.redis ?? '-'} postgres=${d.postgres ?? '-'}`));
  for (const t of r.skipped) lines.push(`SKIPPED ${t}: more reservation keys than the scan bound; reservations not checked`);
  lines.push(`${r.tenants} tenant(s), ${r.cellsChecked} cell(s), ${r.reservationsChecked} reservation(s) checked: ${r.drift.length + r.reservationDrift.length} drifted`);
  return lines;
}

const hasDrift = (r: ReconcileReport): boolean => r.drift.length + r.reservationDrift.length > 0;

/** `pallet reconcile [--tenant t] [--repair] [--json]`; returns the exit status. */
export async function runReconcileCommand(rt: ToolRuntime, argv: readonly string[], out: Output = console, opts: Omit<ReconcileOptions, 'repair'> = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { tenant: { type: 'string' }, repair: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    out.error(`pallet reconcile: ${(err as Error).message}\n\n${reconcileUsage}`);
    return 2;
  }
  if (args.help === true) {
    out.log(reconcileUsage);
    return 0;
  }
  const service = new ReconcileService(rt.ledger, rt.stockAdmin, opts);
  const first = await service.reconcile(args.tenant, { repair: args.repair === true });
  print(out, first, args.json === true);
  if (args.repair !== true || !hasDrift(first)) return hasDrift(first) ? 1 : 0;
  const after = await service.reconcile(args.tenant);
  out.log('after repair:');
  print(out, after, args.json === true);
  return hasDrift(after) ? 1 : 0;
}

function print(out: Output, r: ReconcileReport, json: boolean): void {
  if (json) out.log(JSON.stringify(r));
  else for (const line of formatReport(r)) out.log(line);
}

/** The two gauges the Reconciler sets (Metrics has them). */
export interface ReconcileMetrics {
  readonly reconcileDriftCells: { set(value: number): void };
  readonly reconcileLastRunSeconds: { set(value: number): void };
}

export interface ReconcilerLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Runs reconcile (report only) over every tenant every `intervalSeconds` (0: never) and publishes the metrics. */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  lastReport: ReconcileReport | null = null;

  constructor(
    private readonly service: ReconcileService,
    private readonly intervalSeconds: number,
    private readonly metrics: ReconcileMetrics,
    private readonly log: ReconcilerLog,
  ) {}

  start(): void {
    if (this.timer !== null || this.intervalSeconds <= 0) return;
    const tick = (): void => {
      this.running = this.runOnce().then(() => undefined, (err: unknown) => this.log.error({ err }, 'reconcile failed'))
        .finally(() => {
          if (this.timer !== null) this.timer = setTimeout(tick, this.intervalSeconds * 1000);
        });
    };
    this.timer = setTimeout(tick, this.intervalSeconds * 1000);
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  async runOnce(): Promise<ReconcileReport> {
    const report = await this.service.reconcile(undefined);
    this.lastReport = report;
    this.metrics.reconcileDriftCells.set(report.drift.length + report.reservationDrift.length);
    this.metrics.reconcileLastRunSeconds.set(Date.now() / 1000);
    if (hasDrift(report)) this.log.warn({ drift: report.drift.slice(0, 50), reservationDrift: report.reservationDrift.slice(0, 50) }, `reconcile: ${report.drift.length + report.reservationDrift.length} drifted`);
    return report;
  }
}
