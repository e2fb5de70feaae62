// Reading the outbox stream and the stock cells the way a test checks them:
// parsed events, the counters of a cell, and the ledger replay (the sum of the
// events' deltas per cell, which must equal the counters in Redis).

import type { RedisClient } from '../../src/adapters/redis/connection.ts';
import type { TenantKeys } from '../../src/adapters/redis/keys.ts';
import { scanKeys } from './redis.ts';

/** [wh, sku, dOnHand, dReserved, dCommitted, onHand, reserved, committed, v] */
export type CellTuple = [string, string, number, number, number, number, number, number, number];

export interface OutboxEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly agg: string;
  readonly ts: number;
  readonly data: { res?: string; exp?: number; from?: string; cells: CellTuple[]; [k: string]: unknown };
}

export interface Counters {
  onHand: number;
  reserved: number;
  committed: number;
  v: number;
}

export const zeroCounters = (): Counters => ({ onHand: 0, reserved: 0, committed: 0, v: 0 });

export const cellName = (wh: string, sku: string): string => `${wh}/${sku}`;

/** Outbox events after `afterStreamId` (exclusive), or all of them. */
export async function readOutbox(redis: RedisClient, keys: TenantKeys, afterStreamId?: string): Promise<OutboxEvent[]> {
  const start = afterStreamId === undefined ? '-' : `(${afterStreamId}`;
  const rows = await redis.xrange(keys.outbox, start, '+');
  return rows.map(([streamId, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    return {
      streamId, id: f.id!, type: f.type!, agg: f.agg!, ts: Number(f.ts),
      data: JSON.parse(f.data!) as OutboxEvent['data'],
    };
  });
}

/** The stream id of the newest outbox entry, or undefined for an empty outbox. */
export async function lastStreamId(redis: RedisClient, keys: TenantKeys): Promise<string | undefined> {
  const rows = await redis.xrevrange(keys.outbox, '+', '-', 'COUNT', 1);
  return rows[0]?.[0];
}

export async function readCounters(redis: RedisClient, keys: TenantKeys, wh: string, sku: string): Promise<Counters> {
  const f = await redis.hmget(keys.cell(wh, sku), 'onHand', 'reserved', 'committed', 'v');
  return { onHand: Number(f[0] ?? 0), reserved: Number(f[1] ?? 0), committed: Number(f[2] ?? 0), v: Number(f[3] ?? 0) };
}

/** Sums the deltas of every event per cell, from zero; also counts the events per cell (= version). */
export function replayLedger(events: readonly OutboxEvent[]): Map<string, Counters> {
  const out = new Map<string, Counters>();
  for (const e of events) {
    for (const [wh, sku, dOnHand, dReserved, dCommitted] of e.data.cells) {
      const c = out.get(cellName(wh, sku)) ?? zeroCounters();
      c.onHand += dOnHand;
      c.reserved += dReserved;
      c.committed += dCommitted;
      c.v += 1;
      out.set(cellName(wh, sku), c);
    }
  }
  return out;
}

/** The post-state a cell tuple reports. */
export const postState = (t: CellTuple): Counters => ({ onHand: t[5], reserved: t[6], committed: t[7], v: t[8] });

/** Counters of every cell key of a tenant (cells never written have no key), by cell name. */
export async function readCells(redis: RedisClient, keys: TenantKeys): Promise<Map<string, Counters>> {
  const out = new Map<string, Counters>();
  const cellKeys = await scanKeys(redis, `${keys.prefix}c:*`);
  const rows = await Promise.all(cellKeys.map((key) => redis.hmget(key, 'onHand', 'reserved', 'committed', 'v')));
  cellKeys.forEach((key, i) => {
    const [wh, sku] = key.slice(keys.prefix.length + 2).split(':') as [string, string];
    const f = rows[i]!;
    out.set(cellName(wh, sku), { onHand: Number(f[0] ?? 0), reserved: Number(f[1] ?? 0), committed: Number(f[2] ?? 0), v: Number(f[3] ?? 0) });
  });
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reservation records of a tenant as stored: status and allocations [wh, sku, qty]. */
export async function readReservations(redis: RedisClient, keys: TenantKeys, ids: readonly string[]): Promise<Map<string, { st: string; exp: number; alloc: [string, string, number][] } | null>> {
  const rows = await Promise.all(ids.map((id) => redis.hmget(keys.reservation(id), 'st', 'exp', 'alloc')));
  return new Map(ids.map((id, i) => {
    const [st, exp, alloc] = rows[i]!;
    return [id, st === null || st === undefined ? null : { st, exp: Number(exp), alloc: JSON.parse(alloc ?? '[]') as [string, string, number][] }];
  }));
}

/** Sum of the allocations of reservations in a status, per cell name. */
export function sumByCell(records: Iterable<{ st: string; alloc: [string, string, number][] } | null>, status: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    if (r === null || r.st !== status) continue;
    for (const [wh, sku, qty] of r.alloc) out.set(cellName(wh, sku), (out.get(cellName(wh, sku)) ?? 0) + qty);
  }
  return out;
}
