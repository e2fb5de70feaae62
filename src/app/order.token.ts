// Order tokens: a short-lived, HMAC-signed proof that its holder (the buyer,
// through the storefront) may change ONE order's shipping address. A key with
// the checkout, ops or admin scope asks for one (POST /v1/orders/{id}/address-tokens);
// the storefront hands it to the buyer's browser, which sends it as
// `Pallet-Order-Token` with PATCH /v1/orders/{id}/address. No API key travels.
//
// Format: `pot1.<payload>.<signature>`, payload = base64url(JSON {p: purpose
// ("address"), t: tenant, o: order id, v: the order's version when issued,
// k: id of the issuing API key, n: token id, e: expiry ms}), signature =
// base64url(HMAC-SHA256(key, "pot1." + payload)), compared in constant time.
//
// Revocation: the token names the order's version. Any change to the order
// (the address change it was used for, a payment, a cancel, a release) bumps
// the version and the token stops working; the storefront asks for a new one.
//
// The key: PALLET_ORDER_TOKEN_SECRET when set (every api process the same);
// otherwise derived (HKDF-SHA256, info "pallet order token v1") from the
// channel-secrets key, which every process of one deployment already shares
// (PALLET_SECRETS_KEY or <data dir>/channel-secrets.key). A random key per
// process (as the board's tokens may use) would not do: the API runs as
// several workers, and a buyer holds the token for up to an hour.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.port.ts';

export const orderTokenSecretLengthMin = 32;
export const addressTokenTtlSecondsMin = 60;
export const addressTokenTtlSecondsMax = 86_400;

const prefix = 'pot1.';
const purpose = 'address';
const tokenLengthMax = 1_024;
const hkdfInfo = 'pallet order token v1';

export interface OrderTokenClaims {
  readonly tenant: string;
  readonly orderId: string;
  /** The order's version when the token was issued: it is valid for that version only. */
  readonly orderVersion: number;
  /** The API key that asked for it. */
  readonly issuedBy: string;
  /** The token's own id (the audit trail's actor id: `customer_token` tok_…). */
  readonly tokenId: string;
  readonly expiresAtMs: number;
}

export type OrderTokenCheck =
  | { readonly ok: true; readonly claims: OrderTokenClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'expired' };

/** The HMAC key: the configured secret, or one derived from the channel-secrets key. */
export function orderTokenKeyOf(secret: string | null, channelSecretsKey: Uint8Array): Buffer {
  if (secret !== null) {
    if (secret.length < orderTokenSecretLengthMin) throw new Error(`the order token secret must have at least ${orderTokenSecretLengthMin} characters`);
    return Buffer.from(secret, 'utf8');
  }
  if (channelSecretsKey.length < 32) throw new Error('the channel-secrets key must have 32 bytes to derive the order token key from');
  return Buffer.from(hkdfSync('sha256', channelSecretsKey, new Uint8Array(0), hkdfInfo, 32));
}

export class OrderTokens {
  constructor(private readonly key: Buffer, readonly ttlSeconds: number, private readonly clock: Clock) {
    if (key.length < 32) throw new Error('the order token key must have at least 32 bytes');
    if (!(Number.isSafeInteger(ttlSeconds) && ttlSeconds >= addressTokenTtlSecondsMin && ttlSeconds <= addressTokenTtlSecondsMax)) {
      throw new Error(`address token ttl must be ${addressTokenTtlSecondsMin}..${addressTokenTtlSecondsMax} s, got ${ttlSeconds}`);
    }
  }

  issue(c: Omit<OrderTokenClaims, 'tokenId' | 'expiresAtMs'>): { token: string; claims: OrderTokenClaims } {
    if (c.tenant === '' || c.orderId === '' || c.issuedBy === '' || !Number.isSafeInteger(c.orderVersion) || c.orderVersion < 1) {
      throw new Error('an order token needs a tenant, an order, its version and the issuing key');
    }
    const claims: OrderTokenClaims = { ...c, tokenId: `tok_${randomBytes(12).toString('base64url')}`, expiresAtMs: this.clock.nowMs() + this.ttlSeconds * 1000 };
    const body = { p: purpose, t: claims.tenant, o: claims.orderId, v: claims.orderVersion, k: claims.issuedBy, n: claims.tokenId, e: claims.expiresAtMs };
    const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
    return { token: `${prefix}${payload}.${this.sign(payload)}`, claims };
  }

  verify(token: string): OrderTokenCheck {
    if (token.length > tokenLengthMax || !token.startsWith(prefix)) return { ok: false, reason: 'malformed' };
    const [payload, signature, ...rest] = token.slice(prefix.length).split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    const claims = claimsOf(payload);
    if (claims === null) return { ok: false, reason: 'malformed' };
    if (claims.expiresAtMs <= this.clock.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(prefix).update(payload).digest('base64url');
  }
}

const text = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 256;

/** The claims of a signed payload; null when it is not one of ours (wrong purpose, missing field). */
function claimsOf(payload: string): OrderTokenClaims | null {
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (c === null || typeof c !== 'object' || c.p !== purpose) return null;
  const { t, o, v, k, n, e } = c;
  if (!text(t) || !text(o) || !text(k) || !text(n) || !Number.isSafeInteger(v) || (v as number) < 1 || !Number.isSafeInteger(e)) return null;
  return { tenant: t, orderId: o, orderVersion: v as number, issuedBy: k, tokenId: n, expiresAtMs: e as number };
}
