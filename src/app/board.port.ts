// What the dashboard board (ws role) needs from the outside world: start-up
// snapshots of the ledger and of today's orders (PostgreSQL) and of the hot
// stock state (Redis), the last reconcile result, and whether the API keys
// behind dashboard tokens are still live. Adapters:
// adapters/postgres/board.repo.ts, adapters/postgres/board.orders.repo.ts,
// adapters/redis/board.repo.ts, adapters/postgres/key-status.repo.ts.
import type { Board } from './board/board.ts';
import type { DriftView } from './board/board.types.ts';
import type { Day } from './board/day.ts';

/** Where a start-up snapshot goes: the board's inputs (each idempotent). */
export type BoardInputs = Pick<Board, 'applyCell' | 'applyReservation' | 'applyOrphanedPayment' | 'applyOrder'>;

export interface DayLoaded {
  readonly reservations: number;
  readonly payments: number;
}

/** Today's cohort as the ledger has it. */
export interface BoardLedger {
  /**
   * Today's reservations and orphaned payments (at most rowsMax of each) into `board`. Null when the
   * ledger tables are absent: today's counts then come from the events of today only.
   */
  loadDay(day: Day, rowsMax: number, board: BoardInputs): Promise<DayLoaded | null>;
}

export interface OrdersLoadLimits {
  /** Tenants read (one tenant-scoped transaction each). */
  readonly tenantsMax: number;
  /** Orders per tenant: its newest of today (the board tracks no more). */
  readonly perTenantMax: number;
  /** Orders in all. */
  readonly rowsMax: number;
}

export interface OrdersLoaded {
  readonly orders: number;
  readonly tenants: number;
  /** Stopped at rowsMax or tenantsMax: some of today's orders are known from their next event only. */
  readonly truncated: boolean;
}

/** Today's orders of the order pool, as PostgreSQL has them. */
export interface BoardOrders {
  /** Today's orders of every tenant into `board` (applyOrder). Null when the order tables are absent. */
  loadToday(day: Day, limits: OrdersLoadLimits, board: Pick<BoardInputs, 'applyOrder'>): Promise<OrdersLoaded | null>;
}

export interface CellsLoaded {
  readonly cells: number;
  /** Stopped at cellsMax: the board misses some cells until they change. */
  readonly cellsTruncated: boolean;
}

/** The hot stock state and the reconcile result. */
export interface BoardHotState {
  /** Every stock cell of the namespace (all tenants) into `board`, at most cellsMax, batchMax keys per read. */
  loadCells(cellsMax: number, batchMax: number, board: BoardInputs): Promise<CellsLoaded>;
  /** The last reconcile result per tenant (null: none, or unreadable), batchMax tenants per read. */
  readDrift(tenants: readonly string[], batchMax: number): Promise<Map<string, DriftView | null>>;
}

/** Whether the API keys dashboard tokens were issued for are still live (not revoked). */
export interface KeyStatus {
  /** The live keys among `keyIds`, each with its tenant; revoked and unknown ids are absent. */
  liveKeys(keyIds: readonly string[]): Promise<Map<string, string>>;
}
