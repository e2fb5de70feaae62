// Pick tasks and WMS connections in PostgreSQL (migration 008), every call in
// a tenant-scoped transaction (withTenant: row-level security).
//
// WMS signing secrets are sealed like channel webhook secrets (channel.repo.ts):
// AES-256-GCM under the secrets key, stored = 0x01 ‖ iv (12) ‖ tag (16) ‖
// ciphertext, with additional data binding the ciphertext to its tenant and
// warehouse. No read returns it; wmsSecret() opens it for signing pushes and
// checking the WMS's signed requests.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { domainError, fail, ok, type Result } from '../../core/errors.ts';
import type { PickTask, PickTaskDraft, PickTaskStatus, WmsMode, WmsSettings } from '../../core/pick-task.rules.ts';
import { cancellableStatuses } from '../../core/pick-task.rules.ts';
import type { CreatedTasks, PickTaskStore, TaskPage, WmsConfig } from '../../app/fulfilment.port.ts';
import type { Sql, TxSql } from './sql.ts';
import { listLimitMax, withTenant } from './tenant.scope.ts';

const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
const formatV1 = 0x01;
const lastErrorLengthMax = 500;

interface WmsRow {
  warehouse: string;
  mode: WmsMode;
  url: string | null;
  timeout_ms: number;
  app_key: string | null;
  customer_id: string | null;
  warehouse_code: string | null;
  created_at: Date;
  updated_at: Date;
}

interface TaskRow {
  tenant_id: string;
  id: string;
  seq: string;
  order_id: string;
  warehouse: string;
  status: PickTaskStatus;
  lines: PickTask['lines'];
  shipping_address: PickTask['shippingAddress'];
  amendments: PickTask['amendments'];
  attempts: number;
  last_error: string | null;
  dead: boolean;
  created_at: Date;
  delivered_at: Date | null;
  updated_at: Date;
}

const wmsOf = (r: WmsRow): WmsConfig => ({
  warehouse: r.warehouse, mode: r.mode, url: r.url, timeoutMs: r.timeout_ms, createdAt: r.created_at, updatedAt: r.updated_at,
  ...(r.mode === 'qimen' && r.app_key !== null && r.customer_id !== null && r.warehouse_code !== null
    ? { qimen: { appKey: r.app_key, customerId: r.customer_id, warehouseCode: r.warehouse_code } } : {}),
});
const wmsColumns = ['warehouse', 'mode', 'url', 'timeout_ms', 'app_key', 'customer_id', 'warehouse_code', 'created_at', 'updated_at'];

const taskOf = (r: TaskRow): PickTask => ({
  tenant: r.tenant_id, id: r.id, seq: Number(r.seq), orderId: r.order_id, warehouse: r.warehouse, status: r.status,
  lines: r.lines, shippingAddress: r.shipping_address, amendments: r.amendments, attempts: r.attempts, lastError: r.last_error,
  dead: r.dead, createdAtMs: r.created_at.getTime(), deliveredAtMs: r.delivered_at?.getTime() ?? null, updatedAtMs: r.updated_at.getTime(),
});

const json = (tx: TxSql, v: unknown) => tx.json(v as postgres.JSONValue);
const cursorPattern = /^\d{1,18}$/;

export class PickTaskRepo implements PickTaskStore {
  private readonly key: Buffer;

  constructor(private readonly sql: Sql, secretKey: Uint8Array) {
    if (secretKey.length !== keyBytes) throw new Error(`the secrets key must be ${keyBytes} bytes, got ${secretKey.length}`);
    this.key = Buffer.from(secretKey);
  }

  async putWms(tenant: string, warehouse: string, s: WmsSettings, secret: string): Promise<Result<WmsConfig>> {
    const sealed = this.seal(tenant, warehouse, secret);
    try {
      const row = await withTenant(this.sql, tenant, async ({ tx }) => {
        const [r] = await tx<WmsRow[]>`
          insert into warehouse_wms (tenant_id, warehouse, mode, url, secret, timeout_ms, app_key, customer_id, warehouse_code)
          values (${tenant}, ${warehouse}, ${s.mode}, ${s.url}, ${sealed}, ${s.timeoutMs},
            ${s.qimen?.appKey ?? null}, ${s.qimen?.customerId ?? null}, ${s.qimen?.warehouseCode ?? null})
          on conflict (tenant_id, warehouse) do update set mode = excluded.mode, url = excluded.url, secret = excluded.secret,
            timeout_ms = excluded.timeout_ms, app_key = excluded.app_key, customer_id = excluded.customer_id,
            warehouse_code = excluded.warehouse_code, updated_at = now()
          returning ${tx(wmsColumns)}`;
        return r!;
      });
      return ok(wmsOf(row));
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === '23503') {
        return fail(domainError('UNKNOWN_WAREHOUSE', `warehouse ${warehouse} not found`, { field: 'params.id' }));
      }
      throw err;
    }
  }

  async wms(tenant: string, warehouse: string): Promise<WmsConfig | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<WmsRow[]>`
        select ${tx(wmsColumns)} from warehouse_wms where tenant_id = ${tenant} and warehouse = ${warehouse}`;
      return r === undefined ? null : wmsOf(r);
    });
  }

  async wmsSecret(tenant: string, warehouse: string): Promise<string | null> {
    const sealed = await withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<{ secret: Uint8Array }[]>`select secret from warehouse_wms where tenant_id = ${tenant} and warehouse = ${warehouse}`;
      return r?.secret ?? null;
    });
    return sealed === null ? null : this.open(tenant, warehouse, sealed);
  }

  async createTasks(tenant: string, drafts: readonly PickTaskDraft[]): Promise<CreatedTasks> {
    if (drafts.length === 0) return { tasks: [], wms: new Map() };
    const orderIds = new Set(drafts.map((d) => d.orderId));
    if (orderIds.size !== 1) throw new Error('createTasks takes the drafts of one order');
    const warehouses = [...new Set(drafts.map((d) => d.warehouse))];
    return withTenant(this.sql, tenant, async ({ tx }) => {
      // Sent together (the connection runs them in order, so the select sees the inserts): one round trip, not one per statement.
      const inserted = Promise.all(drafts.map((d) => tx`
          insert into pick_tasks (tenant_id, id, order_id, warehouse, lines, shipping_address, amendments)
          values (${tenant}, ${d.id}, ${d.orderId}, ${d.warehouse}, ${json(tx, d.lines)}, ${json(tx, d.shippingAddress)}, ${json(tx, d.amendments)})
          on conflict do nothing`.execute()));
      const rows = tx<TaskRow[]>`select * from pick_tasks where tenant_id = ${tenant} and order_id = ${drafts[0]!.orderId} order by seq`.execute();
      const connections = tx<WmsRow[]>`
        select ${tx(wmsColumns)} from warehouse_wms where tenant_id = ${tenant} and warehouse = any(${warehouses})`.execute();
      const [, taskRows, wmsRows] = await Promise.all([inserted, rows, connections]);
      const wms = new Map<string, WmsConfig | null>(warehouses.map((w) => [w, null]));
      for (const r of wmsRows) wms.set(r.warehouse, wmsOf(r));
      return { tasks: taskRows.map(taskOf), wms };
    });
  }

  async task(tenant: string, id: string): Promise<PickTask | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<TaskRow[]>`select * from pick_tasks where tenant_id = ${tenant} and id = ${id}`;
      return r === undefined ? null : taskOf(r);
    });
  }

  async tasksOfOrder(tenant: string, orderId: string, limit: number): Promise<PickTask[]> {
    assertLimit(limit);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx<TaskRow[]>`select * from pick_tasks where tenant_id = ${tenant} and order_id = ${orderId} order by seq limit ${limit}`;
      return rows.map(taskOf);
    });
  }

  async pendingTasks(tenant: string, warehouse: string, cursor: string | null, limit: number): Promise<Result<TaskPage>> {
    assertLimit(limit);
    if (cursor !== null && !cursorPattern.test(cursor)) {
      return fail(domainError('VALIDATION_FAILED', 'cursor: not a cursor this API wrote', { field: 'querystring.cursor' }));
    }
    const after = cursor === null ? '0' : cursor;
    const rows = await withTenant(this.sql, tenant, ({ tx }) => tx<TaskRow[]>`
      select * from pick_tasks where tenant_id = ${tenant} and warehouse = ${warehouse} and status = 'pending' and seq > ${after}::bigint
      order by seq limit ${limit + 1}`);
    const page = rows.slice(0, limit).map(taskOf);
    const last = page[page.length - 1];
    return ok({ tasks: page, nextCursor: rows.length > limit && last !== undefined ? String(last.seq) : null });
  }

  async markDelivered(tenant: string, id: string): Promise<PickTask | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      await tx`
        update pick_tasks set status = 'delivered', delivered_at = now(), dead = false, updated_at = now()
        where tenant_id = ${tenant} and id = ${id} and status = 'pending'`;
      const [r] = await tx<TaskRow[]>`select * from pick_tasks where tenant_id = ${tenant} and id = ${id}`;
      return r === undefined ? null : taskOf(r);
    });
  }

  async recordFailure(tenant: string, id: string, error: string, dead: boolean): Promise<void> {
    await withTenant(this.sql, tenant, ({ tx }) => tx`
      update pick_tasks set attempts = attempts + 1, last_error = ${error.slice(0, lastErrorLengthMax)}, dead = ${dead}, updated_at = now()
      where tenant_id = ${tenant} and id = ${id}`);
  }

  async revive(tenant: string, id: string, reopen: boolean): Promise<PickTask | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<TaskRow[]>`
        update pick_tasks set dead = false, attempts = 0, updated_at = now(),
          status = case when ${reopen} and status = 'delivered' then 'pending' else status end,
          delivered_at = case when ${reopen} and status = 'delivered' then null else delivered_at end
        where tenant_id = ${tenant} and id = ${id} returning *`;
      return r === undefined ? null : taskOf(r);
    });
  }

  async cancelOrderTasks(tenant: string, orderId: string): Promise<number> {
    const rows = await withTenant(this.sql, tenant, ({ tx }) => tx`
      update pick_tasks set status = 'cancelled', updated_at = now()
      where tenant_id = ${tenant} and order_id = ${orderId} and status in ${tx(cancellableStatuses as PickTaskStatus[])}
      returning 1`);
    return rows.length;
  }

  private aad(tenant: string, warehouse: string): Buffer {
    return Buffer.from(`pallet.wms-secret.v1\u0000${tenant}\u0000${warehouse}`, 'utf8');
  }

  private seal(tenant: string, warehouse: string, secret: string): Buffer {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: tagBytes });
    cipher.setAAD(this.aad(tenant, warehouse));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(formatV1), iv, cipher.getAuthTag(), body]);
  }

  private open(tenant: string, warehouse: string, stored: Uint8Array): string {
    const box = Buffer.from(stored);
    if (box.length < 1 + ivBytes + tagBytes || box[0] !== formatV1) throw new Error(`the WMS secret of ${tenant}/${warehouse} is not in a known format`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, box.subarray(1, 1 + ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(this.aad(tenant, warehouse));
    decipher.setAuthTag(box.subarray(1 + ivBytes, 1 + ivBytes + tagBytes));
    return Buffer.concat([decipher.update(box.subarray(1 + ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  }
}

function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > listLimitMax) throw new Error(`limit must be 1-${listLimitMax}, got ${limit}`);
}
