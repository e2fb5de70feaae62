// Order ids: derived from (channel, external id), so every delivery of the
// same platform order (webhook retries, a re-import, a replay) names the same
// order, and the stock engine's idempotency key derived from it reserves once.
import { createHash } from 'node:crypto';

export function orderIdOf(channel: string, externalId: string): string {
  return `o_${createHash('sha256').update(`${channel}\u0000${externalId}`).digest('base64url').slice(0, 24)}`;
}

/** The Idempotency-Key of an order's reservation. */
export const reservationKeyOf = (orderId: string): string => `order:${orderId}`;
