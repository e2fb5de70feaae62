// Shipping address changes and their amendments (issue 11). Who: a key with
// the ops or admin scope, or the buyer with an order token (order.token.ts).
// What happens depends on how far the order is (core/amendment.rules.ts):
// before release the address changes at once; once released it changes too,
// but the order goes on hold with an amendment the warehouse must
// acknowledge; from picking on it is refused. The order update, its audit
// entry (actor, before and after) and the amendment are one transaction.
import { randomBytes } from 'node:crypto';
import {
  addressChangePlan, amendmentHoldReason, amendmentsPerOrderMax, normaliseAddress, sameAddress, withoutAmendment, type Amendment,
} from '../core/amendment.rules.ts';
import { orderChanges, type Actor, type AuditChanges, type AuditDraft } from '../core/audit.chain.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import { applyCommand, lastSeq, type OrderCommand } from '../core/order.machine.ts';
import type { Address, Order } from '../core/order.types.ts';
import type { Clock } from './clock.port.ts';
import { knowledgeOf } from './order.knowledge.ts';
import type { OrderStore } from './order.port.ts';
import type { OrderStock } from './order.stock.ts';
import type { OrderTokenCheck, OrderTokenClaims, OrderTokens } from './order.token.ts';

/** Who changes the address: a key's or a token's actor, and the token's claims when it is one. */
export interface AddressChanger {
  readonly actor: Actor;
  readonly token?: OrderTokenClaims;
}

export interface AddressChangeOutcome {
  readonly order: Order;
  /** false: the order already had this address (nothing written). */
  readonly changed: boolean;
  /** Present when the order was released: the warehouse must acknowledge it. */
  readonly amendment?: Amendment;
}

export interface AcknowledgeOutcome {
  readonly order: Order;
  readonly amendment: Amendment;
  /** false: it had been acknowledged before (nothing written). */
  readonly changed: boolean;
}

/** Attempts of a write whose order changed meanwhile; then 503, retry. */
const conflictAttemptsMax = 3;

const orderNotFound = (id: string) => fail(domainError('ORDER_NOT_FOUND', `order ${id} not found`, { order: id }));
const overloaded = (id: string) => fail(domainError('OVERLOADED', `order ${id} keeps changing; retry`));
const newAmendmentId = (): string => `am_${randomBytes(10).toString('hex')}`;

/** A change about to be written: the next order, its audit entry and (after release) the amendment. */
interface PlannedChange {
  readonly next: Order;
  readonly audit: AuditDraft;
  readonly amendment?: Amendment;
}

export class OrderAddressService {
  constructor(
    private readonly store: OrderStore,
    private readonly stock: OrderStock,
    private readonly tokens: OrderTokens,
    private readonly clock: Clock,
  ) {}

  /** A token for the buyer to change this order's address; refused (409) once the address can no longer change. */
  async issueToken(tenant: string, orderId: string, keyId: string): Promise<Result<{ token: string; claims: OrderTokenClaims }>> {
    const order = await this.store.inTenant(tenant, (tx) => tx.get(orderId));
    if (order === null) return orderNotFound(orderId);
    const plan = addressChangePlan(order);
    if (!plan.ok) return plan;
    return ok(this.tokens.issue({ tenant, orderId, orderVersion: order.version, issuedBy: keyId }));
  }

  checkToken(token: string): OrderTokenCheck {
    return this.tokens.verify(token);
  }

  async change(tenant: string, orderId: string, input: Address, by: AddressChanger): Promise<Result<AddressChangeOutcome>> {
    const address = normaliseAddress(input, 'body');
    if (!address.ok) return address;
    if (by.token !== undefined && (by.token.tenant !== tenant || by.token.orderId !== orderId)) {
      return fail(domainError('UNAUTHENTICATED', 'the order token is for another order'));
    }
    for (let attempt = 1; attempt <= conflictAttemptsMax; attempt++) {
      const order = await this.store.inTenant(tenant, (tx) => tx.get(orderId));
      if (order === null) return orderNotFound(orderId);
      // The same address again is not news, whatever state the order is in now (a retried change).
      if (sameAddress(order.shippingAddress, address.value)) return ok({ order, changed: false });
      if (by.token !== undefined && by.token.orderVersion !== order.version) {
        return fail(domainError('UNAUTHENTICATED', 'the order changed since this order token was issued; ask for a new one'));
      }
      const planned = this.plan(order, address.value, by);
      if (!planned.ok) return planned;
      const { audit, amendment } = planned.value;
      const next = planned.value.next.status === order.status ? planned.value.next : await this.settle(tenant, planned.value.next);
      const written = await this.store.inTenant(tenant, async (tx) => {
        if (amendment !== undefined && (await tx.amendmentCount(orderId)) >= amendmentsPerOrderMax) return 'limit' as const;
        if (!(await tx.update(next, order.version, audit))) return 'conflict' as const;
        if (amendment !== undefined) await tx.addAmendment(amendment);
        return 'written' as const;
      });
      if (written === 'limit') {
        return fail(domainError('LIMIT_EXCEEDED', `order ${orderId} has ${amendmentsPerOrderMax} amendments, the most one order may have`, { limit: amendmentsPerOrderMax }));
      }
      if (written === 'written') return ok({ order: next, changed: true, ...(amendment === undefined ? {} : { amendment }) });
    }
    return overloaded(orderId);
  }

  /** The order with the new address, its audit entry, and the amendment when the warehouse has the order already. */
  private plan(order: Order, address: Address, by: AddressChanger): Result<PlannedChange> {
    const how = addressChangePlan(order);
    if (!how.ok) return how;
    const atMs = this.clock.nowMs();
    const via: AuditChanges = by.token === undefined ? {} : {
      token: { after: { id: by.token.tokenId, issuedBy: by.token.issuedBy, expiresAt: new Date(by.token.expiresAtMs).toISOString() } },
    };
    if (how.value === 'immediate') {
      const next: Order = { ...order, shippingAddress: address, version: order.version + 1 };
      return ok({ next, audit: { actor: by.actor, atMs, action: 'address_changed', changes: { ...orderChanges(order, { ...next, version: order.version }), ...via } } });
    }
    const amendment: Amendment = {
      orderId: order.id, id: newAmendmentId(), orderVersion: order.version + 1, kind: 'address', before: order.shippingAddress, after: address,
      status: 'pending', createdAtMs: atMs, actor: by.actor,
    };
    const status = this.moved(order, 'hold');
    if (!status.ok) return status;
    const next: Order = {
      ...order, shippingAddress: address, status: status.value, holds: [...order.holds, amendmentHoldReason(amendment.id)], version: order.version + 1,
    };
    const changes = { ...orderChanges(order, { ...next, version: order.version }), amendment: { after: amendment.id }, ...via };
    return ok({ next, amendment, audit: { actor: by.actor, atMs, action: 'address_changed', changes } });
  }

  /** The warehouse (or ops for it) has the new address: the hold reason goes, and the order is released when none is left. */
  async acknowledge(tenant: string, orderId: string, amendmentId: string, actor: Actor): Promise<Result<AcknowledgeOutcome>> {
    for (let attempt = 1; attempt <= conflictAttemptsMax; attempt++) {
      const [order, amendment] = await this.store.inTenant(tenant, (tx) => Promise.all([tx.get(orderId), tx.amendment(orderId, amendmentId)]));
      if (order === null) return orderNotFound(orderId);
      if (amendment === null) {
        return fail(domainError('AMENDMENT_NOT_FOUND', `order ${orderId} has no amendment ${amendmentId}`, { order: orderId, amendment: amendmentId }));
      }
      if (amendment.status === 'acknowledged') return ok({ order, amendment, changed: false });
      const holds = withoutAmendment(order.holds, amendmentId);
      const status = order.status === 'on_hold' && holds.length === 0 ? this.moved(order, 'release') : ok(order.status);
      if (!status.ok) return status;
      const moved: Order = { ...order, holds, status: status.value, version: order.version + 1 };
      const next = moved.status === order.status ? moved : await this.settle(tenant, moved);
      const atMs = this.clock.nowMs();
      const changes = { ...orderChanges(order, { ...next, version: order.version }), amendment: { after: amendmentId } };
      const acknowledged = await this.store.inTenant(tenant, async (tx) => {
        if (!(await tx.update(next, order.version, { actor, atMs, action: 'amendment_acknowledged', changes }))) return null;
        // The order row is locked by the update: no other acknowledgement of its amendments runs meanwhile.
        if (!(await tx.acknowledgeAmendment(orderId, amendmentId, atMs, actor))) throw new Error(`amendment ${amendmentId} was not pending under its order's lock`);
        return tx.amendment(orderId, amendmentId);
      });
      if (acknowledged !== null) return ok({ order: next, amendment: acknowledged, changed: true });
    }
    return overloaded(orderId);
  }

  async list(tenant: string, orderId: string): Promise<Result<Amendment[]>> {
    const found = await this.store.inTenant(tenant, async (tx) => ((await tx.get(orderId)) === null ? null : tx.amendments(orderId, amendmentsPerOrderMax)));
    return found === null ? orderNotFound(orderId) : ok(found);
  }

  /** The status `command` takes the order to (a repeat leaves it). */
  private moved(order: Order, command: OrderCommand): Result<Order['status']> {
    const k = knowledgeOf(order);
    const outcome = applyCommand(k, command, { seq: Math.max(order.version + 1, lastSeq(k) + 1), atMs: this.clock.nowMs() });
    return outcome.ok ? ok(outcome.value.to) : outcome;
  }

  /** The order with its reservation in line with the new status (hold and release keep it confirmed; a lost one is reserved again). */
  private async settle(tenant: string, next: Order): Promise<Order> {
    const settled = await this.stock.settle(tenant, next, next.status);
    if (!settled.ok) throw settled.error;
    return settled.value.reservationId === undefined ? next : { ...next, reservationId: settled.value.reservationId };
  }
}
