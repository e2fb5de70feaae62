// Snapshot frames for subscribes and resyncs: the board's value of a topic
// with the catalog's names (stock topics), encoded once per (tenant, topic,
// seq) while fresh so a reconnect storm costs one snapshot. Names are loaded
// from the catalog at most once per namesTtlMs per tenant.
import type { Board } from '../../app/board/board.ts';
import { namesOfCatalog, noNames, withNames, type Names } from '../../app/board/names.ts';
import type { Topic } from '../../app/board/topics.ts';
import type { Clock } from '../../app/clock.port.ts';
import type { Log } from '../../app/log.port.ts';
import type { Catalog } from '../../core/catalog.types.ts';
import { Encoded, mono } from './connection.ts';

const snapshotCacheMax = 1_000;
const snapshotCacheTtlMs = 10_000;
const namesCacheTenantsMax = 10_000;

export interface SnapshotsDeps {
  readonly board: Board;
  /** Warehouse and SKU names and the bundles for stock snapshots; null: ids only. */
  readonly catalog: { fresh(tenant: string): Promise<Catalog | null> } | null;
  readonly clock: Clock;
  readonly log: Log;
}

export class Snapshots {
  private readonly names = new Map<string, { at: number; names: Promise<Names> }>();
  private readonly encoded = new Map<string, { seq: number; at: number; encoded: Encoded }>();

  constructor(private readonly deps: SnapshotsDeps, private readonly namesTtlMs: number) {}

  /** One encoding per (tenant, topic, seq) while it is fresh. */
  of(tenant: string, topic: Topic, names: Names): Encoded {
    const key = `${tenant}\n${topic.name}`;
    const now = mono();
    const cached = this.encoded.get(key);
    if (cached !== undefined && cached.seq === this.deps.board.seqOf(tenant, topic) && now - cached.at < snapshotCacheTtlMs) return cached.encoded;
    const state = this.deps.board.snapshot(tenant, topic);
    const data = withNames(topic, state.data, names);
    const encoded = new Encoded({ type: 'snapshot', topic: topic.name, seq: state.seq, at: this.deps.clock.nowMs(), data }, topic.kind);
    if (this.encoded.size >= snapshotCacheMax) this.encoded.clear();
    this.encoded.set(key, { seq: state.seq, at: now, encoded });
    return encoded;
  }

  /** The tenant's names, from the catalog when the last load is older than namesTtlMs (none when it fails). */
  namesOf(tenant: string): Promise<Names> {
    const hit = this.names.get(tenant);
    const now = mono();
    if (hit !== undefined && now - hit.at < this.namesTtlMs) return hit.names;
    const catalog = this.deps.catalog;
    const loading = catalog === null ? Promise.resolve(noNames) : catalog.fresh(tenant).then(namesOfCatalog, (err: unknown) => {
      this.deps.log.warn({ tenant, err: err instanceof Error ? err.message : String(err) }, 'catalog names not loaded; snapshot without names');
      return noNames;
    });
    if (this.names.size >= namesCacheTenantsMax) this.names.clear();
    this.names.set(tenant, { at: now, names: loading });
    return loading;
  }

  /** The names loaded last for the tenant, however old (resyncs do not wait for the catalog); none if never loaded. */
  lastNames(tenant: string): Promise<Names> {
    return this.names.get(tenant)?.names ?? Promise.resolve(noNames);
  }
}
