// The order pool's ports (app/order.port.ts) on PostgreSQL: each OrderTx is
// one transaction under the tenant's row-level security (tenant.scope.ts),
// over the repositories of migration 004/005/007.
import type { Amendment } from '../../core/amendment.rules.ts';
import type { Actor, AuditDraft, AuditEntry } from '../../core/audit.chain.ts';
import type { Result } from '../../core/errors.ts';
import type { HoldRule } from '../../core/hold.rules.ts';
import type { Order } from '../../core/order.types.ts';
import type {
  AddressChangeRecord, ChannelInfo, ChannelPatch, ChannelStore, DeadLetter, DeadLetterFilters, DeadLetterPage, InsertOrderOutcome,
  NewChannel, NewDeadLetter, OrderListFilters, OrderPage, OrderStore, OrderTx,
} from '../../app/order.port.ts';
import { acknowledgeAmendment, countAmendments, getAmendment, insertAmendment, lastAddressChange, listAmendments } from './amendment.repo.ts';
import { ChannelRepo, noteDeliveryIn } from './channel.repo.ts';
import { DeadLetterRepo, insertDeadLetterIn } from './dead-letter.repo.ts';
import { findByExternalId, getOrder, insertOrder, listOrders, readAudit, updateOrder, withTenant, type TenantTx } from './order.repo.ts';
import { BoundedLru } from '../../core/lru.ts';
import { assertTenant } from './tenant.scope.ts';
import type { Sql } from './sql.ts';

export class PgOrderTx implements OrderTx {
  constructor(private readonly t: TenantTx, private readonly deliveryRetentionMs: number) {}

  noteDelivery(channel: string, deliveryId: string): Promise<'new' | 'replayed'> {
    return noteDeliveryIn(this.t, channel, deliveryId, this.deliveryRetentionMs);
  }

  get(orderId: string): Promise<Order | null> {
    return getOrder(this.t, orderId);
  }

  findByExternalId(channel: string, externalId: string): Promise<Order | null> {
    return findByExternalId(this.t, channel, externalId);
  }

  insert(order: Order, audit: AuditDraft): Promise<InsertOrderOutcome> {
    return insertOrder(this.t, order, audit);
  }

  update(order: Order, expectedVersion: number, audit: AuditDraft): Promise<boolean> {
    return updateOrder(this.t, order, expectedVersion, audit);
  }

  async deadLetter(d: NewDeadLetter): Promise<{ id: string }> {
    const stored = await insertDeadLetterIn(this.t, d);
    return { id: stored.id };
  }

  async isFirstOrderOfBuyer(phone: string, exceptOrderId: string): Promise<boolean> {
    const rows = await this.t.tx`
      select 1 from orders
      where tenant_id = ${this.t.tenant} and (ship_phone = ${phone} or buyer_phone = ${phone}) and id <> ${exceptOrderId}
      limit 1`;
    return rows.length === 0;
  }

  async holdRules(): Promise<HoldRule[]> {
    const [row] = await this.t.tx<{ rules: HoldRule[] }[]>`select rules from hold_rules where tenant_id = ${this.t.tenant}`;
    return row?.rules ?? [];
  }

  lastAddressChange(orderId: string): Promise<AddressChangeRecord | null> { return lastAddressChange(this.t, orderId); }
  addAmendment(a: Amendment): Promise<void> { return insertAmendment(this.t, a); }
  amendment(orderId: string, id: string): Promise<Amendment | null> { return getAmendment(this.t, orderId, id); }
  amendments(orderId: string, limit: number): Promise<Amendment[]> { return listAmendments(this.t, orderId, limit); }
  amendmentCount(orderId: string): Promise<number> { return countAmendments(this.t, orderId); }
  acknowledgeAmendment(orderId: string, id: string, atMs: number, by: Actor): Promise<boolean> {
    return acknowledgeAmendment(this.t, orderId, id, atMs, by);
  }
}

export class PgOrderStore implements OrderStore {
  constructor(private readonly sql: Sql, private readonly deliveryRetentionMs: number) {}

  inTenant<T>(tenant: string, fn: (tx: OrderTx) => Promise<T>): Promise<T> {
    return withTenant(this.sql, tenant, (t) => fn(new PgOrderTx(t, this.deliveryRetentionMs)));
  }

  list(tenant: string, filters: OrderListFilters, cursor: string | null, limit: number): Promise<Result<OrderPage>> {
    return withTenant(this.sql, tenant, (t) => listOrders(t, filters, cursor, limit));
  }

  audit(tenant: string, orderId: string, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return withTenant(this.sql, tenant, (t) => readAudit(t, orderId, { afterSeq, limit }));
  }

  async setHoldRules(tenant: string, rules: readonly HoldRule[]): Promise<void> {
    await withTenant(this.sql, tenant, (t) => t.tx`
      insert into hold_rules as h (tenant_id, rules) values (${tenant}, ${t.tx.json(rules as never)})
      on conflict (tenant_id) do update set rules = excluded.rules, version = h.version + 1, updated_at = now()`);
  }
}

export interface ChannelCacheOptions {
  /** How long a channel and its secrets are reused before they are read again (0: never cached). */
  readonly ttlMs: number;
  readonly entriesMax: number;
}

/**
 * Channels and their decrypted secrets are read on every intake request and
 * every applied document: they are cached per (tenant, channel) for
 * `ttlMs` (a change made through this process drops its entry at once; one
 * made through another process is seen within ttlMs, as for API keys).
 */
export class PgChannelStore implements ChannelStore {
  private readonly letters: DeadLetterRepo;
  private readonly cache: BoundedLru<string, { readonly info: ChannelInfo | null; secrets?: string[] | null; readonly untilMs: number }>;

  constructor(private readonly sql: Sql, private readonly channels: ChannelRepo, private readonly cacheOpts: ChannelCacheOptions = { ttlMs: 0, entriesMax: 1 }) {
    this.letters = new DeadLetterRepo(sql);
    this.cache = new BoundedLru(Math.max(1, cacheOpts.entriesMax));
  }

  create(tenant: string, c: NewChannel): Promise<Result<ChannelInfo>> {
    this.cache.delete(`${tenant}/${c.id}`);
    return this.channels.createChannel(tenant, c);
  }

  async get(tenant: string, id: string): Promise<ChannelInfo | null> {
    const hit = this.fresh(tenant, id);
    if (hit !== undefined) return hit.info;
    const info = await this.channels.getChannel(tenant, id);
    if (this.cacheOpts.ttlMs > 0) this.cache.set(`${tenant}/${id}`, { info, untilMs: Date.now() + this.cacheOpts.ttlMs });
    return info;
  }

  list(tenant: string, limit: number, afterId?: string): Promise<ChannelInfo[]> { return this.channels.listChannels(tenant, limit, afterId); }

  patch(tenant: string, id: string, patch: ChannelPatch): Promise<ChannelInfo | null> {
    this.cache.delete(`${tenant}/${id}`);
    return this.channels.patchChannel(tenant, id, patch);
  }

  rotateSecret(tenant: string, id: string, secret: string): Promise<ChannelInfo | null> {
    this.cache.delete(`${tenant}/${id}`);
    return this.channels.rotateSecret(tenant, id, secret);
  }

  async webhookSecrets(tenant: string, id: string): Promise<string[] | null> {
    const hit = this.fresh(tenant, id);
    if (hit?.secrets !== undefined) return hit.secrets;
    const secrets = await this.channels.webhookSecrets(tenant, id);
    if (hit !== undefined) hit.secrets = secrets;
    return secrets;
  }

  private fresh(tenant: string, id: string) {
    const key = `${tenant}/${id}`;
    const hit = this.cache.get(key);
    if (hit === undefined) return undefined;
    if (hit.untilMs > Date.now()) return hit;
    this.cache.delete(key);
    return undefined;
  }

  /** One statement (migration 013: the function scopes itself to the tenant as withTenant does). */
  async deliverySeen(tenant: string, channel: string, deliveryId: string): Promise<boolean> {
    assertTenant(tenant);
    const [row] = await this.sql<{ seen: boolean }[]>`select delivery_seen(${tenant}, ${channel}, ${deliveryId}) as seen`;
    return row?.seen === true;
  }

  deadLetters(tenant: string, filters: DeadLetterFilters, cursor: string | null, limit: number): Promise<Result<DeadLetterPage>> {
    return this.letters.list(tenant, filters, cursor, limit);
  }

  deadLetter(tenant: string, id: string): Promise<DeadLetter | null> { return this.letters.get(tenant, id); }
  markDeadLetterReplayed(tenant: string, id: string): Promise<boolean> { return this.letters.markReplayed(tenant, id); }
}
