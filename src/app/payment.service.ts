// Payments: a provider's signed callback is accepted only once it is durably
// in the event log (PaymentService), and every payment.received event is
// settled against its reservation exactly once in effect (PaymentSettler):
// confirmed, or — when the reservation expired, was released or is gone — an
// orphaned payment that is re-reserved from stock or marked refund_needed.
//
// Event ids carry the tenant: JetStream deduplicates by message id across the
// whole stream, and two tenants' providers may use the same payment ids.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import type { Reservation } from '../core/stock.types.ts';
import type { Clock } from './catalog.port.ts';
import { fingerprint } from './fingerprint.ts';
import type { ReserveCommand, StockEngine } from './stock.port.ts';

export const paymentStatuses = ['succeeded', 'failed', 'pending'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** A provider's callback, validated (provider-neutral shape). */
export interface PaymentCallback {
  readonly reservationId: string;
  readonly paymentId: string;
  /** Minor units (cents, fen). */
  readonly amount: number;
  readonly currency?: string;
  readonly status: PaymentStatus;
}

/** The payment.received event as published and consumed. */
export interface PaymentReceived extends PaymentCallback {
  readonly eventId: string;
  readonly tenant: string;
  readonly deliveryId: string;
  readonly receivedAtMs: number;
}

export type OrphanReason = 'expired' | 'released' | 'not_found';
export type Resolution = 're_reserved' | 'refund_needed';

export interface OrphanDecision {
  readonly reason: OrphanReason;
  readonly resolution: Resolution;
  /** The re-reservation that now holds the payment's stock ('' for refund_needed). */
  readonly newReservationId: string;
}

/** The payment.orphaned event: a payment whose reservation could not be confirmed. */
export interface PaymentOrphaned extends OrphanDecision {
  readonly eventId: string;
  readonly tenant: string;
  readonly paymentId: string;
  readonly reservationId: string;
  /** The payment.received event it resolves. */
  readonly causationId: string;
  readonly occurredAtMs: number;
}

export const receivedEventId = (tenant: string, paymentId: string, status: PaymentStatus): string => `payment:${tenant}:${paymentId}:${status}`;
export const orphanedEventId = (tenant: string, paymentId: string): string => `orphan:${tenant}:${paymentId}`;

// ---------------------------------------------------------------- ports

export interface PaymentSecretStore {
  findSecret(tenantId: string): Promise<string | null>;
  /** Creates or replaces; false when the tenant does not exist. */
  putSecret(tenantId: string, secret: string): Promise<boolean>;
}

export type DeliveryClaim = 'claimed' | 'pending' | 'accepted';

/** Per-tenant payment records next to the stock state (Redis, under the tenant's hash tag). */
export interface PaymentRecords {
  /** Marks a delivery id as in progress for `pendingTtlSeconds` unless it is marked already (SET NX EX). */
  claimDelivery(tenant: string, deliveryId: string, pendingTtlSeconds: number): Promise<DeliveryClaim>;
  /** After the PubAck: the delivery id is accepted and remembered for `ttlSeconds`. */
  acceptDelivery(tenant: string, deliveryId: string, eventId: string, ttlSeconds: number): Promise<void>;
  /** Drops the mark of a delivery that was not accepted, so the provider's retry is. */
  forgetDelivery(tenant: string, deliveryId: string): Promise<void>;
  /** The recorded resolution of an orphaned payment (JSON of OrphanDecision), or null. */
  orphanDecision(tenant: string, paymentId: string): Promise<string | null>;
  /** Records a resolution unless one is recorded (SET NX EX); true when this call recorded it. */
  decideOrphan(tenant: string, paymentId: string, decision: string, ttlSeconds: number): Promise<boolean>;
  /** Whether the reservation was ever confirmed (a confirmed-then-released reservation is no orphan). */
  wasConfirmed(tenant: string, reservationId: string): Promise<boolean>;
}

/** Publishes payment events to the durable log; resolves only on the log's ack. */
export interface PaymentEvents {
  received(e: PaymentReceived, timeoutMs: number): Promise<{ duplicate: boolean }>;
  orphaned(e: PaymentOrphaned, timeoutMs: number): Promise<{ duplicate: boolean }>;
}

// ---------------------------------------------------------------- signatures

const signatureHeaderLengthMax = 1024;
const signaturesPerHeaderMax = 4;

/** hex HMAC-SHA256 of `<t>.<body>` with the secret: what a provider puts in `v1=`. */
export function signPayload(secret: string, t: number, body: Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

/** `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`; unknown schemes are ignored; null when malformed. */
export function parseSignature(header: string): { t: number; v1: Buffer[] } | null {
  if (header.length > signatureHeaderLengthMax) return null;
  let t: number | null = null;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value) || v1.length >= signaturesPerHeaderMax) return null;
      v1.push(Buffer.from(value, 'hex'));
    }
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

// ---------------------------------------------------------------- intake

export interface PaymentIntakeOptions {
  /** Callbacks whose publish awaits the JetStream ack; above it callers get 503. */
  readonly inflightMax: number;
  readonly timestampToleranceSeconds: number;
  /** How long an accepted delivery id is remembered (replays answer 409). */
  readonly deliveryTtlSeconds: number;
  /** How long a publish may wait for its ack before the callback answers 503. */
  readonly publishTimeoutMs: number;
  readonly secretCacheTtlMs: number;
  readonly secretCacheEntriesMax: number;
}

export interface Accepted {
  readonly eventId: string;
  /** The log already held this event (the same payment delivered under another delivery id). */
  readonly duplicate: boolean;
}

interface CachedSecret { readonly secret: string | null; readonly untilMs: number }

const invalidSignature = (): DomainError => domainError('SIGNATURE_INVALID', 'the callback signature does not verify for this tenant', { field: 'headers.pallet-signature' });
/** Unknown tenants are checked against this, so they cost the same time as a wrong signature. */
const unknownTenantSecret = randomBytes(32).toString('base64url');

export class PaymentService {
  private inflight = 0;
  private readonly secretCache = new Map<string, CachedSecret>();

  constructor(
    private readonly secrets: PaymentSecretStore,
    private readonly records: PaymentRecords,
    private readonly events: PaymentEvents,
    private readonly clock: Clock,
    private readonly opts: PaymentIntakeOptions,
    private readonly newSecret: () => string = () => `whsec_${randomBytes(32).toString('base64url')}`,
  ) {
    if (!(opts.inflightMax >= 1 && opts.publishTimeoutMs >= 1 && opts.secretCacheEntriesMax >= 1)) {
      throw new Error('PaymentService: inflightMax, publishTimeoutMs and secretCacheEntriesMax must be ≥ 1');
    }
  }

  /** Publishes awaiting their ack right now. */
  get inflightCount(): number {
    return this.inflight;
  }

  /** Checks `Pallet-Signature` over the raw body with the tenant's secret, then the timestamp. */
  async verify(tenant: string, header: string, body: Uint8Array): Promise<Result<void>> {
    const sig = parseSignature(header);
    if (sig === null) {
      return fail(domainError('SIGNATURE_INVALID', 'Pallet-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', { field: 'headers.pallet-signature' }));
    }
    const secret = await this.secretOf(tenant);
    const expected = Buffer.from(signPayload(secret ?? unknownTenantSecret, sig.t, body), 'hex');
    let match = false;
    for (const v of sig.v1) match = timingSafeEqual(v, expected) || match;
    if (secret === null || !match) return fail(invalidSignature());
    const skewSeconds = Math.abs(this.clock.nowMs() / 1000 - sig.t);
    if (skewSeconds > this.opts.timestampToleranceSeconds) {
      return fail(domainError('SIGNATURE_EXPIRED', `the signature timestamp is ${Math.round(skewSeconds)} s away from now; at most ${this.opts.timestampToleranceSeconds} s are accepted`, { field: 'headers.pallet-signature' }));
    }
    return ok(undefined);
  }

  /**
   * Accepts a verified callback: ok only after its payment.received event is
   * acknowledged by the event log. OVERLOADED (503) when too many publishes
   * await their ack or the log does not answer in time; CALLBACK_REPLAYED
   * (409) for a delivery id that was accepted before.
   */
  async accept(tenant: string, deliveryId: string, cb: PaymentCallback): Promise<Result<Accepted>> {
    if (this.inflight >= this.opts.inflightMax) {
      return fail(domainError('OVERLOADED', `${this.inflight} payment callbacks are waiting for the event log; retry later`));
    }
    const eventId = receivedEventId(tenant, cb.paymentId, cb.status);
    this.inflight++;
    let publishing: Promise<{ duplicate: boolean }> | null = null;
    let claimed = false;
    try {
      const claim = await this.records.claimDelivery(tenant, deliveryId, this.pendingTtlSeconds());
      if (claim === 'accepted') {
        return fail(domainError('CALLBACK_REPLAYED', `delivery ${deliveryId} was already accepted`, { field: 'headers.pallet-delivery-id' }));
      }
      if (claim === 'pending') return fail(domainError('OVERLOADED', `delivery ${deliveryId} is being accepted by another request; retry later`));
      claimed = true;
      const event: PaymentReceived = { ...cb, eventId, tenant, deliveryId, receivedAtMs: this.clock.nowMs() };
      publishing = this.events.received(event, this.opts.publishTimeoutMs);
      // The gate counts a publish until the log answers, even when the caller stopped waiting.
      publishing.then(() => this.inflight--, () => this.inflight--);
      const acked = await withDeadline(publishing, this.opts.publishTimeoutMs);
      if (acked === null) return await this.notAccepted(tenant, deliveryId, 'the event log did not acknowledge the payment in time');
      // The event is durable: a failed mark only means a later replay is published again (and deduplicated).
      await this.records.acceptDelivery(tenant, deliveryId, eventId, this.opts.deliveryTtlSeconds).catch(() => undefined);
      return ok({ eventId, duplicate: acked.duplicate });
    } catch {
      if (claimed) return await this.notAccepted(tenant, deliveryId, 'the event log is unavailable');
      return fail(domainError('OVERLOADED', 'the delivery store is unavailable; retry later'));
    } finally {
      if (publishing === null) this.inflight--;
    }
  }

  private async notAccepted(tenant: string, deliveryId: string, why: string): Promise<Result<never>> {
    // If the delete fails too, the pending mark expires after pendingTtlSeconds: a retry is never refused as a replay.
    await this.records.forgetDelivery(tenant, deliveryId).catch(() => undefined);
    return fail(domainError('OVERLOADED', `${why}; retry later`));
  }

  /** A pending mark outlives the publish that set it, and no longer. */
  private pendingTtlSeconds(): number {
    return Math.ceil(this.opts.publishTimeoutMs / 1000) + 5;
  }

  /** Creates or replaces the tenant's secret; the caller shows it once. */
  async rotateSecret(tenant: string): Promise<Result<string>> {
    const secret = this.newSecret();
    if (!(await this.secrets.putSecret(tenant, secret))) return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
    this.remember(tenant, secret);
    return ok(secret);
  }

  private async secretOf(tenant: string): Promise<string | null> {
    const hit = this.secretCache.get(tenant);
    if (hit !== undefined && hit.untilMs > this.clock.nowMs()) return hit.secret;
    const secret = await this.secrets.findSecret(tenant);
    this.remember(tenant, secret);
    return secret;
  }

  private remember(tenant: string, secret: string | null): void {
    if (this.opts.secretCacheTtlMs <= 0) return;
    if (this.secretCache.size >= this.opts.secretCacheEntriesMax) this.secretCache.clear();
    this.secretCache.set(tenant, { secret, untilMs: this.clock.nowMs() + this.opts.secretCacheTtlMs });
  }
}

/** The promise's value, or null when it has not settled within `ms`. */
async function withDeadline<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- settlement

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
