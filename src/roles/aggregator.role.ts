// The dashboard aggregator: turns events into board state (src/app/board.ts).
//
// Start (restart-safe, nothing kept between runs):
//   1. where to read JetStream from: just after the projector's ack floor (every
//      event up to it is in PostgreSQL), read BEFORE PostgreSQL;
//   2. today's reservations and orphaned payments from PostgreSQL (tables
//      absent: none — then the events of today are read from the start of the
//      day instead);
//   3. every stock cell from Redis (SCAN, bounded), which is ahead of any event;
//   4. an ordered (ephemeral, unacked) JetStream consumer from that point on;
//   5. an ordered consumer on the dead-letter stream (`<ns>_dlq`, its last
//      deadLettersLoadMax messages, then new ones): every dead-lettered event
//      is an exception of kind `event.dead_lettered` on its tenant's board.
// Events the snapshot already reflects come again in step 4 and change nothing:
// cells apply only a higher version, reservations only a higher sequence.
//
// An exception while handling a message is caught, logged and counted
// (pallet_ws_errors_total{where}); it never stops a consumer or the process.
//
// Every ws instance runs its own aggregator and consumer, so every instance
// sees every update; they share nothing.
import type { ConsumerMessages, JsMsg, JetStreamManager } from '@nats-io/jetstream';
import { JetStreamApiError } from '@nats-io/jetstream';
import postgres from 'postgres';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { deadLetterKind, type Board, type CellUpdate, type Day, type DeadLetterView, type DriftCounters, type DriftItem, type DriftView } from '../app/board.ts';
import type { Clock } from '../app/catalog.port.ts';
import type { ReservationStatus } from '../core/stock.types.ts';
import { cellsOf, decodeEnvelope, type Envelope } from '../adapters/events/envelope.codec.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { topology } from '../adapters/nats/topology.ts';
import type { RedisPool } from '../adapters/redis/connection.ts';
import type { Sql } from '../adapters/postgres/sql.ts';

export interface AggregatorLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface AggregatorDeps {
  readonly board: Board;
  readonly redis: RedisPool;
  readonly nats: Nats;
  /** PostgreSQL with the namespace's schema on its search_path; null: today's counts from events only. */
  readonly sql: Sql | null;
  readonly clock: Clock;
  readonly log: AggregatorLog;
  /** Where to register pallet_board_* metrics (optional). */
  readonly registry?: Registry;
  /** Reads the last reconcile result per tenant; default: the Redis key `<ns>:{<tenant>}:drift` (see driftKey). */
  readonly readDrift?: (tenants: readonly string[]) => Promise<Map<string, DriftView | null>>;
}

export interface AggregatorOptions {
  readonly namespace: string;
  /** Stock cells read from Redis at start, across tenants (the board bounds each tenant too). */
  readonly cellsMax: number;
  /** Keys per SCAN call and cells per HMGET pipeline. */
  readonly scanCount: number;
  /** Reservations and orphaned payments read from PostgreSQL at start. */
  readonly pgRowsMax: number;
  /** Messages the ordered consumer pulls at once. */
  readonly consumerBatchMax: number;
  /** How often the reconcile result is read; 0: never. */
  readonly driftPollMs: number;
  /** Dead-lettered events read from the DLQ stream at start (its newest); new ones follow. */
  readonly deadLettersLoadMax: number;
}

export const aggregatorDefaults: Omit<AggregatorOptions, 'namespace'> = Object.freeze({
  cellsMax: 1_000_000,
  scanCount: 1_000,
  pgRowsMax: 2_000_000,
  consumerBatchMax: 1_000,
  driftPollMs: 5_000,
  deadLettersLoadMax: 10_000,
});

export interface AggregatorStart {
  readonly cells: number;
  /** The Redis scan stopped at cellsMax. */
  readonly cellsTruncated: boolean;
  readonly reservations: number;
  readonly payments: number;
  /** Whether the ledger tables were there. */
  readonly postgres: boolean;
  /** Where the consumer started: a stream sequence, or the start of today. */
  readonly from: { readonly seq: number } | { readonly time: string };
}

export interface AggregatorStats {
  readonly applied: number;
  readonly skipped: number;
  readonly poison: number;
  /** Stream sequence of the last event handled (0: none yet). */
  readonly lastSeq: number;
  /** Dead-letter messages put on the board. */
  readonly deadLetters: number;
  /** Unexpected errors caught (logged; pallet_ws_errors_total). */
  readonly errors: number;
}

/** Where the reconciler leaves its last result for a tenant (JSON, see docs/dashboard-protocol.md). */
export const driftKey = (namespace: string, tenant: string): string => `${namespace}:{${tenant}}:drift`;

const handledTypes = new Set([
  'stock.set', 'stock.adjusted', 'stock.reserved', 'stock.confirmed', 'stock.released', 'stock.expired', 'stock.fulfilled',
  'payment.orphaned',
]);

const cellFields = ['onHand', 'reserved', 'committed', 'inTransit', 'safetyStock', 'v'] as const;
const idPattern = /^[A-Za-z0-9._-]+$/;
const pgBatchRows = 5_000;
const dlqReasonLengthMax = 500;
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class Aggregator {
  private readonly opts: AggregatorOptions;
  private readonly stream: string;
  private readonly dlqStream: string;
  private readonly subjectPrefix: string;
  private readonly metrics: AggregatorMetrics | null;
  private messages: ConsumerMessages | null = null;
  private consumer: { delete(): Promise<boolean> } | null = null;
  private dlqMessages: ConsumerMessages | null = null;
  private dlqConsumer: { delete(): Promise<boolean> } | null = null;
  private stopping = false;
  private driftTimer: NodeJS.Timeout | null = null;
  private driftRunning = false;
  private applied = 0;
  private skipped = 0;
  private poison = 0;
  private lastSeq = 0;
  private deadLetters = 0;
  private errors = 0;

  constructor(private readonly deps: AggregatorDeps, opts: Pick<AggregatorOptions, 'namespace'> & Partial<AggregatorOptions>) {
    this.opts = { ...aggregatorDefaults, ...opts };
    for (const k of ['cellsMax', 'scanCount', 'pgRowsMax', 'consumerBatchMax', 'deadLettersLoadMax'] as const) {
      if (!(Number.isSafeInteger(this.opts[k]) && this.opts[k] >= 1)) throw new Error(`aggregator option ${k} must be a positive integer`);
    }
    this.stream = topology(this.opts.namespace).eventsStream;
    this.dlqStream = topology(this.opts.namespace).dlqStream;
    this.subjectPrefix = `${this.opts.namespace}.`;
    this.metrics = deps.registry === undefined ? null : aggregatorMetrics(deps.registry, deps.board);
  }

  /** Loads the snapshot, then consumes events from the right point on. Resolves once the board is loaded. */
  async start(): Promise<AggregatorStart> {
    if (this.messages !== null) throw new Error('aggregator already started');
    this.stopping = false;
    const jsm = await this.deps.nats.jsm();
    const firstSeq = (await this.streamState(jsm, this.stream)).first_seq;
    const floor = await this.projectorFloor(jsm);
    const day = this.deps.board.day();
    const pg = await this.loadPostgres(day);
    const redis = await this.loadRedisCells();
    const from = pg.present && floor !== null ? { seq: Math.max(floor + 1, firstSeq, 1) } : { time: new Date(day.startMs).toISOString() };
    const consumer = await this.deps.nats.js.consumers.get(this.stream, {
      filter_subjects: `${this.opts.namespace}.>`,
      ...('seq' in from ? { opt_start_seq: from.seq } : { opt_start_time: from.time }),
    });
    this.consumer = consumer;
    this.messages = await consumer.consume({ max_messages: this.opts.consumerBatchMax, callback: (m) => this.handle('event', () => this.onMessage(m)) });
    this.watchClosed('event', this.messages);
    try {
      await this.followDeadLetters(jsm);
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.scheduleDrift(0);
    const started: AggregatorStart = { ...redis, reservations: pg.reservations, payments: pg.payments, postgres: pg.present, from };
    this.deps.log.info({ ...started }, 'dashboard aggregator loaded its snapshot and follows the events');
    return started;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.driftTimer !== null) clearTimeout(this.driftTimer);
    this.driftTimer = null;
    for (const m of [this.messages, this.dlqMessages]) if (m !== null) await m.close();
    this.messages = null;
    this.dlqMessages = null;
    // The ephemeral consumers would otherwise linger on the server until their inactivity threshold.
    for (const c of [this.consumer, this.dlqConsumer]) await c?.delete().catch(() => false);
    this.consumer = null;
    this.dlqConsumer = null;
  }

  stats(): AggregatorStats {
    return {
      applied: this.applied, skipped: this.skipped, poison: this.poison, lastSeq: this.lastSeq, deadLetters: this.deadLetters, errors: this.errors,
    };
  }

  // ---- unexpected errors -----------------------------------------------------------------------

  /** Runs a consumer callback: an exception would stop the consumer (nats.js), so it is logged and counted instead. */
  private handle(where: string, run: () => void): void {
    try {
      run();
    } catch (err) {
      this.unexpected(where, err);
    }
  }

  private unexpected(where: string, err: unknown): void {
    this.errors++;
    this.metrics?.errors.inc({ where: `aggregator_${where}` });
    this.deps.log.error({ where: `aggregator_${where}`, err: errorText(err), stack: err instanceof Error ? err.stack : undefined },
      'dashboard aggregator: unexpected error (caught; the board keeps following)');
  }

  /** A consumer that ends by itself (not by stop()) leaves the board stale: an alarm. */
  private watchClosed(where: string, messages: ConsumerMessages): void {
    messages.closed().then((err) => {
      if (!this.stopping) this.unexpected(`${where}_consumer`, err ?? new Error('consumer closed'));
    }).catch((err: unknown) => this.unexpected(`${where}_consumer`, err));
  }

  // ---- start-up snapshot -----------------------------------------------------------------------

  private async streamState(jsm: JetStreamManager, stream: string): Promise<{ first_seq: number; last_seq: number }> {
    try {
      return (await jsm.streams.info(stream)).state;
    } catch (err) {
      if (isNotFound(err)) throw new Error(`stream ${stream} does not exist: apply the JetStream topology before the ws role starts`);
      throw err;
    }
  }

  /** The projector's ack floor (every event up to it is in PostgreSQL), or null without a projector. */
  private async projectorFloor(jsm: JetStreamManager): Promise<number | null> {
    try {
      const ci = await jsm.consumers.info(this.stream, topology(this.opts.namespace).consumers.projector.durable);
      return ci.ack_floor.stream_seq;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  private async loadPostgres(day: Day): Promise<{ present: boolean; reservations: number; payments: number }> {
    const sql = this.deps.sql;
    if (sql === null) return { present: false, reservations: 0, payments: 0 };
    try {
      const reservations = await this.loadReservations(sql, day);
      const payments = await this.loadPayments(sql, day);
      return { present: true, reservations, payments };
    } catch (err) {
      if (err instanceof postgres.PostgresError && err.code === '42P01') {
        this.deps.log.warn({ err: err.message }, 'ledger tables absent: today\'s counts come from the events of today only');
        return { present: false, reservations: 0, payments: 0 };
      }
      throw err;
    }
  }

  private async loadReservations(sql: Sql, day: Day): Promise<number> {
    let n = 0;
    const board = this.deps.board;
    await sql<{ tenant_id: string; id: string; status: string; last_sequence: number; created_ms: string }[]>`
      select tenant_id, id, status, last_sequence, (extract(epoch from created_at) * 1000)::bigint as created_ms
      from reservations
      where created_at >= ${new Date(day.startMs)} and created_at < ${new Date(day.endMs)}
      limit ${this.opts.pgRowsMax}`.cursor(pgBatchRows, (rows) => {
      for (const r of rows) {
        if (!isStatus(r.status)) continue;
        board.applyReservation(r.tenant_id, { id: r.id, status: r.status, sequence: Number(r.last_sequence), createdAt: Number(r.created_ms) });
        n++;
      }
    });
    return n;
  }

  private async loadPayments(sql: Sql, day: Day): Promise<number> {
    let n = 0;
    const board = this.deps.board;
    await sql<{ tenant_id: string; payment_id: string; reservation_id: string; reason: string; resolution: string; new_reservation_id: string | null; at_ms: string }[]>`
      select tenant_id, payment_id, reservation_id, reason, resolution, new_reservation_id,
        (extract(epoch from occurred_at) * 1000)::bigint as at_ms
      from payment_exceptions
      where occurred_at >= ${new Date(day.startMs)} and occurred_at < ${new Date(day.endMs)}
      order by occurred_at desc
      limit ${this.opts.pgRowsMax}`.cursor(pgBatchRows, (rows) => {
      for (const r of rows) {
        board.applyOrphanedPayment(r.tenant_id, {
          paymentId: r.payment_id, reservationId: r.reservation_id, reason: r.reason, resolution: r.resolution,
          newReservationId: r.new_reservation_id ?? '', at: Number(r.at_ms),
        });
        n++;
      }
    });
    return n;
  }

  /** Every `<ns>:{<tenant>}:c:<warehouse>:<sku>` hash, by SCAN (never KEYS), at most cellsMax. */
  private async loadRedisCells(): Promise<{ cells: number; cellsTruncated: boolean }> {
    const redis = this.deps.redis.next();
    const pattern = `${this.opts.namespace}:{*}:c:*`;
    let cursor = '0';
    let cells = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', this.opts.scanCount);
      cursor = next;
      const parsed = keys.map((k) => this.parseCellKey(k)).filter((c): c is CellKey => c !== null);
      const room = this.opts.cellsMax - cells;
      const batch = parsed.slice(0, room);
      if (batch.length > 0) {
        const pipe = redis.pipeline();
        for (const c of batch) pipe.hmget(c.key, ...cellFields);
        const replies = (await pipe.exec()) ?? [];
        batch.forEach((c, i) => {
          const [err, f] = replies[i] ?? [null, null];
          if (err === null && Array.isArray(f)) this.deps.board.applyCell(c.tenant, cellOfHash(c, f as (string | null)[]));
        });
        cells += batch.length;
      }
      if (parsed.length > room) {
        this.deps.log.error({ cellsMax: this.opts.cellsMax }, 'more stock cells in Redis than the aggregator loads; the board misses some until they change');
        return { cells, cellsTruncated: true };
      }
    } while (cursor !== '0');
    return { cells, cellsTruncated: false };
  }

  /** Strict: ids never contain ':' or braces, but idempotency keys (other key types) may. */
  private parseCellKey(key: string): CellKey | null {
    const head = `${this.opts.namespace}:{`;
    if (!key.startsWith(head)) return null;
    const close = key.indexOf('}', head.length);
    if (close < 0 || !key.startsWith(':c:', close + 1)) return null;
    const tenant = key.slice(head.length, close);
    const parts = key.slice(close + 4).split(':');
    if (parts.length !== 2 || !idPattern.test(tenant) || !idPattern.test(parts[0]!) || !idPattern.test(parts[1]!)) return null;
    return { key, tenant, warehouse: parts[0]!, sku: parts[1]! };
  }

  // ---- events ----------------------------------------------------------------------------------

  private onMessage(m: JsMsg): void {
    this.lastSeq = m.seq;
    const subject = m.subject;
    // `<ns>.<tenant>.<stock|payment>.<event>`: the type is known before decoding.
    const type = subject.slice(subject.indexOf('.', this.subjectPrefix.length) + 1);
    if (!subject.startsWith(this.subjectPrefix) || !handledTypes.has(type)) {
      this.skipped++;
      return;
    }
    let env: Envelope;
    try {
      env = decodeEnvelope(m.data);
    } catch (err) {
      this.poison++;
      this.deps.log.error({ subject, seq: m.seq, err: errorText(err) }, 'undecodable event skipped by the dashboard aggregator');
      return;
    }
    applyEnvelope(this.deps.board, env);
    this.applied++;
    this.metrics?.events.inc();
    this.metrics?.lag.observe(Math.max(0, this.deps.clock.nowMs() - Number(env.occurredAtMs)) / 1000);
  }

  // ---- dead letters ----------------------------------------------------------------------------

  /** An ordered consumer on the DLQ stream from its newest deadLettersLoadMax messages on. */
  private async followDeadLetters(jsm: JetStreamManager): Promise<void> {
    const state = await this.streamState(jsm, this.dlqStream);
    const from = Math.max(1, state.first_seq, state.last_seq - this.opts.deadLettersLoadMax + 1);
    const consumer = await this.deps.nats.js.consumers.get(this.dlqStream, { filter_subjects: `${this.dlqStream}.>`, opt_start_seq: from });
    this.dlqConsumer = consumer;
    this.dlqMessages = await consumer.consume({ max_messages: 100, callback: (m) => this.handle('dead_letter', () => this.onDeadLetter(m)) });
    this.watchClosed('dead_letter', this.dlqMessages);
  }

  private onDeadLetter(m: JsMsg): void {
    const d = deadLetterOf(this.opts.namespace, m);
    if (d === null) {
      this.skipped++;
      return;
    }
    this.deps.board.applyDeadLetter(d.tenant, d.view);
    this.deadLetters++;
  }

  // ---- reconcile drift -------------------------------------------------------------------------

  private scheduleDrift(delayMs: number): void {
    if (this.opts.driftPollMs <= 0 || this.messages === null) return;
    this.driftTimer = setTimeout(() => {
      this.pollDrift().catch((err: unknown) => this.unexpected('drift', err));
    }, delayMs);
    this.driftTimer.unref();
  }

  private async pollDrift(): Promise<void> {
    if (this.driftRunning) return;
    this.driftRunning = true;
    try {
      const tenants = this.deps.board.tenantIds();
      const found = await (this.deps.readDrift ?? ((t) => this.readDriftFromRedis(t)))(tenants);
      for (const [tenant, drift] of found) this.deps.board.setDrift(tenant, drift);
    } catch (err) {
      this.deps.log.warn({ err: errorText(err) }, 'reconcile drift not read');
    } finally {
      this.driftRunning = false;
      this.scheduleDrift(this.opts.driftPollMs);
    }
  }

  private async readDriftFromRedis(tenants: readonly string[]): Promise<Map<string, DriftView | null>> {
    const out = new Map<string, DriftView | null>();
    const redis = this.deps.redis.next();
    for (let i = 0; i < tenants.length; i += this.opts.scanCount) {
      const batch = tenants.slice(i, i + this.opts.scanCount);
      const values = await redis.mget(...batch.map((t) => driftKey(this.opts.namespace, t)));
      batch.forEach((t, j) => out.set(t, parseDrift(values[j] ?? null)));
    }
    return out;
  }
}

interface CellKey { readonly key: string; readonly tenant: string; readonly warehouse: string; readonly sku: string }

/**
 * A message of the DLQ stream as a board exception: subject `<ns>_dlq.<consumer>.<ns>.<tenant>.<type>`,
 * headers Pallet-Dead-Reason (see the projector's and the payments consumer's deadLetter), data the
 * event as it was (its id when it decodes). Null when the subject names no tenant.
 */
export function deadLetterOf(namespace: string, m: Pick<JsMsg, 'subject' | 'seq' | 'data' | 'headers' | 'timestampNanos'>): { tenant: string; view: DeadLetterView } | null {
  const head = `${namespace}_dlq.`;
  if (!m.subject.startsWith(head)) return null;
  const rest = m.subject.slice(head.length);
  const dot = rest.indexOf('.');
  const consumer = rest.slice(0, dot);
  const subject = rest.slice(dot + 1);
  if (dot < 1 || !subject.startsWith(`${namespace}.`)) return null;
  const [tenant = '', ...type] = subject.slice(namespace.length + 1).split('.');
  if (!idPattern.test(tenant)) return null;
  let eventId = '';
  try {
    eventId = (decodeEnvelope(m.data).eventId ?? '').slice(0, 200);
  } catch {
    // Not a decodable event (that may be why it was dead-lettered): shown without its id.
  }
  const reason = (m.headers?.get('Pallet-Dead-Reason') ?? '').slice(0, dlqReasonLengthMax);
  const at = Number(m.timestampNanos / 1_000_000n);
  return { tenant, view: { kind: deadLetterKind, seq: m.seq, consumer, subject, eventId, eventType: type.join('.'), reason, at } };
}

function cellOfHash(c: CellKey, f: readonly (string | null)[]): CellUpdate {
  const n = (i: number): number => Number(f[i] ?? 0);
  return {
    warehouse: c.warehouse, sku: c.sku, onHand: n(0), reserved: n(1), committed: n(2), inTransit: n(3), safetyStock: n(4),
    version: n(5), at: 0,
  };
}

const statuses: readonly string[] = ['held', 'confirmed', 'released', 'expired', 'fulfilled'];
const isStatus = (s: string): s is ReservationStatus => statuses.includes(s);

const statusOfPayload: ReadonlyMap<string, ReservationStatus> = new Map<NonNullable<Envelope['payload']>, ReservationStatus>([
  ['stockReserved', 'held'], ['stockConfirmed', 'confirmed'], ['stockReleased', 'released'], ['stockExpired', 'expired'], ['stockFulfilled', 'fulfilled'],
]);

/** What one event changes on the board (pure apart from the board). */
export function applyEnvelope(board: Board, env: Envelope): void {
  const tenant = env.tenant;
  const at = Number(env.occurredAtMs);
  const payload = env.payload;
  if (payload === undefined) return;
  if (payload === 'paymentOrphaned') {
    const p = env.paymentOrphaned!;
    board.applyOrphanedPayment(tenant, {
      paymentId: p.paymentId ?? '', reservationId: p.reservationId ?? '', reason: p.reason ?? '', resolution: p.resolution ?? '',
      newReservationId: p.newReservationId ?? '', at,
    });
    return;
  }
  const level = payload === 'stockSet' ? env.stockSet : payload === 'stockAdjusted' ? env.stockAdjusted : null;
  for (const c of cellsOf(env)) {
    board.applyCell(tenant, {
      warehouse: c.warehouse ?? '', sku: c.sku ?? '', onHand: Number(c.onHand ?? 0), reserved: Number(c.reserved ?? 0),
      committed: Number(c.committed ?? 0), version: Number(c.version ?? 0), at,
      ...(level ? { inTransit: Number(level.inTransit), safetyStock: Number(level.safetyStock) } : {}),
    });
  }
  const status = statusOfPayload.get(payload);
  if (status === undefined) return;
  const reservationId = (env[payload] as { reservationId?: string } | null | undefined)?.reservationId ?? '';
  if (reservationId === '') return;
  board.applyReservation(tenant, {
    id: reservationId, status, sequence: Number(env.sequence), ...(status === 'held' ? { createdAt: at } : {}),
  });
}

/**
 * The reconcile result stored as JSON under driftKey():
 * `{"checkedAtMs": n, "cells": n, "items": [{warehouse, sku, kind, redis, ledger, detail}]}` where
 * redis/ledger are `{onHand, reserved, committed, version}` or null — the CellDrift entries of a
 * ReconcileReport for that tenant (see driftOfReport).
 */
export function parseDrift(raw: string | null): DriftView | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as { checkedAtMs?: unknown; cells?: unknown; items?: unknown };
    if (typeof v.checkedAtMs !== 'number' || typeof v.cells !== 'number') return null;
    return { cells: v.cells, checkedAt: v.checkedAtMs, items: driftItems(Array.isArray(v.items) ? v.items : []) };
  } catch {
    return null;
  }
}

export interface CellDriftLike {
  readonly tenant?: string;
  readonly warehouse: string;
  readonly sku: string;
  readonly kind: string;
  readonly redis: unknown;
  readonly ledger: unknown;
  readonly detail?: string;
}

/** One tenant's drift from a reconcile run's cell drift list (what a reconciler stores under driftKey). */
export function driftOfReport(drift: readonly CellDriftLike[], checkedAtMs: number, itemsMax = 100): DriftView {
  const cells = new Set(drift.map((d) => `${d.warehouse}/${d.sku}`)).size;
  return { cells, checkedAt: checkedAtMs, items: driftItems(drift.slice(0, itemsMax)) };
}

function driftItems(raw: readonly unknown[]): DriftItem[] {
  const items: DriftItem[] = [];
  for (const it of raw.slice(0, 1_000)) {
    const x = it as Partial<Record<keyof DriftItem, unknown>>;
    if (typeof x.warehouse !== 'string' || typeof x.sku !== 'string' || typeof x.kind !== 'string') continue;
    items.push({
      warehouse: x.warehouse, sku: x.sku, kind: x.kind, redis: countersOf(x.redis), ledger: countersOf(x.ledger),
      detail: typeof x.detail === 'string' ? x.detail : '',
    });
  }
  return items;
}

function countersOf(v: unknown): DriftCounters | null {
  if (v === null || typeof v !== 'object') return null;
  const c = v as Record<string, unknown>;
  const n = (k: string): number => (typeof c[k] === 'number' ? (c[k] as number) : 0);
  return { onHand: n('onHand'), reserved: n('reserved'), committed: n('committed'), version: n('version') };
}

const isNotFound = (err: unknown): boolean =>
  err instanceof JetStreamApiError && (err.code === 10059 || err.code === 10014);

// ---- metrics ---------------------------------------------------------------------------------------

interface AggregatorMetrics {
  readonly events: Counter;
  readonly lag: Histogram;
  readonly errors: Counter<'where'>;
}

/** Unexpected errors the ws role caught (aggregator and fanout), by where they happened. */
export function wsErrorsCounter(registry: Registry): Counter<'where'> {
  return (registry.getSingleMetric('pallet_ws_errors_total') as Counter<'where'> | undefined) ?? new Counter({
    registers: [registry], name: 'pallet_ws_errors_total', labelNames: ['where'] as const,
    help: 'Unexpected errors the ws role (dashboard aggregator and fanout) caught, logged and survived, by where',
  });
}

function aggregatorMetrics(registry: Registry, board: Board): AggregatorMetrics {
  const r = { registers: [registry] };
  const existing = <T>(name: string): T | undefined => registry.getSingleMetric(name) as T | undefined;
  const events = existing<Counter>('pallet_board_events_total')
    ?? new Counter({ ...r, name: 'pallet_board_events_total', help: 'Events applied to the dashboard board' });
  const lag = existing<Histogram>('pallet_board_event_lag_seconds') ?? new Histogram({
    ...r, name: 'pallet_board_event_lag_seconds', help: 'From event time to applied on the dashboard board',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  if (existing('pallet_board_cells') === undefined) {
    new Gauge({ ...r, name: 'pallet_board_cells', help: 'Stock cells on the dashboard board', collect() { this.set(board.stats().cells); } });
  }
  return { events, lag, errors: wsErrorsCounter(registry) };
}
