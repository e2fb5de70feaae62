// SLA policies, notifiers and alerts (migration 010, issue 12), every call one
// transaction under the tenant's row-level security (withTenant). Notifier
// secrets are sealed with AES-256-GCM like channel secrets (channel.repo.ts),
// bound to (tenant, notifier id) so a ciphertext copied to another row does
// not open; no read but target() returns them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AlertLevel, SlaPolicy, SlaStage } from '../../core/sla.rules.ts';
import type {
  Alert, AlertPage, NewNotifier, NotifierInfo, NotifierTarget, NotifierType, OrderStatusReader, SlaStore, SmtpTarget,
} from '../../app/notifier.port.ts';
import type { Sql, TxSql } from './sql.ts';
import { decodeCursor, encodeCursor, listLimitMax, withTenant } from './tenant.scope.ts';

const ivBytes = 12;
const tagBytes = 16;
const formatV1 = 1;
const secretLengthMax = 500;

interface AlertRow {
  tenant_id: string; id: string; order_id: string; stage: string; level: number; notifier_id: string | null; state: string;
  attempts: number; last_error: string | null; due_ms: string; created_ms: string; sent_ms: string | null; created_us: string;
}

interface NotifierRow {
  id: string; type: string; url: string | null; smtp: SmtpTarget | null; secret_enc: Uint8Array | null; position: number; created_at: Date;
}

const alertColumns = (tx: TxSql) => tx`tenant_id, id, order_id, stage, level, notifier_id, state, attempts, last_error,
  (extract(epoch from due_at) * 1000)::bigint::text as due_ms, (extract(epoch from created_at) * 1000)::bigint::text as created_ms,
  (extract(epoch from sent_at) * 1000)::bigint::text as sent_ms, (extract(epoch from created_at) * 1000000)::bigint::text as created_us`;

const alertOf = (r: AlertRow): Alert => ({
  tenant: r.tenant_id, id: r.id, orderId: r.order_id, stage: r.stage as SlaStage, level: r.level as AlertLevel,
  notifierId: r.notifier_id, state: r.state as Alert['state'], attempts: r.attempts, lastError: r.last_error,
  dueAtMs: Number(r.due_ms), createdAtMs: Number(r.created_ms), sentAtMs: r.sent_ms === null ? null : Number(r.sent_ms),
});

const ts = (ms: number): Date => new Date(ms);

export class AlertRepo implements SlaStore, OrderStatusReader {
  constructor(private readonly sql: Sql, private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the notifier secrets key must be 32 bytes');
  }

  policy(tenant: string): Promise<SlaPolicy | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<{ p: number; r: number; a: number }[]>`
        select paid_to_released_seconds as p, released_to_accepted_seconds as r, accepted_to_shipped_seconds as a
        from sla_policies where tenant_id = ${tenant}`;
      return r === undefined ? null : { paidToReleasedSeconds: r.p, releasedToAcceptedSeconds: r.r, acceptedToShippedSeconds: r.a };
    });
  }

  async setPolicy(tenant: string, p: SlaPolicy, atMs: number): Promise<void> {
    await withTenant(this.sql, tenant, ({ tx }) => tx`
      insert into sla_policies (tenant_id, paid_to_released_seconds, released_to_accepted_seconds, accepted_to_shipped_seconds, updated_at)
      values (${tenant}, ${p.paidToReleasedSeconds}, ${p.releasedToAcceptedSeconds}, ${p.acceptedToShippedSeconds}, ${ts(atMs)})
      on conflict (tenant_id) do update set paid_to_released_seconds = excluded.paid_to_released_seconds,
        released_to_accepted_seconds = excluded.released_to_accepted_seconds,
        accepted_to_shipped_seconds = excluded.accepted_to_shipped_seconds, updated_at = excluded.updated_at`);
  }

  notifiers(tenant: string): Promise<NotifierInfo[]> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const rows = await tx<NotifierRow[]>`
        select id, type, url, smtp, secret_enc, position, created_at from notifiers where tenant_id = ${tenant} order by position limit ${listLimitMax}`;
      return rows.map((r) => ({
        id: r.id, type: r.type as NotifierType, url: r.url, smtp: r.smtp, hasSecret: r.secret_enc !== null, position: r.position, createdAt: r.created_at,
      }));
    });
  }

  addNotifier(tenant: string, n: NewNotifier, max: number, atMs: number): Promise<'added' | 'exists' | 'full'> {
    const sealed = n.secret === undefined || n.secret === '' ? null : this.seal(tenant, n.id, n.secret);
    return withTenant(this.sql, tenant, async ({ tx }) => {
      // One writer per tenant at a time: the position is the count so far.
      await tx`select pg_advisory_xact_lock(hashtext(${`pallet.notifiers.${tenant}`}))`;
      const [c] = await tx<{ n: number; taken: boolean }[]>`
        select count(*)::int as n, bool_or(id = ${n.id}) as taken from notifiers where tenant_id = ${tenant}`;
      if (c!.taken === true) return 'exists';
      if (c!.n >= max) return 'full';
      await tx`
        insert into notifiers (tenant_id, id, type, url, smtp, secret_enc, position, created_at)
        values (${tenant}, ${n.id}, ${n.type}, ${n.url ?? null}, ${n.smtp === undefined ? null : tx.json(n.smtp as never)}, ${sealed},
          ${c!.n}, ${ts(atMs)})`;
      return 'added';
    });
  }

  target(tenant: string, position: number): Promise<NotifierTarget | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<NotifierRow[]>`
        select id, type, url, smtp, secret_enc, position, created_at from notifiers where tenant_id = ${tenant} and position = ${position}`;
      if (r === undefined) return null;
      return { id: r.id, type: r.type as NotifierType, url: r.url, smtp: r.smtp, secret: r.secret_enc === null ? null : this.open(tenant, r.id, r.secret_enc) };
    });
  }

  raise(tenant: string, a: { orderId: string; stage: SlaStage; level: AlertLevel; dueAtMs: number; atMs: number }): Promise<Alert> {
    const id = `al_${randomBytes(12).toString('base64url')}`;
    return withTenant(this.sql, tenant, async ({ tx }) => {
      await tx`
        insert into alerts (tenant_id, id, order_id, stage, level, due_at, created_at)
        values (${tenant}, ${id}, ${a.orderId}, ${a.stage}, ${a.level}, ${ts(a.dueAtMs)}, ${ts(a.atMs)})
        on conflict (tenant_id, order_id, stage, level) do nothing`;
      const [row] = await tx<AlertRow[]>`
        select ${alertColumns(tx)} from alerts where tenant_id = ${tenant} and order_id = ${a.orderId} and stage = ${a.stage} and level = ${a.level}`;
      return alertOf(row!);
    });
  }

  noteAttempt(tenant: string, alertId: string, r: { notifierId: string | null; error: string | null; atMs: number; attemptsMax: number }): Promise<Alert> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [row] = await tx<AlertRow[]>`
        update alerts set notifier_id = ${r.notifierId}, attempts = attempts + 1, last_error = ${r.error},
          state = case when ${r.error}::text is null then 'sent' when attempts + 1 >= ${r.attemptsMax} then 'failed' else 'pending' end,
          sent_at = case when ${r.error}::text is null then ${ts(r.atMs)}::timestamptz else null end
        where tenant_id = ${tenant} and id = ${alertId} and state = 'pending'
        returning ${alertColumns(tx)}`;
      if (row !== undefined) return alertOf(row);
      const [current] = await tx<AlertRow[]>`select ${alertColumns(tx)} from alerts where tenant_id = ${tenant} and id = ${alertId}`;
      return alertOf(current!);
    });
  }

  /** Newest first; null when the cursor is not one this list returned. */
  async alerts(tenant: string, cursor: string | null, limit: number): Promise<AlertPage | null> {
    const after = cursor === null ? null : decodeCursor(cursor);
    if (cursor !== null && after === null) return null;
    const n = Math.max(1, Math.min(limit, listLimitMax));
    const rows = await withTenant(this.sql, tenant, ({ tx }) => tx<AlertRow[]>`
      select ${alertColumns(tx)} from alerts where tenant_id = ${tenant}
      ${after === null ? tx`` : tx`and (created_at, id) < ('epoch'::timestamptz + ${after.createdUs}::bigint::float8 * interval '1 microsecond', ${after.id})`}
      order by created_at desc, id desc limit ${n + 1}`);
    const page = rows.slice(0, n);
    const last = page[page.length - 1];
    return { alerts: page.map(alertOf), nextCursor: rows.length > n && last !== undefined ? encodeCursor({ createdUs: last.created_us, id: last.id }) : null };
  }

  /** The order's status in the pool (the record); null when the tenant has no such order. */
  statusOf(tenant: string, orderId: string): Promise<string | null> {
    return withTenant(this.sql, tenant, async ({ tx }) => {
      const [r] = await tx<{ status: string }[]>`select status from orders where tenant_id = ${tenant} and id = ${orderId}`;
      return r?.status ?? null;
    });
  }

  private seal(tenant: string, id: string, secret: string): Buffer {
    if (secret.length > secretLengthMax) throw new Error(`a notifier secret must be 1-${secretLengthMax} characters`);
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: tagBytes });
    cipher.setAAD(aad(tenant, id));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(formatV1), iv, cipher.getAuthTag(), body]);
  }

  private open(tenant: string, id: string, stored: Uint8Array): string {
    const box = Buffer.from(stored);
    if (box.length < 1 + ivBytes + tagBytes || box[0] !== formatV1) throw new Error(`the secret of notifier ${tenant}/${id} is not in a known format`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, box.subarray(1, 1 + ivBytes), { authTagLength: tagBytes });
    decipher.setAAD(aad(tenant, id));
    decipher.setAuthTag(box.subarray(1 + ivBytes, 1 + ivBytes + tagBytes));
    return Buffer.concat([decipher.update(box.subarray(1 + ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  }
}

const aad = (tenant: string, id: string): Buffer => Buffer.from(`pallet.notifier-secret.v1\u0000${tenant}\u0000${id}`, 'utf8');
