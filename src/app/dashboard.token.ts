// Dashboard tokens: short-lived, HMAC-signed proofs that the holder may watch
// one tenant's dashboard. The API issues them to a caller with a read key
// (POST /v1/dashboard/tokens), so the key itself never travels in a
// WebSocket URL; the fanout server checks them at the upgrade.
//
// Format: `pdt1.<payload>.<signature>`, payload = base64url(JSON {t: tenant,
// e: expiry ms}), signature = base64url(HMAC-SHA256(secret, "pdt1." + payload)).
// Every process that issues or checks tokens needs the same secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './catalog.port.ts';

export interface DashboardTokenOptions {
  /** At least 32 characters; the same in every api and ws process. */
  readonly secret: string;
  readonly ttlSecondsDefault: number;
  readonly ttlSecondsMax: number;
}

export interface DashboardClaims {
  readonly tenant: string;
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

  issue(tenant: string, ttlSeconds = this.opts.ttlSecondsDefault): { token: string; expiresAtMs: number } {
    if (!(ttlSeconds >= dashboardTokenTtlSecondsMin && ttlSeconds <= this.opts.ttlSecondsMax)) throw new Error(`ttlSeconds ${ttlSeconds} out of range`);
    const expiresAtMs = this.clock.nowMs() + ttlSeconds * 1000;
    const payload = Buffer.from(JSON.stringify({ t: tenant, e: expiresAtMs }), 'utf8').toString('base64url');
    return { token: `${prefix}${payload}.${this.sign(payload)}`, expiresAtMs };
  }

  verify(token: string): TokenCheck {
    if (token.length > tokenLengthMax || !token.startsWith(prefix)) return { ok: false, reason: 'malformed' };
    const [payload, signature, ...rest] = token.slice(prefix.length).split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    let claims: { t?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t?: unknown; e?: unknown };
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.t !== 'string' || claims.t === '' || typeof claims.e !== 'number') return { ok: false, reason: 'malformed' };
    if (claims.e <= this.clock.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { tenant: claims.t, expiresAtMs: claims.e } };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(prefix).update(payload).digest('base64url');
  }
}
