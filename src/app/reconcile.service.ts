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
// The comparisons themselves: drift.rules.ts. The CLI entry (`pallet
// reconcile`): reconcile.command.ts. The periodic run: roles/reconciler.role.ts.
import {
  byCell, cellName, compareAt, countersOf, pgBehind, reservationDriftOf, sameCounters, sumsAgainstCounters,
  type CellDrift, type ReservationDrift,
} from './drift.rules.ts';
import type { CellAtVersion, HotCell, HotReservation, LedgerCellSums, LedgerReader, ReservationRecord, StockAdmin } from './ledger.port.ts';

export interface ReconcileReport {
  readonly tenants: number;
  readonly cellsChecked: number;
  readonly reservationsChecked: number;
  readonly drift: CellDrift[];
  readonly reservationDrift: ReservationDrift[];
  /** Tenants whose reservations were not checked (more than reservationsScanMax keys). */
  readonly skipped: string[];
}

/** Cells and reservations drifted in a report. */
export const driftCount = (r: ReconcileReport): number => r.drift.length + r.reservationDrift.length;

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
  private async ledgerAhead(tenant: string, ahead: readonly CellAtVersion[]): Promise<CellDrift[]> {
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
    return suspects.sort().map((id) => reservationDriftOf(tenant, id, redis.get(id) ?? null, pg.get(id)?.status ?? null));
  }
}

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
