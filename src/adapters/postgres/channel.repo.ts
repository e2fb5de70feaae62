// Channels (a tenant's shops on the platforms) and webhook replay records in
// PostgreSQL (migration 004), every call in a tenant-scoped transaction.
//
// Webhook secrets: two slots, current and previous, so a secret can be
// rotated while the platform still signs with the old one. Each is stored
// as AES-256-GCM under the key given to the constructor (32 bytes, derived
// by the caller from configuration; PostgreSQL never sees it):
//   stored = 0x01 ‖ iv (12 random bytes) ‖ tag (16) ‖ ciphertext
// with additional data binding it to its tenant and channel, so a ciphertext
// copied to another channel's row does not decrypt. No read returns a secret
// or its ciphertext: ChannelInfo says which slots are set and since when.
// webhookSecrets() decrypts them for the signature check, and nothing else.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { domainError, fail, ok, type Result } from '../../core/errors.ts';
import { channelTypes, type ChannelType } from '../../core/order.types.ts';
import type { Sql, TxSql } from './sql.ts';
import { listLimitMax, withTenant, type TenantTx } from './tenant.scope.ts';
import type { SecretSlotInfo, ChannelInfo, NewChannel, ChannelPatch } from '../../app/order.port.ts';
export type { SecretSlotInfo, ChannelInfo, NewChannel, ChannelPatch };





export interface ChannelRepoOptions {
  /**
   * How long a delivery id counts as seen (default 3 days). Must exceed the
   * window in which a webhook's own timestamp is accepted and the platform's
   * retry period, or a late retry is taken for new.
   */
  readonly deliveryRetentionMs?: number;
}

export const channelRepoDefaults = Object.freeze({ deliveryRetentionMs: 3 * 24 * 3600 * 1000 });

const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
const formatV1 = 0x01;
export const secretLengthMax = 1024;

interface ChannelRow {
  tenant_id: string;
  id: string;
  type: ChannelType;
  name: string;
  mapping: unknown;
  mapping_version: number;
  sku_map: Record<string, string>;
  secret_current_created_at: Date | null;
  secret_previous_created_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const channelColumns = (tx: TxSql) => tx`
  tenant_id, id, type, name, mapping, mapping_version, sku_map, secret_current_created_at, secret_previous_created_at,
  created_at, updated_at`;

const slot = (d: Date | null): SecretSlotInfo | null => (d === null ? null : { createdAt: d });

function channelOf(r: ChannelRow): ChannelInfo {
  return {
    tenant: r.tenant_id, id: r.id, type: r.type, name: r.name, mapping: r.mapping, mappingVersion: r.mapping_version,
    skuMap: r.sku_map, secrets: { current: slot(r.secret_current_created_at), previous: slot(r.secret_previous_created_at) },
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const json = (tx: TxSql, v: unknown) => tx.json(v as postgres.JSONValue);

export class ChannelRepo {
  private readonly key: Buffer;
  private readonly deliveryRetentionMs: number;

  constructor(private readonly sql: Sql, secretKey: Uint8Array, opts: ChannelRepoOptions = {}) {
    if (secretKey.length !== keyBytes) throw new Error(`the channel secret key must be ${keyBytes} bytes, got ${secretKey.length}`);
    this.key = Buffer.from(secretKey);
    this.deliveryRetentionMs = opts.deliveryRetentionMs ?? channelRepoDefaults.deliveryRetentionMs;
    if (!Number.isSafeInteger(this.deliveryRetentionMs) || this.deliveryRetentionMs < 1000) throw new Error('deliveryRetentionMs must be a whole number ≥ 1000');
  }

  /** CHANNEL_EXISTS when the tenant has a channel with this id, TENANT_NOT_FOUND when there is no such tenant. */
  async createChannel(tenant: string, c: NewChannel): Promise<Result<ChannelInfo>> {
    if (!(channelTypes as readonly string[]).includes(c.type)) {
      return fail(domainError('VALIDATION_FAILED', `type must be one of ${channelTypes.join(', ')}`, { field: 'type' }));
    }
    const sealed = c.secret === undefined ? null : this.seal(tenant, c.id, c.secret);
    try {
      const row = await withTenant(this.sql, tenant, async ({ tx }) => {
        const [r] = await tx<ChannelRow[]>`
          insert into channels (tenant_id, id, type, name, mapping, sku_map, secret_current, secret_current_created_at)
          values (${tenant}, ${c.id}, ${c.type}, ${c.name}, ${c.mapping === undefined || c.mapping === null ? null : json(tx, c.mapping)},
            ${json(tx, c.skuMap ?? {})}, ${sealed}, ${sealed === null ? null : tx`now()`})
          on conflict do nothing
          returning ${channelColumns(tx)}`;
        return r ?? null;
      });
      if (row === null) return fail(domainError('CHANNEL_EXISTS', `tenant ${tenant} already has a channel ${c.id}`));
      return ok(channelOf(row));
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === '23503') return fail(domainError('TENANT_NOT_FOUND', `tenant ${tenant} not found`));
      throw err;
    }
  }

  async getChannel(tenant: string, id: string): Promise<ChannelInfo | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<ChannelRow[]>`select ${channelColumns(tx)} from channels where tenant_id = ${tenant} and id = ${id}`;
      return r === undefined ? null : channelOf(r);
    });
  }

  /** The tenant's channels in id order, at most `limit` (1-200), after `afterId` when given. */
  async listChannels(tenant: string, limit: number, afterId?: string): Promise<ChannelInfo[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > listLimitMax) throw new Error(`listChannels limit must be 1-${listLimitMax}, got ${limit}`);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx<ChannelRow[]>`
        select ${channelColumns(tx)} from channels
        where tenant_id = ${tenant} ${afterId === undefined ? tx`` : tx`and id > ${afterId}`}
        order by id limit ${limit}`;
      return rows.map(channelOf);
    });
  }

  /** null when the tenant has no such channel. */
  async patchChannel(tenant: string, id: string, patch: ChannelPatch): Promise<ChannelInfo | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const sets = [tx`updated_at = now()`];
      if (patch.name !== undefined) sets.push(tx`name = ${patch.name}`);
      if (patch.mapping !== undefined) sets.push(tx`mapping = ${patch.mapping === null ? null : json(tx, patch.mapping)}, mapping_version = mapping_version + 1`);
      if (patch.skuMap !== undefined) sets.push(tx`sku_map = ${json(tx, patch.skuMap)}`);
      const [r] = await tx<ChannelRow[]>`
        update channels set ${sets.reduce((a, s) => tx`${a}, ${s}`)}
        where tenant_id = ${tenant} and id = ${id}
        returning ${channelColumns(tx)}`;
      return r === undefined ? null : channelOf(r);
    });
  }

  /** The new secret becomes current, the current one previous (the previous one is dropped). */
  async rotateSecret(tenant: string, id: string, secret: string): Promise<ChannelInfo | null> {
    const sealed = this.seal(tenant, id, secret);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<ChannelRow[]>`
        update channels set
          secret_previous = secret_current, secret_previous_created_at = secret_current_created_at,
          secret_current = ${sealed}, secret_current_created_at = now(), updated_at = now()
        where tenant_id = ${tenant} and id = ${id}
        returning ${channelColumns(tx)}`;
      return r === undefined ? null : channelOf(r);
    });
  }

  /** Ends a rotation: only the current secret is accepted from now on. */
  async dropPreviousSecret(tenant: string, id: string): Promise<ChannelInfo | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<ChannelRow[]>`
        update channels set secret_previous = null, secret_previous_created_at = null, updated_at = now()
        where tenant_id = ${tenant} and id = ${id}
        returning ${channelColumns(tx)}`;
      return r === undefined ? null : channelOf(r);
    });
  }

  /**
   * The plaintext secrets a webhook signature may be made with, current
   * first: for the signature check only, never for a response. null when
   * the tenant has no such channel. Throws if a stored secret does not
   * decrypt (wrong key, or the row was tampered with).
   */
  async webhookSecrets(tenant: string, id: string): Promise<string[] | null> {
    const row = await withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<{ secret_current: Uint8Array | null; secret_previous: Uint8Array | null }[]>`
        select secret_current, secret_previous from channels where tenant_id = ${tenant} and id = ${id}`;
      return r ?? null;
    });
    if (row === null) return null;
    return [row.secret_current, row.secret_previous].filter((s) => s !== null).map((s) => this.open(tenant, id, s));
  }

  /** Records a webhook delivery id: 'new' the first time within the retention, 'replayed' after. */
  async noteDelivery(tenant: string, channel: string, deliveryId: string): Promise<'new' | 'replayed'> {
    return withTenant(this.sql, tenant, (t) => noteDeliveryIn(t, channel, deliveryId, this.deliveryRetentionMs));
  }

  /** Deletes up to `limit` delivery records older than the retention; returns how many. */
  async pruneDeliveries(tenant: string, limit: number): Promise<number> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new Error(`pruneDeliveries limit must be 1-10000, got ${limit}`);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx`
        delete from channel_deliveries
        where (tenant_id, channel, delivery_id) in (
          select tenant_id, channel, delivery_id from channel_deliveries
          where tenant_id = ${tenant} and received_at < now() - ${this.deliveryRetentionMs}::float8 * interval '1 millisecond'
          limit ${limit})
        returning 1`;
      return rows.length;
    });
  }

  private aad(tenant: string, channel: string): Buffer {
    return Buffer.from(`pallet.channel-secret.v1\u0000${tenant}\u0000${channel}`, 'utf8');
  }

  private seal(tenant: string, channel: string, secret: string): Buffer {
    if (secret.length === 0 || secret.length > secretLengthMax) throw new Error(`a webhook secret must be 1-${secretLengthMax} characters`);
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: tagBytes });
    cipher.setAAD(this.aad(tenant, channel));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(formatV1), iv, cipher.getAuthTag(), body]);
  }

  private open(tenant: string, channel: string, stored: Uint8Array): string {
    const box = Buffer.from(stored);
    if (box.length < 1 + ivBytes + tagBytes || box[0] !== formatV1) throw new Error(`the webhook secret of channel ${tenant}/${channel} is not in a known format`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, box.subarray(1, 1 + ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(this.aad(tenant, channel));
    decipher.setAuthTag(box.subarray(1 + ivBytes, 1 + ivBytes + tagBytes));
    return Buffer.concat([decipher.update(box.subarray(1 + ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  }
}

/**
 * noteDelivery inside a transaction of the caller's, so the delivery is
 * recorded only if the order it carried is stored too (a rolled-back order
 * leaves the retry 'new'). A record older than `retentionMs` counts as
 * absent and is renewed.
 */
export async function noteDeliveryIn(t: TenantTx, channel: string, deliveryId: string, retentionMs: number): Promise<'new' | 'replayed'> {
  const rows = await t.tx`
    insert into channel_deliveries as d (tenant_id, channel, delivery_id, received_at)
    values (${t.tenant}, ${channel}, ${deliveryId}, now())
    on conflict (tenant_id, channel, delivery_id) do update set received_at = excluded.received_at
      where d.received_at < now() - ${retentionMs}::float8 * interval '1 millisecond'
    returning 1`;
  return rows.length === 1 ? 'new' : 'replayed';
}
