// API keys: the operator key from config, and tenant keys looked up by hash
// (cached for a bounded time and count, so the hot path does not hit PostgreSQL).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { CatalogStore, Scope } from './catalog.port.ts';

export type Principal =
  | { readonly kind: 'operator' }
  | { readonly kind: 'tenant'; readonly tenantId: string; readonly keyId: string; readonly scopes: ReadonlySet<Scope> };

interface Cached { readonly principal: Principal | null; readonly untilMs: number }

export class AuthService {
  private readonly cache = new Map<string, Cached>();
  private readonly adminDigest: Buffer | null;

  constructor(
    private readonly store: Pick<CatalogStore, 'findApiKey'>,
    adminKey: string | null,
    private readonly cacheTtlMs: number,
    private readonly cacheEntriesMax: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.adminDigest = adminKey === null ? null : digest(adminKey);
  }

  /** The principal of an `Authorization: Bearer <key>` header, or null. */
  async authenticate(header: string | undefined): Promise<Principal | null> {
    if (header === undefined || header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') return null;
    const key = header.slice(7).trim();
    if (key.length === 0 || key.length > 256) return null;
    const d = digest(key);
    if (this.adminDigest !== null && timingSafeEqual(d, this.adminDigest)) return { kind: 'operator' };
    const id = d.toString('base64');
    const hit = this.cache.get(id);
    const now = this.nowMs();
    if (hit !== undefined && hit.untilMs > now) return hit.principal;
    const found = await this.store.findApiKey(key);
    const principal: Principal | null = found === null ? null
      : { kind: 'tenant', tenantId: found.tenantId, keyId: found.keyId, scopes: new Set(found.scopes) };
    if (this.cacheTtlMs > 0) {
      if (this.cache.size >= this.cacheEntriesMax) this.cache.clear();
      this.cache.set(id, { principal, untilMs: now + this.cacheTtlMs });
    }
    return principal;
  }
}

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();
