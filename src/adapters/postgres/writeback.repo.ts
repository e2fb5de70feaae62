// Channel write-back in PostgreSQL (migration 011), every call in a
// tenant-scoped transaction: the channels' write-back endpoints and
// credentials, and one record per (order, shipment) pushed or tried.
//
// The credentials ({appKey?, appSecret?, accessToken?} as JSON) are sealed
// like channel webhook secrets (channel.repo.ts): AES-256-GCM under the
// channel-secrets key, 0x01 ‖ iv ‖ tag ‖ ciphertext, with additional data
// binding the box to its tenant and channel. No read returns them but
// config(), which the write-back itself calls.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type {
  WritebackConfigInfo, WritebackCredentials, WritebackRecord, WritebackSettings, WritebackStatus, WritebackStore,
} from '../../app/writeback.port.ts';
import type { Sql } from './sql.ts';
import { listLimitMax, withTenant } from './tenant.scope.ts';

const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
const formatV1 = 0x01;
const credentialKeys = ['appKey', 'appSecret', 'accessToken'] as const;
/** last_error is cut to this many characters. */
const errorLengthMax = 1_000;

interface RecordRow {
  order_id: string;
  channel: string;
  carrier: string;
  tracking_number: string;
  status: WritebackStatus;
  attempts: number;
  last_error: string | null;
  reference: string | null;
  pushed_at: Date | null;
  updated_at: Date;
}

const recordOf = (r: RecordRow): WritebackRecord => ({
  orderId: r.order_id, channel: r.channel, carrier: r.carrier, trackingNumber: r.tracking_number, status: r.status,
  attempts: r.attempts, lastError: r.last_error, reference: r.reference, pushedAtMs: r.pushed_at?.getTime() ?? null, updatedAtMs: r.updated_at.getTime(),
});

export class WritebackRepo implements WritebackStore {
  private readonly key: Buffer;

  constructor(private readonly sql: Sql, secretKey: Uint8Array) {
    if (secretKey.length !== keyBytes) throw new Error(`the channel secret key must be ${keyBytes} bytes, got ${secretKey.length}`);
    this.key = Buffer.from(secretKey);
  }

  async putConfig(tenant: string, channel: string, s: WritebackSettings): Promise<WritebackConfigInfo | null> {
    const credentials = Object.fromEntries(credentialKeys.filter((k) => (s.credentials[k] ?? '') !== '').map((k) => [k, s.credentials[k]!]));
    const sealed = this.seal(tenant, channel, JSON.stringify(credentials));
    try {
      return await withTenant(this.sql, tenant, async ({ tx }) => {
        const [r] = await tx<{ updated_at: Date }[]>`
          insert into channel_writeback (tenant_id, channel, url, credentials)
          values (${tenant}, ${channel}, ${s.url}, ${sealed})
          on conflict (tenant_id, channel) do update set url = excluded.url, credentials = excluded.credentials, updated_at = now()
          returning updated_at`;
        return { channel, url: s.url, credentialsSet: Object.keys(credentials) as (keyof WritebackCredentials)[], updatedAt: r!.updated_at };
      });
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === '23503') return null;
      throw err;
    }
  }

  async config(tenant: string, channel: string): Promise<WritebackSettings | null> {
    const row = await withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<{ url: string; credentials: Uint8Array }[]>`
        select url, credentials from channel_writeback where tenant_id = ${tenant} and channel = ${channel}`;
      return r ?? null;
    });
    if (row === null) return null;
    return { url: row.url, credentials: JSON.parse(this.open(tenant, channel, row.credentials)) as WritebackCredentials };
  }

  async records(tenant: string, orderId: string, limit: number): Promise<WritebackRecord[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > listLimitMax) throw new Error(`limit must be 1-${listLimitMax}, got ${limit}`);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx<RecordRow[]>`
        select order_id, channel, carrier, tracking_number, status, attempts, last_error, reference, pushed_at, updated_at
        from writebacks where tenant_id = ${tenant} and order_id = ${orderId}
        order by created_at, carrier, tracking_number limit ${limit}`;
      return rows.map(recordOf);
    });
  }

  async recordPushed(tenant: string, r: { orderId: string; channel: string; carrier: string; trackingNumber: string; reference: string }): Promise<boolean> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx`
        insert into writebacks (tenant_id, order_id, carrier, tracking_number, channel, status, attempts, reference, pushed_at)
        values (${tenant}, ${r.orderId}, ${r.carrier}, ${r.trackingNumber}, ${r.channel}, 'pushed', 1, ${r.reference}, now())
        on conflict (tenant_id, order_id, carrier, tracking_number) do update set
          status = 'pushed', attempts = writebacks.attempts + 1, reference = excluded.reference, pushed_at = now(), updated_at = now()
          where writebacks.status <> 'pushed'
        returning 1`;
      return rows.length === 1;
    });
  }

  async recordFailure(tenant: string, r: { orderId: string; channel: string; carrier: string; trackingNumber: string; error: string; dead: boolean }): Promise<void> {
    const status: WritebackStatus = r.dead ? 'dead' : 'failed';
    const error = r.error.slice(0, errorLengthMax);
    await withTenant(this.sql, tenant, async ({ tx }) => {
      await tx`
        insert into writebacks (tenant_id, order_id, carrier, tracking_number, channel, status, attempts, last_error)
        values (${tenant}, ${r.orderId}, ${r.carrier}, ${r.trackingNumber}, ${r.channel}, ${status}, 1, ${error})
        on conflict (tenant_id, order_id, carrier, tracking_number) do update set
          status = excluded.status, attempts = writebacks.attempts + 1, last_error = excluded.last_error, updated_at = now()
          where writebacks.status <> 'pushed'`;
    });
  }

  private aad(tenant: string, channel: string): Buffer {
    return Buffer.from(`pallet.writeback-credentials.v1\u0000${tenant}\u0000${channel}`, 'utf8');
  }

  private seal(tenant: string, channel: string, text: string): Buffer {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: tagBytes });
    cipher.setAAD(this.aad(tenant, channel));
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(formatV1), iv, cipher.getAuthTag(), body]);
  }

  private open(tenant: string, channel: string, stored: Uint8Array): string {
    const box = Buffer.from(stored);
    if (box.length < 1 + ivBytes + tagBytes || box[0] !== formatV1) throw new Error(`the write-back credentials of ${tenant}/${channel} are not in a known format`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, box.subarray(1, 1 + ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(this.aad(tenant, channel));
    decipher.setAuthTag(box.subarray(1 + ivBytes, 1 + ivBytes + tagBytes));
    return Buffer.concat([decipher.update(box.subarray(1 + ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  }
}
