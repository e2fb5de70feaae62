// Today's orders of the order pool for the dashboard board's start-up
// snapshot (BoardOrders): per tenant, the orders created today with their
// status, channel and holds, and from the audit trail when each was first
// released and when it last went on hold.
//
// The order tables are under forced row-level security: every read runs in
// withTenant (as pallet_tenant, one tenant per transaction), tenant after
// tenant, from the tenants table (not under RLS). Each tenant's newest
// perTenantMax orders of today are read with a cursor (bounded batches) and
// applied oldest first, so the board's "drop the oldest" bound keeps the same
// ones it would have kept from the events.
import postgres from 'postgres';
import type { BoardInputs, BoardOrders, OrdersLoaded, OrdersLoadLimits } from '../../app/board.port.ts';
import type { Day } from '../../app/board/day.ts';
import type { HoldView } from '../../app/board/board.types.ts';
import type { Sql } from './sql.ts';
import { withTenant, type TenantTx } from './tenant.scope.ts';

/** Rows per cursor batch. */
const batchRows = 2_000;
/** undefined_table: the order pool's migration has not run in this schema. */
const undefinedTable = '42P01';

interface Row {
  id: string;
  channel: string;
  external_id: string;
  status: string;
  version: number;
  holds: unknown;
  currency: string;
  total_minor: string;
  created_ms: string;
  updated_ms: string;
  paid_ms: string | null;
  released_ms: string | null;
  held_ms: string | null;
}

const ms = (v: string | null): number | undefined => (v === null ? undefined : Number(v));

function holdsOf(v: unknown): HoldView[] {
  if (!Array.isArray(v)) return [];
  return v.filter((h): h is { rule: unknown; detail: unknown } => h !== null && typeof h === 'object')
    .map((h) => ({ rule: String(h.rule ?? ''), detail: String(h.detail ?? '') }));
}

/** One tenant's orders of today into the board; answers how many. */
async function loadTenant(t: TenantTx, day: Day, rowsMax: number, board: Pick<BoardInputs, 'applyOrder'>): Promise<number> {
  let n = 0;
  await t.tx<Row[]>`
    select * from (
      select o.id, o.channel, o.external_id, o.status, o.version, o.holds, o.currency, o.total_minor,
        (extract(epoch from o.created_at) * 1000)::bigint as created_ms,
        (extract(epoch from o.updated_at) * 1000)::bigint as updated_ms,
        (extract(epoch from o.paid_at) * 1000)::bigint as paid_ms,
        (extract(epoch from a.released_at) * 1000)::bigint as released_ms,
        (extract(epoch from a.held_at) * 1000)::bigint as held_ms
      from orders o
      left join lateral (
        select min(e.at) filter (where e.changes -> 'status' ->> 'after' = 'released') as released_at,
               max(e.at) filter (where e.changes -> 'status' ->> 'after' = 'on_hold') as held_at
        from order_audit e
        where e.tenant_id = o.tenant_id and e.order_id = o.id
      ) a on true
      where o.tenant_id = ${t.tenant} and o.created_at >= ${new Date(day.startMs)} and o.created_at < ${new Date(day.endMs)}
      order by o.created_at desc, o.id desc
      limit ${rowsMax}
    ) today
    order by created_ms, id`.cursor(batchRows, (rows) => {
    for (const r of rows) {
      const releasedAt = ms(r.released_ms);
      const heldSince = ms(r.held_ms);
      board.applyOrder(t.tenant, {
        id: r.id, channel: r.channel, externalId: r.external_id, status: r.status, version: Number(r.version),
        at: Number(r.updated_ms), createdAt: Number(r.created_ms), paidAt: ms(r.paid_ms) ?? 0,
        ...(releasedAt === undefined ? {} : { releasedAt }), ...(heldSince === undefined ? {} : { heldSince }),
        holds: holdsOf(r.holds), currency: r.currency, totalMinor: Number(r.total_minor),
      });
      n++;
    }
  });
  return n;
}

export class PgBoardOrdersRepo implements BoardOrders {
  /** `sql`: PostgreSQL with the namespace's schema on its search_path. */
  constructor(private readonly sql: Sql) {}

  async loadToday(day: Day, limits: OrdersLoadLimits, board: Pick<BoardInputs, 'applyOrder'>): Promise<OrdersLoaded | null> {
    try {
      const tenants = await this.sql<{ id: string }[]>`select id from tenants order by id limit ${limits.tenantsMax + 1}`;
      let orders = 0;
      let truncated = tenants.length > limits.tenantsMax;
      for (const { id } of tenants.slice(0, limits.tenantsMax)) {
        const room = Math.min(limits.perTenantMax, limits.rowsMax - orders);
        if (room <= 0) {
          truncated = true;
          break;
        }
        orders += await withTenant(this.sql, id, (t) => loadTenant(t, day, room, board));
      }
      return { orders, tenants: Math.min(tenants.length, limits.tenantsMax), truncated };
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === undefinedTable) return null;
      throw err;
    }
  }
}
