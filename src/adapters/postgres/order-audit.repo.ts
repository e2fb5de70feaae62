// The audit verifier's scan (AuditChainSource): every order of a tenant with
// its recorded chain head, joined to its entries, in (order id, seq) order,
// one bounded page per tenant-scoped transaction.

import type { AuditChainCursor, AuditChainRow, AuditChainSource } from '../../app/audit.port.ts';
import { chainStart } from '../../core/audit.chain.ts';
import { auditEntryOf, type AuditRow } from './order.mapping.ts';
import type { Sql, TxSql } from './sql.ts';
import { withTenant, type TenantTx } from './tenant.scope.ts';

export const chainPageMax = 5000;

type ChainRow = Omit<AuditRow, 'order_id' | 'tenant_id' | 'seq'> & {
  order_id: string;
  head_seq: number;
  head_hash: Uint8Array | null;
  seq: number | null;
};

function after(tx: TxSql, c: AuditChainCursor | null) {
  if (c === null) return tx``;
  // An order's row without entries has seq null; its cursor carries seq 0, which excludes it.
  return tx`and o.id >= ${c.orderId} and (o.id > ${c.orderId} or a.seq > ${c.seq})`;
}

async function chainPage(t: TenantTx, from: AuditChainCursor | null, limit: number): Promise<AuditChainRow[]> {
  const { tx } = t;
  const rows = await tx<ChainRow[]>`
    select o.id as order_id, o.audit_seq as head_seq, o.audit_head as head_hash,
      a.seq, a.actor_kind, a.actor_id, a.at, a.action, a.changes, a.prev_hash, a.hash
    from orders o
    left join order_audit a on a.tenant_id = o.tenant_id and a.order_id = o.id
    where o.tenant_id = ${t.tenant} ${after(tx, from)}
    order by o.id, a.seq nulls first
    limit ${limit}`;
  return rows.map((r) => ({
    orderId: r.order_id,
    head: r.head_hash === null ? chainStart() : { seq: r.head_seq, hash: r.head_hash },
    entry: r.seq === null ? null : auditEntryOf({ ...r, tenant_id: t.tenant, seq: r.seq }),
  }));
}

export class OrderAuditRepo implements AuditChainSource {
  constructor(private readonly sql: Sql) {}

  async readChainPage(tenant: string, from: AuditChainCursor | null, limit: number): Promise<AuditChainRow[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > chainPageMax) throw new Error(`readChainPage limit must be 1-${chainPageMax}, got ${limit}`);
    return withTenant(this.sql, tenant, (t) => chainPage(t, from, limit));
  }

  async orphanedOrderIds(tenant: string, limit: number): Promise<string[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > chainPageMax) throw new Error(`orphanedOrderIds limit must be 1-${chainPageMax}, got ${limit}`);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx<{ order_id: string }[]>`
        select distinct a.order_id from order_audit a
        where a.tenant_id = ${tenant}
          and not exists (select 1 from orders o where o.tenant_id = a.tenant_id and o.id = a.order_id)
        order by a.order_id limit ${limit}`;
      return rows.map((r) => r.order_id);
    });
  }
}
