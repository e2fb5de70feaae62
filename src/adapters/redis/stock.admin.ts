// Operator access to the hot stock state, for reconcile and rebuild: reads by
// SCAN (bounded), and the two writes that put Redis back in line with the
// ledger (Lua repairCell, restoreReservation — compare-and-set, never blind).
import { scanTargets, type RedisClient } from './connection.ts';
import type { CellRef, StockCell } from '../../core/stock.types.ts';
import type {
  AllocationTuple, HotCell, HotReservation, LiveReservation, RestoreOutcome, SetCellOutcome, StockAdmin,
} from '../../app/ledger.port.ts';
import { sweepIndexKey, tenantKeysCache, type TenantKeys } from './keys.ts';
import { Code, runScript } from './scripts.ts';

const scanCount = 1_000;
const readChunk = 500;

export class RedisStockAdmin implements StockAdmin {
  private readonly keyOf: (tenant: string) => TenantKeys;

  constructor(private readonly pool: { next(): RedisClient }, private readonly namespace: string) {
    this.keyOf = tenantKeysCache(namespace);
  }

  keys(tenant: string): TenantKeys {
    return this.keyOf(tenant);
  }

  async cells(tenant: string, max: number): Promise<HotCell[]> {
    const k = this.keys(tenant);
    const names = await scanAll(this.pool.next(), k.cellPattern, max);
    const parsed = names.map((key) => k.cellOf(key)).filter((c): c is CellRef => c !== null);
    const now = await this.cellsNow(tenant, parsed);
    return now.filter((c): c is HotCell => c !== null);
  }

  async cellsNow(tenant: string, cells: readonly CellRef[]): Promise<(HotCell | null)[]> {
    const k = this.keys(tenant);
    const out: (HotCell | null)[] = [];
    for (let i = 0; i < cells.length; i += readChunk) {
      const chunk = cells.slice(i, i + readChunk);
      const redis = this.pool.next();
      const rows = await Promise.all(chunk.map((c) => redis.hmget(k.cell(c.warehouse, c.sku), 'onHand', 'reserved', 'committed', 'v')));
      chunk.forEach((c, j) => {
        const f = rows[j]!;
        out.push(f.every((x) => x === null) ? null : {
          warehouse: c.warehouse, sku: c.sku,
          onHand: Number(f[0] ?? 0), reserved: Number(f[1] ?? 0), committed: Number(f[2] ?? 0), version: Number(f[3] ?? 0),
        });
      });
    }
    return out;
  }

  async reservations(tenant: string, max: number): Promise<HotReservation[] | null> {
    const k = this.keys(tenant);
    const names = await scanAll(this.pool.next(), k.reservationPattern, max + 1);
    if (names.length > max) return null;
    const out: HotReservation[] = [];
    for (let i = 0; i < names.length; i += readChunk) {
      const chunk = names.slice(i, i + readChunk);
      const redis = this.pool.next();
      const rows = await Promise.all(chunk.map((key) => redis.hmget(key, 'st', 'alloc')));
      chunk.forEach((key, j) => {
        const [st, alloc] = rows[j]!;
        const id = k.reservationIdOf(key);
        if (st === null || st === undefined || id === null) return;
        out.push({ id, status: st, allocations: alloc ? (JSON.parse(alloc) as AllocationTuple[]) : [] });
      });
    }
    return out;
  }

  async reservationStatuses(tenant: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    const k = this.keys(tenant);
    const out = new Map<string, string | null>();
    for (let i = 0; i < ids.length; i += readChunk) {
      const chunk = ids.slice(i, i + readChunk);
      const redis = this.pool.next();
      const rows = await Promise.all(chunk.map((id) => redis.hget(k.reservation(id), 'st')));
      chunk.forEach((id, j) => out.set(id, rows[j] ?? null));
    }
    return out;
  }

  async setCell(tenant: string, warehouse: string, sku: string, expectedVersion: number | null, to: StockCell): Promise<SetCellOutcome> {
    const reply = await runScript(this.pool.next(), 'repairCell', [this.keys(tenant).cell(warehouse, sku)], [
      expectedVersion ?? -1, to.onHand, to.reserved, to.committed, to.version, to.inTransit, to.safetyStock,
    ]);
    switch (reply[0]) {
      case Code.OK: return 'written';
      case Code.CELL_STALE: return 'stale';
      case Code.INVARIANT: return 'invalid';
      default: throw new Error(`repairCell ${warehouse}/${sku}: unexpected reply ${JSON.stringify(reply)}`);
    }
  }

  async restoreReservation(tenant: string, r: LiveReservation): Promise<RestoreOutcome> {
    const k = this.keys(tenant);
    const reply = await runScript(this.pool.next(), 'restoreReservation', [k.reservation(r.id), k.expiry], [
      r.id, r.status, r.createdAtMs, r.expiresAtMs, JSON.stringify(r.allocations), r.confirmedAtMs ?? '',
    ]);
    // The sweeper finds a restored held reservation through its index (the rescan would, later).
    if (r.status === 'held' && (reply[0] === Code.OK || reply[0] === Code.ALREADY)) {
      await this.pool.next().zadd(sweepIndexKey(this.namespace), 'LT', r.expiresAtMs, tenant);
    }
    if (reply[0] === Code.OK) return 'restored';
    if (reply[0] === Code.ALREADY) return 'present';
    throw new Error(`restoreReservation ${r.id}: unexpected reply ${JSON.stringify(reply)}`);
  }

  async publishCatalogVersion(tenant: string, version: number): Promise<number> {
    return Number(await runScript(this.pool.next(), 'bumpCatalogVersion', [this.keys(tenant).catalogVersion], [version]));
  }
}

/**
 * Every key matching `pattern` by SCAN, at most `max` (sorted). On a cluster
 * each master is scanned in turn (SCAN walks one node's keyspace): a tenant's
 * keys live on one master, but which one is the slot map's business, and a
 * slot being migrated has keys on two.
 */
export async function scanAll(redis: RedisClient, pattern: string, max: number): Promise<string[]> {
  const out = new Set<string>();
  for (const node of await scanTargets(redis)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', scanCount);
      for (const k of batch) out.add(k);
      cursor = next;
    } while (cursor !== '0' && out.size < max);
    if (out.size >= max) break;
  }
  return [...out].sort();
}
