// Rebuild: after Redis lost a tenant's stock state, put it back from the
// PostgreSQL system of record — every stock cell (ledger sums, version = the
// latest cell_version, inTransit/safetyStock from the latest set/adjusted
// row), every live (held or confirmed) reservation with its expiry index
// entry, and the catalog version.
//
// Run it with the API stopped (or checkout closed) for the tenant: a cell the
// API recreated meanwhile would start again at version 1. The caller drains
// the projector first (the JetStream tail: events relayed before the loss but
// not yet in PostgreSQL), else the rebuild would miss them.
//
// Nothing is overwritten: a cell or reservation Redis still has is left as it
// is and counted as present (reconcile then says whether it agrees). A cell
// whose ledger is incomplete (a version missing, sums that disagree with the
// latest row) is not restored: it is reported, and the rebuild fails.
//
// The CLI entry (`pallet rebuild`): rebuild.command.ts.
import type { LedgerCellState, LedgerReader, ReservationRecord, StockAdmin } from './ledger.port.ts';
import { allTenants } from './reconcile.service.ts';

export interface RebuildProblem {
  readonly tenant: string;
  /** `<warehouse>/<sku>`, `reservation <id>` or `tenant`. */
  readonly subject: string;
  readonly problem: string;
}

export interface RebuildReport {
  readonly tenants: number;
  readonly cellsRestored: number;
  /** Cells Redis already had (left untouched). */
  readonly cellsPresent: number;
  readonly reservationsRestored: number;
  readonly reservationsPresent: number;
  readonly problems: RebuildProblem[];
}

export const rebuildDefaults = Object.freeze({ reservationsMax: 5_000_000 });

interface Counts { cellsRestored: number; cellsPresent: number; reservationsRestored: number; reservationsPresent: number }

const cellName = (warehouse: string, sku: string): string => `${warehouse}/${sku}`;

export class RebuildService {
  constructor(
    private readonly ledger: LedgerReader,
    private readonly hot: StockAdmin,
    private readonly opts: { readonly reservationsMax: number } = rebuildDefaults,
  ) {}

  /** Rebuilds one tenant, or every tenant (catalog and ledger) when `tenant` is undefined. */
  async rebuildStock(tenant: string | undefined): Promise<RebuildReport> {
    const tenants = tenant !== undefined ? [tenant] : await allTenants(this.ledger);
    const counts: Counts = { cellsRestored: 0, cellsPresent: 0, reservationsRestored: 0, reservationsPresent: 0 };
    const problems: RebuildProblem[] = [];
    for (const t of tenants) {
      const cells = await this.restoreCells(t, counts, problems);
      await this.restoreReservations(t, cells, counts, problems);
      const version = await this.ledger.catalogVersion(t);
      if (version > 0) await this.hot.publishCatalogVersion(t, version);
    }
    return { tenants: tenants.length, ...counts, problems };
  }

  private async restoreCells(tenant: string, counts: Counts, problems: RebuildProblem[]): Promise<LedgerCellState[]> {
    const cells = await this.ledger.ledgerSums(tenant);
    for (const c of cells) {
      const problem = ledgerProblem(c);
      if (problem !== null) {
        problems.push({ tenant, subject: cellName(c.warehouse, c.sku), problem });
        continue;
      }
      const outcome = await this.hot.setCell(tenant, c.warehouse, c.sku, null, {
        onHand: c.onHand, reserved: c.reserved, committed: c.committed, version: c.version, inTransit: c.inTransit, safetyStock: c.safetyStock,
      });
      if (outcome === 'written') counts.cellsRestored++;
      else if (outcome === 'stale') counts.cellsPresent++;
      else problems.push({ tenant, subject: cellName(c.warehouse, c.sku), problem: 'the ledger sums break a stock invariant' });
    }
    return cells;
  }

  private async restoreReservations(tenant: string, cells: readonly LedgerCellState[], counts: Counts, problems: RebuildProblem[]): Promise<void> {
    const live = await this.ledger.allLiveReservations(tenant, this.opts.reservationsMax);
    if (live.length >= this.opts.reservationsMax) problems.push({ tenant, subject: 'tenant', problem: `more than ${this.opts.reservationsMax} live reservations; the rest were not restored` });
    for (const r of live) {
      const createdAtMs = r.createdAtMs ?? r.confirmedAtMs;
      if (r.createdAtMs === null) problems.push({ tenant, subject: `reservation ${r.id}`, problem: 'its stock.reserved event is not in the ledger (creation and expiry times guessed)' });
      const outcome = await this.hot.restoreReservation(tenant, {
        id: r.id, status: r.status as 'held' | 'confirmed', createdAtMs: createdAtMs ?? 0,
        expiresAtMs: r.expiresAtMs ?? createdAtMs ?? 0, confirmedAtMs: r.confirmedAtMs, allocations: r.allocations,
      });
      if (outcome === 'restored') counts.reservationsRestored++;
      else counts.reservationsPresent++;
    }
    problems.push(...reservationSumProblems(tenant, cells, live));
  }
}

/** Why a cell's ledger cannot be trusted to rebuild it, or null. */
function ledgerProblem(c: LedgerCellState): string | null {
  if (c.rows !== c.version) return `the ledger has ${c.rows} rows for versions 1..${c.version}: events are missing (see the dead-letter stream)`;
  if (c.onHand !== c.latest.onHand || c.reserved !== c.latest.reserved || c.committed !== c.latest.committed) {
    return `the ledger sums (${c.onHand}/${c.reserved}/${c.committed}) differ from the latest row (${c.latest.onHand}/${c.latest.reserved}/${c.latest.committed})`;
  }
  return null;
}

/** Held reservations must sum to each cell's reserved, confirmed ones to committed (both from one ledger). */
function reservationSumProblems(tenant: string, cells: readonly LedgerCellState[], live: readonly ReservationRecord[]): RebuildProblem[] {
  const sums = new Map<string, { held: number; confirmed: number }>();
  for (const r of live) {
    for (const [wh, sku, qty] of r.allocations) {
      const s = sums.get(cellName(wh, sku)) ?? { held: 0, confirmed: 0 };
      if (r.status === 'held') s.held += qty;
      else s.confirmed += qty;
      sums.set(cellName(wh, sku), s);
    }
  }
  const out: RebuildProblem[] = [];
  const known = new Set<string>();
  for (const c of cells) {
    const name = cellName(c.warehouse, c.sku);
    known.add(name);
    const s = sums.get(name) ?? { held: 0, confirmed: 0 };
    if (s.held !== c.reserved || s.confirmed !== c.committed) {
      out.push({ tenant, subject: name, problem: `live reservations hold ${s.held} and confirm ${s.confirmed}, the ledger has reserved ${c.reserved} and committed ${c.committed}` });
    }
  }
  for (const name of sums.keys()) if (!known.has(name)) out.push({ tenant, subject: name, problem: 'live reservations allocate a cell the ledger does not have' });
  return out;
}
