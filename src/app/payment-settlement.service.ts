// Settlement: every payment.received event is settled against its
// reservation exactly once in effect: confirmed, or — when the reservation
// expired, was released or is gone — an orphaned payment that is re-reserved
// from stock or marked refund_needed.
import type { Reservation } from '../core/stock.types.ts';
import type { Clock } from './clock.port.ts';
import { fingerprint } from './fingerprint.ts';
import type { OrphanDecision, OrphanReason, PaymentEvents, PaymentReceived, PaymentRecords } from './payment.port.ts';
import type { ReserveCommand, StockEngine } from './stock.port.ts';

export const orphanedEventId = (tenant: string, paymentId: string): string => `orphan:${tenant}:${paymentId}`;

export interface SettleOptions {
  /** Hold time of a re-reservation between its reserve and its confirm (a crash in between is retried within it). */
  readonly reReserveTtlMs: number;
  /** Re-reservations tried per payment (`<reservation>.r1`, `.r2`, …), each only after the previous expired unconfirmed. */
  readonly reReserveAttemptsMax: number;
  /** How long the resolution of an orphaned payment is remembered. */
  readonly decisionTtlSeconds: number;
  readonly publishTimeoutMs: number;
}

export const settleDefaults: SettleOptions = Object.freeze({
  reReserveTtlMs: 15 * 60_000,
  reReserveAttemptsMax: 3,
  decisionTtlSeconds: 30 * 86_400,
  publishTimeoutMs: 10_000,
});

export type SettleOutcome =
  /** Not a succeeded payment: nothing to do here (the projector records it). */
  | { readonly kind: 'ignored' }
  /** The reservation is confirmed (now, or before). */
  | { readonly kind: 'confirmed' }
  /** The payment.orphaned event is in the log; `duplicate` when it was before. */
  | { readonly kind: 'orphaned'; readonly decision: OrphanDecision; readonly duplicate: boolean }
  /** The event can never be settled (dead-letter it). */
  | { readonly kind: 'poison'; readonly reason: string };

const refundNeeded = (reason: OrphanReason): OrphanDecision => ({ reason, resolution: 'refund_needed', newReservationId: '' });

/**
 * Settles payment.received events. Every effect is idempotent, so the same
 * event delivered any number of times, concurrently or not, has one effect:
 * confirm is a no-op on a confirmed reservation; a re-reservation has a
 * deterministic id and idempotency key; the first recorded resolution of an
 * orphan wins (a re-reservation made by a loser is released again); the
 * orphan event has a deterministic id. Infrastructure failures throw
 * (the caller retries the event later).
 */
export class PaymentSettler {
  constructor(
    private readonly engine: StockEngine,
    private readonly records: PaymentRecords,
    private readonly events: PaymentEvents,
    private readonly clock: Clock,
    private readonly opts: SettleOptions = settleDefaults,
  ) {}

  async settle(e: PaymentReceived): Promise<SettleOutcome> {
    if (e.status !== 'succeeded') return { kind: 'ignored' };
    const out = await this.engine.transition(e.tenant, 'confirm', e.reservationId, this.clock.nowMs());
    if (out.kind === 'done' || out.kind === 'already') return { kind: 'confirmed' };
    if (out.kind !== 'error') return { kind: 'poison', reason: `confirm answered ${out.kind}` };
    switch (out.error.code) {
      case 'RESERVATION_EXPIRED': return this.orphan(e, 'expired');
      case 'RESERVATION_NOT_FOUND': return this.orphan(e, 'not_found');
      case 'RESERVATION_RELEASED':
        // Confirmed (by this payment or at checkout) and cancelled afterwards: the payment had its effect.
        if (await this.records.wasConfirmed(e.tenant, e.reservationId)) return { kind: 'confirmed' };
        return this.orphan(e, 'released');
      // Fulfilled means it was confirmed before.
      case 'RESERVATION_FULFILLED': return { kind: 'confirmed' };
      case 'OVERLOADED': throw new Error(`confirm of ${e.reservationId}: ${out.error.detail}`);
      default: return { kind: 'poison', reason: `confirm of ${e.reservationId}: ${out.error.code} ${out.error.detail}` };
    }
  }

  private async orphan(e: PaymentReceived, reason: OrphanReason): Promise<SettleOutcome> {
    const decision = await this.decide(e, reason);
    const ack = await this.events.orphaned({
      ...decision, eventId: orphanedEventId(e.tenant, e.paymentId), tenant: e.tenant, paymentId: e.paymentId,
      reservationId: e.reservationId, causationId: e.eventId, occurredAtMs: this.clock.nowMs(),
    }, this.opts.publishTimeoutMs);
    return { kind: 'orphaned', decision, duplicate: ack.duplicate };
  }

  /** The payment's one resolution: the recorded one, or ours once recorded first. */
  private async decide(e: PaymentReceived, reason: OrphanReason): Promise<OrphanDecision> {
    const recorded = parseDecision(await this.records.orphanDecision(e.tenant, e.paymentId));
    if (recorded !== null) {
      if (recorded.resolution === 'refund_needed') await this.releaseReReservations(e);
      return recorded;
    }
    const original = await this.engine.getReservation(e.tenant, e.reservationId);
    const mine = original === null ? refundNeeded(reason) : { reason, ...(await this.reReserve(e, original)) };
    if (await this.records.decideOrphan(e.tenant, e.paymentId, JSON.stringify(mine), this.opts.decisionTtlSeconds)) return mine;
    const winner = parseDecision(await this.records.orphanDecision(e.tenant, e.paymentId));
    if (winner === null) throw new Error(`the resolution of payment ${e.paymentId} vanished`);
    if (winner.resolution === 'refund_needed') await this.releaseReReservations(e);
    return winner;
  }

  /** Reserves and confirms the original allocations again under `<reservation>.r<n>`. */
  private async reReserve(e: PaymentReceived, original: Reservation): Promise<Omit<OrphanDecision, 'reason'>> {
    for (let attempt = 1; attempt <= this.opts.reReserveAttemptsMax; attempt++) {
      const id = reReservationId(e.reservationId, attempt);
      const state = await this.ensureConfirmed(e, original, id, attempt);
      if (state === 'confirmed') return { resolution: 're_reserved', newReservationId: id };
      if (state === 'insufficient') return { resolution: 'refund_needed', newReservationId: '' };
    }
    return { resolution: 'refund_needed', newReservationId: '' };
  }

  private async ensureConfirmed(e: PaymentReceived, original: Reservation, id: string, attempt: number): Promise<'confirmed' | 'insufficient' | 'expired'> {
    const existing = await this.engine.getReservation(e.tenant, id);
    if (existing === null) {
      const out = await this.engine.reserve(e.tenant, await this.reserveCommand(e, original, id, attempt));
      if (out.kind === 'error' && out.error.code === 'STOCK_INSUFFICIENT') return 'insufficient';
      if (out.kind === 'error') throw new Error(`re-reserve ${id}: ${out.error.code} ${out.error.detail}`);
      if (out.kind === 'catalogStale') throw new Error(`re-reserve ${id}: the catalog changed`);
      if (out.kind === 'replay' && out.reservationId !== id) throw new Error(`re-reserve ${id}: its idempotency key names ${out.reservationId}`);
    } else if (existing.status === 'expired') {
      return 'expired';
    } else if (existing.status !== 'held') {
      return 'confirmed';
    }
    const c = await this.engine.transition(e.tenant, 'confirm', id, this.clock.nowMs());
    if (c.kind === 'done' || c.kind === 'already') return 'confirmed';
    if (c.kind === 'error' && c.error.code === 'RESERVATION_EXPIRED') return 'expired';
    if (c.kind === 'error' && (c.error.code === 'RESERVATION_RELEASED' || c.error.code === 'RESERVATION_FULFILLED')) return 'confirmed';
    throw new Error(`confirm of re-reservation ${id}: ${c.kind === 'error' ? c.error.code : c.kind}`);
  }

  private async reserveCommand(e: PaymentReceived, original: Reservation, id: string, attempt: number): Promise<ReserveCommand> {
    const warehouses = [...new Set(original.allocations.map((a) => a.warehouse))];
    const qtyBySku = new Map<string, number>();
    for (const a of original.allocations) qtyBySku.set(a.sku, (qtyBySku.get(a.sku) ?? 0) + a.qty);
    const demand = [...qtyBySku].map(([sku, qty]) => ({ sku, qty }));
    const nowMs = this.clock.nowMs();
    return {
      reservationId: id,
      // A space cannot appear in a client's Idempotency-Key header, so no checkout request can take this key.
      idempotencyKey: `payment ${e.paymentId} r${attempt}`,
      fingerprint: fingerprint({ paymentId: e.paymentId, reservationId: e.reservationId, attempt, warehouses, demand }),
      nowMs, expiresAtMs: nowMs + this.opts.reReserveTtlMs,
      catalogVersion: await this.engine.catalogVersion(e.tenant),
      allowSplit: true, warehouses, demand,
    };
  }

  /** Undoes re-reservations a losing settler made after the resolution became refund_needed. */
  private async releaseReReservations(e: PaymentReceived): Promise<void> {
    for (let attempt = 1; attempt <= this.opts.reReserveAttemptsMax; attempt++) {
      const id = reReservationId(e.reservationId, attempt);
      const r = await this.engine.getReservation(e.tenant, id);
      if (r === null || (r.status !== 'held' && r.status !== 'confirmed')) continue;
      const out = await this.engine.transition(e.tenant, 'release', id, this.clock.nowMs());
      if (out.kind === 'error' && out.error.code !== 'RESERVATION_EXPIRED') throw new Error(`release of ${id}: ${out.error.code}`);
    }
  }
}

export const reReservationId = (reservationId: string, attempt: number): string => `${reservationId}.r${attempt}`;

function parseDecision(raw: string | null): OrphanDecision | null {
  if (raw === null) return null;
  const d = JSON.parse(raw) as Partial<OrphanDecision>;
  if ((d.resolution !== 're_reserved' && d.resolution !== 'refund_needed') || typeof d.reason !== 'string') {
    throw new Error(`unreadable orphan resolution ${raw.slice(0, 200)}`);
  }
  return { reason: d.reason as OrphanReason, resolution: d.resolution, newReservationId: d.newReservationId ?? '' };
}
