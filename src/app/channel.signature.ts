// Signed channel documents (issue 11). Webhook platforms sign the raw body
// themselves:
// - Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256 of the raw body
//   with the app's client secret;
// - WooCommerce: `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the raw
//   body with the webhook's secret.
// Documents Pallet pulls from a platform (taobao, jd, pinduoduo, douyin) and
// generic pushes carry Pallet's own scheme, `Pallet-Signature: t=…,v1=…`
// (payment.signature.ts: hex HMAC-SHA256 of `<t>.<body>`, timestamp checked).
// A channel has one or two active secrets (two while a secret is rotated);
// a signature made with either is accepted. Every comparison is constant
// time over equal-length buffers, and every secret is tried (no early exit).

import { createHmac, timingSafeEqual } from 'node:crypto';
import { assert, domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import type { ChannelType } from '../core/order.types.ts';
import { parseSignature, signPayload } from './payment.signature.ts';

/** Active secrets per channel: the current one and, while rotating, the previous one. */
export const channelSecretsMax = 2;
const base64HeaderLengthMax = 128;
/** 32 bytes (SHA-256) in standard base64. */
const base64Sha256 = /^[A-Za-z0-9+/]{43}=$/;

/** Header names as Node gives them (lower case). */
export const signatureHeaders: Readonly<Record<ChannelType, string>> = {
  shopify: 'x-shopify-hmac-sha256',
  woocommerce: 'x-wc-webhook-signature',
  taobao: 'pallet-signature',
  jd: 'pallet-signature',
  pinduoduo: 'pallet-signature',
  douyin: 'pallet-signature',
  generic: 'pallet-signature',
};

export type ChannelHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ChannelSignatureInput {
  readonly type: ChannelType;
  /** The request headers (names in lower case, as Node delivers them). */
  readonly headers: ChannelHeaders;
  /** The raw body, byte for byte as received (never re-serialised JSON). */
  readonly body: Uint8Array;
  /** The channel's active secrets, 0 to channelSecretsMax (none: every signature is refused). */
  readonly secrets: readonly string[];
  /** Now, for the Pallet-Signature timestamp. */
  readonly nowMs: number;
  /** How far a Pallet-Signature timestamp may be from now. */
  readonly timestampToleranceSeconds: number;
}

/** base64 HMAC-SHA256 of the raw body: what Shopify and WooCommerce send. */
export function webhookHmacBase64(secret: string, body: Uint8Array): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

const invalid = (header: string, detail: string): DomainError => domainError('SIGNATURE_INVALID', detail, { field: `headers.${header}` });

/** The one value of a header, null when missing, '' (refused later) when repeated. */
function headerValue(headers: ChannelHeaders, name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  if (typeof v === 'string') return v;
  return v.length === 1 ? v[0]! : '';
}

/** True when `given` equals the digest of any secret; every secret is tried, in constant time each. */
function anyMatches(given: readonly Buffer[], secrets: readonly string[], digestOf: (secret: string) => Buffer): boolean {
  let match = false;
  for (const secret of secrets) {
    const expected = digestOf(secret);
    for (const g of given) match = (g.length === expected.length && timingSafeEqual(g, expected)) || match;
  }
  return match;
}

function verifyBase64Hmac(input: ChannelSignatureInput, header: string, platform: string): Result<void> {
  const value = headerValue(input.headers, header);
  if (value === null) return fail(invalid(header, `the ${header} header is missing: ${platform} signs every webhook with it`));
  const trimmed = value.trim();
  if (trimmed.length > base64HeaderLengthMax || !base64Sha256.test(trimmed)) {
    return fail(invalid(header, `${header} must be the base64 HMAC-SHA256 of the raw body (one 44-character value)`));
  }
  const given = Buffer.from(trimmed, 'base64');
  const digest = (secret: string): Buffer => createHmac('sha256', secret).update(input.body).digest();
  if (!anyMatches([given], input.secrets, digest)) return fail(invalid(header, `${header} does not verify with this channel's secret`));
  return ok(undefined);
}

function verifyPalletSignature(input: ChannelSignatureInput, header: string): Result<void> {
  const value = headerValue(input.headers, header);
  const sig = value === null ? null : parseSignature(value);
  if (sig === null) {
    return fail(invalid(header, 'Pallet-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">'));
  }
  const digest = (secret: string): Buffer => Buffer.from(signPayload(secret, sig.t, input.body), 'hex');
  if (!anyMatches(sig.v1, input.secrets, digest)) return fail(invalid(header, "the Pallet-Signature does not verify with this channel's secret"));
  const skewSeconds = Math.abs(input.nowMs / 1000 - sig.t);
  if (skewSeconds > input.timestampToleranceSeconds) {
    return fail(domainError('SIGNATURE_EXPIRED',
      `the signature timestamp is ${Math.round(skewSeconds)} s away from now; at most ${input.timestampToleranceSeconds} s are accepted`,
      { field: `headers.${header}` }));
  }
  return ok(undefined);
}

/**
 * Checks the signature of a channel document over its raw body with the
 * channel's active secrets. SIGNATURE_INVALID (missing, malformed or wrong;
 * `extra.field` names the header) or SIGNATURE_EXPIRED (Pallet-Signature
 * timestamp outside the tolerance). Shopify and WooCommerce sign no
 * timestamp: replays are caught by the order's (channel, external id) key.
 */
export function verifyChannelSignature(input: ChannelSignatureInput): Result<void> {
  assert(input.secrets.length <= channelSecretsMax, `a channel has at most ${channelSecretsMax} active secrets, got ${input.secrets.length}`);
  const header = signatureHeaders[input.type];
  if (input.secrets.length === 0) return fail(invalid(header, 'this channel has no signing secret configured'));
  switch (input.type) {
    case 'shopify': return verifyBase64Hmac(input, header, 'Shopify');
    case 'woocommerce': return verifyBase64Hmac(input, header, 'WooCommerce');
    default: return verifyPalletSignature(input, header);
  }
}
