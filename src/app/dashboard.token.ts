// Dashboard tokens: short-lived, HMAC-signed proofs that the holder may watch
// one tenant's dashboard. The API issues them to a caller with a read key
// (POST /v1/dashboard/tokens), so the key itself never travels in a
// WebSocket URL; the fanout server checks them at the upgrade (the only
// credential it takes) and keeps checking that the issuing key is not revoked.
//
// Format: `pdt1.<payload>.<signature>`, payload = base64url(JSON {t: tenant,
// k: id of the issuing API key, e: expiry ms}), signature =
// base64url(HMAC-SHA256(secret, "pdt1." + payload)). A token without `k` is
// malformed. Every process that issues or checks tokens needs the same secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.port.ts';

export interface DashboardTokenOptions {
  /** At least 32 characters; the same in every api and ws process. */
  readonly secret: string;
  readonly ttlSecondsDefault: number;
  readonly ttlSecondsMax: number;
}

export interface DashboardClaims {
  readonly tenant: string;
  /** The API key the token was issued for (api_keys.id): its revocation ends the token and its connections. */
  readonly keyId: string;
  readonly expiresAtMs: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: DashboardClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'expired' };

const prefix = 'pdt1.';
const tokenLengthMax = 512;
export const dashboardSecretLengthMin = 32;
export const dashboardTokenTtlSecondsMin = 10;

/** A random secret for a single-process deployment (tokens die with the process). */
export const randomDashboardSecret = (): string => randomBytes(32).toString('base64url');

export const isDashboardToken = (token: string): boolean => token.startsWith(prefix);

export class DashboardTokens {
  private readonly key: Buffer;

  constructor(readonly opts: DashboardTokenOptions, private readonly clock: Clock) {
    if (opts.secret.length < dashboardSecretLengthMin) throw new Error(`the dashboard token secret must have at least ${dashboardSecretLengthMin} characters`);
    if (!(opts.ttlSecondsDefault >= dashboardTokenTtlSecondsMin && opts.ttlSecondsDefault <= opts.ttlSecondsMax)) {
      throw new Error(`dashboard token ttl: ${dashboardTokenTtlSecondsMin} <= default (${opts.ttlSecondsDefault}) <= max (${opts.ttlSecondsMax}) does not hold`);
    }
    this.key = Buffer.from(opts.secret, 'utf8');
  }

  /** A token for `tenant`, issued on the authority of its API key `keyId`. */
  issue(tenant: string, keyId: string, ttlSeconds = this.opts.ttlSecondsDefault): { token: string; expiresAtMs: number } {
    if (!(ttlSeconds >= dashboardTokenTtlSecondsMin && ttlSeconds <= this.opts.ttlSecondsMax)) throw new Error(`ttlSeconds ${ttlSeconds} out of range`);
    if (tenant === '' || keyId === '') throw new Error('a dashboard token needs a tenant and a key id');
    const expiresAtMs = this.clock.nowMs() + ttlSeconds * 1000;
    const payload = Buffer.from(JSON.stringify({ t: tenant, k: keyId, e: expiresAtMs }), 'utf8').toString('base64url');
    return { token: `${prefix}${payload}.${this.sign(payload)}`, expiresAtMs };
  }

  verify(token: string): TokenCheck {
    if (token.length > tokenLengthMax || !token.startsWith(prefix)) return { ok: false, reason: 'malformed' };
    const [payload, signature, ...rest] = token.slice(prefix.length).split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    let claims: { t?: unknown; k?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims === null || typeof claims !== 'object') return { ok: false, reason: 'malformed' };
    const { t, k, e } = claims;
    if (typeof t !== 'string' || t === '' || typeof k !== 'string' || k === '' || typeof e !== 'number') return { ok: false, reason: 'malformed' };
    if (e <= this.clock.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { tenant: t, keyId: k, expiresAtMs: e } };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(prefix).update(payload).digest('base64url');
  }
}
