// Reading orders and the steps operations take on them (issue 11): review a
// held order, cancel, set the tenant's hold rules. Every change moves the
// order through core/order.machine.ts, brings its stock in line and is
// stored with its audit entry in one transaction.
import { awaitsAmendment } from '../core/amendment.rules.ts';
import type { Actor, AuditEntry } from '../core/audit.chain.ts';
import { orderChanges } from '../core/audit.chain.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import { validateHoldRules, type HoldRule } from '../core/hold.rules.ts';
import { applyCommand, lastSeq, type OrderCommand } from '../core/order.machine.ts';
import type { Order } from '../core/order.types.ts';
import { knowledgeOf } from './order.knowledge.ts';
import type { OrderListFilters, OrderPage, OrderStore } from './order.port.ts';
import type { OrderStock } from './order.stock.ts';

export type ReviewDecision = 'approve' | 'reject';

/** Attempts of a step whose order changed meanwhile (another writer): then 503, retry. */
const conflictAttemptsMax = 3;

const orderNotFound = (id: string) => fail(domainError('ORDER_NOT_FOUND', `order ${id} not found`, { order: id }));

export class OrderService {
  constructor(private readonly store: OrderStore, private readonly stock: OrderStock, private readonly clock: { nowMs(): number }) {}

  async get(tenant: string, id: string): Promise<Result<Order>> {
    const order = await this.store.inTenant(tenant, (tx) => tx.get(id));
    return order === null ? orderNotFound(id) : ok(order);
  }

  list(tenant: string, filters: OrderListFilters, cursor: string | null, limit: number): Promise<Result<OrderPage>> {
    return this.store.list(tenant, filters, cursor, limit);
  }

  async audit(tenant: string, id: string, afterSeq: number, limit: number): Promise<Result<AuditEntry[]>> {
    const entries = await this.store.audit(tenant, id, afterSeq, limit);
    if (entries.length === 0 && afterSeq === 0 && (await this.store.inTenant(tenant, (tx) => tx.get(id))) === null) return orderNotFound(id);
    return ok(entries);
  }

  /** approve: on_hold → released; reject: → cancelled (stock released). Only a held order is reviewed. */
  review(tenant: string, id: string, decision: ReviewDecision, note: string, actor: Actor): Promise<Result<Order>> {
    return this.step(tenant, id, decision === 'approve' ? 'release' : 'cancel', actor, `review_${decision}`, note, (order) => {
      if (order.status !== 'on_hold') return `order is ${order.status}: only an order on hold is reviewed`;
      // Approving would release it with the warehouse still holding the old address.
      return decision === 'approve' && awaitsAmendment(order)
        ? 'order is on_hold: an address amendment awaits the warehouse; acknowledge it (POST /v1/orders/{id}/amendments/{aid}/ack)'
        : null;
    });
  }

  cancel(tenant: string, id: string, reason: string, actor: Actor): Promise<Result<Order>> {
    return this.step(tenant, id, 'cancel', actor, 'cancelled', reason, () => null);
  }

  async holdRules(tenant: string): Promise<HoldRule[]> {
    return this.store.inTenant(tenant, (tx) => tx.holdRules());
  }

  async setHoldRules(tenant: string, input: unknown): Promise<Result<HoldRule[]>> {
    const rules = validateHoldRules(input, 'body.rules');
    if (!rules.ok) return rules;
    await this.store.setHoldRules(tenant, rules.value);
    return rules;
  }

  private async step(
    tenant: string, id: string, command: OrderCommand, actor: Actor, action: string, note: string,
    refuse: (order: Order) => string | null,
  ): Promise<Result<Order>> {
    for (let attempt = 1; attempt <= conflictAttemptsMax; attempt++) {
      const order = await this.store.inTenant(tenant, (tx) => tx.get(id));
      if (order === null) return orderNotFound(id);
      const refusal = refuse(order);
      if (refusal !== null) return fail(domainError('ORDER_INVALID_TRANSITION', refusal, { status: order.status, command }));
      const k = knowledgeOf(order);
      const moved = applyCommand(k, command, { seq: Math.max(order.version + 1, lastSeq(k) + 1), atMs: this.clock.nowMs() });
      if (!moved.ok) return moved;
      if (!moved.value.changed) return ok(order);
      const next: Order = { ...order, status: moved.value.to, version: order.version + 1, ...(command === 'release' ? { holds: [] } : {}) };
      const settled = await this.stock.settle(tenant, next, next.status);
      if (!settled.ok) throw settled.error;
      const stored: Order = settled.value.reservationId === undefined ? next : { ...next, reservationId: settled.value.reservationId };
      const changes = { ...orderChanges(order, { ...stored, version: order.version }), ...(note === '' ? {} : { note: { after: note } }) };
      const written = await this.store.inTenant(tenant, (tx) => tx.update(stored, order.version, { actor, atMs: this.clock.nowMs(), action, changes }));
      if (written) return ok(stored);
    }
    return fail(domainError('OVERLOADED', `order ${id} keeps changing; retry`));
  }
}
