// Payment intake: a provider's signed callback (signature: payment.signature.ts)
// is accepted only once its payment.received event is durably in the event
// log. Settling the event against its reservation is payment-settlement.service.ts.
//
// Event ids carry the tenant: JetStream deduplicates by message id across the
// whole stream, and two tenants' providers may use the same payment ids.
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import type { Clock } from './clock.port.ts';
import type { PaymentCallback, PaymentEvents, PaymentReceived, PaymentRecords, PaymentSecretStore, PaymentStatus } from './payment.port.ts';
import { CallbackSignatures } from './payment.signature.ts';

export const receivedEventId = (tenant: string, paymentId: string, status: PaymentStatus): string => `payment:${tenant}:${paymentId}:${status}`;

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

export class PaymentService {
  private inflight = 0;
  private readonly signatures: CallbackSignatures;

  constructor(
    secrets: PaymentSecretStore,
    private readonly records: PaymentRecords,
    private readonly events: PaymentEvents,
    private readonly clock: Clock,
    private readonly opts: PaymentIntakeOptions,
    newSecret?: () => string,
  ) {
    if (!(opts.inflightMax >= 1 && opts.publishTimeoutMs >= 1 && opts.secretCacheEntriesMax >= 1)) {
      throw new Error('PaymentService: inflightMax, publishTimeoutMs and secretCacheEntriesMax must be ≥ 1');
    }
    this.signatures = new CallbackSignatures(secrets, clock, opts, newSecret);
  }

  /** Publishes awaiting their ack right now. */
  get inflightCount(): number {
    return this.inflight;
  }

  /** Checks `Pallet-Signature` over the raw body with the tenant's secret, then the timestamp. */
  verify(tenant: string, header: string, body: Uint8Array): Promise<Result<void>> {
    return this.signatures.verify(tenant, header, body);
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
  rotateSecret(tenant: string): Promise<Result<string>> {
    return this.signatures.rotateSecret(tenant);
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
