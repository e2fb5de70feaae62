// Signed payment callbacks: a provider signs `<t>.<body>` with the tenant's
// secret (HMAC-SHA256, hex) and sends `Pallet-Signature: t=<unix seconds>,
// v1=<hex>`. CallbackSignatures checks a signature against the tenant's
// secret (cached), then the timestamp, and rotates secrets.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { domainError, fail, ok, type DomainError, type Result } from '../core/errors.ts';
import type { Clock } from './clock.port.ts';
import type { PaymentSecretStore } from './payment.port.ts';

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

export interface SignatureOptions {
  readonly timestampToleranceSeconds: number;
  readonly secretCacheTtlMs: number;
  readonly secretCacheEntriesMax: number;
}

interface CachedSecret { readonly secret: string | null; readonly untilMs: number }

const invalidSignature = (): DomainError => domainError('SIGNATURE_INVALID', 'the callback signature does not verify for this tenant', { field: 'headers.pallet-signature' });
/** Unknown tenants are checked against this, so they cost the same time as a wrong signature. */
const unknownTenantSecret = randomBytes(32).toString('base64url');

export class CallbackSignatures {
  private readonly secretCache = new Map<string, CachedSecret>();

  constructor(
    private readonly secrets: PaymentSecretStore,
    private readonly clock: Clock,
    private readonly opts: SignatureOptions,
    private readonly newSecret: () => string = () => `whsec_${randomBytes(32).toString('base64url')}`,
  ) {}

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
