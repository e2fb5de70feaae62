// An order's stock, through the stock engine (issue 11): what
// core/order.machine.ts's stockStepsFor asks, carried out with the
// reservation service. Every step is idempotent (the reservation's
// Idempotency-Key is derived from the order id; confirm, release and fulfil
// answer the current state when repeated), so a redelivered document or a
// crash between steps never moves stock twice.
import { ok, type DomainError, type Result } from '../core/errors.ts';
import { stockStepsFor } from '../core/order.machine.ts';
import type { Order, OrderStatus } from '../core/order.types.ts';
import type { Reservation, ReservationStatus } from '../core/stock.types.ts';
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

  // ---- re-allocation (issue 12: a warehouse cannot fulfil; order.fulfilment.service.ts drives the steps)

  /**
   * The order's lines reserved anew under `key`, from none of `excluded`, held for the order TTL until confirmed:
   * a crash before the order points at it lets it expire instead of holding stock forever. The same key and
   * exclusions again answer the same reservation (the stock engine's idempotency), so a retry finds it.
   */
  async reserveElsewhere(tenant: string, order: Pick<Order, 'lines'>, excluded: readonly string[], key: string): Promise<Result<Reservation>> {
    const reserved = await this.reservations.reserve(tenant, {
      lines: mergeLines(order.lines), ttlSeconds: this.ttlSeconds, excludeWarehouses: [...new Set(excluded)].sort(),
    }, key);
    return reserved.ok ? ok(reserved.value.reservation) : reserved;
  }

  /** The reservation as it is now (a held one past its expiry reads expired); null when it is gone. */
  async reservation(tenant: string, id: string): Promise<Reservation | null> {
    const r = await this.reservations.get(tenant, id);
    return r.ok ? r.value : null;
  }

  /**
   * Confirm or release; done already counts as done, and so does releasing one that expired or is gone (its
   * stock is back either way). Any other refusal (a confirm of an expired or released one) is returned.
   */
  async move(tenant: string, step: 'confirm' | 'release', id: string): Promise<Result<void>> {
    const moved = await this.reservations.transition(tenant, step, id);
    if (moved.ok || alreadyThere(step, moved.error.code)) return ok(undefined);
    if (step === 'release' && (moved.error.code === 'RESERVATION_EXPIRED' || moved.error.code === 'RESERVATION_NOT_FOUND')) return ok(undefined);
    return moved;
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
