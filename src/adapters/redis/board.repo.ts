// The hot state for the dashboard board (BoardHotState): every stock cell of a
// namespace by SCAN (never KEYS; bounded), and the reconcile result per tenant.
// The key layout is keys.ts's: cellsPattern/parseCellKey, TenantKeys.drift.
import type { BoardHotState, BoardInputs, CellsLoaded } from '../../app/board.port.ts';
import type { CellUpdate, DriftView } from '../../app/board/board.types.ts';
import { parseDrift } from '../../app/board/drift.ts';
import type { RedisPool } from './connection.ts';
import { cellsPattern, parseCellKey, tenantKeysCache, type CellKey, type TenantKeys } from './keys.ts';

const cellFields = ['onHand', 'reserved', 'committed', 'inTransit', 'safetyStock', 'v'] as const;

export class RedisBoardRepo implements BoardHotState {
  private readonly keysOf: (tenant: string) => TenantKeys;

  constructor(private readonly redis: RedisPool, private readonly namespace: string) {
    this.keysOf = tenantKeysCache(namespace);
  }

  /** Every `<ns>:{<tenant>}:c:<warehouse>:<sku>` hash, by SCAN, at most cellsMax. */
  async loadCells(cellsMax: number, batchMax: number, board: BoardInputs): Promise<CellsLoaded> {
    const redis = this.redis.next();
    const pattern = cellsPattern(this.namespace);
    let cursor = '0';
    let cells = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', batchMax);
      cursor = next;
      const parsed = keys.map((k) => parseCellKey(this.namespace, k)).filter((c): c is CellKey => c !== null);
      const room = cellsMax - cells;
      const batch = parsed.slice(0, room);
      if (batch.length > 0) {
        const pipe = redis.pipeline();
        for (const c of batch) pipe.hmget(c.key, ...cellFields);
        const replies = (await pipe.exec()) ?? [];
        batch.forEach((c, i) => {
          const [err, f] = replies[i] ?? [null, null];
          if (err === null && Array.isArray(f)) board.applyCell(c.tenant, cellOfHash(c, f as (string | null)[]));
        });
        cells += batch.length;
      }
      if (parsed.length > room) return { cells, cellsTruncated: true };
    } while (cursor !== '0');
    return { cells, cellsTruncated: false };
  }

  async readDrift(tenants: readonly string[], batchMax: number): Promise<Map<string, DriftView | null>> {
    const out = new Map<string, DriftView | null>();
    const redis = this.redis.next();
    for (let i = 0; i < tenants.length; i += batchMax) {
      const batch = tenants.slice(i, i + batchMax);
      const values = await redis.mget(...batch.map((t) => this.keysOf(t).drift));
      batch.forEach((t, j) => out.set(t, parseDrift(values[j] ?? null)));
    }
    return out;
  }
}

function cellOfHash(c: CellKey, f: readonly (string | null)[]): CellUpdate {
  const n = (i: number): number => Number(f[i] ?? 0);
  return {
    warehouse: c.warehouse, sku: c.sku, onHand: n(0), reserved: n(1), committed: n(2), inTransit: n(3), safetyStock: n(4),
    version: n(5), at: 0,
  };
}
