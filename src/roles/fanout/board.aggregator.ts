// The dashboard aggregator, the half of the ws role (fanout.role.ts) that
// turns events into board state (src/app/board/).
// It orchestrates; the reads are adapters' (ports in src/app/board.port.ts):
// PostgreSQL in adapters/postgres/board.repo.ts and board.orders.repo.ts, Redis in
// adapters/redis/board.repo.ts, events as board inputs in
// adapters/events/board.mapper.ts.
//
// Start (restart-safe, nothing kept between runs):
//   1. where to read JetStream from: just after the projector's ack floor (every
//      event up to it is in PostgreSQL), read BEFORE PostgreSQL;
//   2. today's reservations and orphaned payments from PostgreSQL (tables
//      absent: none — then the events of today are read from the start of the
//      day instead);
//   3. today's orders of every tenant from PostgreSQL (the order tables, one
//      tenant-scoped transaction per tenant; bounded per tenant and in all);
//      order.changed is published after its commit, so every order event
//      before the point of step 1 is in what this reads;
//   4. every stock cell from Redis (SCAN, bounded), which is ahead of any event;
//   5. an ordered (ephemeral, unacked) JetStream consumer from that point on;
//   6. an ordered consumer on the dead-letter stream (`<ns>_dlq`, its last
//      deadLettersLoadMax messages, then new ones): every dead-lettered event
//      is an exception of kind `event.dead_lettered` on its tenant's board.
// Events the snapshot already reflects come again in step 5 and change nothing:
// cells apply only a higher version, reservations only a higher sequence,
// orders only a higher version.
//
// An exception while handling a message is caught, logged and counted
// (pallet_ws_errors_total{where}); it never stops a consumer or the process.
//
// Every ws instance runs its own aggregator and consumer, so every instance
// sees every update; they share nothing.
import type { ConsumerMessages, JsMsg, JetStreamManager } from '@nats-io/jetstream';
import { JetStreamApiError } from '@nats-io/jetstream';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BoardHotState, BoardLedger, BoardOrders, DayLoaded, OrdersLoaded } from '../../app/board.port.ts';
import type { Board } from '../../app/board/board.ts';
import type { DriftView } from '../../app/board/board.types.ts';
import type { Day } from '../../app/board/day.ts';
import type { Clock } from '../../app/clock.port.ts';
import type { Log } from '../../app/log.port.ts';
import { applyEnvelope, deadLetterOf } from '../../adapters/events/board.mapper.ts';
import { decodeEnvelope, type Envelope } from '../../adapters/events/envelope.codec.ts';
import type { Nats } from '../../adapters/nats/connection.ts';
import { topology } from '../../adapters/nats/topology.ts';
import { wsErrorsCounter } from '../../adapters/ws/ws.metrics.ts';

export interface AggregatorDeps {
  readonly board: Board;
  readonly nats: Nats;
  /** Today's reservations and payment exceptions (PostgreSQL); null: today's counts from events only. */
  readonly ledger: BoardLedger | null;
  /** Today's orders of the order pool (PostgreSQL); absent or null: from order.changed events only. */
  readonly orders?: BoardOrders | null;
  /** Stock cells and the reconcile result (Redis). */
  readonly hot: BoardHotState;
  readonly clock: Clock;
  readonly log: Log;
  /** Where to register pallet_board_* metrics (optional). */
  readonly registry?: Registry;
  /** Reads the last reconcile result per tenant; default: hot.readDrift (TenantKeys.drift in Redis). */
  readonly readDrift?: (tenants: readonly string[]) => Promise<Map<string, DriftView | null>>;
}

export interface AggregatorOptions {
  readonly namespace: string;
  /** Stock cells read from Redis at start, across tenants (the board bounds each tenant too). */
  readonly cellsMax: number;
  /** Keys per SCAN call and cells per HMGET pipeline (and tenants per drift read). */
  readonly scanCount: number;
  /** Reservations and orphaned payments read from PostgreSQL at start (and today's orders, in all). */
  readonly pgRowsMax: number;
  /** Today's orders read per tenant at start (its newest): the board's ordersTrackedMax. */
  readonly ordersPerTenantMax: number;
  /** Tenants whose orders are read at start: the board's tenantsMax. */
  readonly ordersTenantsMax: number;
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
  ordersPerTenantMax: 100_000,
  ordersTenantsMax: 10_000,
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
  /** Today's orders read from PostgreSQL (0 when the order tables are absent). */
  readonly orders: number;
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

const handledTypes = new Set([
  'stock.set', 'stock.adjusted', 'stock.reserved', 'stock.confirmed', 'stock.released', 'stock.expired', 'stock.fulfilled',
  'payment.orphaned', 'order.changed',
]);

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
    for (const k of ['cellsMax', 'scanCount', 'pgRowsMax', 'ordersPerTenantMax', 'ordersTenantsMax', 'consumerBatchMax', 'deadLettersLoadMax'] as const) {
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
    const pg = await this.loadLedger(day);
    const orders = await this.loadOrders(day);
    const redis = await this.loadCells();
    const from = pg !== null && floor !== null ? { seq: Math.max(floor + 1, firstSeq, 1) } : { time: new Date(day.startMs).toISOString() };
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
    const started: AggregatorStart = {
      ...redis, reservations: pg?.reservations ?? 0, payments: pg?.payments ?? 0, orders: orders?.orders ?? 0, postgres: pg !== null, from,
    };
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

  /** Today's cohort from the ledger; null without one (no PostgreSQL, or its tables absent). */
  private async loadLedger(day: Day): Promise<DayLoaded | null> {
    if (this.deps.ledger === null) return null;
    const loaded = await this.deps.ledger.loadDay(day, this.opts.pgRowsMax, this.deps.board);
    if (loaded === null) this.deps.log.warn({}, 'ledger tables absent: today\'s counts come from the events of today only');
    return loaded;
  }

  /** Today's orders of every tenant; null without them (no PostgreSQL, or the order tables absent). */
  private async loadOrders(day: Day): Promise<OrdersLoaded | null> {
    const source = this.deps.orders ?? null;
    if (source === null) return null;
    const limits = { tenantsMax: this.opts.ordersTenantsMax, perTenantMax: this.opts.ordersPerTenantMax, rowsMax: this.opts.pgRowsMax };
    const loaded = await source.loadToday(day, limits, this.deps.board);
    if (loaded === null) this.deps.log.warn({}, 'order tables absent: today\'s orders come from order.changed events only');
    else if (loaded.truncated) this.deps.log.warn({ ...loaded, ...limits }, 'not every tenant\'s orders of today were read at start; the rest show from their next change');
    return loaded;
  }

  /** Every stock cell of the namespace, at most cellsMax. */
  private async loadCells(): Promise<{ cells: number; cellsTruncated: boolean }> {
    const loaded = await this.deps.hot.loadCells(this.opts.cellsMax, this.opts.scanCount, this.deps.board);
    if (loaded.cellsTruncated) {
      this.deps.log.error({ cellsMax: this.opts.cellsMax }, 'more stock cells in Redis than the aggregator loads; the board misses some until they change');
    }
    return { cells: loaded.cells, cellsTruncated: loaded.cellsTruncated };
  }

  // ---- events ----------------------------------------------------------------------------------

  private onMessage(m: JsMsg): void {
    this.lastSeq = m.seq;
    const subject = m.subject;
    // `<ns>.<tenant>.<stock|payment|order>.<event>`: the type is known before decoding.
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
      const found = await (this.deps.readDrift ?? ((t) => this.deps.hot.readDrift(t, this.opts.scanCount)))(tenants);
      for (const [tenant, drift] of found) this.deps.board.setDrift(tenant, drift);
    } catch (err) {
      this.deps.log.warn({ err: errorText(err) }, 'reconcile drift not read');
    } finally {
      this.driftRunning = false;
      this.scheduleDrift(this.opts.driftPollMs);
    }
  }
}

const isNotFound = (err: unknown): boolean =>
  err instanceof JetStreamApiError && (err.code === 10059 || err.code === 10014);

// ---- metrics ---------------------------------------------------------------------------------------

interface AggregatorMetrics {
  readonly events: Counter;
  readonly lag: Histogram;
  readonly errors: Counter<'where'>;
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
  if (existing('pallet_board_orders_tracked') === undefined) {
    new Gauge({ ...r, name: 'pallet_board_orders_tracked', help: 'Today\'s orders the dashboard board tracks one by one (all tenants)', collect() { this.set(board.stats().ordersTracked); } });
  }
  return { events, lag, errors: wsErrorsCounter(registry) };
}
