// An in-memory StockEngine: what the Redis engine does, without Redis, so the
// app services get fast unit tests. Built on the core decisions (the
// reservation machine, the allocation choice, the stock rules); it passes the
// same conformance suite as the Redis engine
// (test/conformance/stock-engine.conformance.ts).
//
// Same conventions as the Redis engine:
// - every method runs without yielding, so each is atomic, as a Lua script is;
// - arguments a caller should never send (a warehouse or sku listed twice, a
//   qty or level that is not an integer in range, a reservation id that
//   exists) throw, as the Redis engine throws on the scripts' bad-argument reply;
// - a held reservation stays in the tenant's expiry index until it leaves
//   held; the sweeper's index holds each tenant's next expiry, never later
//   than any held reservation once reserve and reindexExpiry are done.
// Not modelled: the outbox (no events, never full), and the TTLs of
// idempotency keys and finished reservations (kept for the engine's life).
import { chooseAllocation, insufficientError } from '../../core/allocation.choice.ts';
import { domainError, type DomainError } from '../../core/errors.ts';
import {
  decideTransition, moveTiers, refusalError, reservationNotFound, type Edge, type Transition,
} from '../../core/reservation.machine.ts';
import { onHandFits, stockInvariantError } from '../../core/stock.rules.ts';
import type { Allocation, CellRef, MutableCell, Reservation, ReservationStatus, StockCell } from '../../core/stock.types.ts';
import type { LevelWrite, ReserveCommand, ReserveOutcome, StockEngine, StockWrite, StockWriteOutcome, TransitionOutcome } from '../../app/stock.port.ts';

export interface MemoryEngineOptions {
  readonly onHandMax: number;
}

interface StoredReservation {
  readonly id: string;
  status: ReservationStatus;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly allocations: readonly Allocation[];
}

interface TenantState {
  readonly cells: Map<string, MutableCell>;
  readonly reservations: Map<string, StoredReservation>;
  /** Held reservations: id -> expires at ms. */
  readonly expiry: Map<string, number>;
  readonly idempotency: Map<string, { readonly fingerprint: string; readonly reservationId: string }>;
  /** Stock write operation keys -> fingerprint. */
  readonly operations: Map<string, string>;
  catalogVersion: number;
}

const idempotencyReused = (): DomainError =>
  domainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body');

/** NUL never appears in an id (input rules), so it separates warehouse and sku. */
const cellKey = (warehouse: string, sku: string): string => `${warehouse}\u0000${sku}`;

const isCount = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;

export class MemoryStockEngine implements StockEngine {
  private readonly tenants = new Map<string, TenantState>();
  /** The sweeper's index: tenant -> its next expiry (ms). */
  private readonly sweepIndex = new Map<string, number>();

  constructor(private readonly opts: MemoryEngineOptions) {
    if (!isCount(opts.onHandMax, Number.MAX_SAFE_INTEGER)) throw new Error(`onHandMax must be a non-negative integer, got ${opts.onHandMax}`);
  }

  private tenant(id: string): TenantState {
    let t = this.tenants.get(id);
    if (t === undefined) {
      t = { cells: new Map(), reservations: new Map(), expiry: new Map(), idempotency: new Map(), operations: new Map(), catalogVersion: 0 };
      this.tenants.set(id, t);
    }
    return t;
  }

  private cell(t: TenantState, warehouse: string, sku: string): MutableCell {
    const key = cellKey(warehouse, sku);
    let c = t.cells.get(key);
    if (c === undefined) {
      c = { onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: 0 };
      t.cells.set(key, c);
    }
    return c;
  }

  async reserve(tenant: string, cmd: ReserveCommand): Promise<ReserveOutcome> {
    checkReserveArguments(cmd);
    const t = this.tenant(tenant);
    const seen = t.idempotency.get(cmd.idempotencyKey);
    if (seen !== undefined) {
      return seen.fingerprint === cmd.fingerprint ? { kind: 'replay', reservationId: seen.reservationId } : { kind: 'error', error: idempotencyReused() };
    }
    if (t.catalogVersion > cmd.catalogVersion) return { kind: 'catalogStale', version: t.catalogVersion };
    if (t.reservations.has(cmd.reservationId)) throw new Error(`bad argument: reservation id ${cmd.reservationId} exists`);
    const available = cmd.warehouses.map((wh) => cmd.demand.map((d) => {
      const c = t.cells.get(cellKey(wh, d.sku));
      return c === undefined ? 0 : c.onHand - c.reserved - c.committed;
    }));
    const choice = chooseAllocation(cmd.warehouses, cmd.demand, available, cmd.allowSplit);
    if (choice.kind === 'insufficient') return { kind: 'error', error: insufficientError(choice.lines, choice.split) };
    for (const a of choice.allocations) {
      const c = this.cell(t, a.warehouse, a.sku);
      c.reserved += a.qty;
      c.version++;
    }
    const allocations = choice.allocations.map((a) => ({ ...a }));
    t.reservations.set(cmd.reservationId, {
      id: cmd.reservationId, status: 'held', createdAtMs: cmd.nowMs, expiresAtMs: cmd.expiresAtMs, allocations,
    });
    t.expiry.set(cmd.reservationId, cmd.expiresAtMs);
    t.idempotency.set(cmd.idempotencyKey, { fingerprint: cmd.fingerprint, reservationId: cmd.reservationId });
    this.lowerIndex(tenant, cmd.expiresAtMs);
    return { kind: 'reserved', allocations: allocations.map((a) => ({ ...a })) };
  }

  async transition(tenant: string, op: Transition, reservationId: string, nowMs: number): Promise<TransitionOutcome> {
    const t = this.tenant(tenant);
    const r = t.reservations.get(reservationId);
    if (r === undefined) return { kind: 'error', error: reservationNotFound(reservationId) };
    const d = decideTransition(op, r, nowMs);
    switch (d.kind) {
      case 'already': return { kind: 'already' };
      case 'notDue': return { kind: 'notDue' };
      case 'refused':
        // As expireReservation: an index entry of a reservation no longer held goes.
        if (op === 'expire') t.expiry.delete(reservationId);
        return { kind: 'error', error: refusalError(d.status, reservationId) };
      case 'move':
        this.move(t, r, d.edge);
        return d.expiredInstead ? { kind: 'error', error: refusalError('expired', reservationId) } : { kind: 'done' };
    }
  }

  /** Applies an edge to every allocation, all or none; a counter that would break an invariant is a corrupt state. */
  private move(t: TenantState, r: StoredReservation, edge: Edge): void {
    const cells = r.allocations.map((a) => this.cell(t, a.warehouse, a.sku));
    const next = r.allocations.map((a, i) => moveTiers(cells[i]!, edge.move, a.qty));
    if (next.some((n) => n === null)) throw new Error(`reservation ${r.id}: ${edge.from} -> ${edge.to} would break a stock invariant (corrupt state)`);
    cells.forEach((c, i) => {
      Object.assign(c, next[i]);
      c.version++;
    });
    r.status = edge.to;
    if (edge.to !== 'held') t.expiry.delete(r.id);
  }

  async getReservation(tenant: string, id: string): Promise<Reservation | null> {
    const r = this.tenants.get(tenant)?.reservations.get(id);
    if (r === undefined) return null;
    return { id, status: r.status, createdAtMs: r.createdAtMs, expiresAtMs: r.expiresAtMs, allocations: r.allocations.map((a) => ({ ...a })) };
  }

  async setStock(tenant: string, w: StockWrite, level: LevelWrite): Promise<StockWriteOutcome> {
    const max = this.opts.onHandMax;
    if (!isCount(level.onHand, max)) throw new Error('bad argument: onHand');
    if (level.safetyStock !== undefined && !isCount(level.safetyStock, max)) throw new Error('bad argument: safetyStock');
    if (level.inTransit !== undefined && !isCount(level.inTransit, max)) throw new Error('bad argument: inTransit');
    return this.writeStock(tenant, w, () => level.onHand, level);
  }

  async adjustStock(tenant: string, w: StockWrite, delta: number): Promise<StockWriteOutcome> {
    if (!Number.isInteger(delta) || delta === 0) throw new Error('bad argument: delta');
    return this.writeStock(tenant, w, (c) => c.onHand + delta, {});
  }

  private writeStock(
    tenant: string, w: StockWrite, onHandOf: (c: StockCell) => number, sides: { safetyStock?: number; inTransit?: number },
  ): StockWriteOutcome {
    const t = this.tenant(tenant);
    const seen = t.operations.get(w.operationKey);
    if (seen !== undefined) return seen === w.fingerprint ? { kind: 'replay' } : { kind: 'error', error: idempotencyReused() };
    const c = this.cell(t, w.warehouse, w.sku);
    const onHand = onHandOf(c);
    if (!onHandFits(c, onHand, this.opts.onHandMax)) {
      return { kind: 'error', error: stockInvariantError(w.warehouse, w.sku, c.reserved, c.committed, this.opts.onHandMax) };
    }
    c.onHand = onHand;
    if (sides.safetyStock !== undefined) c.safetyStock = sides.safetyStock;
    if (sides.inTransit !== undefined) c.inTransit = sides.inTransit;
    c.version++;
    t.operations.set(w.operationKey, w.fingerprint);
    return { kind: 'written', cell: { ...c } };
  }

  async readCells(tenant: string, cells: readonly CellRef[]): Promise<StockCell[]> {
    const t = this.tenants.get(tenant);
    return cells.map((x) => {
      const c = t?.cells.get(cellKey(x.warehouse, x.sku));
      return c === undefined ? { onHand: 0, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: 0 } : { ...c };
    });
  }

  async sweep(tenant: string, nowMs: number, max: number): Promise<number> {
    const t = this.tenants.get(tenant);
    if (t === undefined) return 0;
    const due = [...t.expiry].filter(([, exp]) => exp <= nowMs).sort(byScoreThenMember).slice(0, max);
    let expired = 0;
    for (const [id] of due) {
      try {
        if ((await this.transition(tenant, 'expire', id, nowMs)).kind === 'done') expired++;
      } catch {
        // As the Redis engine: a corrupt reservation leaves the index (it would block it forever).
        t.expiry.delete(id);
      }
    }
    return expired;
  }

  async dueTenants(nowMs: number, max: number): Promise<string[]> {
    return [...this.sweepIndex].filter(([, at]) => at <= nowMs).sort(byScoreThenMember).slice(0, max).map(([tenant]) => tenant);
  }

  async reindexExpiry(tenant: string): Promise<void> {
    const next = this.nextExpiry(tenant);
    if (next === null) this.sweepIndex.delete(tenant);
    else this.sweepIndex.set(tenant, next);
  }

  async indexExpiries(tenants: readonly string[]): Promise<number> {
    let n = 0;
    for (const tenant of tenants) {
      const next = this.nextExpiry(tenant);
      if (next === null) continue;
      this.lowerIndex(tenant, next);
      n++;
    }
    return n;
  }

  async publishCatalogVersion(tenant: string, version: number): Promise<number> {
    const t = this.tenant(tenant);
    t.catalogVersion = Math.max(t.catalogVersion, version);
    return t.catalogVersion;
  }

  async catalogVersion(tenant: string): Promise<number> {
    return this.tenants.get(tenant)?.catalogVersion ?? 0;
  }

  private nextExpiry(tenant: string): number | null {
    const t = this.tenants.get(tenant);
    if (t === undefined || t.expiry.size === 0) return null;
    return Math.min(...t.expiry.values());
  }

  /** ZADD LT: adds the entry, or lowers it; never raises it. */
  private lowerIndex(tenant: string, atMs: number): void {
    const current = this.sweepIndex.get(tenant);
    if (current === undefined || atMs < current) this.sweepIndex.set(tenant, atMs);
  }
}

/** Sorted-set order: by score, then by member. */
const byScoreThenMember = ([a, x]: [string, number], [b, y]: [string, number]): number => x - y || (a < b ? -1 : a > b ? 1 : 0);

/** The arguments reserveStock-n.lua refuses as bad (a programmer error): thrown, as the Redis engine throws. */
function checkReserveArguments(cmd: ReserveCommand): void {
  if (cmd.warehouses.length === 0 || cmd.demand.length === 0) throw new Error('bad argument: argument counts do not match');
  if (new Set(cmd.warehouses).size !== cmd.warehouses.length) throw new Error('bad argument: warehouse listed twice');
  for (const d of cmd.demand) {
    if (!Number.isInteger(d.qty) || d.qty < 1) throw new Error('bad argument: bad qty');
  }
  if (new Set(cmd.demand.map((d) => d.sku)).size !== cmd.demand.length) throw new Error('bad argument: sku listed twice');
}
