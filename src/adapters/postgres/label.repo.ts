// What labels are printed from (app/label.port.ts): the named orders and
// their shipments, in one tenant-scoped read transaction of two queries.
import type { LabelSource } from '../../app/label.port.ts';
import type { Shipment } from '../../app/wms-callback.port.ts';
import type { Order } from '../../core/order.types.ts';
import { orderColumns, orderOf, type OrderRow } from './order.mapping.ts';
import { withTenant } from './tenant.scope.ts';
import type { Sql } from './sql.ts';

interface LabelShipmentRow {
  order_id: string;
  warehouse: string;
  carrier: string;
  tracking_number: string;
  weight_grams: number | null;
  shipped_at: Date;
  callback_id: string;
  n: string;
}

export class PgLabelSource implements LabelSource {
  constructor(private readonly sql: Sql) {}

  ordersWithShipments(tenant: string, orderIds: readonly string[], shipmentsMax: number): Promise<Map<string, { order: Order; shipments: Shipment[] }>> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const ids = [...orderIds];
      const orders = await tx<OrderRow[]>`select ${orderColumns(tx)} from orders where tenant_id = ${tenant} and id = any(${ids})`;
      // Each order's first shipmentsMax parcels, in the order GET /v1/orders/{id}/shipments lists them.
      const rows = await tx<LabelShipmentRow[]>`
        select * from (
          select order_id, warehouse, carrier, tracking_number, weight_grams, shipped_at, callback_id,
            row_number() over (partition by order_id order by shipped_at, carrier, tracking_number) as n
          from shipments where tenant_id = ${tenant} and order_id = any(${ids})
        ) s where n <= ${shipmentsMax}
        order by order_id, n`;
      const out = new Map<string, { order: Order; shipments: Shipment[] }>();
      for (const r of orders) out.set(r.id, { order: orderOf(r), shipments: [] });
      for (const r of rows) {
        out.get(r.order_id)?.shipments.push({
          orderId: r.order_id, warehouse: r.warehouse, carrier: r.carrier, trackingNumber: r.tracking_number,
          weightGrams: r.weight_grams, shippedAtMs: r.shipped_at.getTime(), callbackId: r.callback_id,
        });
      }
      return out;
    });
  }
}
