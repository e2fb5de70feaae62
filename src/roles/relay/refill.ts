// The refill after JetStream lost its unsynced tail: a tenant's outbox above
// the projector's watermark (not yet in PostgreSQL) and its payment journal
// of the retention window are published again with their original message
// ids. What JetStream still holds is dropped as a duplicate, or, past the
// duplicate window, by the consumers' idempotency. The relay's consumer group
// is not touched: the normal path goes on meanwhile.
import { streamIdMs } from '../../adapters/redis/outbox.ts';
import type { RelayContext } from './relay.options.ts';
import type { TenantRelay } from './tenant-relay.ts';

export interface RefillCount {
  readonly outbox: number;
  readonly journal: number;
}

/** Publishes the tenant's tail again; throws when a publish is not acknowledged or `owned` turns false. */
export async function refillTenant(t: TenantRelay, ctx: RelayContext, owned: () => boolean): Promise<RefillCount> {
  return { outbox: await refillOutbox(t, ctx, owned), journal: await refillJournal(t.tenant, ctx, owned) };
}

const lost = (tenant: string): Error => new Error(`refill of ${tenant} stopped: the repair lease was lost`);

async function refillOutbox(t: TenantRelay, ctx: RelayContext, owned: () => boolean): Promise<number> {
  const watermark = await t.outbox.watermark();
  // Up to what the outbox holds now: later entries take the normal path, so the refill ends under load too.
  const end = await t.outbox.lastId();
  let n = 0;
  let from = watermark === null ? '-' : `(${watermark}`;
  for (;;) {
    const entries = await t.outbox.range(from, end, ctx.readCount);
    if (entries.length === 0) return n;
    if (!owned()) throw lost(t.tenant);
    await ctx.publisher.publishAll(ctx.publisher.prepare(t, entries), `outbox of ${t.tenant}`);
    n += entries.length;
    from = `(${entries[entries.length - 1]![0]}`;
  }
}

async function refillJournal(tenant: string, ctx: RelayContext, owned: () => boolean): Promise<number> {
  const j = ctx.opts.journal;
  if (j === undefined) return 0;
  let n = 0;
  let after = '';
  const untilMs = ctx.clock.nowMs();
  for (;;) {
    const rows = (await j.read(tenant, after, ctx.readCount)).filter((r) => streamIdMs(r.id) <= untilMs);
    if (rows.length === 0) return n;
    if (!owned()) throw lost(tenant);
    await ctx.publisher.publishAll({ subjects: rows.map((r) => r.subject), payloads: rows.map((r) => r.data), msgIds: rows.map((r) => r.msgId) },
      `payment journal of ${tenant}`);
    n += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
