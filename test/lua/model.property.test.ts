// Model-based property test of the Redis stock engine against the real Redis.
//
// fast-check generates (model.commands.ts) a world (2–3 warehouses, 3–4
// SKUs), some initial stock and a list of steps. A step is either a batch of
// 1–4 commands (reserve, confirm, release, fulfil, expire, set, adjust, bump
// catalog version) sent at once from several connections, or a sweep after
// the fake clock advanced (nowMs is always passed explicitly). The reference is the core: the
// reservation state machine (src/core/reservation.machine.ts), the warehouse
// choice (src/core/allocation.choice.ts) and the stock rules
// (src/core/stock.rules.ts) decide what each command must do; the model below
// only keeps the state they decide on and the events the outbox must show.
//
// Every script is atomic, so a concurrent batch must equal SOME serial order
// of its commands: the test tries every order (at most 4! = 24) on a copy of
// the model and accepts the batch only if one order reproduces every outcome,
// the exact outbox events in stream order, and the resulting state. A batch of
// one command is therefore checked for exact model equality; so is a sweep,
// taking the order of expiries from the outbox.
//
// After every step, from Redis alone: every counter >= 0, onHand >= reserved
// + committed, held quantities per cell = reserved, confirmed quantities per
// cell = committed, replaying every outbox event's deltas from zero = the
// counters (and the version); and against the model: cells, every
// reservation's status, the expiry index.
//
// The seed is printed; rerun a failure with FC_SEED=<seed> (and FC_RUNS=<n>).
// FC_RUNS_MIN runs (default 50, ~2 s on an idle 2-core machine) always run,
// however slow the machine: the time budget FC_TIME_LIMIT_MS (default 35 s)
// only skips the runs beyond them, and the test fails if fewer than the
// minimum completed. The summary line prints the seed and how many ran and
// how many were skipped.

import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReserveCommand, ReserveOutcome, StockWrite, StockWriteOutcome, Transition, TransitionOutcome } from '../../src/app/stock.port.ts';
import type { TenantKeys } from '../../src/adapters/redis/keys.ts';
import { chooseAllocation, insufficientError } from '../../src/core/allocation.choice.ts';
import { decideTransition, moveTiers, refusalCode, type Edge } from '../../src/core/reservation.machine.ts';
import { onHandFits } from '../../src/core/stock.rules.ts';
import type { ReservationStatus } from '../../src/core/stock.types.ts';
import { createHarness, deleteMatching } from '../helpers/redis.ts';
import {
  cellName, lastStreamId, readCells, readOutbox, readReservations, replayLedger, sumByCell, type CellTuple, type Counters, type OutboxEvent,
} from '../helpers/outbox.ts';
import { scenarioArb, type Cmd, type Reuse, type Scenario, type Step } from './model.commands.ts';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
const numRuns = Number(process.env.FC_RUNS ?? 100);
/** Runs that always complete, whatever the time budget (at most numRuns, for short replays). */
const runsMin = Math.min(numRuns, Number(process.env.FC_RUNS_MIN ?? 50));
/** Time budget for the runs beyond runsMin: on a loaded machine fewer of those run (printed below); the seed still replays them. */
const timeLimitMs = Number(process.env.FC_TIME_LIMIT_MS ?? 35_000);
const onHandMax = 20;
const h = createHarness('model', { connections: 4, engine: { onHandMax } });
// A scenario still running when the test times out: let it finish before cleanup.
let inFlight: Promise<void> = Promise.resolve();
afterAll(async () => {
  await inFlight.catch(() => undefined);
  await h.close();
});

const WAREHOUSES = ['A', 'B', 'C'];
const SKUS = ['s1', 's2', 's3', 's4'];
const T0 = 1_000_000;

// ---------------------------------------------------------------- concrete operations

type Op =
  | { op: 'reserve'; cmd: ReserveCommand }
  | { op: Transition; id: string }
  | { op: 'set'; w: StockWrite; onHand: number }
  | { op: 'adjust'; w: StockWrite; delta: number }
  | { op: 'bump'; version: number };

/** An outcome as compared: engine outcomes with the error reduced to its code (and the extra that carries data). */
type Outcome = unknown;

interface ModelEvent {
  id: string;
  type: string;
  cells: CellTuple[];
  res?: string;
  exp?: number;
  from?: string;
}

// ---------------------------------------------------------------- the model: state and events around the core's decisions

interface ModelReservation { status: ReservationStatus; exp: number; allocs: [string, string, number][] }
interface Model {
  cells: Map<string, Counters>;
  res: Map<string, ModelReservation>;
  idem: Map<string, { fp: string; resId: string }>;
  ops: Map<string, string>;
  catVer: number;
}

const newModel = (): Model => ({ cells: new Map(), res: new Map(), idem: new Map(), ops: new Map(), catVer: 0 });
const cellOf = (m: Model, wh: string, sku: string): Counters => m.cells.get(cellName(wh, sku)) ?? { onHand: 0, reserved: 0, committed: 0, v: 0 };
const err = (code: string, extra?: unknown): Outcome => (extra === undefined ? { kind: 'error', code } : { kind: 'error', code, extra });

function applyCell(m: Model, wh: string, sku: string, dOnHand: number, dReserved: number, dCommitted: number): CellTuple {
  const c = cellOf(m, wh, sku);
  const next = { onHand: c.onHand + dOnHand, reserved: c.reserved + dReserved, committed: c.committed + dCommitted, v: c.v + 1 };
  m.cells.set(cellName(wh, sku), next);
  return [wh, sku, dOnHand, dReserved, dCommitted, next.onHand, next.reserved, next.committed, next.v];
}

/** Applies one operation to the model; returns its outcome and the events it emits. */
function applyOp(m: Model, op: Op, now: number): { outcome: Outcome; events: ModelEvent[] } {
  switch (op.op) {
    case 'reserve': return reserveModel(m, op.cmd);
    case 'set': case 'adjust': return stockModel(m, op);
    case 'bump': m.catVer = Math.max(m.catVer, op.version); return { outcome: m.catVer, events: [] };
    default: return transitionModel(m, op.op, op.id, now);
  }
}

function reserveModel(m: Model, cmd: ReserveCommand): { outcome: Outcome; events: ModelEvent[] } {
  const seen = m.idem.get(cmd.idempotencyKey);
  if (seen) return { outcome: seen.fp === cmd.fingerprint ? { kind: 'replay', reservationId: seen.resId } : err('IDEMPOTENCY_KEY_REUSED'), events: [] };
  if (m.catVer > cmd.catalogVersion) return { outcome: { kind: 'catalogStale', version: m.catVer }, events: [] };
  const avail = cmd.warehouses.map((wh) => cmd.demand.map((d) => { const c = cellOf(m, wh, d.sku); return c.onHand - c.reserved - c.committed; }));
  const choice = chooseAllocation(cmd.warehouses, cmd.demand, avail, cmd.allowSplit);
  if (choice.kind === 'insufficient') {
    const e = insufficientError(choice.lines, choice.split);
    return { outcome: err(e.code, e.extra), events: [] };
  }
  const allocs = choice.allocations.map((a): [string, string, number] => [a.warehouse, a.sku, a.qty]);
  const cells = allocs.map(([wh, sku, q]) => applyCell(m, wh, sku, 0, q, 0));
  m.res.set(cmd.reservationId, { status: 'held', exp: cmd.expiresAtMs, allocs });
  m.idem.set(cmd.idempotencyKey, { fp: cmd.fingerprint, resId: cmd.reservationId });
  return {
    outcome: { kind: 'reserved', allocations: allocs.map(([warehouse, sku, qty]) => ({ warehouse, sku, qty })) },
    events: [{ id: `${cmd.reservationId}:reserved`, type: 'reserved', res: cmd.reservationId, exp: cmd.expiresAtMs, cells }],
  };
}

function transitionModel(m: Model, op: Transition, id: string, now: number): { outcome: Outcome; events: ModelEvent[] } {
  const r = m.res.get(id);
  if (!r) return { outcome: err('RESERVATION_NOT_FOUND'), events: [] };
  const d = decideTransition(op, { status: r.status, expiresAtMs: r.exp }, now);
  switch (d.kind) {
    case 'already': return { outcome: { kind: 'already' }, events: [] };
    case 'notDue': return { outcome: { kind: 'notDue' }, events: [] };
    case 'refused': return { outcome: err(refusalCode[d.status]), events: [] };
    case 'move': return { outcome: d.expiredInstead ? err('RESERVATION_EXPIRED') : { kind: 'done' }, events: [moveModel(m, id, r, d.edge)] };
  }
}

/** Moves every allocation along the edge; the event is named by the status reached (released ones say from where). */
function moveModel(m: Model, id: string, r: ModelReservation, edge: Edge): ModelEvent {
  for (const [wh, sku, q] of r.allocs) {
    if (moveTiers(cellOf(m, wh, sku), edge.move, q) === null) throw new Error(`model: ${edge.from} -> ${edge.to} of ${id} would corrupt ${wh}/${sku}`);
  }
  const cells = r.allocs.map(([wh, sku, q]) => applyCell(m, wh, sku, edge.move.onHand * q, edge.move.reserved * q, edge.move.committed * q));
  r.status = edge.to;
  const type = edge.to;
  return type === 'released' ? { id: `${id}:${type}`, type, res: id, from: edge.from, cells } : { id: `${id}:${type}`, type, res: id, cells };
}

function stockModel(m: Model, op: Extract<Op, { op: 'set' | 'adjust' }>): { outcome: Outcome; events: ModelEvent[] } {
  const { w } = op;
  const seenFp = m.ops.get(w.operationKey);
  if (seenFp !== undefined) return { outcome: seenFp === w.fingerprint ? { kind: 'replay' } : err('IDEMPOTENCY_KEY_REUSED'), events: [] };
  const c = cellOf(m, w.warehouse, w.sku);
  const onHand = op.op === 'set' ? op.onHand : c.onHand + op.delta;
  if (!onHandFits(c, onHand, onHandMax)) {
    return { outcome: err('STOCK_INVARIANT', { reserved: c.reserved, committed: c.committed }), events: [] };
  }
  const tuple = applyCell(m, w.warehouse, w.sku, onHand - c.onHand, 0, 0);
  m.ops.set(w.operationKey, w.fingerprint);
  return {
    outcome: { kind: 'written', cell: { onHand: tuple[5], reserved: tuple[6], committed: tuple[7], inTransit: 0, safetyStock: 0, version: tuple[8] } },
    events: [{ id: w.eventId, type: op.op === 'set' ? 'set' : 'adjusted', cells: [tuple] }],
  };
}

// ---------------------------------------------------------------- one run against Redis

const errorOutcome = (o: { kind: 'error'; error: { code: string; extra?: unknown } }): Outcome =>
  (o.error.code === 'STOCK_INSUFFICIENT' || o.error.code === 'STOCK_INVARIANT' ? err(o.error.code, o.error.extra) : err(o.error.code));

function normalize(o: ReserveOutcome | TransitionOutcome | StockWriteOutcome | number): Outcome {
  if (typeof o === 'number') return o;
  return o.kind === 'error' ? errorOutcome(o) : o;
}

function eventOf(e: OutboxEvent): ModelEvent {
  const out: ModelEvent = { id: e.id, type: e.type, cells: e.data.cells };
  if (e.data.res !== undefined) out.res = e.data.res;
  if (e.data.exp !== undefined) out.exp = e.data.exp;
  if (e.data.from !== undefined) out.from = e.data.from;
  return out;
}

/** Every order of n items, the given order first. */
function permutations(n: number): number[][] {
  const all = (k: number): number[][] => (k === 0 ? [[]] : all(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)])));
  return all(n).sort((a, b) => a.join().localeCompare(b.join()));
}

const stats = { steps: 0, concurrentBatches: 0, reordered: 0, swept: 0, outcomes: new Map<string, number>() };

class Run {
  readonly tenant: string;
  readonly keys: TenantKeys;
  model = newModel();
  now = T0;
  seq = 0;
  lastId: string | undefined = undefined;
  readonly events: OutboxEvent[] = [];
  readonly attempted: string[] = [];
  readonly idemKeys: { key: string; fp: string }[] = [];
  readonly opKeys: { key: string; fp: string }[] = [];

  constructor(runIndex: number, readonly whs: string[], readonly skus: string[]) {
    this.tenant = `p${runIndex}`;
    this.keys = h.keys(this.tenant);
  }

  private pickKey(list: { key: string; fp: string }[], reuse: Reuse, prefix: string): { key: string; fp: string } {
    const n = ++this.seq;
    if (reuse === null || list.length === 0) {
      const fresh = { key: `${prefix}${n}`, fp: `f${n}` };
      list.push(fresh);
      return fresh;
    }
    const old = list[reuse.pick % list.length]!;
    return { key: old.key, fp: reuse.sameFp ? old.fp : `x${n}` };
  }

  /** Turns generated commands into concrete operations; picks may name reservations created in the same batch. */
  resolve(cmds: Cmd[]): Op[] {
    const known = [...this.model.res.keys()];
    return cmds.map((c): Op => {
      switch (c.op) {
        case 'reserve': {
          const id = `r${++this.seq}`;
          const { key, fp } = this.pickKey(this.idemKeys, c.idem, 'k');
          const warehouses = [...new Set(c.rank.map((i) => this.whs[i % this.whs.length]!))];
          const demand = new Map<string, number>();
          for (const l of c.lines) { const sku = this.skus[l.sku % this.skus.length]!; demand.set(sku, (demand.get(sku) ?? 0) + l.qty); }
          known.push(id);
          this.attempted.push(id);
          return { op: 'reserve', cmd: {
            reservationId: id, idempotencyKey: key, fingerprint: fp, nowMs: this.now, expiresAtMs: this.now + c.ttlMs,
            catalogVersion: c.catVer, allowSplit: c.split, warehouses, demand: [...demand].map(([sku, qty]) => ({ sku, qty })),
          } };
        }
        case 'set': case 'adjust': {
          const { key, fp } = this.pickKey(this.opKeys, c.reuse, 'o');
          const w: StockWrite = {
            warehouse: this.whs[c.wh % this.whs.length]!, sku: this.skus[c.sku % this.skus.length]!,
            eventId: `e${++this.seq}`, operationKey: key, fingerprint: fp, reason: c.op, nowMs: this.now,
          };
          return c.op === 'set' ? { op: 'set', w, onHand: c.onHand } : { op: 'adjust', w, delta: c.delta };
        }
        case 'bump': return c;
        // mostly one of the five newest reservations (likely still live), sometimes one that never existed
        default: return { op: c.op, id: c.pick % 8 === 7 ? `ghost${++this.seq}` : known[known.length - 1 - (c.pick % Math.min(known.length, 5))] ?? `ghost${++this.seq}` };
      }
    });
  }

  async execute(op: Op): Promise<Outcome> {
    const e = h.engine;
    switch (op.op) {
      case 'reserve': return normalize(await e.reserve(this.tenant, op.cmd));
      case 'set': return normalize(await e.setStock(this.tenant, op.w, { onHand: op.onHand }));
      case 'adjust': return normalize(await e.adjustStock(this.tenant, op.w, op.delta));
      case 'bump': return normalize(await e.publishCatalogVersion(this.tenant, op.version));
      default: return normalize(await e.transition(this.tenant, op.op, op.id, this.now));
    }
  }

  async newEvents(): Promise<OutboxEvent[]> {
    const fresh = await readOutbox(h.redis(), this.keys, this.lastId);
    if (fresh.length > 0) this.lastId = fresh[fresh.length - 1]!.streamId;
    this.events.push(...fresh);
    return fresh;
  }

  /** Runs a batch at once and finds a serial order of it that the model agrees with. */
  async batch(cmds: Cmd[]): Promise<void> {
    const ops = this.resolve(cmds);
    const outcomes = await Promise.all(ops.map((op) => this.execute(op)));
    const events = (await this.newEvents()).map(eventOf);
    for (const o of outcomes) {
      const label = typeof o === 'number' ? 'bump' : (o as { code?: string }).code ?? (o as { kind: string }).kind;
      stats.outcomes.set(label, (stats.outcomes.get(label) ?? 0) + 1);
    }
    if (ops.length > 1) stats.concurrentBatches++;
    for (const order of permutations(ops.length)) {
      const m: Model = structuredClone(this.model);
      const predicted: Outcome[] = new Array(ops.length);
      const emitted: ModelEvent[] = [];
      for (const i of order) {
        const r = applyOp(m, ops[i]!, this.now);
        predicted[i] = r.outcome;
        emitted.push(...r.events);
      }
      if (isDeepStrictEqual(predicted, outcomes) && isDeepStrictEqual(emitted, events)) {
        if (order.some((v, i) => v !== i)) stats.reordered++;
        this.model = m;
        return;
      }
    }
    const m = structuredClone(this.model);
    const serial = ops.map((op) => applyOp(m, op, this.now));
    throw new Error(`no serial order of this batch matches the model at now=${this.now}:\n${JSON.stringify({
      ops, outcomes, events, modelInGivenOrder: serial,
    }, null, 1)}`);
  }

  /** Sweeps; the model expires the same due reservations, in the order the outbox shows. */
  async sweep(max: number): Promise<void> {
    const count = await h.engine.sweep(this.tenant, this.now, max);
    stats.swept += count;
    const events = (await this.newEvents()).map(eventOf);
    const due = [...this.model.res].filter(([, r]) => r.status === 'held' && r.exp <= this.now)
      .sort(([a, x], [b, y]) => x.exp - y.exp || (a < b ? -1 : a > b ? 1 : 0)).slice(0, max).map(([id]) => id);
    expect(count, 'sweep count').toBe(due.length);
    expect(events.map((e) => e.type)).toEqual(due.map(() => 'expired'));
    expect(events.map((e) => e.res).sort()).toEqual([...due].sort());
    for (const e of events) {
      const r = applyOp(this.model, { op: 'expire', id: e.res! }, this.now);
      expect(r.outcome).toEqual({ kind: 'done' });
      expect(r.events).toEqual([e]);
    }
  }

  /** Every invariant, from Redis alone and against the model. */
  async check(): Promise<void> {
    const r = h.redis();
    const cells = await readCells(r, this.keys);
    for (const [name, c] of cells) {
      expect(c.onHand >= 0 && c.reserved >= 0 && c.committed >= 0, `${name} counters >= 0: ${JSON.stringify(c)}`).toBe(true);
      expect(c.onHand, `${name} onHand >= reserved + committed`).toBeGreaterThanOrEqual(c.reserved + c.committed);
    }
    const records = await readReservations(r, this.keys, this.attempted);
    const held = sumByCell(records.values(), 'held');
    const confirmed = sumByCell(records.values(), 'confirmed');
    for (const [name, c] of cells) {
      expect(c.reserved, `${name} reserved = sum of held reservations`).toBe(held.get(name) ?? 0);
      expect(c.committed, `${name} committed = sum of confirmed reservations`).toBe(confirmed.get(name) ?? 0);
    }
    expect(cells, 'counters = replay of the outbox from zero').toEqual(replayLedger(this.events));
    expect(cells, 'counters = model').toEqual(new Map([...this.model.cells].sort(([a], [b]) => (a < b ? -1 : 1))));
    for (const id of this.attempted) {
      expect(records.get(id)?.st ?? null, `status of ${id}`).toBe(this.model.res.get(id)?.status ?? null);
    }
    const index = await r.zrange(this.keys.expiry, 0, -1, 'WITHSCORES');
    const modelIndex = [...this.model.res].filter(([, x]) => x.status === 'held').map(([id, x]) => [id, x.exp] as const);
    expect(new Map(Array.from({ length: index.length / 2 }, (_, i) => [index[2 * i]!, Number(index[2 * i + 1])]))).toEqual(new Map(modelIndex));
  }

  async step(s: Step): Promise<void> {
    this.now += s.advanceMs;
    stats.steps++;
    if (s.kind === 'sweep') await this.sweep(s.max);
    else await this.batch(s.cmds);
    await this.check();
  }
}

let runIndex = 0;
/**
 * The time budget, applied by the property itself (not by fast-check's
 * interruptAfterTimeLimit, which may stop after any number of runs, even one):
 * once runsMin scenarios completed and the budget is spent, the remaining ones
 * are skipped; never after a failure, so shrinking always runs.
 */
const budget = { startedAtMs: 0, completed: 0, skipped: 0, failed: false };

function runScenario(s: Scenario): Promise<void> {
  if (!budget.failed && budget.completed >= runsMin && performance.now() - budget.startedAtMs > timeLimitMs) {
    budget.skipped++;
    return Promise.resolve();
  }
  inFlight = runScenarioNow(s).then(() => { budget.completed++; }, (e: unknown) => { budget.failed = true; throw e; });
  return inFlight;
}

async function runScenarioNow(s: Scenario): Promise<void> {
  const run = new Run(++runIndex, WAREHOUSES.slice(0, s.warehouses), SKUS.slice(0, s.skus));
  try {
    expect(await lastStreamId(h.redis(), run.keys)).toBeUndefined();
    for (let wh = 0; wh < s.warehouses; wh++) {
      for (let sku = 0; sku < s.skus; sku++) {
        await run.step({ kind: 'batch', advanceMs: 0, cmds: [{ op: 'set', wh, sku, onHand: s.initial[wh * 4 + sku]!, reuse: null }] });
      }
    }
    for (const step of s.steps) await run.step(step);
  } finally {
    await deleteMatching(h.redis(), `${run.keys.prefix}*`);
  }
}

describe('stock engine model', () => {
  it('matches the model and keeps every invariant under concurrent batches of random commands', async () => {
    console.log(`model.property: seed=${seed} numRuns=${numRuns} runsMin=${runsMin} (rerun with FC_SEED=${seed} FC_RUNS=${numRuns})`);
    const started = performance.now();
    budget.startedAtMs = started;
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { seed, numRuns });
    console.log(`model.property: seed=${seed}: ${budget.completed} runs completed (minimum ${runsMin}), ${budget.skipped} skipped after the ${timeLimitMs} ms budget; `
      + `${stats.steps} steps, ${stats.concurrentBatches} concurrent batches ` +
      `(${stats.reordered} linearized only in another order), ${stats.swept} swept, in ${Math.round(performance.now() - started)} ms; outcomes ` +
      JSON.stringify(Object.fromEntries([...stats.outcomes].sort(([, a], [, b]) => b - a))));
    expect(budget.completed, `runs completed (seed ${seed})`).toBeGreaterThanOrEqual(runsMin);
    expect(budget.completed + budget.skipped).toBe(numRuns);
  }, 180_000);
});
