// Reads of the PostgreSQL system of record: a cell's ledger and a
// reservation's history (the ledger routes, through app/ledger.service.ts),
// and the sums, cells, reservations and tenants that reconcile and rebuild
// compare Redis with. Every read is bounded.
import type {
  CellAtVersion, LedgerCellState, LedgerCellSums, LedgerCellVersion, LedgerCursor, LedgerPage, LedgerQueries,
  LedgerReader, ReservationHistory, ReservationRecord,
} from '../../app/ledger.port.ts';
import {
  toCellState, toHistoryEntry, toLedgerEntry, toReservation, toSafeInt, toSums,
  type CellStateRow, type HistoryEntryRow, type LedgerEntryRow, type ReservationRecordRow, type SumsRow,
} from './ledger.mapping.ts';
import type { Sql } from './sql.ts';

/** Bounds the rows one read returns. */
const pageLimitMax = 1_000;
const idsPerQueryMax = 10_000;

const reservationColumns = (sql: Sql) => sql`
  id, status, last_sequence, allocations,
  (extract(epoch from expires_at) * 1000)::bigint as expires_ms,
  (extract(epoch from created_at) * 1000)::bigint as created_ms,
  (extract(epoch from confirmed_at) * 1000)::bigint as confirmed_ms`;

function assertLimit(limit: number, max: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) throw new Error(`limit must be an integer in 1..${max}, got ${limit}`);
}

export class LedgerReadRepo implements LedgerReader, LedgerQueries {
  constructor(protected readonly sql: Sql) {}

  /** One page of a cell's ledger in version order, after `cursor` when given. */
  async ledgerPage(tenant: string, warehouse: string, sku: string, cursor: LedgerCursor | null, limit: number): Promise<LedgerPage> {
    assertLimit(limit, pageLimitMax);
    const sql = this.sql;
    const rows = await sql<LedgerEntryRow[]>`
      select event_id, event_type, reservation_id, reason, d_on_hand, d_reserved, d_committed,
        on_hand_after, reserved_after, committed_after, in_transit, safety_stock, cell_version,
        (extract(epoch from occurred_at) * 1000)::bigint as occurred_ms,
        (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms
      from stock_ledger
      where tenant_id = ${tenant} and warehouse = ${warehouse} and sku = ${sku}
        ${cursor === null ? sql`` : sql`and (cell_version, event_id) > (${cursor.version}, ${cursor.eventId})`}
      order by cell_version, event_id
      limit ${limit + 1}`;
    const items = rows.slice(0, limit).map(toLedgerEntry);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last !== undefined ? { version: last.version, eventId: last.eventId } : null };
  }

  /** The reservation's current state and every projected event of it, in sequence order. */
  async reservationHistory(tenant: string, id: string): Promise<ReservationHistory> {
    const sql = this.sql;
    const [events, current] = await Promise.all([
      sql<HistoryEntryRow[]>`
        select event_id, event_type, status, from_status, sequence,
          (extract(epoch from occurred_at) * 1000)::bigint as occurred_ms,
          (extract(epoch from recorded_at) * 1000)::bigint as recorded_ms
        from reservation_history
        where tenant_id = ${tenant} and reservation_id = ${id}
        order by sequence, occurred_at, event_id
        limit ${pageLimitMax}`,
      this.reservationsByIds(tenant, [id]),
    ]);
    return { reservation: current[0] ?? null, events: events.map(toHistoryEntry) };
  }

  /** Every cell of the tenant with the sums of all its rows, its latest post-state and side tiers. */
  async ledgerSums(tenant: string): Promise<LedgerCellState[]> {
    const rows = await this.sql<CellStateRow[]>`
      select g.warehouse, g.sku, g.on_hand, g.reserved, g.committed, g.version, g.rows,
        coalesce(lvl.in_transit, 0) as in_transit, coalesce(lvl.safety_stock, 0) as safety_stock,
        last.on_hand_after, last.reserved_after, last.committed_after
      from (
        select warehouse, sku, sum(d_on_hand) as on_hand, sum(d_reserved) as reserved, sum(d_committed) as committed,
          max(cell_version) as version, count(*) as rows
        from stock_ledger where tenant_id = ${tenant}
        group by warehouse, sku
      ) g
      cross join lateral (
        select on_hand_after, reserved_after, committed_after from stock_ledger s
        where s.tenant_id = ${tenant} and s.warehouse = g.warehouse and s.sku = g.sku
        order by s.cell_version desc, s.event_id desc limit 1
      ) last
      left join lateral (
        select in_transit, safety_stock from stock_ledger s
        where s.tenant_id = ${tenant} and s.warehouse = g.warehouse and s.sku = g.sku and s.in_transit is not null
        order by s.cell_version desc, s.event_id desc limit 1
      ) lvl on true
      order by g.warehouse, g.sku`;
    return rows.map(toCellState);
  }

  /** Every cell of the tenant with its highest version and row count (an index-only read). */
  async ledgerCells(tenant: string): Promise<LedgerCellVersion[]> {
    const rows = await this.sql<{ warehouse: string; sku: string; version: string; rows: string }[]>`
      select warehouse, sku, max(cell_version) as version, count(*) as rows
      from stock_ledger where tenant_id = ${tenant}
      group by warehouse, sku order by warehouse, sku`;
    return rows.map((r) => ({ warehouse: r.warehouse, sku: r.sku, version: toSafeInt(r.version), rows: toSafeInt(r.rows) }));
  }

  /**
   * The sums of each given cell over its rows with cell_version ≤ the given
   * version (what Redis held at that version, if no row is missing), in the
   * order of `cells`.
   */
  async ledgerSumsAt(tenant: string, cells: readonly CellAtVersion[]): Promise<LedgerCellSums[]> {
    const out: LedgerCellSums[] = [];
    for (let i = 0; i < cells.length; i += idsPerQueryMax) {
      const chunk = cells.slice(i, i + idsPerQueryMax).map((c) => ({ warehouse: c.warehouse, sku: c.sku, v: c.version }));
      const rows = await this.sql<SumsRow[]>`
        select c.warehouse, c.sku,
          coalesce(sum(l.d_on_hand), 0) as on_hand, coalesce(sum(l.d_reserved), 0) as reserved,
          coalesce(sum(l.d_committed), 0) as committed, coalesce(max(l.cell_version), 0) as version, count(l.event_id) as rows
        from rows from (json_to_recordset(${JSON.stringify(chunk)}::text::json) as (warehouse text, sku text, v bigint))
          with ordinality as c(warehouse, sku, v, n)
        left join stock_ledger l
          on l.tenant_id = ${tenant} and l.warehouse = c.warehouse and l.sku = c.sku and l.cell_version <= c.v
        group by c.n, c.warehouse, c.sku
        order by c.n`;
      out.push(...rows.map(toSums));
    }
    return out;
  }

  /** Held and confirmed reservations of a tenant in id order, after `afterId`, at most `limit`. */
  async liveReservations(tenant: string, limit: number, afterId?: string): Promise<ReservationRecord[]> {
    assertLimit(limit, idsPerQueryMax);
    const sql = this.sql;
    const rows = await sql<ReservationRecordRow[]>`
      select ${reservationColumns(sql)} from reservations
      where tenant_id = ${tenant} and status in ('held', 'confirmed')
        ${afterId === undefined ? sql`` : sql`and id > ${afterId}`}
      order by id limit ${limit}`;
    return rows.map(toReservation);
  }

  /** Every held or confirmed reservation of a tenant (paged internally, at most `max`). */
  async allLiveReservations(tenant: string, max: number): Promise<ReservationRecord[]> {
    const out: ReservationRecord[] = [];
    let after: string | undefined;
    while (out.length < max) {
      const want = Math.min(5_000, max - out.length);
      const page = await this.liveReservations(tenant, want, after);
      out.push(...page);
      if (page.length < want) break;
      after = page[page.length - 1]!.id;
    }
    return out;
  }

  /** The reservations with these ids that PostgreSQL knows, any status. */
  async reservationsByIds(tenant: string, ids: readonly string[]): Promise<ReservationRecord[]> {
    if (ids.length === 0) return [];
    const sql = this.sql;
    const out: ReservationRecord[] = [];
    for (let i = 0; i < ids.length; i += idsPerQueryMax) {
      const rows = await sql<ReservationRecordRow[]>`
        select ${reservationColumns(sql)} from reservations
        where tenant_id = ${tenant} and id = any(${ids.slice(i, i + idsPerQueryMax) as string[]}::text[])
        order by id`;
      out.push(...rows.map(toReservation));
    }
    return out;
  }

  /**
   * Tenant ids in id order after `afterId`, at most `limit`: the catalog's
   * tenants and every tenant with ledger rows (found by a loose index scan).
   */
  async tenantIds(limit: number, afterId = ''): Promise<string[]> {
    assertLimit(limit, idsPerQueryMax);
    const rows = await this.sql<{ id: string }[]>`
      with recursive ledger_tenants(id) as (
        (select tenant_id from stock_ledger where tenant_id > ${afterId} order by tenant_id limit 1)
        union all
        select (select tenant_id from stock_ledger where tenant_id > lt.id order by tenant_id limit 1)
        from ledger_tenants lt where lt.id is not null
      )
      select id from (
        select id from ledger_tenants where id is not null
        union
        select id from tenants where id > ${afterId}
      ) t order by id limit ${limit}`;
    return rows.map((r) => r.id);
  }

  /** The catalog version of a tenant (0 when the tenant is not in the catalog). */
  async catalogVersion(tenant: string): Promise<number> {
    const [row] = await this.sql<{ catalog_version: string }[]>`select catalog_version from tenants where id = ${tenant}`;
    return row ? toSafeInt(row.catalog_version) : 0;
  }
}
