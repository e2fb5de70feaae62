// The hot state for the dashboard board (BoardHotState): every stock cell of a
// namespace by SCAN (never KEYS; bounded), and the reconcile result per tenant.
// The key layout is keys.ts's: cellsPattern/parseCellKey, TenantKeys.drift.
import type { BoardHotState, BoardInputs, CellsLoaded } from '../../app/board.port.ts';
import type { CellUpdate, DriftView } from '../../app/board/board.types.ts';
import { parseDrift } from '../../app/board/drift.ts';
import { isCluster, scanTargets, type RedisPool } from './connection.ts';
import { cellsPattern, parseCellKey, tenantKeysCache, type CellKey, type TenantKeys } from './keys.ts';

const cellFields = ['onHand', 'reserved', 'committed', 'inTransit', 'safetyStock', 'v'] as const;

export class RedisBoardRepo implements BoardHotState {
  private readonly keysOf: (tenant: string) => TenantKeys;

  constructor(private readonly redis: RedisPool, private readonly namespace: string) {
    this.keysOf = tenantKeysCache(namespace);
  }

  /**
   * Every `<ns>:{<tenant>}:c:<warehouse>:<sku>` hash, by SCAN, at most cellsMax.
   * On a cluster every master is scanned in turn, and each batch is read from
   * the node that listed it (a pipeline over keys of many slots on one node is
   * not a cross-slot command; a key moved meanwhile answers MOVED and is skipped).
   */
  async loadCells(cellsMax: number, batchMax: number, board: BoardInputs): Promise<CellsLoaded> {
    const pattern = cellsPattern(this.namespace);
    let cells = 0;
    for (const node of await scanTargets(this.redis.next())) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', batchMax);
        cursor = next;
        const parsed = keys.map((k) => parseCellKey(this.namespace, k)).filter((c): c is CellKey => c !== null);
        const room = cellsMax - cells;
        const batch = parsed.slice(0, room);
        if (batch.length > 0) {
          const pipe = node.pipeline();
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
    }
    return { cells, cellsTruncated: false };
  }

  async readDrift(tenants: readonly string[], batchMax: number): Promise<Map<string, DriftView | null>> {
    const out = new Map<string, DriftView | null>();
    const redis = this.redis.next();
    for (let i = 0; i < tenants.length; i += batchMax) {
      const batch = tenants.slice(i, i + batchMax);
      const keys = batch.map((t) => this.keysOf(t).drift);
      // Tenants hash to different slots: MGET across them is refused by a cluster; GETs are auto-pipelined per node.
      const values = isCluster(redis) ? await Promise.all(keys.map((k) => redis.get(k))) : await redis.mget(...keys);
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
