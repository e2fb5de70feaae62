// An order's stock, through the stock engine (issue 11): what
// core/order.machine.ts's stockStepsFor asks, carried out with the
// reservation service. Every step is idempotent (the reservation's
// Idempotency-Key is derived from the order id; confirm, release and fulfil
// answer the current state when repeated), so a redelivered document or a
// crash between steps never moves stock twice.
import type { DomainError, Result } from '../core/errors.ts';
import { stockStepsFor } from '../core/order.machine.ts';
import type { Order, OrderStatus } from '../core/order.types.ts';
import type { ReservationStatus } from '../core/stock.types.ts';
import { reservationKeyOf } from './order.ids.ts';
import type { ReservationService } from './reservation.service.ts';

export interface StockPlanOutcome {
  readonly reservationId?: string;
  /** The reserve failed (short stock, unknown SKU): the order becomes an exception with this reason. */
  readonly refused?: DomainError;
}

export class OrderStock {
  constructor(private readonly reservations: ReservationService, private readonly ttlSeconds: number) {}

  /** Brings the order's reservation in line with `status`; `order` holds the lines and the current reservation. */
  async settle(tenant: string, order: Pick<Order, 'id' | 'lines' | 'reservationId' | 'version'>, status: OrderStatus): Promise<Result<StockPlanOutcome, Error>> {
    let reservationId = order.reservationId;
    const current = reservationId === undefined ? undefined : await this.statusOf(tenant, reservationId);
    for (const step of stockStepsFor(status, current)) {
      if (step === 'reserve') {
        // A first reservation uses the order's key; a later one (the first expired or was released) a key of this version.
        const key = reservationId === undefined ? reservationKeyOf(order.id) : `${reservationKeyOf(order.id)}:v${order.version}`;
        const lines = mergeLines(order.lines);
        const reserved = await this.reservations.reserve(tenant, { lines, ttlSeconds: this.ttlSeconds }, key);
        if (!reserved.ok) return { ok: true, value: { reservationId, refused: reserved.error } };
        reservationId = reserved.value.reservation.id;
        continue;
      }
      if (reservationId === undefined) break;
      const moved = await this.reservations.transition(tenant, step, reservationId);
      if (!moved.ok && !alreadyThere(step, moved.error.code)) return { ok: false, error: new Error(`${step} of reservation ${reservationId}: ${moved.error.code} ${moved.error.detail}`) };
    }
    return { ok: true, value: reservationId === undefined ? {} : { reservationId } };
  }

  private async statusOf(tenant: string, id: string): Promise<ReservationStatus | undefined> {
    const r = await this.reservations.get(tenant, id);
    return r.ok ? r.value.status : undefined;
  }
}

/** The refusals that mean the step's effect is in place already. */
function alreadyThere(step: string, code: string): boolean {
  return (step === 'confirm' && code === 'RESERVATION_CONFIRMED') || (step === 'release' && code === 'RESERVATION_RELEASED')
    || (step === 'fulfil' && code === 'RESERVATION_FULFILLED');
}

/** One line per SKU (the stock engine refuses a SKU listed twice). */
function mergeLines(lines: readonly { sku: string; qty: number }[]): { sku: string; qty: number }[] {
  const bySku = new Map<string, number>();
  for (const l of lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.qty);
  return [...bySku].map(([sku, qty]) => ({ sku, qty }));
}
