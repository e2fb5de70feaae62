// Pick tasks (issue 12): a released order becomes one task per (order,
// warehouse) from its reservation's allocations; a cancelled order's open
// tasks are cancelled; tasks reach the warehouse by push (POST to its WMS,
// signed) or pull (the WMS lists pending tasks and acks them). The fulfilment
// role drives prepare() and deliver() from order.changed events; the HTTP
// routes drive the rest.
import { createHash, timingSafeEqual } from 'node:crypto';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import type { Reservation } from '../core/stock.types.ts';
import { amendmentsPerOrderMax } from '../core/amendment.rules.ts';
import {
  checkWms, pushBody, taskAmendmentsOf, tasksFromAllocations, type PickTask, type WmsInput,
} from '../core/pick-task.rules.ts';
import { deliveryOrderCreate, orderCancel } from '../core/qimen.documents.ts';
import { qimenMethods } from '../core/qimen.protocol.ts';
import type { ChannelType } from '../core/order.types.ts';
import type { Clock } from './clock.port.ts';
import type { PickTaskStore, QimenGateway, TaskPage, WmsConfig, WmsPush } from './fulfilment.port.ts';
import type { OrderStore } from './order.port.ts';
import { parseSignature, signPayload } from './payment.signature.ts';

export interface PickTaskOptions {
  /** A WMS connection without timeoutMs gets this (PALLET_WMS_TIMEOUT_MS_DEFAULT). */
  readonly wmsTimeoutMsDefault: number;
  /** How far a WMS's signed request's timestamp may be from now. */
  readonly timestampToleranceSeconds: number;
}

/** What an order.changed event led to. */
export type Prepared =
  /** wms: the connections of the tasks' warehouses as read with them (deliver takes them instead of reading again). */
  | { readonly kind: 'tasks'; readonly tasks: PickTask[]; readonly wms?: ReadonlyMap<string, WmsConfig | null> }
  | { readonly kind: 'cancelled'; readonly count: number }
  | { readonly kind: 'none'; readonly reason: string }
  /** Will never work (the reservation is gone): dead-letter at once. */
  | { readonly kind: 'poison'; readonly reason: string };

export type Delivery = 'delivered' | 'waiting' | { readonly failed: string };

/** QiMen warehouses (issue 14): the gateway to their routers and the channel type an order's source platform is named by. */
export interface QimenDelivery {
  readonly gateway: QimenGateway;
  /** null: no such channel (the delivery order says OTHER). */
  channelTypeOf(tenant: string, channelId: string): Promise<ChannelType | null>;
}

/**
 * Finishes a re-allocation a crash interrupted (OrderFulfilmentService.reallocate, order.reallocation.service.ts):
 * prepare() calls it when a released order's task turns out cancelled, which only a refusal does to an order
 * that is not cancelled.
 */
export interface Reallocator {
  reallocate(tenant: string, orderId: string): Promise<Result<{ readonly kind: 'none' | 'reallocated' | 'exception' }>>;
}

/** WMS modes Pallet sends tasks to (the others wait for their WMS to pull). */
const pushModes: ReadonlySet<string> = new Set(['push', 'qimen']);

export interface Redelivered {
  readonly task: PickTask;
  readonly delivered: boolean;
  readonly error: string | null;
}

/** Tasks one order has at most (its reservation's warehouses). */
const tasksPerOrderMax = 64;

export const taskIdOf = (orderId: string, warehouse: string): string =>
  `tk_${createHash('sha256').update(`${orderId}\u0000${warehouse}`).digest('base64url').slice(0, 24)}`;

export class PickTaskService {
  constructor(
    private readonly store: PickTaskStore,
    private readonly orders: Pick<OrderStore, 'inTenant'>,
    private readonly reservations: { get(tenant: string, id: string): Promise<Result<Reservation>> },
    private readonly pusher: WmsPush,
    private readonly clock: Clock,
    private readonly opts: PickTaskOptions,
    /** Absent: a qimen-mode warehouse's tasks wait (nothing can reach its WMS). */
    private readonly qimen?: QimenDelivery,
    /** Absent: a released order whose task was refused waits for the refusing WMS to call again. */
    private readonly reallocator?: Reallocator,
  ) {}

  // ---------------------------------------------------------------- WMS connections

  async setWms(tenant: string, warehouse: string, input: WmsInput): Promise<Result<WmsConfig>> {
    const checked = checkWms(input, this.opts.wmsTimeoutMsDefault);
    if (!checked.ok) return checked;
    const { secret, ...settings } = checked.value;
    return this.store.putWms(tenant, warehouse, settings, secret);
  }

  async wms(tenant: string, warehouse: string): Promise<Result<WmsConfig>> {
    const found = await this.store.wms(tenant, warehouse);
    return found === null ? fail(domainError('NOT_FOUND', `warehouse ${warehouse} has no WMS connection`)) : ok(found);
  }

  /**
   * A request signed by the warehouse's WMS: `Pallet-Signature: t=…,v1=<hex HMAC-SHA256 of "<t>.<payload>">`
   * with its secret, the payload being the request target (path and query exactly as sent).
   */
  async verifyWms(tenant: string, warehouse: string, header: string, payload: string): Promise<Result<void>> {
    const sig = parseSignature(header);
    const invalid = fail(domainError('SIGNATURE_INVALID', 'the request is not signed by this warehouse\'s WMS', { field: 'headers.pallet-signature' }));
    if (sig === null) return invalid;
    const secret = await this.store.wmsSecret(tenant, warehouse);
    if (secret === null) return invalid;
    const expected = Buffer.from(signPayload(secret, sig.t, Buffer.from(payload, 'utf8')), 'hex');
    if (!sig.v1.some((v) => timingSafeEqual(v, expected))) return invalid;
    const skewSeconds = Math.abs(this.clock.nowMs() / 1000 - sig.t);
    if (skewSeconds > this.opts.timestampToleranceSeconds) {
      return fail(domainError('SIGNATURE_EXPIRED', `the signature timestamp is ${Math.round(skewSeconds)} s away from now`, { field: 'headers.pallet-signature' }));
    }
    return ok(undefined);
  }

  // ---------------------------------------------------------------- from order events

  /** Makes the tasks of a released order (idempotent), or cancels those of a cancelled one. Reads the order as it is now. */
  async prepare(tenant: string, orderId: string, reallocated = false): Promise<Prepared> {
    // The amendments are read with the order (one round trip), though only a released order needs them.
    const found = await this.orders.inTenant(tenant, async (tx) => {
      const [order, amendments] = await Promise.all([tx.get(orderId), tx.amendments(orderId, amendmentsPerOrderMax)]);
      return { order, amendments };
    });
    const { order } = found;
    if (order === null) return { kind: 'none', reason: `order ${orderId} not found` };
    if (order.status === 'cancelled') {
      const count = await this.store.cancelOrderTasks(tenant, orderId);
      await this.cancelAtQimen(tenant, orderId);
      return { kind: 'cancelled', count };
    }
    if (order.status !== 'released') return { kind: 'none', reason: `order is ${order.status}` };
    if (order.reservationId === undefined) return { kind: 'poison', reason: `released order ${orderId} has no reservation` };
    const reservation = await this.reservations.get(tenant, order.reservationId);
    if (!reservation.ok) {
      if (reservation.error.code === 'RESERVATION_NOT_FOUND') return { kind: 'poison', reason: `reservation ${order.reservationId} of order ${orderId} is gone` };
      throw new Error(`reservation ${order.reservationId}: ${reservation.error.detail}`);
    }
    const drafts = tasksFromAllocations(order, reservation.value.allocations, taskAmendmentsOf(found.amendments ?? []), taskIdOf);
    if (!drafts.ok) return { kind: 'poison', reason: drafts.error.detail };
    const { tasks, wms } = await this.store.createTasks(tenant, drafts.value);
    const refused = tasks.some((t) => t.status === 'cancelled' && drafts.value.some((d) => d.id === t.id));
    if (!refused || this.reallocator === undefined || reallocated) return { kind: 'tasks', tasks, wms };
    // The order still takes from a warehouse that refused it: a switch was cut short. Finish it (a failure is
    // thrown, so the consumer retries the event), then make the tasks of the order as it is now.
    const switched = await this.reallocator.reallocate(tenant, orderId);
    if (!switched.ok) throw new Error(`re-allocation of order ${orderId}: ${switched.error.code} ${switched.error.detail}`);
    return switched.value.kind === 'none' ? { kind: 'tasks', tasks } : this.prepare(tenant, orderId, true);
  }

  /** Pushes a pending task to a push-mode WMS; a pull-mode or unconnected warehouse waits for its WMS. */
  async deliver(tenant: string, task: PickTask, known?: ReadonlyMap<string, WmsConfig | null>): Promise<Delivery> {
    if (task.status !== 'pending') return 'delivered';
    const wms = known?.has(task.warehouse) === true ? known.get(task.warehouse)! : await this.store.wms(tenant, task.warehouse);
    if (wms === null || !pushModes.has(wms.mode) || wms.url === null) return 'waiting';
    return this.pushOnce(tenant, task, wms);
  }

  /**
   * Re-drives a stuck order (the SLA timers' TaskRedriver, app/notifier.port.ts): makes its tasks if they are
   * missing and pushes those still pending once; a failure is recorded on the task, not retried here.
   */
  async redrive(tenant: string, orderId: string): Promise<void> {
    const prepared = await this.prepare(tenant, orderId);
    if (prepared.kind !== 'tasks') return;
    for (const task of prepared.tasks) {
      const d = await this.deliver(tenant, task, prepared.wms);
      if (typeof d === 'object') await this.store.recordFailure(tenant, task.id, d.failed, task.dead);
    }
  }

  /** Counts a failed push; `dead` when the consumer gives up on it. */
  recordFailure(tenant: string, taskId: string, error: string, dead: boolean): Promise<void> {
    return this.store.recordFailure(tenant, taskId, error, dead);
  }

  private async pushOnce(tenant: string, task: PickTask, wms: WmsConfig): Promise<Delivery> {
    const secret = await this.store.wmsSecret(tenant, task.warehouse);
    if (secret === null || wms.url === null) return 'waiting';
    if (wms.mode === 'qimen') return this.pushQimen(tenant, task, wms, secret);
    const outcome = await this.pusher.push({ url: wms.url, secret, timeoutMs: wms.timeoutMs, body: JSON.stringify(pushBody(task)) });
    if (!outcome.ok) return { failed: outcome.error };
    await this.store.markDelivered(tenant, task.id);
    return 'delivered';
  }

  /**
   * deliveryorder.create of a task to a QiMen WMS, its deliveryOrderCode the task id: a create sent again after
   * a lost answer names the same delivery order, so the WMS holds one per (order, warehouse).
   */
  private async pushQimen(tenant: string, task: PickTask, wms: WmsConfig, secret: string): Promise<Delivery> {
    if (this.qimen === undefined || wms.qimen === undefined || wms.url === null) return 'waiting';
    const order = await this.orders.inTenant(tenant, (tx) => tx.get(task.orderId));
    if (order === null) return { failed: `order ${task.orderId} not found` };
    const [channelType, ofOrder] = await Promise.all([
      this.qimen.channelTypeOf(tenant, order.channel), this.store.tasksOfOrder(tenant, task.orderId, tasksPerOrderMax),
    ]);
    const document = deliveryOrderCreate(task, order, {
      warehouseCode: wms.qimen.warehouseCode, ownerCode: wms.qimen.customerId, channelType, tasksOfOrder: ofOrder.length, nowMs: this.clock.nowMs(),
    });
    const outcome = await this.qimen.gateway.call({
      url: wms.url, appKey: wms.qimen.appKey, secret, customerId: wms.qimen.customerId, timeoutMs: wms.timeoutMs,
      method: qimenMethods.deliveryOrderCreate, document,
    });
    if (!outcome.ok) return { failed: outcome.error };
    await this.store.markDelivered(tenant, task.id);
    return 'delivered';
  }

  /**
   * order.cancel to the QiMen WMSs that were sent a delivery order of this cancelled order (its cancelled tasks
   * that had been delivered). Sent on every cancelled event, so a failure (thrown: the consumer retries the event
   * with backoff and dead-letters it at the last try) is sent again; a WMS answers a repeated cancel as it likes.
   */
  private async cancelAtQimen(tenant: string, orderId: string): Promise<void> {
    if (this.qimen === undefined) return;
    const sent = (await this.store.tasksOfOrder(tenant, orderId, tasksPerOrderMax)).filter((t) => t.status === 'cancelled' && t.deliveredAtMs !== null);
    const failures: string[] = [];
    for (const task of sent) {
      const wms = await this.store.wms(tenant, task.warehouse);
      if (wms === null || wms.mode !== 'qimen' || wms.qimen === undefined || wms.url === null) continue;
      const secret = await this.store.wmsSecret(tenant, task.warehouse);
      if (secret === null) continue;
      const outcome = await this.qimen.gateway.call({
        url: wms.url, appKey: wms.qimen.appKey, secret, customerId: wms.qimen.customerId, timeoutMs: wms.timeoutMs,
        method: qimenMethods.orderCancel, document: orderCancel(task, { warehouseCode: wms.qimen.warehouseCode, ownerCode: wms.qimen.customerId }, 'order cancelled'),
      });
      if (!outcome.ok) failures.push(`${task.warehouse}: ${outcome.error}`);
    }
    if (failures.length > 0) throw new Error(`QiMen order.cancel failed: ${failures.join('; ')}`);
  }

  // ---------------------------------------------------------------- queries and WMS/ops steps

  async pendingTasks(tenant: string, warehouse: string, cursor: string | null, limit: number): Promise<Result<TaskPage>> {
    return this.store.pendingTasks(tenant, warehouse, cursor, limit);
  }

  async tasksOfOrder(tenant: string, orderId: string): Promise<PickTask[]> {
    return this.store.tasksOfOrder(tenant, orderId, tasksPerOrderMax);
  }

  /** The WMS took a pulled task: pending → delivered; repeating it answers the task as it is. */
  async ack(tenant: string, warehouse: string, taskId: string): Promise<Result<PickTask>> {
    const task = await this.taskOf(tenant, warehouse, taskId);
    if (!task.ok) return task;
    const marked = await this.store.markDelivered(tenant, taskId);
    return marked === null ? this.notFound(taskId) : ok(marked);
  }

  /**
   * Sends a task again (a dead letter, or a WMS that lost it): push mode pushes it now and records the
   * outcome; pull mode puts a delivered task back to pending for the WMS to list again.
   */
  async redeliver(tenant: string, warehouse: string, taskId: string): Promise<Result<Redelivered>> {
    const found = await this.taskOf(tenant, warehouse, taskId);
    if (!found.ok) return found;
    if (found.value.status === 'cancelled' || found.value.status === 'shipped') {
      return fail(domainError('ORDER_INVALID_TRANSITION', `task ${taskId} is ${found.value.status}: nothing to deliver`, { taskStatus: found.value.status }));
    }
    const wms = await this.store.wms(tenant, warehouse);
    const push = wms !== null && pushModes.has(wms.mode) && wms.url !== null;
    const revived = await this.store.revive(tenant, taskId, !push);
    if (revived === null) return this.notFound(taskId);
    if (!push) return ok({ task: revived, delivered: false, error: null });
    const outcome = await this.pushOnce(tenant, { ...revived, status: 'pending' }, wms);
    if (typeof outcome === 'object') await this.store.recordFailure(tenant, taskId, outcome.failed, true);
    const now = await this.store.task(tenant, taskId);
    return ok({ task: now ?? revived, delivered: outcome === 'delivered', error: typeof outcome === 'object' ? outcome.failed : null });
  }

  private async taskOf(tenant: string, warehouse: string, taskId: string): Promise<Result<PickTask>> {
    const task = await this.store.task(tenant, taskId);
    return task === null || task.warehouse !== warehouse ? this.notFound(taskId) : ok(task);
  }

  private notFound(taskId: string): Result<never> {
    return fail(domainError('NOT_FOUND', `task ${taskId} not found in this warehouse`));
  }
}
