// Re-allocation (issue 12): a warehouse that reports it cannot fulfil a
// released order (cannot_fulfil; QiMen itemlack.report) has the order moved to
// the other warehouses through the stock engine, or, when none holds it, the
// order becomes an exception with the warehouse's reason.
//
// Two steps, each of which can be finished by whoever comes next:
//
//  1. The refusal is recorded (OrderFulfilmentService): the callback row
//     (wms_callbacks, the durable list of warehouses that refused the order),
//     the refusing warehouse's task cancelled, and the order's version bumped
//     with an audit entry `wms_refused`, all in one transaction. Nothing has
//     moved in the stock engine yet. The version bump publishes order.changed.
//  2. The switch (reallocate below), derived only from what is stored: the
//     order, its reservation R0 and the refusals. It is due while the order is
//     released and R0 takes from a warehouse that refused it:
//       a. reserve R1 from the other warehouses (every refusing one excluded)
//          under the Idempotency-Key `order:<id>:instead-of:<R0>[:<n>]`, held
//          for the order TTL;
//       b. confirm R1;
//       c. release R0;
//       d. commit: the order names R1 (version + 1, audit `wms_reallocated`,
//          order.changed → the fulfilment role makes and pushes the new
//          warehouse's task, as for any released order).
//     With no warehouse left: release R0, then commit the order to
//     `exception` (audit `wms_cannot_fulfil`, the reason as a hold).
//
// What a crash leaves, and who finishes it. After 1, or after a or b: the
// order names R0 at a refusing warehouse, so the switch is still due; a rerun
// finds R1 again by its key (a replay) and goes on. If nothing reruns within
// the TTL, an unconfirmed R1 expires, and the next run takes a fresh key
// (`:2`): R1 was never confirmed, so no order ever named it. After c: only R1
// holds stock; the order still names R0, so the switch is still due and the
// rerun commits R1. After d: done; R0 was released before the commit, so no
// later step needs to find it. At no point do both stay held (R0 is released
// before the order moves on) and at no point is the order left on nothing
// (R1 is confirmed before R0 is released).
//
// The reruns: the WMS sends a callback again until it gets a 2xx (a repeat
// of the cannot_fulfil runs the switch before answering `duplicate`); the
// fulfilment role handles the order.changed of step 1 (PickTaskService.prepare
// finds the order's task cancelled while the order is released and runs the
// switch; a failure is redelivered by the consumer); the SLA timers' redriver
// calls prepare for an order still released past its deadline. Two runs at
// once meet at the same keys (one reserves, the other replays) and at the
// order's version (one commits, the other reads again and finds nothing due).
//
// A refusal counts for the rest of the order's life: a pick task is one per
// (order, warehouse) and the refused one is cancelled, so the order could not
// be sent there again anyway.
import { orderChanges, type Actor, type AuditChanges } from '../core/audit.chain.ts';
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import { applyCommand, lastSeq } from '../core/order.machine.ts';
import type { Order } from '../core/order.types.ts';
import { warehousesPerOrderMax } from '../core/pick-task.rules.ts';
import type { Reservation } from '../core/stock.types.ts';
import type { Clock } from './clock.port.ts';
import { knowledgeOf } from './order.knowledge.ts';
import { reservationKeyOf } from './order.ids.ts';
import type { OrderStock } from './order.stock.ts';
import type { FulfilmentStore, Refusal } from './wms-callback.port.ts';

export type Reallocated =
  /** Nothing was due: the order is not released, or its reservation takes from no warehouse that refused it. */
  | { readonly kind: 'none'; readonly order: Order }
  | { readonly kind: 'reallocated'; readonly order: Order; readonly from: readonly string[]; readonly to: readonly string[] }
  | { readonly kind: 'exception'; readonly order: Order };

/** Refusals read per order: a warehouse refuses an order once, and an order reaches at most this many warehouses. */
const refusalsPerOrderMax = warehousesPerOrderMax;
/** Fresh reservations tried in one run when the previous one expired unconfirmed (each needs a TTL to pass first). */
const generationsMax = 3;
const conflictAttemptsMax = 3;

export const wmsActor = (warehouse: string): Actor => ({ kind: 'system', id: `wms:${warehouse}` });

/** The Idempotency-Key of the reservation that replaces `replaced` for `orderId` (generation 1, 2, …). */
export const reallocationKeyOf = (orderId: string, replaced: string, generation: number): string =>
  `${reservationKeyOf(orderId)}:instead-of:${replaced}${generation === 1 ? '' : `:${generation}`}`;

/** The order changed under a run (another run committed, or ops moved it): read again. */
class Moved extends Error {}

export class OrderReallocation {
  constructor(private readonly store: FulfilmentStore, private readonly stock: OrderStock, private readonly clock: Clock) {}

  /** Runs the switch of the order if one is due (idempotent; see the header). */
  async reallocate(tenant: string, orderId: string): Promise<Result<Reallocated>> {
    for (let attempt = 1; attempt <= conflictAttemptsMax; attempt++) {
      const { order, refusals } = await this.store.inTenant(tenant, async (tx) => {
        const found = await tx.get(orderId);
        return { order: found, refusals: found === null ? [] : await tx.refusals(orderId, refusalsPerOrderMax) };
      });
      if (order === null) return fail(domainError('ORDER_NOT_FOUND', `order ${orderId} not found`, { order: orderId }));
      try {
        return await this.switchOnce(tenant, order, refusals);
      } catch (err) {
        if (!(err instanceof Moved)) throw err;
      }
    }
    return fail(domainError('OVERLOADED', `order ${orderId} keeps changing; retry`));
  }

  private async switchOnce(tenant: string, order: Order, refusals: readonly Refusal[]): Promise<Result<Reallocated>> {
    const none = ok<Reallocated>({ kind: 'none', order });
    if (order.status !== 'released' || refusals.length === 0) return none;
    const refused = new Set(refusals.map((r) => r.warehouse));
    const r0 = order.reservationId === undefined ? null : await this.stock.reservation(tenant, order.reservationId);
    // A reservation that is gone (past its retention) holds nothing and names no warehouse: the order needs a new one all the same.
    const from = r0 === null ? [] : warehousesOf(r0);
    if (r0 !== null && !from.some((w) => refused.has(w))) return none;
    const refusal = latestOf(refusals, from);
    const r1 = await this.reserveConfirmed(tenant, order, [...refused]);
    if (!r1.ok && r1.error.code !== 'STOCK_INSUFFICIENT') return r1;
    // Released before the order moves on, so nothing after the commit has to find it.
    if (r0 !== null) await this.must(this.stock.move(tenant, 'release', r0.id));
    if (!r1.ok) return ok({ kind: 'exception', order: await this.commitException(tenant, order, refusal, r1.error) });
    const to = warehousesOf(r1.value);
    return ok({ kind: 'reallocated', order: await this.commitSwitch(tenant, order, refusal, r1.value, from, to), from, to });
  }

  /**
   * R1 reserved (or found again by its key) and confirmed. A replay that finds R1 expired before anyone confirmed it
   * takes the next generation's key; one that finds it released means another run switched and moved on: read again.
   */
  private async reserveConfirmed(tenant: string, order: Order, excluded: readonly string[]): Promise<Result<Reservation>> {
    const replaced = order.reservationId ?? `v${order.version}`;
    for (let generation = 1; generation <= generationsMax; generation++) {
      const reserved = await this.stock.reserveElsewhere(tenant, order, excluded, reallocationKeyOf(order.id, replaced, generation));
      if (!reserved.ok) return reserved;
      const r1 = reserved.value;
      if (r1.status === 'expired') continue;
      if (r1.status === 'released' || r1.status === 'fulfilled') throw new Moved();
      const confirmed = await this.stock.move(tenant, 'confirm', r1.id);
      if (confirmed.ok) return ok(r1);
      // Expired between the read and the confirm: the next generation.
      if (confirmed.error.code !== 'RESERVATION_EXPIRED') throw new Moved();
    }
    return fail(domainError('OVERLOADED', `order ${order.id}: the new reservation kept expiring before it was confirmed; retry`));
  }

  private async commitSwitch(tenant: string, order: Order, refusal: Refusal, r1: Reservation, from: readonly string[], to: readonly string[]): Promise<Order> {
    const next: Order = { ...order, reservationId: r1.id, version: order.version + 1 };
    const changes: AuditChanges = {
      ...orderChanges(order, { ...next, version: order.version }),
      warehouse: { before: from.length === 1 ? from[0] : from, after: to.length === 1 ? to[0] : to },
      ...refusalChanges(refusal),
    };
    await this.commit(tenant, next, order.version, refusal.warehouse, 'wms_reallocated', changes);
    return next;
  }

  /** No warehouse left: exception with the warehouse's reason as a hold (as a cannot_fulfil was before re-allocation). */
  private async commitException(tenant: string, order: Order, refusal: Refusal, why: DomainError): Promise<Order> {
    const k = knowledgeOf(order);
    const atMs = this.clock.nowMs();
    const moved = applyCommand(k, 'fail', { seq: Math.max(order.version + 1, lastSeq(k) + 1), atMs });
    if (!moved.ok) throw new Moved();
    const next: Order = {
      ...order, status: moved.value.to, version: order.version + 1,
      holds: [...order.holds, { rule: 'wms_cannot_fulfil', detail: `warehouse ${refusal.warehouse}: ${refusal.reason}`.trim() }],
    };
    const changes: AuditChanges = {
      ...orderChanges(order, { ...next, version: order.version }),
      warehouse: { after: refusal.warehouse }, ...refusalChanges(refusal),
      reallocation: { after: `${why.code}: ${why.detail}` },
    };
    await this.commit(tenant, next, order.version, refusal.warehouse, 'wms_cannot_fulfil', changes);
    return next;
  }

  private async commit(tenant: string, next: Order, expectedVersion: number, warehouse: string, action: string, changes: AuditChanges): Promise<void> {
    const written = await this.store.inTenant(tenant, (tx) =>
      tx.update(next, expectedVersion, { actor: wmsActor(warehouse), atMs: this.clock.nowMs(), action, changes }));
    if (!written) throw new Moved();
  }

  /** A stock step that must succeed for the run to go on; a refusal here is not expected and fails the run loudly. */
  private async must(step: Promise<Result<void>>): Promise<void> {
    const done = await step;
    if (!done.ok) throw new Error(`re-allocation stock step refused: ${done.error.code} ${done.error.detail}`);
  }
}

/** The reservation's warehouses, in first-allocation order. */
function warehousesOf(r: Reservation): string[] {
  return [...new Set(r.allocations.map((a) => a.warehouse))];
}

/** The latest refusal by one of `warehouses` (any refusal when none of them, or none known, refused). */
function latestOf(refusals: readonly Refusal[], warehouses: readonly string[]): Refusal {
  const of = refusals.filter((r) => warehouses.includes(r.warehouse));
  return (of.length > 0 ? of : refusals)[(of.length > 0 ? of : refusals).length - 1]!;
}

function refusalChanges(r: Refusal): AuditChanges {
  return { task: { after: r.taskId }, callback: { after: r.callbackId }, reason: { after: r.reason } };
}
