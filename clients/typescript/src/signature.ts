// The Pallet-Signature scheme, for whoever sends Pallet signed documents: a
// payment provider's bridge posting payment callbacks, a connector posting
// `generic` channel documents (or Taobao, JD, Pinduoduo, Douyin ones it
// pulled). The signature is hex HMAC-SHA256 of `<t>.<raw body>` with the
// secret; the header is `t=<unix seconds>,v1=<hex>`. The API refuses one more
// than 5 minutes away from its clock.
//
// Server-side only (node:crypto): a browser never holds these secrets. Import
// it from '@pallet/client/signature'; the main entry stays free of node:*.
import { createHmac } from 'node:crypto';

/** POST /v1/payments/callbacks body (`amount` in integer minor units). No other fields are accepted. */
export interface PaymentCallback {
  readonly reservationId: string;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency?: string;
  readonly status: 'succeeded' | 'failed' | 'pending';
}

const unixSecondsMax = 999_999_999_999; // the API reads at most 12 digits

/**
 * The `Pallet-Signature` header value for these exact body bytes: send the
 * same string or bytes you signed (re-serialising JSON would change them).
 */
export function signPalletPayload(secret: string, body: string | Uint8Array, nowSeconds: number = Math.floor(Date.now() / 1000)): string {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('secret must be a non-empty string');
  if (!Number.isInteger(nowSeconds) || nowSeconds < 0 || nowSeconds > unixSecondsMax) throw new TypeError(`nowSeconds must be an integer 0..${unixSecondsMax}`);
  const v1 = createHmac('sha256', secret).update(`${nowSeconds}.`).update(body).digest('hex');
  return `t=${nowSeconds},v1=${v1}`;
}

export interface SignedRequest {
  readonly secret: string;
  /** The tenant the document is for (Pallet-Tenant). */
  readonly tenant: string;
  /** Unique per delivery, 1..128 printable characters; a delivery id seen before is refused (409 CALLBACK_REPLAYED). */
  readonly deliveryId: string;
  /** The raw body that will be sent. */
  readonly body: string | Uint8Array;
  readonly nowSeconds?: number;
}

/** The four headers of a signed POST (content type, tenant, delivery id, signature). */
export function palletSignedHeaders(r: SignedRequest): Record<string, string> {
  if (!/^[\x21-\x7e]{1,128}$/.test(r.deliveryId)) throw new TypeError('deliveryId must be 1..128 printable characters without spaces');
  return {
    'content-type': 'application/json',
    'pallet-tenant': r.tenant,
    'pallet-delivery-id': r.deliveryId,
    'pallet-signature': signPalletPayload(r.secret, r.body, r.nowSeconds),
  };
}
