// The payment ports and the payment events as the app sees them: what a
// provider's callback says, the payment.received and payment.orphaned events,
// and the stores and log the payment services use.

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
