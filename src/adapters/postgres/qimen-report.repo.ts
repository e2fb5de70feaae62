// What QiMen WMSs reported on their own (migration 012), once per
// (warehouse, method, business id), in a tenant-scoped transaction.
import postgres from 'postgres';
import type { QimenReportMethod, QimenReportRecord, QimenReportStore } from '../../app/qimen.port.ts';
import type { Sql } from './sql.ts';
import { withTenant } from './tenant.scope.ts';

export class PgQimenReportStore implements QimenReportStore {
  constructor(private readonly sql: Sql) {}

  async seen(tenant: string, warehouse: string, method: QimenReportMethod, bizId: string): Promise<boolean> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx`
        select 1 from qimen_reports where tenant_id = ${tenant} and warehouse = ${warehouse} and method = ${method} and biz_id = ${bizId}`;
      return rows.length > 0;
    });
  }

  async record(tenant: string, r: QimenReportRecord): Promise<'new' | 'duplicate'> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx`
        insert into qimen_reports (tenant_id, warehouse, method, biz_id, status, applied, held)
        values (${tenant}, ${r.warehouse}, ${r.method}, ${r.bizId}, ${r.status},
          ${tx.json(r.applied as postgres.JSONValue)}, ${tx.json(r.held as postgres.JSONValue)})
        on conflict do nothing returning 1`;
      return rows.length === 1 ? 'new' : 'duplicate';
    });
  }
}
