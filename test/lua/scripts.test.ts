// The stock Lua scripts against the real Redis: every return code of every
// script, called directly through runScript and through RedisStockEngine.
// One random namespace for the file (deleted in afterAll), one tenant per test.
// After each test, every cell of the test's tenant must equal the replay of
// its outbox events (tests that corrupt counters on purpose opt out).

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Code, runScript, type ScriptName, type ScriptReply } from '../../src/adapters/redis/scripts.ts';
import type { ReserveCommand } from '../../src/app/stock.port.ts';
import { createHarness, dumpKeys, type KeyDump } from '../helpers/redis.ts';
import {
  cellName, lastStreamId, postState, readCells, readCounters, readOutbox, replayLedger, zeroCounters, type Counters, type OutboxEvent,
} from '../helpers/outbox.ts';

const h = createHarness('lua', { connections: 2 });
const T = 1_700_000_000_000;
const ttlMs = 60_000;
let seq = 0;
const ledgerTenants = new Set<string>();

afterEach(async () => {
  const tenants = [...ledgerTenants];
  ledgerTenants.clear();
  for (const tenant of tenants) await expectLedgerMatches(tenant);
});
afterAll(() => h.close());

function newTenant(): string {
  const tenant = `ten${++seq}`;
  ledgerTenants.add(tenant);
  return tenant;
}

const uid = (p: string): string => `${p}${++seq}`;

// ---------------------------------------------------------------- direct script calls

interface ReserveArgs {
  resId: string;
  idem?: string;
  fp?: string;
  now?: number;
  exp?: number;
  catVer?: number;
  split?: boolean;
  whs: string[];
  demand: [string, number | string][];
  outboxMax?: number;
}

function reserveCall(tenant: string, a: ReserveArgs): { keys: string[]; args: (string | number)[] } {
  const k = h.keys(tenant);
  const keys = [k.outbox, k.expiry, k.catalogVersion, k.idempotency(a.idem ?? a.resId), k.reservation(a.resId)];
  for (const wh of a.whs) for (const [sku] of a.demand) keys.push(k.cell(wh, sku));
  const now = a.now ?? T;
  const args: (string | number)[] = [
    a.resId, now, a.exp ?? now + ttlMs, a.catVer ?? 0, a.fp ?? 'fp', 3_600, a.outboxMax ?? 1_000_000, a.split ? 1 : 0,
    a.whs.length, a.demand.length, ...a.whs,
  ];
  for (const [sku, qty] of a.demand) args.push(sku, qty);
  return { keys, args };
}

function reserveDirect(tenant: string, a: ReserveArgs, edit?: (keys: string[], args: (string | number)[]) => void): Promise<ScriptReply> {
  const { keys, args } = reserveCall(tenant, a);
  edit?.(keys, args);
  return runScript(h.redis(), 'reserveStock', keys, args);
}

type TransitionScript = 'confirmReservation' | 'releaseReservation' | 'fulfilReservation' | 'expireReservation';

/** Runs a transition script; the cell keys come from the reservation unless given. */
async function transitionDirect(
  script: TransitionScript, tenant: string, resId: string, now: number, opts: { cells?: string[]; outboxMax?: number } = {},
): Promise<ScriptReply> {
  const k = h.keys(tenant);
  let cells = opts.cells;
  if (cells === undefined) {
    const alloc = await h.redis().hget(k.reservation(resId), 'alloc');
    cells = alloc === null ? [] : (JSON.parse(alloc) as [string, string][]).map(([wh, sku]) => k.cell(wh, sku));
  }
  return runScript(h.redis(), script, [k.outbox, k.expiry, k.reservation(resId), ...cells], [resId, now, opts.outboxMax ?? 1_000_000, 3_600]);
}

interface StockArgs {
  wh: string;
  sku: string;
  eventId?: string;
  opKey?: string;
  fp?: string;
  outboxMax?: number;
  onHandMax?: number;
}

function stockKeys(tenant: string, a: StockArgs, opKey: string): string[] {
  const k = h.keys(tenant);
  return [k.outbox, k.cell(a.wh, a.sku), k.operation(opKey)];
}

function setDirect(tenant: string, a: StockArgs & { onHand: number | string; safety?: number | string; inTransit?: number | string }): Promise<ScriptReply> {
  const opKey = a.opKey ?? uid('op');
  return runScript(h.redis(), 'setStock', stockKeys(tenant, a, opKey), [
    a.eventId ?? uid('ev'), T, a.outboxMax ?? 1_000_000, a.onHand, a.safety ?? '', a.inTransit ?? '', 'count',
    a.wh, a.sku, a.fp ?? 'fp', 3_600, a.onHandMax ?? 1_000_000,
  ]);
}

function adjustDirect(tenant: string, a: StockArgs & { delta: number | string }): Promise<ScriptReply> {
  const opKey = a.opKey ?? uid('op');
  return runScript(h.redis(), 'adjustStock', stockKeys(tenant, a, opKey), [
    a.eventId ?? uid('ev'), T, a.outboxMax ?? 1_000_000, a.delta, 'receiving', a.wh, a.sku, a.fp ?? 'fp', 3_600, a.onHandMax ?? 1_000_000,
  ]);
}

// ---------------------------------------------------------------- setup through the engine

async function stock(tenant: string, wh: string, sku: string, onHand: number): Promise<void> {
  const out = await h.engine.setStock(tenant, {
    warehouse: wh, sku, eventId: uid('ev'), operationKey: uid('op'), fingerprint: 'fp', reason: 'init', nowMs: T,
  }, { onHand });
  expect(out.kind).toBe('written');
}

function reserveCmd(resId: string, whs: string[], demand: [string, number][], more: Partial<ReserveCommand> = {}): ReserveCommand {
  return {
    reservationId: resId, idempotencyKey: resId, fingerprint: 'fp', nowMs: T, expiresAtMs: T + ttlMs, catalogVersion: 0,
    allowSplit: false, warehouses: whs, demand: demand.map(([sku, qty]) => ({ sku, qty })), ...more,
  };
}

async function held(tenant: string, resId: string, whs: string[], demand: [string, number][], more: Partial<ReserveCommand> = {}): Promise<void> {
  const out = await h.engine.reserve(tenant, reserveCmd(resId, whs, demand, more));
  expect(out.kind).toBe('reserved');
}

async function confirmed(tenant: string, resId: string, whs: string[], demand: [string, number][]): Promise<void> {
  await held(tenant, resId, whs, demand);
  expect(await h.engine.transition(tenant, 'confirm', resId, T)).toEqual({ kind: 'done' });
}

// ---------------------------------------------------------------- observation

const cellSnapshot = (tenant: string): Promise<Map<string, Counters>> => readCells(h.redis(), h.keys(tenant));

async function counters(tenant: string, wh: string, sku: string): Promise<Counters> {
  return readCounters(h.redis(), h.keys(tenant), wh, sku);
}

/** Runs fn and checks that no key of the namespace changed (values, TTL presence, outbox entries). */
async function expectNothingWritten<T>(fn: () => Promise<T>, what = 'the namespace'): Promise<T> {
  const pattern = `${h.namespace}:*`;
  const before = await dumpKeys(h.redis(), pattern);
  const result = await fn();
  expect(await dumpKeys(h.redis(), pattern), `${what} is unchanged`).toEqual(before);
  return result;
}

/**
 * Runs fn and checks that it appended exactly one outbox event of this type and
 * id, whose cells report deltas from the previous counters to post-states equal
 * to the counters now in Redis (version + 1), and that no other cell changed.
 */
async function expectOneEvent<T>(tenant: string, want: { type: string; id: string }, fn: () => Promise<T>): Promise<{ result: T; event: OutboxEvent }> {
  const k = h.keys(tenant);
  const last = await lastStreamId(h.redis(), k);
  const before = await cellSnapshot(tenant);
  const result = await fn();
  const events = await readOutbox(h.redis(), k, last);
  expect(events.map((e) => [e.type, e.id])).toEqual([[want.type, want.id]]);
  const event = events[0]!;
  const after = await cellSnapshot(tenant);
  const touched = new Set<string>();
  for (const t of event.data.cells) {
    const name = cellName(t[0], t[1]);
    expect(touched.has(name), `cell ${name} twice in one event`).toBe(false);
    touched.add(name);
    const pre = before.get(name) ?? zeroCounters();
    const now = after.get(name);
    expect(postState(t), `post-state of ${name}`).toEqual(now);
    expect({ onHand: pre.onHand + t[2], reserved: pre.reserved + t[3], committed: pre.committed + t[4], v: pre.v + 1 }).toEqual(now);
  }
  for (const [name, c] of after) if (!touched.has(name)) expect(c, `untouched cell ${name}`).toEqual(before.get(name));
  return { result, event };
}

async function expectLedgerMatches(tenant: string): Promise<void> {
  const ledger = replayLedger(await readOutbox(h.redis(), h.keys(tenant)));
  expect(await cellSnapshot(tenant), `cells of ${tenant} = replay of its outbox`).toEqual(ledger);
}

const withoutKey = (d: KeyDump, key: string): KeyDump => Object.fromEntries(Object.entries(d).filter(([k]) => k !== key));

const status = async (tenant: string, resId: string): Promise<string | null> => h.redis().hget(h.keys(tenant).reservation(resId), 'st');
const indexed = async (tenant: string, resId: string): Promise<boolean> => (await h.redis().zscore(h.keys(tenant).expiry, resId)) !== null;
const outboxLength = (tenant: string): Promise<number> => h.redis().xlen(h.keys(tenant).outbox);

/** Lowers a counter behind the scripts' back, so the next move would break an invariant. */
async function corrupt(tenant: string, wh: string, sku: string, field: 'reserved' | 'committed', value: number): Promise<void> {
  ledgerTenants.delete(tenant);
  await h.redis().hset(h.keys(tenant).cell(wh, sku), field, value);
}

// ---------------------------------------------------------------- reserveStock

describe('reserveStock', () => {
  it('reserves exactly the available quantity and writes nothing at all for available + 1', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    const short = await expectNothingWritten(() => reserveDirect(t, { resId: 'r1', whs: ['A'], demand: [['s1', 6]] }));
    expect(short).toEqual([Code.INSUFFICIENT, 0, 1, 's1', 6, 5]);
    const { result, event } = await expectOneEvent(t, { type: 'reserved', id: 'r2:reserved' },
      () => reserveDirect(t, { resId: 'r2', whs: ['A'], demand: [['s1', 5]] }));
    expect(result).toEqual([Code.OK, 1, 'A', 's1', 5]);
    expect(event.data).toMatchObject({ res: 'r2', exp: T + ttlMs });
    expect(event.agg).toBe('r2');
    expect(event.ts).toBe(T);
    expect(await counters(t, 'A', 's1')).toEqual({ onHand: 5, reserved: 5, committed: 0, v: 2 });
    expect(await status(t, 'r2')).toBe('held');
    expect(await h.redis().zscore(h.keys(t).expiry, 'r2')).toBe(String(T + ttlMs));
    expect(await status(t, 'r1')).toBeNull();
    const none = await expectNothingWritten(() => reserveDirect(t, { resId: 'r3', whs: ['A'], demand: [['s1', 1]] }));
    expect(none).toEqual([Code.INSUFFICIENT, 0, 1, 's1', 1, 0]);
  });

  it('counts reserved and committed units as unavailable', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await confirmed(t, 'c1', ['A'], [['s1', 4]]);
    await held(t, 'h1', ['A'], [['s1', 3]]);
    const out = await expectNothingWritten(() => h.engine.reserve(t, reserveCmd('r1', ['A'], [['s1', 4]])));
    expect(out).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: { lines: [{ sku: 's1', requested: 4, available: 3 }], split: false } } });
    expect(await h.engine.reserve(t, reserveCmd('r2', ['A'], [['s1', 3]]))).toEqual({ kind: 'reserved', allocations: [{ warehouse: 'A', sku: 's1', qty: 3 }] });
    expect(await counters(t, 'A', 's1')).toEqual({ onHand: 10, reserved: 6, committed: 4, v: 5 });
  });

  it('reserves every component of a multi-component cart in one step with one event', async () => {
    const t = newTenant();
    for (const sku of ['s1', 's2', 's3']) await stock(t, 'A', sku, 4);
    const { result, event } = await expectOneEvent(t, { type: 'reserved', id: 'r1:reserved' },
      () => h.engine.reserve(t, reserveCmd('r1', ['A'], [['s1', 1], ['s2', 4], ['s3', 2]])));
    expect(result).toEqual({ kind: 'reserved', allocations: [
      { warehouse: 'A', sku: 's1', qty: 1 }, { warehouse: 'A', sku: 's2', qty: 4 }, { warehouse: 'A', sku: 's3', qty: 2 },
    ] });
    expect(event.data.cells.map((c) => c.slice(0, 5))).toEqual([['A', 's1', 0, 1, 0], ['A', 's2', 0, 4, 0], ['A', 's3', 0, 2, 0]]);
    expect(await h.engine.getReservation(t, 'r1')).toMatchObject({ status: 'held', createdAtMs: T, expiresAtMs: T + ttlMs });
  });

  it('reserves nothing when one component of the cart is short (all or nothing)', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await stock(t, 'A', 's2', 1);
    await stock(t, 'A', 's3', 10);
    const out = await expectNothingWritten(() => h.engine.reserve(t, reserveCmd('r1', ['A'], [['s1', 3], ['s2', 2], ['s3', 3]])));
    expect(out).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: { lines: [{ sku: 's2', requested: 2, available: 1 }] } } });
    const direct = await expectNothingWritten(() => reserveDirect(t, { resId: 'r2', whs: ['A'], demand: [['s1', 3], ['s2', 2], ['s3', 3]] }));
    expect(direct).toEqual([Code.INSUFFICIENT, 0, 3, 's1', 3, 10, 's2', 2, 1, 's3', 3, 10]);
  });

  it('takes the whole cart from the first warehouse in rank order that holds it, even when split is allowed', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 2);
    for (const wh of ['B', 'C']) { await stock(t, wh, 's1', 5); await stock(t, wh, 's2', 5); }
    await stock(t, 'A', 's2', 5);
    const first = await h.engine.reserve(t, reserveCmd('r1', ['A', 'B', 'C'], [['s1', 4], ['s2', 1]], { allowSplit: true }));
    expect(first).toEqual({ kind: 'reserved', allocations: [{ warehouse: 'B', sku: 's1', qty: 4 }, { warehouse: 'B', sku: 's2', qty: 1 }] });
    const second = await h.engine.reserve(t, reserveCmd('r2', ['A', 'C', 'B'], [['s1', 4]], { allowSplit: true }));
    expect(second).toEqual({ kind: 'reserved', allocations: [{ warehouse: 'C', sku: 's1', qty: 4 }] });
    expect(await counters(t, 'A', 's1')).toMatchObject({ reserved: 0 });
  });

  it('splits greedily along the ranking when allowed and no warehouse holds the whole cart', async () => {
    const t = newTenant();
    const levels: [string, string, number][] = [['A', 's1', 2], ['A', 's2', 0], ['B', 's1', 1], ['B', 's2', 3], ['C', 's1', 5], ['C', 's2', 1]];
    for (const [wh, sku, n] of levels) await stock(t, wh, sku, n);
    const { result, event } = await expectOneEvent(t, { type: 'reserved', id: 'r1:reserved' },
      () => reserveDirect(t, { resId: 'r1', whs: ['A', 'B', 'C'], split: true, demand: [['s1', 6], ['s2', 4]] }));
    expect(result).toEqual([Code.OK, 5, 'A', 's1', 2, 'B', 's1', 1, 'B', 's2', 3, 'C', 's1', 3, 'C', 's2', 1]);
    expect(event.data.cells.map((c) => c.slice(0, 4))).toEqual([['A', 's1', 0, 2], ['B', 's1', 0, 1], ['B', 's2', 0, 3], ['C', 's1', 0, 3], ['C', 's2', 0, 1]]);
    const alloc = JSON.parse((await h.redis().hget(h.keys(t).reservation('r1'), 'alloc'))!) as unknown;
    expect(alloc).toEqual([['A', 's1', 2], ['B', 's1', 1], ['B', 's2', 3], ['C', 's1', 3], ['C', 's2', 1]]);
  });

  it('refuses a cart no single warehouse holds without allowSplit, and a split cart the warehouses together cannot hold', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 3);
    await stock(t, 'B', 's1', 2);
    await stock(t, 'A', 's2', 0);
    await stock(t, 'B', 's2', 5);
    const single = await expectNothingWritten(() => reserveDirect(t, { resId: 'r1', whs: ['A', 'B'], demand: [['s1', 4]] }));
    expect(single).toEqual([Code.INSUFFICIENT, 0, 1, 's1', 4, 3]);
    const nowhere = await expectNothingWritten(() => h.engine.reserve(t, reserveCmd('r2', ['A', 'B'], [['s1', 3], ['s2', 1]])));
    // each component fits somewhere, but no warehouse holds both: every line is listed, with the hint to split
    expect(nowhere).toMatchObject({ kind: 'error', error: { code: 'STOCK_INSUFFICIENT', extra: { split: false, lines: [
      { sku: 's1', requested: 3, available: 3 }, { sku: 's2', requested: 1, available: 5 },
    ] } } });
    const split = await expectNothingWritten(() => reserveDirect(t, { resId: 'r3', whs: ['A', 'B'], split: true, demand: [['s1', 6], ['s2', 1]] }));
    expect(split).toEqual([Code.INSUFFICIENT, 1, 2, 's1', 6, 5, 's2', 1, 5]);
    expect(await h.engine.reserve(t, reserveCmd('r4', ['A', 'B'], [['s1', 5]], { allowSplit: true }))).toMatchObject({ kind: 'reserved' });
  });

  it('replays the same idempotency key and fingerprint with the first reservation id and no second effect', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await held(t, 'r1', ['A'], [['s1', 3]], { idempotencyKey: 'k1', fingerprint: 'f1' });
    const again = await expectNothingWritten(() => h.engine.reserve(t, reserveCmd('r2', ['A'], [['s1', 3]], { idempotencyKey: 'k1', fingerprint: 'f1' })));
    expect(again).toEqual({ kind: 'replay', reservationId: 'r1' });
    const direct = await expectNothingWritten(() => reserveDirect(t, { resId: 'r3', idem: 'k1', fp: 'f1', whs: ['A'], demand: [['s1', 3]] }));
    expect(direct).toEqual([Code.ALREADY, 'r1']);
    expect(await counters(t, 'A', 's1')).toMatchObject({ reserved: 3 });
  });

  it('refuses an idempotency key reused with another fingerprint, writing nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await held(t, 'r1', ['A'], [['s1', 3]], { idempotencyKey: 'k1', fingerprint: 'f1' });
    const out = await expectNothingWritten(() => h.engine.reserve(t, reserveCmd('r2', ['A'], [['s1', 3]], { idempotencyKey: 'k1', fingerprint: 'f2' })));
    expect(out).toMatchObject({ kind: 'error', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await reserveDirect(t, { resId: 'r3', idem: 'k1', fp: 'f2', whs: ['A'], demand: [['s1', 1]] })).toEqual([Code.IDEMPOTENCY_REUSED]);
  });

  it('refuses a caller whose catalog version is older than the published one and accepts an equal or newer one', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    expect(await h.engine.publishCatalogVersion(t, 5)).toBe(5);
    const stale = await expectNothingWritten(() => h.engine.reserve(t, reserveCmd('r1', ['A'], [['s1', 1]], { catalogVersion: 4 })));
    expect(stale).toEqual({ kind: 'catalogStale', version: 5 });
    expect(await reserveDirect(t, { resId: 'r2', catVer: 0, whs: ['A'], demand: [['s1', 1]] })).toEqual([Code.CATALOG_STALE, 5]);
    await held(t, 'r3', ['A'], [['s1', 1]], { catalogVersion: 5 });
    await held(t, 'r4', ['A'], [['s1', 1]], { catalogVersion: 6 });
    expect(await counters(t, 'A', 's1')).toMatchObject({ reserved: 2 });
  });

  it('refuses with OVERLOADED when the outbox is full, writing nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    const tiny = h.engineWith({ outboxLengthMax: (await outboxLength(t)) + 1 });
    expect(await tiny.reserve(t, reserveCmd('r1', ['A'], [['s1', 1]]))).toMatchObject({ kind: 'reserved' });
    const full = await expectNothingWritten(() => tiny.reserve(t, reserveCmd('r2', ['A'], [['s1', 1]])));
    expect(full).toMatchObject({ kind: 'error', error: { code: 'OVERLOADED' } });
    expect(await reserveDirect(t, { resId: 'r3', outboxMax: 2, whs: ['A'], demand: [['s1', 1]] })).toEqual([Code.OUTBOX_FULL]);
  });

  it('answers BAD_ARG to malformed calls and writes nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await stock(t, 'B', 's1', 10);
    await stock(t, 'A', 's2', 10);
    await held(t, 'r0', ['A'], [['s1', 1]]);
    const bad: [string, ReserveArgs, ((keys: string[], args: (string | number)[]) => void)?][] = [
      ['one cell key missing', { resId: 'r1', whs: ['A'], demand: [['s1', 1]] }, (keys) => { keys.pop(); }],
      ['one argument missing', { resId: 'r1', whs: ['A'], demand: [['s1', 1]] }, (_, args) => { args.pop(); }],
      ['no warehouse', { resId: 'r1', whs: [], demand: [['s1', 1]] }],
      ['no component', { resId: 'r1', whs: ['A'], demand: [] }],
      ['qty 0', { resId: 'r1', whs: ['A'], demand: [['s1', 0]] }],
      ['qty not a number', { resId: 'r1', whs: ['A'], demand: [['s1', 'x']] }],
      ['qty not an integer', { resId: 'r1', whs: ['A'], demand: [['s1', 1.5]] }],
      ['now not a number', { resId: 'r1', whs: ['A'], demand: [['s1', 1]] }, (_, args) => { args[1] = 'soon'; }],
      ['warehouse listed twice', { resId: 'r1', whs: ['A', 'A'], split: true, demand: [['s1', 12]] }],
      ['sku listed twice', { resId: 'r1', whs: ['A'], demand: [['s1', 6], ['s1', 6]] }],
    ];
    for (const [what, a, edit] of bad) {
      const reply = await expectNothingWritten(() => reserveDirect(t, a, edit), what);
      expect.soft(reply[0], what).toBe(Code.BAD_ARG);
      expect.soft(typeof reply[1], what).toBe('string');
    }
    await expect(h.engine.reserve(t, reserveCmd('r9', ['A'], [['s1', 0]]))).rejects.toThrow(/unexpected script reply/);
  });

  it('answers KEYS_MISMATCH when a cell key is not the cell of its warehouse and sku, and writes nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await stock(t, 'B', 's1', 10);
    await stock(t, 'A', 's2', 10);
    const k = h.keys(t);
    const wrong: [string, (keys: string[]) => void][] = [
      ['another warehouse', (keys) => { keys[5] = k.cell('B', 's1'); }],
      ['another sku', (keys) => { keys[5] = k.cell('A', 's2'); }],
      ['another tenant', (keys) => { keys[5] = h.keys('other').cell('A', 's1'); }],
      ['cells swapped', (keys) => { [keys[5], keys[6]] = [keys[6]!, keys[5]!]; }],
    ];
    for (const [what, edit] of wrong) {
      const reply = await expectNothingWritten(() => reserveDirect(t, { resId: 'r1', whs: ['A'], demand: [['s1', 1], ['s2', 1]] }, edit), what);
      expect.soft(reply, what).toEqual([Code.KEYS_MISMATCH]);
    }
  });
});

// ---------------------------------------------------------------- confirmReservation

describe('confirmReservation', () => {
  it('moves a held reservation from reserved to committed with one confirmed event', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await stock(t, 'B', 's2', 5);
    await held(t, 'r1', ['A', 'B'], [['s1', 2], ['s2', 3]], { allowSplit: true });
    const { result, event } = await expectOneEvent(t, { type: 'confirmed', id: 'r1:confirmed' },
      () => transitionDirect('confirmReservation', t, 'r1', T + 1));
    expect(result).toEqual([Code.OK]);
    expect(event.data.cells.map((c) => c.slice(0, 5))).toEqual([['A', 's1', 0, -2, 2], ['B', 's2', 0, -3, 3]]);
    expect(await status(t, 'r1')).toBe('confirmed');
    expect(await indexed(t, 'r1')).toBe(false);
    expect(await counters(t, 'B', 's2')).toEqual({ onHand: 5, reserved: 0, committed: 3, v: 3 });
  });

  it('answers ALREADY to a second confirm and NOT_FOUND to an unknown reservation, writing nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await confirmed(t, 'r1', ['A'], [['s1', 2]]);
    expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'r1', T))).toEqual([Code.ALREADY]);
    expect(await h.engine.transition(t, 'confirm', 'r1', T)).toEqual({ kind: 'already' });
    expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'nope', T))).toEqual([Code.NOT_FOUND]);
    expect(await h.engine.transition(t, 'confirm', 'nope', T)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_NOT_FOUND' } });
  });

  it('confirms one millisecond before expiry and, at expiry, expires instead: stock back to available, never confirmed', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'early', ['A'], [['s1', 2]], { expiresAtMs: T + 100 });
    await held(t, 'late', ['A'], [['s1', 3]], { expiresAtMs: T + 100 });
    await expectOneEvent(t, { type: 'confirmed', id: 'early:confirmed' }, () => h.engine.transition(t, 'confirm', 'early', T + 99));
    const { result, event } = await expectOneEvent(t, { type: 'expired', id: 'late:expired' },
      () => h.engine.transition(t, 'confirm', 'late', T + 100));
    expect(result).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_EXPIRED' } });
    expect(event.data).toMatchObject({ res: 'late' });
    expect(await status(t, 'late')).toBe('expired');
    expect(await indexed(t, 'late')).toBe(false);
    expect(await counters(t, 'A', 's1')).toMatchObject({ onHand: 5, reserved: 0, committed: 2 });
    expect((await readOutbox(h.redis(), h.keys(t))).filter((e) => e.id === 'late:confirmed')).toEqual([]);
    // asking again changes nothing and still says expired
    expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'late', T + 100))).toEqual([Code.EXPIRED]);
    expect(await h.redis().ttl(h.keys(t).reservation('late'))).toBeGreaterThan(0);
  });

  it('answers RELEASED and FULFILLED for finished reservations, writing nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'rel', ['A'], [['s1', 1]]);
    expect(await h.engine.transition(t, 'release', 'rel', T)).toEqual({ kind: 'done' });
    await confirmed(t, 'ful', ['A'], [['s1', 1]]);
    expect(await h.engine.transition(t, 'fulfil', 'ful', T)).toEqual({ kind: 'done' });
    expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'rel', T))).toEqual([Code.RELEASED]);
    expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'ful', T))).toEqual([Code.FULFILLED]);
    expect(await h.engine.transition(t, 'confirm', 'rel', T)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_RELEASED' } });
    expect(await h.engine.transition(t, 'confirm', 'ful', T)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_FULFILLED' } });
  });

  it('answers OVERLOADED when the outbox is full, even for a due reservation, writing nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 1]]);
    const tiny = h.engineWith({ outboxLengthMax: await outboxLength(t) });
    expect(await expectNothingWritten(() => tiny.transition(t, 'confirm', 'r1', T))).toMatchObject({ kind: 'error', error: { code: 'OVERLOADED' } });
    expect(await expectNothingWritten(() => tiny.transition(t, 'confirm', 'r1', T + ttlMs))).toMatchObject({ kind: 'error', error: { code: 'OVERLOADED' } });
    expect(await transitionDirect('confirmReservation', t, 'r1', T, { outboxMax: 2 })).toEqual([Code.OUTBOX_FULL]);
    expect(await status(t, 'r1')).toBe('held');
  });

  it('answers KEYS_MISMATCH for cell keys that are not the reservation\'s, and CORRUPT when a move would break an invariant', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await stock(t, 'B', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 2]]);
    const k = h.keys(t);
    for (const cells of [[k.cell('B', 's1')], [], [k.cell('A', 's1'), k.cell('B', 's1')]]) {
      expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'r1', T, { cells }))).toEqual([Code.KEYS_MISMATCH]);
    }
    await corrupt(t, 'A', 's1', 'reserved', 1);
    expect(await expectNothingWritten(() => transitionDirect('confirmReservation', t, 'r1', T))).toEqual([Code.CORRUPT]);
    await expect(h.engine.transition(t, 'confirm', 'r1', T)).rejects.toThrow(/unexpected script reply/);
  });
});

// ---------------------------------------------------------------- releaseReservation

describe('releaseReservation', () => {
  it('releases a held reservation: reserved back to available, one released event from held', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 4]]);
    const { result, event } = await expectOneEvent(t, { type: 'released', id: 'r1:released' }, () => h.engine.transition(t, 'release', 'r1', T));
    expect(result).toEqual({ kind: 'done' });
    expect(event.data).toMatchObject({ res: 'r1', from: 'held' });
    expect(await counters(t, 'A', 's1')).toMatchObject({ onHand: 5, reserved: 0, committed: 0 });
    expect(await status(t, 'r1')).toBe('released');
    expect(await indexed(t, 'r1')).toBe(false);
    expect(await h.redis().ttl(h.keys(t).reservation('r1'))).toBeGreaterThan(0);
  });

  it('releases a confirmed reservation: committed back to available, one released event from confirmed', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await confirmed(t, 'r1', ['A'], [['s1', 4]]);
    const { result, event } = await expectOneEvent(t, { type: 'released', id: 'r1:released' },
      () => transitionDirect('releaseReservation', t, 'r1', T + ttlMs * 2));
    expect(result).toEqual([Code.OK]);
    expect(event.data).toMatchObject({ from: 'confirmed' });
    expect(event.data.cells.map((c) => c.slice(0, 5))).toEqual([['A', 's1', 0, 0, -4]]);
    expect(await counters(t, 'A', 's1')).toMatchObject({ onHand: 5, reserved: 0, committed: 0 });
    await held(t, 'r2', ['A'], [['s1', 5]]);
  });

  it('answers ALREADY, NOT_FOUND, EXPIRED and FULFILLED without writing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'rel', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'release', 'rel', T);
    await held(t, 'exp', ['A'], [['s1', 1]]);
    expect(await h.engine.sweep(t, T + ttlMs, 10)).toBe(1);
    await confirmed(t, 'ful', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'fulfil', 'ful', T);
    const cases: [string, number, string][] = [['rel', Code.ALREADY, 'already'], ['nope', Code.NOT_FOUND, 'RESERVATION_NOT_FOUND'],
      ['exp', Code.EXPIRED, 'RESERVATION_EXPIRED'], ['ful', Code.FULFILLED, 'RESERVATION_FULFILLED']];
    for (const [id, code, outcome] of cases) {
      expect(await expectNothingWritten(() => transitionDirect('releaseReservation', t, id, T)), id).toEqual([code]);
      const viaEngine = await expectNothingWritten(() => h.engine.transition(t, 'release', id, T));
      expect(viaEngine.kind === 'error' ? viaEngine.error.code : viaEngine.kind, id).toBe(outcome);
    }
  });

  it('expires instead of releasing a held reservation past its expiry', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 2]]);
    const { result } = await expectOneEvent(t, { type: 'expired', id: 'r1:expired' }, () => transitionDirect('releaseReservation', t, 'r1', T + ttlMs));
    expect(result).toEqual([Code.EXPIRED]);
    expect(await status(t, 'r1')).toBe('expired');
    expect(await counters(t, 'A', 's1')).toMatchObject({ reserved: 0 });
  });

  it('answers OVERLOADED, KEYS_MISMATCH and CORRUPT without writing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await confirmed(t, 'r1', ['A'], [['s1', 2]]);
    const tiny = h.engineWith({ outboxLengthMax: await outboxLength(t) });
    expect(await expectNothingWritten(() => tiny.transition(t, 'release', 'r1', T))).toMatchObject({ kind: 'error', error: { code: 'OVERLOADED' } });
    expect(await expectNothingWritten(() => transitionDirect('releaseReservation', t, 'r1', T, { outboxMax: 1 }))).toEqual([Code.OUTBOX_FULL]);
    expect(await expectNothingWritten(() => transitionDirect('releaseReservation', t, 'r1', T, { cells: [h.keys(t).cell('A', 's2')] }))).toEqual([Code.KEYS_MISMATCH]);
    await corrupt(t, 'A', 's1', 'committed', 1);
    expect(await expectNothingWritten(() => transitionDirect('releaseReservation', t, 'r1', T))).toEqual([Code.CORRUPT]);
  });
});

// ---------------------------------------------------------------- fulfilReservation

describe('fulfilReservation', () => {
  it('fulfils a confirmed reservation: onHand and committed both decrease, one fulfilled event', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await stock(t, 'A', 's2', 5);
    await confirmed(t, 'r1', ['A'], [['s1', 2], ['s2', 5]]);
    const { result, event } = await expectOneEvent(t, { type: 'fulfilled', id: 'r1:fulfilled' }, () => h.engine.transition(t, 'fulfil', 'r1', T + ttlMs * 2));
    expect(result).toEqual({ kind: 'done' });
    expect(event.data.cells.map((c) => c.slice(0, 8))).toEqual([['A', 's1', -2, 0, -2, 3, 0, 0], ['A', 's2', -5, 0, -5, 0, 0, 0]]);
    expect(await status(t, 'r1')).toBe('fulfilled');
    expect(await h.redis().ttl(h.keys(t).reservation('r1'))).toBeGreaterThan(0);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'r1', T))).toEqual([Code.ALREADY]);
    expect(await h.engine.transition(t, 'fulfil', 'r1', T)).toEqual({ kind: 'already' });
  });

  it('answers NOT_CONFIRMED for a held reservation before expiry and expires it at expiry', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 2]]);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'r1', T + ttlMs - 1))).toEqual([Code.NOT_CONFIRMED]);
    expect(await h.engine.transition(t, 'fulfil', 'r1', T)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_NOT_CONFIRMED' } });
    const { result } = await expectOneEvent(t, { type: 'expired', id: 'r1:expired' }, () => h.engine.transition(t, 'fulfil', 'r1', T + ttlMs));
    expect(result).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_EXPIRED' } });
    expect(await counters(t, 'A', 's1')).toMatchObject({ onHand: 5, reserved: 0, committed: 0 });
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'r1', T + ttlMs))).toEqual([Code.EXPIRED]);
  });

  it('answers RELEASED, NOT_FOUND, OVERLOADED, KEYS_MISMATCH and CORRUPT without writing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'rel', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'release', 'rel', T);
    await confirmed(t, 'r1', ['A'], [['s1', 2]]);
    await held(t, 'due', ['A'], [['s1', 1]]);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'rel', T))).toEqual([Code.RELEASED]);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'nope', T))).toEqual([Code.NOT_FOUND]);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'r1', T, { outboxMax: 1 }))).toEqual([Code.OUTBOX_FULL]);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'due', T + ttlMs, { outboxMax: 1 }))).toEqual([Code.OUTBOX_FULL]);
    const tiny = h.engineWith({ outboxLengthMax: await outboxLength(t) });
    expect(await tiny.transition(t, 'fulfil', 'r1', T)).toMatchObject({ kind: 'error', error: { code: 'OVERLOADED' } });
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'r1', T, { cells: [] }))).toEqual([Code.KEYS_MISMATCH]);
    await corrupt(t, 'A', 's1', 'committed', 0);
    expect(await expectNothingWritten(() => transitionDirect('fulfilReservation', t, 'r1', T))).toEqual([Code.CORRUPT]);
  });
});

// ---------------------------------------------------------------- expireReservation

describe('expireReservation', () => {
  it('expires a held reservation at its expiry, not one millisecond before', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 3]]);
    expect(await expectNothingWritten(() => transitionDirect('expireReservation', t, 'r1', T + ttlMs - 1))).toEqual([Code.NOT_DUE]);
    expect(await h.engine.transition(t, 'expire', 'r1', T + ttlMs - 1)).toEqual({ kind: 'notDue' });
    const { result, event } = await expectOneEvent(t, { type: 'expired', id: 'r1:expired' }, () => transitionDirect('expireReservation', t, 'r1', T + ttlMs));
    expect(result).toEqual([Code.OK]);
    expect(event.data.cells.map((c) => c.slice(0, 5))).toEqual([['A', 's1', 0, -3, 0]]);
    expect(await status(t, 'r1')).toBe('expired');
    expect(await indexed(t, 'r1')).toBe(false);
  });

  it('removes the index entry of a reservation that is gone or no longer held, writing nothing else', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    const k = h.keys(t);
    await held(t, 'conf', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'confirm', 'conf', T);
    await held(t, 'rel', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'release', 'rel', T);
    await held(t, 'exp', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'expire', 'exp', T + ttlMs);
    await held(t, 'ful', ['A'], [['s1', 1]]);
    await h.engine.transition(t, 'confirm', 'ful', T);
    await h.engine.transition(t, 'fulfil', 'ful', T);
    const cases: [string, number][] = [['gone', Code.NOT_FOUND], ['conf', Code.CONFIRMED], ['rel', Code.RELEASED], ['exp', Code.EXPIRED], ['ful', Code.FULFILLED]];
    for (const [id, code] of cases) {
      await h.redis().zadd(k.expiry, T, id);
      const before = await dumpKeys(h.redis(), `${h.namespace}:*`);
      expect(await transitionDirect('expireReservation', t, id, T + ttlMs), id).toEqual([code]);
      const after = await dumpKeys(h.redis(), `${h.namespace}:*`);
      expect(await indexed(t, id), id).toBe(false);
      expect(withoutKey(after, k.expiry), id).toEqual(withoutKey(before, k.expiry));
    }
    expect(await h.engine.transition(t, 'expire', 'conf', T + ttlMs)).toMatchObject({ kind: 'error', error: { code: 'RESERVATION_CONFIRMED' } });
  });

  it('answers OVERLOADED, KEYS_MISMATCH and CORRUPT without writing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    await held(t, 'r1', ['A'], [['s1', 2]]);
    expect(await expectNothingWritten(() => transitionDirect('expireReservation', t, 'r1', T + ttlMs, { outboxMax: 2 }))).toEqual([Code.OUTBOX_FULL]);
    expect(await expectNothingWritten(() => transitionDirect('expireReservation', t, 'r1', T + ttlMs, { cells: [h.keys(t).cell('B', 's1')] }))).toEqual([Code.KEYS_MISMATCH]);
    await corrupt(t, 'A', 's1', 'reserved', 0);
    expect(await expectNothingWritten(() => transitionDirect('expireReservation', t, 'r1', T + ttlMs))).toEqual([Code.CORRUPT]);
    expect(await indexed(t, 'r1')).toBe(true);
  });
});

// ---------------------------------------------------------------- setStock / adjustStock

describe('setStock', () => {
  it('sets onHand and the side tiers, returns the cell and emits one set event', async () => {
    const t = newTenant();
    const { result, event } = await expectOneEvent(t, { type: 'set', id: 'ev-set-1' },
      () => setDirect(t, { wh: 'A', sku: 's1', onHand: 7, safety: 2, inTransit: 3, eventId: 'ev-set-1' }));
    expect(result).toEqual([Code.OK, 7, 0, 0, 3, 2, 1]);
    expect(event.agg).toBe('A/s1');
    expect(event.data).toMatchObject({ wh: 'A', sku: 's1', reason: 'count', inTransit: 3, safetyStock: 2, cells: [['A', 's1', 7, 0, 0, 7, 0, 0, 1]] });
    // '' keeps the side tiers
    const kept = await h.engine.setStock(t, { warehouse: 'A', sku: 's1', eventId: 'ev-set-2', operationKey: 'o2', fingerprint: 'f', reason: 'count', nowMs: T }, { onHand: 4 });
    expect(kept).toEqual({ kind: 'written', cell: { onHand: 4, reserved: 0, committed: 0, inTransit: 3, safetyStock: 2, version: 2 } });
    expect((await h.engine.readCells(t, [{ warehouse: 'A', sku: 's1' }]))[0]).toEqual({ onHand: 4, reserved: 0, committed: 0, inTransit: 3, safetyStock: 2, version: 2 });
  });

  it('replays the same operation key and fingerprint and refuses it with another fingerprint, writing nothing', async () => {
    const t = newTenant();
    expect((await setDirect(t, { wh: 'A', sku: 's1', onHand: 7, opKey: 'k1', fp: 'f1' }))[0]).toBe(Code.OK);
    expect(await expectNothingWritten(() => setDirect(t, { wh: 'A', sku: 's1', onHand: 7, opKey: 'k1', fp: 'f1' }))).toEqual([Code.ALREADY]);
    expect(await expectNothingWritten(() => setDirect(t, { wh: 'A', sku: 's1', onHand: 9, opKey: 'k1', fp: 'f2' }))).toEqual([Code.IDEMPOTENCY_REUSED]);
    const w = { warehouse: 'A', sku: 's1', eventId: 'e', operationKey: 'k1', reason: 'count', nowMs: T };
    expect(await h.engine.setStock(t, { ...w, fingerprint: 'f1' }, { onHand: 7 })).toEqual({ kind: 'replay' });
    expect(await h.engine.setStock(t, { ...w, fingerprint: 'f2' }, { onHand: 7 })).toMatchObject({ kind: 'error', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('refuses an onHand below reserved + committed, accepts exactly reserved + committed', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await confirmed(t, 'c1', ['A'], [['s1', 3]]);
    await held(t, 'h1', ['A'], [['s1', 4]]);
    expect(await expectNothingWritten(() => setDirect(t, { wh: 'A', sku: 's1', onHand: 6 }))).toEqual([Code.INVARIANT, 4, 3]);
    const out = await h.engine.setStock(t, { warehouse: 'A', sku: 's1', eventId: 'e1', operationKey: 'o1', fingerprint: 'f', reason: 'count', nowMs: T }, { onHand: 0 });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'STOCK_INVARIANT', extra: { reserved: 4, committed: 3 } } });
    await expectOneEvent(t, { type: 'set', id: 'e2' }, () => setDirect(t, { wh: 'A', sku: 's1', onHand: 7, eventId: 'e2' }));
    expect(await counters(t, 'A', 's1')).toMatchObject({ onHand: 7, reserved: 4, committed: 3 });
  });

  it('answers BAD_ARG to an onHand or tier that is negative, fractional, not a number or above the max, and OVERLOADED to a full outbox', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 1);
    const bad: [string, Parameters<typeof setDirect>[1]][] = [
      ['negative', { wh: 'A', sku: 's1', onHand: -1 }], ['fractional', { wh: 'A', sku: 's1', onHand: 1.5 }],
      ['not a number', { wh: 'A', sku: 's1', onHand: 'x' }], ['above max', { wh: 'A', sku: 's1', onHand: 101, onHandMax: 100 }],
      ['safetyStock negative', { wh: 'A', sku: 's1', onHand: 1, safety: -1 }], ['safetyStock fractional', { wh: 'A', sku: 's1', onHand: 1, safety: 1.5 }],
      ['inTransit fractional', { wh: 'A', sku: 's1', onHand: 1, inTransit: 0.5 }], ['inTransit not a number', { wh: 'A', sku: 's1', onHand: 1, inTransit: 'x' }],
      ['inTransit above max', { wh: 'A', sku: 's1', onHand: 1, inTransit: 101, onHandMax: 100 }],
    ];
    for (const [what, a] of bad) expect((await expectNothingWritten(() => setDirect(t, a), what))[0], what).toBe(Code.BAD_ARG);
    expect(await expectNothingWritten(() => setDirect(t, { wh: 'A', sku: 's1', onHand: 100, onHandMax: 100, outboxMax: 1 }))).toEqual([Code.OUTBOX_FULL]);
    await expectOneEvent(t, { type: 'set', id: 'max' }, () => setDirect(t, { wh: 'A', sku: 's1', onHand: 100, onHandMax: 100, eventId: 'max' }));
    const tiny = h.engineWith({ outboxLengthMax: await outboxLength(t) });
    const full = await tiny.setStock(t, { warehouse: 'A', sku: 's1', eventId: 'e', operationKey: 'o', fingerprint: 'f', reason: 'r', nowMs: T }, { onHand: 3 });
    expect(full).toMatchObject({ kind: 'error', error: { code: 'OVERLOADED' } });
  });
});

describe('adjustStock', () => {
  it('adds and removes units, returns the cell and emits one adjusted event per change', async () => {
    const t = newTenant();
    const { result, event } = await expectOneEvent(t, { type: 'adjusted', id: 'a1' }, () => adjustDirect(t, { wh: 'A', sku: 's1', delta: 8, eventId: 'a1' }));
    expect(result).toEqual([Code.OK, 8, 0, 0, 0, 0, 1]);
    expect(event.data).toMatchObject({ wh: 'A', sku: 's1', reason: 'receiving', cells: [['A', 's1', 8, 0, 0, 8, 0, 0, 1]] });
    const w = { warehouse: 'A', sku: 's1', eventId: 'a2', operationKey: 'o2', fingerprint: 'f', reason: 'damaged', nowMs: T };
    const { result: out } = await expectOneEvent(t, { type: 'adjusted', id: 'a2' }, () => h.engine.adjustStock(t, w, -3));
    expect(out).toEqual({ kind: 'written', cell: { onHand: 5, reserved: 0, committed: 0, inTransit: 0, safetyStock: 0, version: 2 } });
    expect(await expectNothingWritten(() => h.engine.adjustStock(t, w, -3))).toEqual({ kind: 'replay' });
    expect(await expectNothingWritten(() => h.engine.adjustStock(t, { ...w, fingerprint: 'g' }, -3))).toMatchObject({ kind: 'error', error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await adjustDirect(t, { wh: 'A', sku: 's1', delta: 1, opKey: 'o2', fp: 'g' })).toEqual([Code.IDEMPOTENCY_REUSED]);
    expect(await adjustDirect(t, { wh: 'A', sku: 's1', delta: 1, opKey: 'o2', fp: 'f' })).toEqual([Code.ALREADY]);
  });

  it('refuses a result below reserved + committed or above the max, accepts exactly reserved + committed', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 10);
    await confirmed(t, 'c1', ['A'], [['s1', 2]]);
    await held(t, 'h1', ['A'], [['s1', 3]]);
    expect(await expectNothingWritten(() => adjustDirect(t, { wh: 'A', sku: 's1', delta: -6 }))).toEqual([Code.INVARIANT, 3, 2, 10]);
    expect(await expectNothingWritten(() => adjustDirect(t, { wh: 'A', sku: 's1', delta: 91, onHandMax: 100 }))).toEqual([Code.INVARIANT, 3, 2, 10]);
    const w = { warehouse: 'A', sku: 's1', eventId: 'x', operationKey: 'ox', fingerprint: 'f', reason: 'count', nowMs: T };
    expect(await h.engine.adjustStock(t, w, -100)).toMatchObject({ kind: 'error', error: { code: 'STOCK_INVARIANT', extra: { reserved: 3, committed: 2 } } });
    await expectOneEvent(t, { type: 'adjusted', id: 'down' }, () => adjustDirect(t, { wh: 'A', sku: 's1', delta: -5, eventId: 'down' }));
    await expectOneEvent(t, { type: 'adjusted', id: 'up' }, () => adjustDirect(t, { wh: 'A', sku: 's1', delta: 95, onHandMax: 100, eventId: 'up' }));
    expect(await counters(t, 'A', 's1')).toMatchObject({ onHand: 100, reserved: 3, committed: 2 });
  });

  it('answers BAD_ARG to a zero, fractional or non-numeric delta and OVERLOADED to a full outbox, writing nothing', async () => {
    const t = newTenant();
    await stock(t, 'A', 's1', 5);
    for (const delta of [0, 1.5, 'x', '']) {
      expect(await expectNothingWritten(() => adjustDirect(t, { wh: 'A', sku: 's1', delta })), String(delta)).toEqual([Code.BAD_ARG, 'delta']);
    }
    expect(await expectNothingWritten(() => adjustDirect(t, { wh: 'A', sku: 's1', delta: 1, outboxMax: 1 }))).toEqual([Code.OUTBOX_FULL]);
  });
});

describe('bumpCatalogVersion', () => {
  it('raises the catalog version, never lowers it, and returns the version now stored', async () => {
    const t = newTenant();
    const key = h.keys(t).catalogVersion;
    const bump = async (v: number): Promise<ScriptReply> => runScript(h.redis(), 'bumpCatalogVersion' satisfies ScriptName, [key], [v]);
    expect(await h.engine.catalogVersion(t)).toBe(0);
    expect(await bump(3)).toBe(3);
    expect(await bump(2)).toBe(3);
    expect(await h.engine.publishCatalogVersion(t, 3)).toBe(3);
    expect(await h.engine.publishCatalogVersion(t, 7)).toBe(7);
    expect(await h.redis().get(key)).toBe('7');
    expect(await h.engine.catalogVersion(t)).toBe(7);
    expect(await outboxLength(t)).toBe(0);
  });
});
