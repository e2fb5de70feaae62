// The order pool's writes announced on the event stream: a decorator of the
// OrderStore port that notes each order inserted or updated inside a
// transaction and, once that transaction has committed, publishes
// order.changed for it (OrderEvents). Every writer (the orders role, review
// and cancel, address changes) goes through it, so none can forget.
//
// A publish that fails after the commit is logged and counted, not retried:
// the order and its audit trail in PostgreSQL are the record, and the next
// change of the order publishes its whole state again.
import type { AuditDraft, AuditEntry } from '../core/audit.chain.ts';
import type { Result } from '../core/errors.ts';
import type { HoldRule } from '../core/hold.rules.ts';
import type { Order, OrderStatus } from '../core/order.types.ts';
import type { Log } from './log.port.ts';
import type { InsertOrderOutcome, OrderChange, OrderEvents, OrderListFilters, OrderPage, OrderStore, OrderTx } from './order.port.ts';

export class PublishingOrderStore implements OrderStore {
  constructor(
    private readonly inner: OrderStore,
    readonly events: OrderEvents,
    readonly log: Pick<Log, 'error'>,
    readonly onPublishFailed: () => void = () => undefined,
  ) {}

  inTenant<T>(tenant: string, fn: (tx: OrderTx) => Promise<T>): Promise<T> {
    return publishingAfterCommit(this, tenant, (f) => this.inner.inTenant(tenant, f), fn);
  }

  list(tenant: string, filters: OrderListFilters, cursor: string | null, limit: number): Promise<Result<OrderPage>> {
    return this.inner.list(tenant, filters, cursor, limit);
  }

  audit(tenant: string, orderId: string, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.inner.audit(tenant, orderId, afterSeq, limit);
  }

  setHoldRules(tenant: string, rules: readonly HoldRule[]): Promise<void> {
    return this.inner.setHoldRules(tenant, rules);
  }
}

/** What publishingAfterCommit needs: where to publish, and what to do when a publish fails. */
export interface AfterCommitPublishing {
  readonly events: OrderEvents;
  readonly log: Pick<Log, 'error'>;
  readonly onPublishFailed: () => void;
}

/**
 * Runs `fn` in the transaction `inTenant` opens, with its order inserts and
 * updates noted; once it has committed, publishes order.changed for each.
 * The one implementation of "announce after commit" every order store uses.
 */
export async function publishingAfterCommit<X extends OrderTx, T>(
  p: AfterCommitPublishing, tenant: string, inTenant: (fn: (tx: X) => Promise<T>) => Promise<T>, fn: (tx: X) => Promise<T>,
): Promise<T> {
  const changes: OrderChange[] = [];
  const result = await inTenant((tx) => fn(noting(tx, changes)));
  // One transaction may write many orders (the orders role applies a batch of documents): their
  // announcements go out together, each order's own in the order they were written.
  const perOrder = new Map<string, OrderChange[]>();
  for (const change of changes) {
    const list = perOrder.get(change.order.id);
    if (list === undefined) perOrder.set(change.order.id, [change]);
    else list.push(change);
  }
  await Promise.all([...perOrder.values()].map(async (list) => {
    for (const change of list) {
      try {
        await p.events.changed(change);
      } catch (err) {
        p.onPublishFailed();
        p.log.error({ err, tenant, order: change.order.id, version: change.order.version }, 'order.changed not published');
      }
    }
  }));
  return result;
}

/** The status before an update: the audit entry's status change, else unchanged. */
function previousStatusOf(order: Order, audit: AuditDraft): OrderStatus {
  const before = audit.changes.status?.before;
  return typeof before === 'string' ? (before as OrderStatus) : order.status;
}

/** `tx` (any OrderTx, extended ones keep their other methods) with insert and update noted into `changes` when they write. */
export function noting<X extends OrderTx>(tx: X, changes: OrderChange[]): X {
  return Object.assign(Object.create(tx) as X, {
    insert: async (order: Order, audit: AuditDraft): Promise<InsertOrderOutcome> => {
      const outcome = await tx.insert(order, audit);
      if (outcome.inserted) changes.push({ order, previousStatus: '', action: audit.action, atMs: audit.atMs });
      return outcome;
    },
    update: async (order: Order, expectedVersion: number, audit: AuditDraft): Promise<boolean> => {
      const written = await tx.update(order, expectedVersion, audit);
      if (written) changes.push({ order, previousStatus: previousStatusOf(order, audit), action: audit.action, atMs: audit.atMs });
      return written;
    },
  });
}
