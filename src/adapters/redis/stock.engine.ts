// The Redis stock engine: every change is one Lua script; this file turns
// typed commands into script calls and numeric replies into typed outcomes.
import { domainError, type DomainError } from '../../core/errors.ts';
import { insufficientError } from '../../core/allocation.choice.ts';
import { refusalError, reservationNotFound } from '../../core/reservation.machine.ts';
import { stockInvariantError } from '../../core/stock.rules.ts';
import type { Allocation, CellRef, Reservation, ReservationStatus, ShortLine, StockCell } from '../../core/stock.types.ts';
import type {
  LevelWrite, ReserveCommand, ReserveOutcome, StockEngine, StockWrite, StockWriteOutcome, Transition, TransitionOutcome,
} from '../../app/stock.port.ts';
import { sweepIndexKey, tenantKeysCache, type TenantKeys } from './keys.ts';
import { waitForReplicas, type RedisClient, type RedisPool } from './connection.ts';
import { ExpiryNotes } from './expiry-notes.ts';
import { Code, runScript, type ScriptName, type ScriptReply } from './scripts.ts';

export interface EngineOptions {
  readonly namespace: string;
  readonly outboxLengthMax: number;
  readonly reservationRetentionSeconds: number;
  readonly idempotencyTtlSeconds: number;
  readonly onHandMax: number;
}

const transitionScript: Record<Transition, ScriptName> = {
  confirm: 'confirmReservation', release: 'releaseReservation', fulfil: 'fulfilReservation', expire: 'expireReservation',
};

export class RedisStockEngine implements StockEngine {
  private readonly keyOf: (tenant: string) => TenantKeys;
  private readonly sweepIndex: string;
  private readonly expiryNotes: ExpiryNotes;

  constructor(private readonly pool: RedisPool, private readonly opts: EngineOptions) {
    this.keyOf = tenantKeysCache(opts.namespace);
    this.sweepIndex = sweepIndexKey(opts.namespace);
    this.expiryNotes = new ExpiryNotes(() => this.pool.next(), this.sweepIndex);
  }

  keys(tenant: string): TenantKeys {
    return this.keyOf(tenant);
  }

  private get redis(): RedisClient {
    return this.pool.next();
  }

  async reserve(tenant: string, cmd: ReserveCommand): Promise<ReserveOutcome> {
    const k = this.keys(tenant);
    const keys = [k.outbox, k.expiry, k.catalogVersion, k.idempotency(cmd.idempotencyKey), k.reservation(cmd.reservationId)];
    for (const wh of cmd.warehouses) for (const d of cmd.demand) keys.push(k.cell(wh, d.sku));
    const args: (string | number)[] = [
      cmd.reservationId, cmd.nowMs, cmd.expiresAtMs, cmd.catalogVersion, cmd.fingerprint,
      this.opts.idempotencyTtlSeconds, this.opts.outboxLengthMax, cmd.allowSplit ? 1 : 0,
      cmd.warehouses.length, cmd.demand.length, ...cmd.warehouses,
    ];
    for (const d of cmd.demand) args.push(d.sku, d.qty);
    const redis = this.redis;
    const reply = await runScript(redis, 'reserveStock', keys, args);
    switch (reply[0]) {
      case Code.OK:
        await this.noteExpiry(tenant, cmd.expiresAtMs);
        if (this.pool.waitReplicas > 0) await this.waitForReplicas(redis, k.outbox);
        return { kind: 'reserved', allocations: allocationsOf(reply) };
      case Code.ALREADY: return { kind: 'replay', reservationId: String(reply[1]) };
      case Code.CATALOG_STALE: return { kind: 'catalogStale', version: Number(reply[1]) };
      case Code.INSUFFICIENT: return { kind: 'error', error: insufficient(reply) };
      default: return { kind: 'error', error: errorOf(reply, `reservation ${cmd.reservationId}`, cmd.reservationId) };
    }
  }

  /**
   * Lowers the tenant's entry in the sweeper's index to a new reservation's
   * expiry (ZADD LT), after its script reserved: a sweeper that raised the
   * entry while the script ran is corrected (see reindexExpiry). A refused
   * reservation writes nothing. Should this process die between the script
   * and this write, the sweeper's rescan indexes the reservation. The writes
   * of one event-loop turn are coalesced per tenant (expiry-notes.ts).
   */
  private noteExpiry(tenant: string, expiresAtMs: number): Promise<void> {
    return this.expiryNotes.note(tenant, expiresAtMs);
  }

  /**
   * PALLET_REDIS_WAIT_REPLICAS (cluster mode): WAIT until that many replicas
   * of the tenant's master have the reservation, or the timeout passes. Redis
   * replication is asynchronous, so a failover right after a 2xx can lose the
   * reservation; this narrows that window, it does not close it (WAIT is not a
   * consensus: a timed-out WAIT still answers 2xx, and it is counted).
   */
  private async waitForReplicas(redis: RedisClient, key: string): Promise<void> {
    const acked = await waitForReplicas(redis, key, this.pool.waitReplicas, this.pool.waitTimeoutMs).catch(() => 0);
    if (acked < this.pool.waitReplicas) this.replicaWaitsShort++;
  }

  /** Reservations whose WAIT ended with fewer replicas than asked (since start). */
  replicaWaitsShort = 0;

  /** Tenants whose next expiry is due at nowMs (by the sweeper's index), earliest first. */
  async dueTenants(nowMs: number, max: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.sweepIndex, '-inf', nowMs, 'LIMIT', 0, max);
  }

  /**
   * Sets the tenant's index entry to its next expiry (removes it when none is
   * left), then reads the expiry again and lowers the entry if a reservation
   * came in meanwhile. With reserve's ZADD LT after its script, the entry is
   * never later than any held reservation once both are done.
   */
  async reindexExpiry(tenant: string): Promise<void> {
    const k = this.keys(tenant);
    const redis = this.redis;
    const first = nextExpiryOf(await redis.zrange(k.expiry, 0, 0, 'WITHSCORES'));
    // The index ({sweep}) and the tenant's expiry set are in different slots: on a cluster they may be on
    // different masters, so no pipeline; the write is awaited before the read again, which keeps the order.
    if (first === null) await redis.zrem(this.sweepIndex, tenant);
    else await redis.zadd(this.sweepIndex, first, tenant);
    const again = nextExpiryOf(await redis.zrange(k.expiry, 0, 0, 'WITHSCORES'));
    if (again !== null && (first === null || again < first)) await redis.zadd(this.sweepIndex, 'LT', again, tenant);
  }

  /** Lowers the index entries of these tenants to their next expiry (never raises): the sweeper's rescan. */
  async indexExpiries(tenants: readonly string[]): Promise<number> {
    const redis = this.redis;
    const firsts = await Promise.all(tenants.map((t) => redis.zrange(this.keys(t).expiry, 0, 0, 'WITHSCORES')));
    const p = redis.pipeline();
    let n = 0;
    tenants.forEach((t, i) => {
      const first = nextExpiryOf(firsts[i]!);
      if (first === null) return;
      p.zadd(this.sweepIndex, 'LT', first, t);
      n++;
    });
    if (n > 0) {
      const results = await p.exec();
      for (const [err] of results ?? []) if (err) throw err;
    }
    return n;
  }

  async transition(tenant: string, op: Transition, reservationId: string, nowMs: number): Promise<TransitionOutcome> {
    const k = this.keys(tenant);
    const resKey = k.reservation(reservationId);
    const alloc = await this.redis.hget(resKey, 'alloc');
    // A reservation that is gone still goes to the script (with no cells): it answers NOT_FOUND and,
    // for 'expire', drops the index entry, which would otherwise be swept again forever.
    const cells = alloc === null ? [] : (JSON.parse(alloc) as [string, string, number][]).map(([wh, sku]) => k.cell(wh, sku));
    const reply = await runScript(this.redis, transitionScript[op], [k.outbox, k.expiry, resKey, ...cells], [
      reservationId, nowMs, this.opts.outboxLengthMax, this.opts.reservationRetentionSeconds,
    ]);
    // Created between the read and the script: not found as of the read.
    if (alloc === null && reply[0] === Code.KEYS_MISMATCH) return { kind: 'error', error: reservationNotFound(reservationId) };
    if (reply[0] === Code.OK) return { kind: 'done' };
    if (reply[0] === Code.ALREADY) return { kind: 'already' };
    if (reply[0] === Code.NOT_DUE) return { kind: 'notDue' };
    return { kind: 'error', error: errorOf(reply, `reservation ${reservationId}`, reservationId) };
  }

  async getReservation(tenant: string, id: string): Promise<Reservation | null> {
    const [st, ts, exp, alloc] = await this.redis.hmget(this.keys(tenant).reservation(id), 'st', 'ts', 'exp', 'alloc');
    if (st === null || st === undefined || alloc === null || alloc === undefined) return null;
    return {
      id, status: st as ReservationStatus, createdAtMs: Number(ts), expiresAtMs: Number(exp),
      allocations: (JSON.parse(alloc) as [string, string, number][]).map(([warehouse, sku, qty]) => ({ warehouse, sku, qty })),
    };
  }

  setStock(tenant: string, w: StockWrite, level: LevelWrite): Promise<StockWriteOutcome> {
    return this.writeStock(tenant, 'setStock', w, [
      w.eventId, w.nowMs, this.opts.outboxLengthMax, level.onHand, level.safetyStock ?? '', level.inTransit ?? '', w.reason,
      w.warehouse, w.sku, w.fingerprint, this.opts.idempotencyTtlSeconds, this.opts.onHandMax,
    ]);
  }

  adjustStock(tenant: string, w: StockWrite, delta: number): Promise<StockWriteOutcome> {
    return this.writeStock(tenant, 'adjustStock', w, [
      w.eventId, w.nowMs, this.opts.outboxLengthMax, delta, w.reason,
      w.warehouse, w.sku, w.fingerprint, this.opts.idempotencyTtlSeconds, this.opts.onHandMax,
    ]);
  }

  private async writeStock(tenant: string, script: ScriptName, w: StockWrite, args: (string | number)[]): Promise<StockWriteOutcome> {
    const k = this.keys(tenant);
    const reply = await runScript(this.redis, script, [k.outbox, k.cell(w.warehouse, w.sku), k.operation(w.operationKey)], args);
    if (reply[0] === Code.OK) {
      const [onHand, reserved, committed, inTransit, safetyStock, version] = reply.slice(1).map(Number) as number[];
      return { kind: 'written', cell: { onHand: onHand!, reserved: reserved!, committed: committed!, inTransit: inTransit!, safetyStock: safetyStock!, version: version! } };
    }
    if (reply[0] === Code.ALREADY) return { kind: 'replay' };
    if (reply[0] === Code.INVARIANT) {
      const [reserved, committed] = reply.slice(1).map(Number);
      return {
        kind: 'error',
        error: stockInvariantError(w.warehouse, w.sku, reserved!, committed!, this.opts.onHandMax),
      };
    }
    return { kind: 'error', error: errorOf(reply, `stock ${w.warehouse}/${w.sku}`) };
  }

  async readCells(tenant: string, cells: readonly CellRef[]): Promise<StockCell[]> {
    const k = this.keys(tenant);
    const redis = this.redis;
    const rows = await Promise.all(cells.map((c) =>
      redis.hmget(k.cell(c.warehouse, c.sku), 'onHand', 'reserved', 'committed', 'inTransit', 'safetyStock', 'v')));
    return rows.map((f) => ({
      onHand: Number(f[0] ?? 0), reserved: Number(f[1] ?? 0), committed: Number(f[2] ?? 0),
      inTransit: Number(f[3] ?? 0), safetyStock: Number(f[4] ?? 0), version: Number(f[5] ?? 0),
    }));
  }

  async sweep(tenant: string, nowMs: number, max: number): Promise<number> {
    const k = this.keys(tenant);
    const ids = await this.redis.zrangebyscore(k.expiry, '-inf', nowMs, 'LIMIT', 0, max);
    const outcomes = await Promise.allSettled(ids.map((id) => this.transition(tenant, 'expire', id, nowMs)));
    // A reservation the script refuses as corrupt must not block the index forever: move it aside
    // (to `exp:bad`, for reconcile and people) and keep sweeping the rest.
    const bad = ids.filter((_, i) => outcomes[i]!.status === 'rejected');
    if (bad.length > 0) {
      await this.redis.multi().zrem(k.expiry, ...bad).zadd(`${k.expiry}:bad`, ...bad.flatMap((id) => [nowMs, id])).exec();
    }
    return outcomes.filter((o) => o.status === 'fulfilled' && o.value.kind === 'done').length;
  }

  async publishCatalogVersion(tenant: string, version: number): Promise<number> {
    const reply = await runScript(this.redis, 'bumpCatalogVersion', [this.keys(tenant).catalogVersion], [version]);
    return Number(reply);
  }

  async catalogVersion(tenant: string): Promise<number> {
    return Number((await this.redis.get(this.keys(tenant).catalogVersion)) ?? 0);
  }
}

/** The score of `ZRANGE key 0 0 WITHSCORES`, or null for an empty set. */
function nextExpiryOf(reply: string[]): number | null {
  return reply.length >= 2 ? Number(reply[1]) : null;
}

function allocationsOf(reply: ScriptReply): Allocation[] {
  const n = Number(reply[1]);
  const out: Allocation[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ warehouse: String(reply[2 + 3 * i]), sku: String(reply[3 + 3 * i]), qty: Number(reply[4 + 3 * i]) });
  }
  return out;
}

/** The per-line availability of a refused reserve, as core words the refusal. */
function insufficient(reply: ScriptReply): DomainError {
  const n = Number(reply[2]);
  const lines: ShortLine[] = [];
  for (let i = 0; i < n; i++) {
    lines.push({ sku: String(reply[3 + 3 * i]), requested: Number(reply[4 + 3 * i]), available: Number(reply[5 + 3 * i]) });
  }
  return insufficientError(lines, reply[1] === 1);
}

/** Script codes that refuse a transition because of the reservation's status. */
const refusedStatus: ReadonlyMap<number, ReservationStatus> = new Map<number, ReservationStatus>([
  [Code.EXPIRED, 'expired'], [Code.RELEASED, 'released'], [Code.FULFILLED, 'fulfilled'], [Code.CONFIRMED, 'confirmed'], [Code.NOT_CONFIRMED, 'held'],
]);

function errorOf(reply: ScriptReply, what: string, reservationId?: string): DomainError {
  const status = refusedStatus.get(reply[0]);
  if (status !== undefined && reservationId !== undefined) return refusalError(status, reservationId);
  switch (reply[0]) {
    case Code.NOT_FOUND: return reservationId !== undefined ? reservationNotFound(reservationId) : domainError('RESERVATION_NOT_FOUND', `${what} not found`);
    case Code.IDEMPOTENCY_REUSED: return domainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body');
    case Code.OUTBOX_FULL: return domainError('OVERLOADED', 'the event outbox is full; retry later');
    default: throw new Error(`unexpected script reply for ${what}: ${JSON.stringify(reply)}`);
  }
}
