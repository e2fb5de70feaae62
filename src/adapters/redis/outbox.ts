// One tenant's outbox stream as the relay sees it: the Redis consumer group
// `relay` (create, claim what other consumers left pending, read, ack), the
// atomic trim (trimOutbox-2.lua), and plain reads above the projector's
// watermark for a refill. The outbox entries are written by the stock scripts
// (one shape: id, type, agg, ts, data); outboxFields reads that shape.
import type { RedisClient } from './connection.ts';
import { readOkAtMs, retentionFloor, type TenantKeys } from './keys.ts';
import { Code, runScript } from './scripts.ts';

/** The Redis consumer group of the relay on every outbox stream. */
export const relayGroup = 'relay';
/** The lease key of a tenant's outbox. */
export const relayLeaseKey = (k: TenantKeys): string => k.relayLease;

/** A stream entry: its id and its fields (null: deleted from the stream while pending). */
export type OutboxEntry = [id: string, fields: string[] | null];

/** The fields the outbox scripts write (others are ignored, missing ones ''). */
// A type, not an interface: it is passed where a string record is expected.
export type OutboxFields = { id: string; type: string; agg: string; ts: string; data: string };

export interface TrimResult {
  readonly trimmed: number;
  /** Entries below this id were removed (0-0: nothing could be). */
  readonly cutoff: string;
  readonly length: number;
  /** Consumers of previous relay instances removed from the group (nothing pending, idle for two leases). */
  readonly consumersDeleted: number;
}

export interface TrimOptions {
  /** Entries older than this wall time (epoch ms) may go once acked even above the watermark; null: no retention floor. */
  readonly wallFloorMs: number | null;
  /** The calling consumer. */
  readonly consumer: string;
  /** Other consumers with nothing pending and idle this long are deleted. */
  readonly idleConsumerMs: number;
}

/** The millisecond part of a Redis stream id (`<ms>-<seq>`). */
export const streamIdMs = (id: string): number => Number(id.slice(0, id.indexOf('-')));

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** True for the error of a read whose stream (and its group) was deleted. */
export const isMissingGroup = (err: unknown): boolean => errorText(err).includes('NOGROUP');

export class RedisOutbox {
  readonly stream: string;

  /** `redis` hands out a connection with the scripts registered (RedisPool.next). */
  constructor(private readonly redis: () => RedisClient, readonly keys: TenantKeys) {
    this.stream = keys.outbox;
  }

  /** Creates the relay group (and the stream) when missing. */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis().xgroup('CREATE', this.stream, relayGroup, '0', 'MKSTREAM');
    } catch (err) {
      if (!errorText(err).includes('BUSYGROUP')) throw err;
    }
  }

  /** Claims up to `count` entries pending under other consumers from `cursor`; returns the next cursor ('0-0': done). */
  async claim(consumer: string, cursor: string, count: number): Promise<string> {
    const reply = (await this.redis().xautoclaim(this.stream, relayGroup, consumer, 0, cursor, 'COUNT', count, 'JUSTID')) as [string, ...unknown[]];
    return reply[0];
  }

  /** The consumer's own pending entries ('0') or new ones ('>'); throws on a missing group (isMissingGroup). */
  async read(consumer: string, from: '0' | '>', count: number): Promise<OutboxEntry[]> {
    const reply = (await this.redis().xreadgroup('GROUP', relayGroup, consumer, 'COUNT', count, 'STREAMS', this.stream, from)) as
      [string, OutboxEntry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  /** XACKs entries[0..n) in one call. */
  async ack(entries: readonly OutboxEntry[], n: number): Promise<void> {
    const ids = new Array<string>(n);
    for (let i = 0; i < n; i++) ids[i] = entries[i]![0];
    await this.redis().xack(this.stream, relayGroup, ...ids);
  }

  /**
   * Trims below the lower of the projector watermark (or the retention floor)
   * and the first entry not yet acked; `refused` is the script's reply when it
   * did not trim.
   */
  async trim(opts: TrimOptions): Promise<{ result: TrimResult } | { refused: unknown[] }> {
    const floor = opts.wallFloorMs === null ? ''
      : `${retentionFloor(opts.wallFloorMs, await readOkAtMs(this.redis(), this.keys.namespace))}-0`;
    const reply = await runScript(this.redis(), 'trimOutbox', [this.stream, this.keys.outboxWatermark],
      [relayGroup, floor, opts.consumer, opts.idleConsumerMs]);
    if (reply[0] !== Code.OK) return { refused: reply };
    return { result: { trimmed: Number(reply[1]), cutoff: String(reply[2]), length: Number(reply[3]), consumersDeleted: Number(reply[4]) } };
  }

  /** The projector's watermark: the highest outbox id durable in PostgreSQL (null: none yet). */
  watermark(): Promise<string | null> {
    return this.redis().get(this.keys.outboxWatermark);
  }

  /** The id of the newest entry ('0-0' when empty). */
  async lastId(): Promise<string> {
    const last = (await this.redis().xrevrange(this.stream, '+', '-', 'COUNT', 1)) as OutboxEntry[];
    return last[0]?.[0] ?? '0-0';
  }

  /** Up to `count` entries from `from` to `end` (XRANGE syntax, '(' excludes), outside the group. */
  range(from: string, end: string, count: number): Promise<OutboxEntry[]> {
    return this.redis().xrange(this.stream, from, end, 'COUNT', count) as Promise<OutboxEntry[]>;
  }
}

/** The fields of an outbox entry, by name. */
export function outboxFields(raw: string[]): OutboxFields {
  const f: OutboxFields = { id: '', type: '', agg: '', ts: '', data: '' };
  for (let i = 0; i + 1 < raw.length; i += 2) {
    switch (raw[i]) {
      case 'id': f.id = raw[i + 1]!; break;
      case 'type': f.type = raw[i + 1]!; break;
      case 'agg': f.agg = raw[i + 1]!; break;
      case 'ts': f.ts = raw[i + 1]!; break;
      case 'data': f.data = raw[i + 1]!; break;
      default: break;
    }
  }
  return f;
}
