// The warehouse callbacks' store (app/wms-callback.port.ts) on PostgreSQL:
// one FulfilmentTx is one tenant-scoped transaction (tenant.scope.ts) with
// every order-pool operation (order.store.ts PgOrderTx) plus the tables of
// migration 009 (wms_callbacks, shipments), so a callback, the order change
// it causes, its audit entry and its shipments commit together or not at all.
import postgres from 'postgres';
import type { AuditDraft } from '../../core/audit.chain.ts';
import { cancellableStatuses, type PickTaskStatus } from '../../core/pick-task.rules.ts';
import type { CallbackRecord, FulfilmentStore, FulfilmentTx, PickTaskInfo, PickTaskLookup, Refusal, Shipment } from '../../app/wms-callback.port.ts';
import { appendAudit, withTenant, type TenantTx } from './order.repo.ts';
import { PgOrderTx } from './order.store.ts';
import type { Sql } from './sql.ts';

interface ShipmentRow {
  order_id: string;
  warehouse: string;
  carrier: string;
  tracking_number: string;
  weight_grams: number | null;
  shipped_at: Date;
  callback_id: string;
}

const shipmentOf = (r: ShipmentRow): Shipment => ({
  orderId: r.order_id, warehouse: r.warehouse, carrier: r.carrier, trackingNumber: r.tracking_number,
  weightGrams: r.weight_grams, shippedAtMs: r.shipped_at.getTime(), callbackId: r.callback_id,
});

class PgFulfilmentTx extends PgOrderTx implements FulfilmentTx {
  constructor(private readonly scope: TenantTx, deliveryRetentionMs: number) {
    super(scope, deliveryRetentionMs);
  }

  async callbackSeen(warehouse: string, callbackId: string): Promise<boolean> {
    const { tx, tenant } = this.scope;
    const rows = await tx`select 1 from wms_callbacks where tenant_id = ${tenant} and warehouse = ${warehouse} and callback_id = ${callbackId}`;
    return rows.length > 0;
  }

  async noteCallback(r: CallbackRecord): Promise<'new' | 'duplicate'> {
    const { tx, tenant } = this.scope;
    const c = r.callback;
    const rows = await tx`
      insert into wms_callbacks (tenant_id, warehouse, callback_id, task_id, order_id, status, parcels, reason, order_version, received_at)
      values (${tenant}, ${r.warehouse}, ${c.callbackId}, ${c.taskId}, ${c.orderId}, ${c.status},
        ${tx.json((c.parcels ?? []) as unknown as postgres.JSONValue)}, ${c.reason ?? null}, ${r.orderVersion}, ${new Date(r.atMs)})
      on conflict (tenant_id, warehouse, callback_id) do nothing
      returning 1`;
    return rows.length === 1 ? 'new' : 'duplicate';
  }

  async appendAudit(orderId: string, audit: AuditDraft): Promise<boolean> {
    return (await appendAudit(this.scope, orderId, audit)) !== null;
  }

  async addShipments(shipments: readonly Shipment[]): Promise<void> {
    if (shipments.length === 0) return;
    const { tx, tenant } = this.scope;
    const rows = shipments.map((s) => ({
      tenant_id: tenant, order_id: s.orderId, warehouse: s.warehouse, carrier: s.carrier, tracking_number: s.trackingNumber,
      weight_grams: s.weightGrams, shipped_at: new Date(s.shippedAtMs), callback_id: s.callbackId,
    }));
    // A parcel reported by an earlier shipped callback stays as first reported.
    await tx`
      insert into shipments ${tx(rows, 'tenant_id', 'order_id', 'warehouse', 'carrier', 'tracking_number', 'weight_grams', 'shipped_at', 'callback_id')}
      on conflict (tenant_id, order_id, carrier, tracking_number) do nothing`;
  }

  async amendmentOrder(amendmentId: string): Promise<string | null> {
    const { tx, tenant } = this.scope;
    const [row] = await tx<{ order_id: string }[]>`select order_id from order_amendments where tenant_id = ${tenant} and id = ${amendmentId}`;
    return row?.order_id ?? null;
  }

  async refusals(orderId: string, limit: number): Promise<Refusal[]> {
    const { tx, tenant } = this.scope;
    const rows = await tx<{ warehouse: string; task_id: string; callback_id: string; reason: string | null; received_at: Date }[]>`
      select warehouse, task_id, callback_id, reason, received_at from wms_callbacks
      where tenant_id = ${tenant} and order_id = ${orderId} and status = 'cannot_fulfil'
      order by received_at, callback_id
      limit ${limit}`;
    return rows.map((r) => ({ warehouse: r.warehouse, taskId: r.task_id, callbackId: r.callback_id, reason: r.reason ?? '', atMs: r.received_at.getTime() }));
  }

  async cancelTask(taskId: string): Promise<boolean> {
    const { tx, tenant } = this.scope;
    const rows = await tx`
      update pick_tasks set status = 'cancelled', updated_at = now()
      where tenant_id = ${tenant} and id = ${taskId} and status in ${tx(cancellableStatuses as PickTaskStatus[])}
      returning 1`;
    return rows.length === 1;
  }
}

export class PgFulfilmentStore implements FulfilmentStore {
  constructor(private readonly sql: Sql, private readonly deliveryRetentionMs: number) {}

  inTenant<T>(tenant: string, fn: (tx: FulfilmentTx) => Promise<T>): Promise<T> {
    return withTenant(this.sql, tenant, (t) => fn(new PgFulfilmentTx(t, this.deliveryRetentionMs)));
  }

  shipments(tenant: string, orderId: string, limit: number): Promise<Shipment[]> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx<ShipmentRow[]>`
        select order_id, warehouse, carrier, tracking_number, weight_grams, shipped_at, callback_id from shipments
        where tenant_id = ${tenant} and order_id = ${orderId}
        order by shipped_at, carrier, tracking_number
        limit ${limit}`;
      return rows.map(shipmentOf);
    });
  }
}


/** The pick task a callback names, from migration 008's `pick_tasks` (tenant_id, id, order_id, warehouse, status). */
export class PgPickTaskLookup implements PickTaskLookup {
  constructor(private readonly sql: Sql) {}

  taskOf(tenant: string, taskId: string): Promise<PickTaskInfo | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [row] = await tx<{ order_id: string; warehouse: string; status: string }[]>`
        select order_id, warehouse, status from pick_tasks where tenant_id = ${tenant} and id = ${taskId}`;
      return row === undefined ? null : { orderId: row.order_id, warehouse: row.warehouse, status: row.status };
    });
  }
}
