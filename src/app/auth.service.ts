// API keys: the operator key from config, and tenant keys looked up by hash.
//
// Three bounded structures keep the hot path off PostgreSQL without letting
// a caller flush them:
// - valid keys: an LRU of PALLET_AUTH_CACHE_ENTRIES_MAX entries, each kept at
//   most PALLET_AUTH_CACHE_TTL_MS after it was read (so a key revoked by
//   another process stops working within that TTL); unknown keys never enter it;
// - unknown keys: a separate, smaller-TTL LRU, so a client retrying a wrong
//   key does not query PostgreSQL each time, and a flood of random keys only
//   evicts other unknown keys;
// - failed attempts per client address: at most PALLET_AUTH_FAILURES_MAX in a
//   window of PALLET_AUTH_FAILURE_WINDOW_MS (a fixed window from the first
//   failure), for at most PALLET_AUTH_FAILURE_ADDRESSES_MAX addresses (LRU).
//   Once an address reaches the limit, every request from it that needs a
//   key is refused (429, `limited`) before any lookup, valid keys included,
//   until its window ends: a correct guess must look no different from a
//   wrong one, or the limit would not slow guessing. Requests without an
//   Authorization header are not counted (they cost nothing).
// Times are monotonic (performance.now by default).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';
import { BoundedLru } from '../core/lru.ts';
import type { CatalogStore, RevokedApiKey, Scope } from './catalog.port.ts';

export type TenantPrincipal = {
  readonly kind: 'tenant'; readonly tenantId: string; readonly keyId: string; readonly scopes: ReadonlySet<Scope>;
  /** The one channel a `channel` key serves; absent on every other key. */
  readonly channel?: string;
};
export type Principal = { readonly kind: 'operator' } | TenantPrincipal;

export type AuthOutcome =
  | { readonly kind: 'ok'; readonly principal: Principal }
  | { readonly kind: 'unauthenticated' }
  | { readonly kind: 'limited'; readonly retryAfterSeconds: number };

export interface AuthOptions {
  readonly cacheTtlMs: number;
  readonly cacheEntriesMax: number;
  readonly negativeCacheTtlMs: number;
  readonly negativeCacheEntriesMax: number;
  readonly failuresMax: number;
  readonly failureWindowMs: number;
  readonly failureAddressesMax: number;
}

export function authOptionsOf(config: Config): AuthOptions {
  return {
    cacheTtlMs: config.authCacheTtlMs, cacheEntriesMax: config.authCacheEntriesMax,
    negativeCacheTtlMs: config.authNegativeCacheTtlMs, negativeCacheEntriesMax: config.authNegativeCacheEntriesMax,
    failuresMax: config.authFailuresMax, failureWindowMs: config.authFailureWindowMs, failureAddressesMax: config.authFailureAddressesMax,
  };
}

type KeyStore = Pick<CatalogStore, 'findApiKey' | 'revokeApiKey'>;

const unauthenticated: AuthOutcome = Object.freeze({ kind: 'unauthenticated' });
const monotonicMs = (): number => performance.now();

export class AuthService {
  private readonly valid: BoundedLru<string, { readonly principal: TenantPrincipal; readonly untilMs: number }>;
  private readonly unknown: BoundedLru<string, number>;
  private readonly failures: FailureLimiter;
  private readonly adminDigest: Buffer | null;
  /** Bumped by every revocation: a lookup that was in flight across one does not cache what it read. */
  private generation = 0;

  constructor(
    private readonly store: KeyStore,
    adminKey: string | null,
    private readonly opts: AuthOptions,
    private readonly nowMs: () => number = monotonicMs,
  ) {
    this.adminDigest = adminKey === null ? null : digest(adminKey);
    this.valid = new BoundedLru(opts.cacheEntriesMax);
    this.unknown = new BoundedLru(opts.negativeCacheEntriesMax);
    this.failures = new FailureLimiter(opts.failuresMax, opts.failureWindowMs, opts.failureAddressesMax);
  }

  /** The HTTP check: the principal of an `Authorization: Bearer <key>` header from `address`, rate-limited per address. */
  async check(header: string | undefined, address: string): Promise<AuthOutcome> {
    if (header === undefined || header === '') return unauthenticated;
    const now = this.nowMs();
    const waitMs = this.failures.blockedMs(address, now);
    if (waitMs > 0) return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    const key = bearerKey(header);
    const known = key === null ? null : this.cached(key, now);
    if (known !== undefined && known !== null) return { kind: 'ok', principal: known };
    // Counted before the lookup, so concurrent guesses from one address cannot overrun the limit.
    this.failures.fail(address, now);
    const principal = key === null || known === null ? null : await this.lookup(key, now);
    if (principal === null) return unauthenticated;
    this.failures.forgive(address);
    return { kind: 'ok', principal };
  }

  /** The principal of an `Authorization: Bearer <key>` header, or null (not rate-limited: callers bound their own attempts). */
  async authenticate(header: string | undefined): Promise<Principal | null> {
    const key = header === undefined ? null : bearerKey(header);
    if (key === null) return null;
    const now = this.nowMs();
    const known = this.cached(key, now);
    return known !== undefined ? known : this.lookup(key, now);
  }

  /** Revokes a key of the tenant and stops accepting it in this process at once; null if the tenant has no such key. */
  async revoke(tenantId: string, keyId: string): Promise<RevokedApiKey | null> {
    const revoked = await this.store.revokeApiKey(tenantId, keyId);
    if (revoked !== null) this.forget(keyId);
    return revoked;
  }

  /** Drops a key from the valid-key cache (after it was revoked). */
  forget(keyId: string): void {
    this.generation++;
    this.valid.deleteWhere((e) => e.principal.keyId === keyId);
  }

  /** A principal on a hit, null for a key known to be unknown, undefined when the caches do not know. */
  private cached(key: string, now: number): Principal | null | undefined {
    // Valid tenant keys are cached by the raw key, so a hit (every request of a
    // known key) hashes nothing; the operator check and the unknown-key cache
    // work on the digest (the operator key is compared in constant time).
    const hit = this.valid.get(key);
    if (hit !== undefined) {
      if (hit.untilMs > now) return hit.principal;
      this.valid.delete(key);
    }
    const d = digest(key);
    if (this.adminDigest !== null && timingSafeEqual(d, this.adminDigest)) return { kind: 'operator' };
    const id = d.toString('base64');
    const unknownUntilMs = this.unknown.get(id);
    if (unknownUntilMs !== undefined) {
      if (unknownUntilMs > now) return null;
      this.unknown.delete(id);
    }
    return undefined;
  }

  /** Reads the key from the store and caches the answer (TTLs count from `now`, taken before the read). */
  private async lookup(key: string, now: number): Promise<TenantPrincipal | null> {
    const generation = this.generation;
    const found = await this.store.findApiKey(key);
    const id = digest(key).toString('base64');
    if (found === null) {
      if (this.opts.negativeCacheTtlMs > 0) this.unknown.set(id, now + this.opts.negativeCacheTtlMs);
      return null;
    }
    const principal: TenantPrincipal = {
      kind: 'tenant', tenantId: found.tenantId, keyId: found.keyId, scopes: new Set(found.scopes),
      ...(found.channel === undefined ? {} : { channel: found.channel }),
    };
    if (this.opts.cacheTtlMs > 0 && generation === this.generation) this.valid.set(key, { principal, untilMs: now + this.opts.cacheTtlMs });
    return principal;
  }
}

/** Failed attempts per client address in a fixed window from the first failure; at most addressesMax addresses (LRU). */
class FailureLimiter {
  private readonly byAddress: BoundedLru<string, { readonly startMs: number; failures: number }>;

  constructor(private readonly failuresMax: number, private readonly windowMs: number, addressesMax: number) {
    this.byAddress = new BoundedLru(addressesMax);
  }

  /** How long the address must wait before its next attempt; 0 when it may try now. */
  blockedMs(address: string, now: number): number {
    const w = this.byAddress.get(address);
    if (w === undefined) return 0;
    const endMs = w.startMs + this.windowMs;
    if (endMs <= now) {
      this.byAddress.delete(address);
      return 0;
    }
    return w.failures >= this.failuresMax ? endMs - now : 0;
  }

  fail(address: string, now: number): void {
    const w = this.byAddress.get(address);
    if (w === undefined || w.startMs + this.windowMs <= now) this.byAddress.set(address, { startMs: now, failures: 1 });
    else w.failures++;
  }

  /** Takes back an attempt counted before its lookup succeeded. */
  forgive(address: string): void {
    const w = this.byAddress.peek(address);
    if (w === undefined) return;
    w.failures--;
    if (w.failures <= 0) this.byAddress.delete(address);
  }
}

/** The key of a `Bearer <key>` header (scheme in any case), or null. */
function bearerKey(header: string): string | null {
  if (header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  const key = header.slice(7).trim();
  return key.length === 0 || key.length > 256 ? null : key;
}

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();
