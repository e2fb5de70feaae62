// What a warehouse's WMS reports about an order (issue 12), applied through
// core/order.machine.ts like every other step (order.service.ts):
//
//   accepted       → no status change; an audit entry (the task is taken)
//   picking        → pick   (refused while an address amendment awaits the
//                            warehouse's acknowledgement: it must ack first)
//   packed         → pack   (the parcels and their weights are kept with the callback)
//   shipped        → ship   (reservation fulfilled; each parcel a shipment)
//   cannot_fulfil  → of a released order: re-allocation to the other
//                    warehouses (order.reallocation.service.ts), or, when
//                    none holds it, fail (exception, the reason as a hold
//                    reason, the stock released); of a picking or packed
//                    order: fail, as `exception`
//   exception      → fail   (exception, the reason as a hold reason)
//
// Each callback counts once per (warehouse, callbackId): it is recorded in
// the same transaction as the order update, its audit entry and its
// shipments, and the same id again answers `duplicate: true` and changes
// nothing. A refused callback is not recorded, so the WMS may send it again
// once the order allows it (after acknowledging the amendment).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { awaitsAmendment } from '../core/amendment.rules.ts';
import { orderChanges, type AuditChanges } from '../core/audit.chain.ts';
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import { applyCommand, lastSeq, type OrderCommand } from '../core/order.machine.ts';
import type { HoldReason, Order } from '../core/order.types.ts';
import type { Clock } from './clock.port.ts';
import type { AcknowledgeOutcome, OrderAddressService } from './order.address.service.ts';
import { knowledgeOf } from './order.knowledge.ts';
import { OrderReallocation, wmsActor, type Reallocated } from './order.reallocation.service.ts';
import type { OrderStock } from './order.stock.ts';
import { parseSignature } from './payment.signature.ts';
import type { FulfilmentStore, FulfilmentTx, PickTaskLookup, Shipment, WmsCallback, WmsCallbackStatus, WmsSecrets } from './wms-callback.port.ts';

export interface FulfilmentOptions {
  /** How far a Pallet-Signature timestamp may be from now. */
  readonly timestampToleranceSeconds: number;
}

export interface CallbackOutcome {
  readonly order: Order;
  /** true: this callback id was applied before; nothing changed now. */
  readonly duplicate: boolean;
  /** false: nothing new for the order (a repeat of a step it is past, or a duplicate). */
  readonly changed: boolean;
}

/** Shipments one order lists. */
export const shipmentsPerOrderMax = 200;
/** WMS secrets tried per warehouse (current and previous while rotating). */
const secretsMax = 2;
const conflictAttemptsMax = 3;

const commandOf: Readonly<Record<WmsCallbackStatus, OrderCommand | null>> = {
  accepted: null, picking: 'pick', packed: 'pack', shipped: 'ship', cannot_fulfil: 'fail', exception: 'fail',
};

/** Unknown warehouses are checked against this, so they cost the time of a wrong signature. */
const unconfiguredSecret = randomBytes(32).toString('base64url');
const orderNotFound = (id: string) => fail(domainError('ORDER_NOT_FOUND', `order ${id} not found`, { order: id }));
const invalidSignature = (detail: string): DomainError => domainError('SIGNATURE_INVALID', detail, { field: 'headers.pallet-signature' });

/** A write whose order changed meanwhile: the transaction rolls back (the callback row with it) and the callback is tried again. */
class OrderMoved extends Error {}

export class OrderFulfilmentService {
  private readonly reallocation: OrderReallocation;

  constructor(
    private readonly store: FulfilmentStore,
    private readonly stock: OrderStock,
    private readonly addresses: OrderAddressService,
    private readonly secrets: WmsSecrets,
    private readonly clock: Clock,
    private readonly opts: FulfilmentOptions,
    /** Absent until pick tasks are stored (migration 008): the task a callback names is then not checked. */
    private readonly tasks?: PickTaskLookup,
  ) {
    this.reallocation = new OrderReallocation(store, stock, clock);
  }

  /** `Pallet-Signature` over the raw body with the warehouse's WMS secret(s), in constant time, then the timestamp. */
  async verify(tenant: string, warehouse: string, header: string, body: Uint8Array): Promise<Result<void>> {
    const sig = parseSignature(header);
    if (sig === null) return fail(invalidSignature('Pallet-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">'));
    const found = ((await this.secrets.secretsOf(tenant, warehouse)) ?? []).slice(0, secretsMax);
    let match = false;
    for (const secret of found.length === 0 ? [unconfiguredSecret] : found) {
      const expected = createHmac('sha256', secret).update(`${sig.t}.`).update(body).digest();
      for (const given of sig.v1) match = timingSafeEqual(given, expected) || match;
    }
    if (found.length === 0 || !match) return fail(invalidSignature(`the signature does not verify with the WMS secret of warehouse ${warehouse}`));
    const skewSeconds = Math.abs(this.clock.nowMs() / 1000 - sig.t);
    if (skewSeconds > this.opts.timestampToleranceSeconds) {
      return fail(domainError('SIGNATURE_EXPIRED', `the signature timestamp is ${Math.round(skewSeconds)} s away from now; at most ${this.opts.timestampToleranceSeconds} s are accepted`, { field: 'headers.pallet-signature' }));
    }
    return ok(undefined);
  }

  /** Applies a verified callback of `warehouse`. */
  async callback(tenant: string, warehouse: string, cb: WmsCallback): Promise<Result<CallbackOutcome>> {
    const checked = await this.checkTask(tenant, warehouse, cb);
    if (!checked.ok) return checked;
    for (let attempt = 1; attempt <= conflictAttemptsMax; attempt++) {
      const [order, seen] = await this.store.inTenant(tenant, (tx) => Promise.all([tx.get(cb.orderId), tx.callbackSeen(warehouse, cb.callbackId)]));
      if (order === null) return orderNotFound(cb.orderId);
      if (seen) return this.repeated(tenant, cb, order);
      try {
        const applied = await this.apply(tenant, warehouse, cb, order);
        if (applied !== null) return applied;
      } catch (err) {
        if (!(err instanceof OrderMoved)) throw err;
      }
    }
    return fail(domainError('OVERLOADED', `order ${cb.orderId} keeps changing; retry`));
  }

  /** One attempt; null when the callback id turned out recorded meanwhile (the caller reads again). */
  private async apply(tenant: string, warehouse: string, cb: WmsCallback, order: Order): Promise<Result<CallbackOutcome> | null> {
    const command = commandOf[cb.status];
    const atMs = this.clock.nowMs();
    const record = (tx: FulfilmentTx, orderVersion: number) => tx.noteCallback({ warehouse, callback: cb, orderVersion, atMs });
    const shipments = cb.status === 'shipped' ? shipmentsOf(warehouse, cb, atMs) : [];
    const about = callbackChanges(warehouse, cb);
    if (command === null) {
      // accepted: the order stays as it is; the audit trail says the warehouse took the task.
      const done = await this.store.inTenant(tenant, async (tx) => {
        if ((await record(tx, order.version)) === 'duplicate') return false;
        if (!(await tx.appendAudit(order.id, { actor: wmsActor(warehouse), atMs, action: `wms_${cb.status}`, changes: about }))) throw new OrderMoved();
        return true;
      });
      return done ? ok({ order, duplicate: false, changed: true }) : null;
    }
    if (cb.status === 'cannot_fulfil' && order.status === 'released') return this.refused(tenant, warehouse, cb, order);
    if (command === 'pick' && awaitsAmendment(order)) {
      return fail(domainError('ORDER_INVALID_TRANSITION',
        `order is ${order.status}: an address amendment awaits the warehouse's acknowledgement (POST /v1/warehouses/{id}/amendments/{aid}/ack) before picking`,
        { status: order.status, command }));
    }
    const k = knowledgeOf(order);
    const moved = applyCommand(k, command, { seq: Math.max(order.version + 1, lastSeq(k) + 1), atMs });
    if (!moved.ok) return moved;
    if (!moved.value.changed) {
      // A step the order is past: recorded so it counts once, and any parcels it names are kept.
      const fresh = await this.store.inTenant(tenant, async (tx) => {
        if ((await record(tx, order.version)) === 'duplicate') return false;
        await tx.addShipments(shipments);
        return true;
      });
      return fresh ? ok({ order, duplicate: false, changed: false }) : null;
    }
    const next = await this.settled(tenant, { ...order, status: moved.value.to, version: order.version + 1, holds: holdsAfter(order, cb, warehouse) });
    const changes: AuditChanges = { ...orderChanges(order, { ...next, version: order.version }), ...about };
    const written = await this.store.inTenant(tenant, async (tx) => {
      if ((await record(tx, next.version)) === 'duplicate') return false;
      if (!(await tx.update(next, order.version, { actor: wmsActor(warehouse), atMs, action: `wms_${cb.status}`, changes }))) throw new OrderMoved();
      await tx.addShipments(shipments);
      return true;
    });
    return written ? ok({ order: next, duplicate: false, changed: true }) : null;
  }

  /**
   * cannot_fulfil of a released order, step 1 of order.reallocation.service.ts: the refusal recorded (callback
   * row, the warehouse's task cancelled, version bump and audit entry `wms_refused`) before any stock moves, then
   * the switch. A refusal by a warehouse the order's reservation does not take from (a task the order has
   * already been moved away from) is recorded and changes nothing.
   */
  private async refused(tenant: string, warehouse: string, cb: WmsCallback, order: Order): Promise<Result<CallbackOutcome> | null> {
    const atMs = this.clock.nowMs();
    const current = order.reservationId === undefined ? null : await this.stock.reservation(tenant, order.reservationId);
    const here = current === null || current.allocations.some((a) => a.warehouse === warehouse);
    const noted = await this.store.inTenant(tenant, async (tx) => {
      if ((await tx.noteCallback({ warehouse, callback: cb, orderVersion: here ? order.version + 1 : order.version, atMs })) === 'duplicate') return false;
      if (!here) return true;
      await tx.cancelTask(cb.taskId);
      const next = { ...order, version: order.version + 1 };
      if (!(await tx.update(next, order.version, { actor: wmsActor(warehouse), atMs, action: 'wms_refused', changes: callbackChanges(warehouse, cb) }))) throw new OrderMoved();
      return true;
    });
    if (!noted) return null;
    if (!here) return ok({ order, duplicate: false, changed: false });
    const switched = await this.reallocation.reallocate(tenant, order.id);
    return switched.ok ? ok({ order: switched.value.order, duplicate: false, changed: true }) : switched;
  }

  /** A callback id seen before changes nothing; a repeated cannot_fulfil first finishes a switch a crash interrupted. */
  private async repeated(tenant: string, cb: WmsCallback, order: Order): Promise<Result<CallbackOutcome>> {
    if (cb.status !== 'cannot_fulfil') return ok({ order, duplicate: true, changed: false });
    const switched = await this.reallocation.reallocate(tenant, order.id);
    return switched.ok ? ok({ order: switched.value.order, duplicate: true, changed: false }) : switched;
  }

  /** Runs a re-allocation that is due (PickTaskService.prepare, when it finds a released order's task cancelled). */
  reallocate(tenant: string, orderId: string): Promise<Result<Reallocated>> {
    return this.reallocation.reallocate(tenant, orderId);
  }

  /** When pick tasks are known: the task must exist and be this order's at this warehouse. */
  private async checkTask(tenant: string, warehouse: string, cb: WmsCallback): Promise<Result<void>> {
    if (cb.status === 'shipped' && (cb.parcels ?? []).length === 0) {
      return fail(domainError('VALIDATION_FAILED', 'body.parcels must name at least one parcel (carrier, trackingNumber) when status is shipped', { field: 'body.parcels' }));
    }
    if ((cb.status === 'cannot_fulfil' || cb.status === 'exception') && (cb.reason ?? '').trim() === '') {
      return fail(domainError('VALIDATION_FAILED', `body.reason is required when status is ${cb.status}`, { field: 'body.reason' }));
    }
    if (this.tasks === undefined) return ok(undefined);
    const task = await this.tasks.taskOf(tenant, cb.taskId);
    if (task === null) return fail(domainError('NOT_FOUND', `task ${cb.taskId} not found`, { field: 'body.taskId' }));
    if (task.orderId !== cb.orderId || task.warehouse !== warehouse) {
      return fail(domainError('VALIDATION_FAILED', `body.taskId ${cb.taskId} is the task of order ${task.orderId} at warehouse ${task.warehouse}`, { field: 'body.taskId' }));
    }
    return ok(undefined);
  }

  /** The WMS has the new address: OrderAddressService's acknowledgement, by the warehouse. */
  async acknowledgeAmendment(tenant: string, warehouse: string, amendmentId: string): Promise<Result<AcknowledgeOutcome>> {
    const orderId = await this.store.inTenant(tenant, (tx) => tx.amendmentOrder(amendmentId));
    if (orderId === null) return fail(domainError('AMENDMENT_NOT_FOUND', `amendment ${amendmentId} not found`, { amendment: amendmentId }));
    return this.addresses.acknowledge(tenant, orderId, amendmentId, wmsActor(warehouse));
  }

  async shipments(tenant: string, orderId: string): Promise<Result<Shipment[]>> {
    const order = await this.store.inTenant(tenant, (tx) => tx.get(orderId));
    if (order === null) return orderNotFound(orderId);
    return ok(await this.store.shipments(tenant, orderId, shipmentsPerOrderMax));
  }

  /** The order with its reservation in line with its new status (ship → fulfil). */
  private async settled(tenant: string, next: Order): Promise<Order> {
    const settled = await this.stock.settle(tenant, next, next.status);
    if (!settled.ok) throw settled.error;
    return settled.value.reservationId === undefined ? next : { ...next, reservationId: settled.value.reservationId };
  }
}

/** A failure keeps its reason on the order (as stock shortages do): hold reason `wms_<status>`. */
function holdsAfter(order: Order, cb: WmsCallback, warehouse: string): HoldReason[] {
  if (cb.status !== 'cannot_fulfil' && cb.status !== 'exception') return [...order.holds];
  return [...order.holds, { rule: `wms_${cb.status}`, detail: `warehouse ${warehouse}: ${cb.reason ?? ''}`.trim() }];
}

function callbackChanges(warehouse: string, cb: WmsCallback): AuditChanges {
  return {
    warehouse: { after: warehouse }, task: { after: cb.taskId }, callback: { after: cb.callbackId },
    ...(cb.parcels === undefined ? {} : { parcels: { after: cb.parcels } }),
    ...(cb.reason === undefined ? {} : { reason: { after: cb.reason } }),
  };
}

function shipmentsOf(warehouse: string, cb: WmsCallback, atMs: number): Shipment[] {
  return (cb.parcels ?? []).map((p) => ({
    orderId: cb.orderId, warehouse, carrier: p.carrier, trackingNumber: p.trackingNumber,
    weightGrams: p.weightGrams ?? null, shippedAtMs: atMs, callbackId: cb.callbackId,
  }));
}
