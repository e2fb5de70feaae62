// The Redis records behind the payment ports (PaymentRecords): delivery marks
// of accepted callbacks and the resolutions of orphaned payments, under the
// tenant's hash tag next to its stock state.
import type { RedisClient } from './connection.ts';
import type { DeliveryClaim, PaymentRecords } from '../../app/payment.port.ts';
import { tenantKeysCache, type TenantKeys } from './keys.ts';

/** Anything that hands out a connection (RedisPool). */
export interface RedisSource { next(): RedisClient }

/**
 * Payment records under the tenant's hash tag, next to its stock state:
 * `<ns>:{<tenant>}:pay:dlv:<delivery id>` ("pending", then "accepted <event id>")
 * and `<ns>:{<tenant>}:pay:orph:<payment id>` (the orphan resolution, JSON).
 */
export class RedisPaymentRecords implements PaymentRecords {
  private readonly keyOf: (tenant: string) => TenantKeys;

  constructor(private readonly redis: RedisSource, private readonly namespace: string) {
    this.keyOf = tenantKeysCache(namespace);
  }

  private keys(tenant: string): TenantKeys {
    return this.keyOf(tenant);
  }

  deliveryKey(tenant: string, deliveryId: string): string {
    return `${this.keys(tenant).prefix}pay:dlv:${deliveryId}`;
  }

  orphanKey(tenant: string, paymentId: string): string {
    return `${this.keys(tenant).prefix}pay:orph:${paymentId}`;
  }

  async claimDelivery(tenant: string, deliveryId: string, pendingTtlSeconds: number): Promise<DeliveryClaim> {
    const redis = this.redis.next();
    const key = this.deliveryKey(tenant, deliveryId);
    if ((await redis.set(key, 'pending', 'EX', pendingTtlSeconds, 'NX')) === 'OK') return 'claimed';
    const mark = await redis.get(key);
    return mark !== null && mark.startsWith('accepted') ? 'accepted' : 'pending';
  }

  async acceptDelivery(tenant: string, deliveryId: string, eventId: string, ttlSeconds: number): Promise<void> {
    await this.redis.next().set(this.deliveryKey(tenant, deliveryId), `accepted ${eventId}`, 'EX', ttlSeconds);
  }

  async forgetDelivery(tenant: string, deliveryId: string): Promise<void> {
    await this.redis.next().del(this.deliveryKey(tenant, deliveryId));
  }

  orphanDecision(tenant: string, paymentId: string): Promise<string | null> {
    return this.redis.next().get(this.orphanKey(tenant, paymentId));
  }

  async decideOrphan(tenant: string, paymentId: string, decision: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.next().set(this.orphanKey(tenant, paymentId), decision, 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  /** The confirm script stamps `conf` on the reservation hash; it stays through release. */
  async wasConfirmed(tenant: string, reservationId: string): Promise<boolean> {
    return (await this.redis.next().hexists(this.keys(tenant).reservation(reservationId), 'conf')) === 1;
  }
}
