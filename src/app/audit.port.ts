// What the audit verifier (`pallet audit verify`) reads: every order of a
// tenant with the chain head its row records, and the order's entries, in
// (order id, seq) order, page by page. The PostgreSQL adapter implements it
// (adapters/postgres/order-audit.repo.ts).
import type { AuditEntry, ChainPoint } from '../core/audit.chain.ts';

export interface AuditChainRow {
  readonly orderId: string;
  /** The head the order row records (seq 0 and 32 zero bytes: no entry yet). */
  readonly head: ChainPoint;
  /** One entry of the order; null only for an order that has none. */
  readonly entry: AuditEntry | null;
}

/** Position after a row: the order and the entry's seq (0 for an order without entries). */
export interface AuditChainCursor {
  readonly orderId: string;
  readonly seq: number;
}

export interface AuditChainSource {
  /**
   * At most `limit` rows of the tenant after `after` (null: from the start):
   * orders by id, each order's entries by seq, an order without entries as
   * one row with entry null.
   */
  readChainPage(tenant: string, after: AuditChainCursor | null, limit: number): Promise<AuditChainRow[]>;
  /** Up to `limit` ids of orders that have audit entries but no order row (only tampering leaves such). */
  orphanedOrderIds(tenant: string, limit: number): Promise<string[]>;
}
