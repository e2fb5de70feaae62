// What QiMen WMSs reported on their own (migration 012), once per
// (warehouse, method, business id), in a tenant-scoped transaction; and the
// movements held from those reports for a person's decision (migration 014).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type {
  HeldChangeDecided, HeldChangeDecision, HeldChangePage, HeldChangeState, HeldStockChange, QimenHeldChangeStore,
  QimenReportMethod, QimenReportRecord, QimenReportStore,
} from '../../app/qimen.port.ts';
import type { Sql, TxSql } from './sql.ts';
import { decodeCursor, encodeCursor, listLimitMax, withTenant } from './tenant.scope.ts';

interface HeldRow {
  id: string; warehouse: string; method: QimenReportMethod; sku: string; delta: number; reason: string; wms_report_id: string | null;
  received_us: string; state: HeldChangeState; decided_ms: string | null; decided_by: string | null; note: string | null;
}

const heldColumns = (tx: TxSql) => tx`
  id, warehouse, method, sku, delta, reason, wms_report_id, (extract(epoch from received_at) * 1000000)::bigint::text as received_us,
  state, (extract(epoch from decided_at) * 1000)::bigint::text as decided_ms, decided_by, note`;

const heldOf = (r: HeldRow): HeldStockChange => ({
  id: r.id, warehouse: r.warehouse, method: r.method, sku: r.sku, delta: r.delta, reason: r.reason, wmsReportId: r.wms_report_id,
  receivedAtMs: Math.floor(Number(r.received_us) / 1000), state: r.state,
  decidedAtMs: r.decided_ms === null ? null : Number(r.decided_ms), decidedBy: r.decided_by, note: r.note,
});

/** Thrown inside a decision's transaction to roll it back with the effect's error. */
class Refusal<E> {
  constructor(readonly error: E) {}
}

export class PgQimenReportStore implements QimenReportStore, QimenHeldChangeStore {
  constructor(private readonly sql: Sql) {}

  async seen(tenant: string, warehouse: string, method: QimenReportMethod, bizId: string): Promise<boolean> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx`
        select 1 from qimen_reports where tenant_id = ${tenant} and warehouse = ${warehouse} and method = ${method} and biz_id = ${bizId}`;
      return rows.length > 0;
    });
  }

  /** The report and, when it is new, its held movements, in one transaction. */
  async record(tenant: string, r: QimenReportRecord): Promise<'new' | 'duplicate'> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx`
        insert into qimen_reports (tenant_id, warehouse, method, biz_id, status, applied, held)
        values (${tenant}, ${r.warehouse}, ${r.method}, ${r.bizId}, ${r.status},
          ${tx.json(r.applied as postgres.JSONValue)}, ${tx.json(r.held as unknown as postgres.JSONValue)})
        on conflict do nothing returning 1`;
      if (rows.length !== 1) return 'duplicate';
      if (r.held.length > 0) {
        const held = r.held.map((m) => ({
          tenant_id: tenant, id: `qh_${randomBytes(12).toString('base64url')}`, warehouse: r.warehouse, method: r.method, biz_id: r.bizId,
          item_index: m.itemIndex, sku: m.sku, delta: m.delta, reason: m.reason, wms_report_id: m.wmsReportId,
        }));
        await tx`insert into qimen_held_changes ${tx(held, 'tenant_id', 'id', 'warehouse', 'method', 'biz_id', 'item_index', 'sku', 'delta', 'reason', 'wms_report_id')}`;
      }
      return 'new';
    });
  }

  async heldChanges(tenant: string, warehouse: string, state: HeldChangeState | null, cursor: string | null, limit: number): Promise<HeldChangePage | null> {
    const after = cursor === null ? null : decodeCursor(cursor);
    if (cursor !== null && after === null) return null;
    const n = Math.max(1, Math.min(limit, listLimitMax));
    const rows = await withTenant(this.sql, tenant, ({ tx }) => tx<HeldRow[]>`
      select ${heldColumns(tx)} from qimen_held_changes where tenant_id = ${tenant} and warehouse = ${warehouse}
      ${state === null ? tx`` : tx`and state = ${state}`}
      ${after === null ? tx`` : tx`and (received_at, id) < ('epoch'::timestamptz + ${after.createdUs}::bigint::float8 * interval '1 microsecond', ${after.id})`}
      order by received_at desc, id desc limit ${n + 1}`);
    const page = rows.slice(0, n);
    const last = page[page.length - 1];
    return { changes: page.map(heldOf), nextCursor: rows.length > n && last !== undefined ? encodeCursor({ createdUs: last.received_us, id: last.id }) : null };
  }

  async decide<E>(tenant: string, warehouse: string, id: string, d: HeldChangeDecision, effect: (c: HeldStockChange) => Promise<E | null>): Promise<HeldChangeDecided<E>> {
    try {
      return await withTenant(this.sql, tenant, async ({ tx }): Promise<HeldChangeDecided<E>> => {
        // READ COMMITTED: a second decision blocks on the row this update locks, then re-checks `state = 'held'`
        // against the committed row and updates nothing; it answers the change as the first one left it.
        const [row] = await tx<HeldRow[]>`
          update qimen_held_changes set state = ${d.state}, decided_at = ${new Date(d.atMs)}, decided_by = ${d.by}, note = ${d.note}
          where tenant_id = ${tenant} and warehouse = ${warehouse} and id = ${id} and state = 'held'
          returning ${heldColumns(tx)}`;
        if (row === undefined) {
          const [current] = await tx<HeldRow[]>`
            select ${heldColumns(tx)} from qimen_held_changes where tenant_id = ${tenant} and warehouse = ${warehouse} and id = ${id}`;
          return current === undefined ? { kind: 'not_found' } : { kind: 'decided', change: heldOf(current), now: false };
        }
        const change = heldOf(row);
        const refused = await effect(change);
        if (refused !== null) throw new Refusal(refused);
        return { kind: 'decided', change, now: true };
      });
    } catch (err) {
      if (err instanceof Refusal) return { kind: 'refused', error: err.error as E };
      throw err;
    }
  }
}
