// The payment journal: every payment event Pallet publishes straight to
// JetStream (payment.received from a callback, payment.orphaned from the
// payments consumer) is also kept here, in a per-tenant Redis stream, for the
// outbox retention window. Redis with AOF fsyncs; JetStream 2.9 acknowledges
// before it syncs (DESIGN.md, the durability chain). When JetStream loses its
// unsynced tail, the tail guard publishes the journal again with the same
// message ids: what survived is deduplicated, what was lost comes back.
//
// Bounds: entries older than the retention are trimmed on every append
// (XADD MINID), and the stream never holds more than `entriesMax` (XTRIM
// MAXLEN in the same MULTI). At the count bound the oldest entries go first,
// so the refill window shrinks below the retention; the journal length is a
// metric for that reason.
import type { RedisClient } from './connection.ts';
import { readOkAtMs, retentionFloor, type TenantKeys } from './keys.ts';

export interface JournalEntry {
  /** The Redis stream id: `<ms>-<seq>`, the time it was journaled. */
  readonly id: string;
  readonly subject: string;
  readonly msgId: string;
  readonly data: Buffer;
}

export interface PaymentJournalOptions {
  readonly retentionMs: number;
  readonly entriesMax: number;
}

/** Anything that hands out a connection (RedisPool). */
export interface JournalRedis { next(): RedisClient }

/** How long append() reuses the retention floor it last read. */
const floorCacheMs = 1_000;

export class PaymentJournal {
  private floorAtMs = -Infinity;
  private okAtMs = 0;

  constructor(
    private readonly redis: JournalRedis,
    private readonly keysOf: (tenant: string) => TenantKeys,
    private readonly opts: PaymentJournalOptions,
    private readonly nowMs: () => number = Date.now,
  ) {
    if (!(opts.retentionMs >= 1 && opts.entriesMax >= 1)) throw new Error('PaymentJournal: retentionMs and entriesMax must be ≥ 1');
  }

  /** Journals one published event; resolves once Redis has it (and, with AOF always, on disk). */
  async append(tenant: string, subject: string, msgId: string, data: Uint8Array): Promise<void> {
    const keys = this.keysOf(tenant);
    const key = keys.paymentJournal;
    const floor = `${await this.floorMs(keys.namespace, false)}-0`;
    const replies = await this.redis.next().multi()
      .xadd(key, 'MINID', '~', floor, '*', 's', subject, 'm', msgId, 'd', Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      .xtrim(key, 'MAXLEN', '~', this.opts.entriesMax)
      .exec();
    const failed = replies?.find(([err]) => err !== null);
    if (replies === null || failed !== undefined) throw failed?.[0] ?? new Error('payment journal: MULTI aborted');
  }

  /**
   * Up to `count` entries journaled within the retention window, after the
   * stream id `after` ('' = from the start of the window), oldest first.
   */
  async read(tenant: string, after: string, count: number): Promise<JournalEntry[]> {
    const keys = this.keysOf(tenant);
    const key = keys.paymentJournal;
    const floorMs = await this.floorMs(keys.namespace, true);
    const floor = `${floorMs}-0`;
    // An `after` older than the window starts at the window.
    const from = after === '' || Number(after.slice(0, after.indexOf('-'))) < floorMs ? floor : `(${after}`;
    const rows = (await this.redis.next().xrangeBuffer(key, from, '+', 'COUNT', count)) as [Buffer, Buffer[]][];
    const out: JournalEntry[] = [];
    for (const [id, fields] of rows) {
      let subject = '';
      let msgId = '';
      let data: Buffer | null = null;
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const name = fields[i]!.toString();
        if (name === 's') subject = fields[i + 1]!.toString();
        else if (name === 'm') msgId = fields[i + 1]!.toString();
        else if (name === 'd') data = fields[i + 1]!;
      }
      out.push({ id: id.toString(), subject, msgId, data: data ?? Buffer.alloc(0) });
    }
    return out;
  }

  /**
   * now − retention, but never past the last time the tail guard found the
   * event log intact minus the loss window (retentionFloor): during an
   * outage nothing a refill may need is trimmed. append() reuses it for a second.
   */
  private async floorMs(namespace: string, fresh: boolean): Promise<number> {
    const now = this.nowMs();
    if (fresh || now - this.floorAtMs > floorCacheMs) {
      this.okAtMs = await readOkAtMs(this.redis.next(), namespace);
      this.floorAtMs = now;
    }
    return retentionFloor(now - this.opts.retentionMs, this.okAtMs);
  }

  async length(tenant: string): Promise<number> {
    return this.redis.next().xlen(this.keysOf(tenant).paymentJournal);
  }
}
