// Coalescing and slow clients. A hot SKU changing 1,000 times reaches a
// dashboard as at most one frame per coalescing window, the last one with the
// final value (how many windows the changes span depends on the machine's
// speed, so the test bounds frames by windows elapsed, not by a number). A
// client that stops reading first loses delta frames (counted, never more than
// the buffer bound queued), then is closed with 4008; one that catches up in
// time gets a fresh snapshot instead of the frames it lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../src/app/board/board.ts';
import type { StockData } from '../../src/app/board/board.types.ts';
import { systemClock } from '../../src/app/clock.port.ts';
import type { Frame } from '../../src/adapters/ws/frames.codec.ts';
import { Fanout } from '../../src/adapters/ws/ws.server.ts';
import { CloseCode, dashboardPath, type FanoutOptions } from '../../src/adapters/ws/ws.options.ts';
import { Opcode, RawWsClient } from '../../bench/ws-fanout/raw-client.ts';
import { createWsHarness, deltasOf, type TenantFixture, type WsHarness } from './harness.ts';

let h: WsHarness;
let t: TenantFixture;
const fanouts: Fanout[] = [];
const raws: RawWsClient[] = [];

beforeAll(async () => {
  h = await createWsHarness('bp');
  t = await h.tenant({ skus: ['hot', 'cold'], stock: [{ warehouse: 'A', sku: 'hot', onHand: 10_000 }, { warehouse: 'A', sku: 'cold', onHand: 5 }] });
}, 60_000);

afterAll(async () => {
  for (const r of raws) r.destroy();
  for (const f of fanouts) await f.close();
  await h?.close();
}, 60_000);

describe('coalescing', () => {
  it('sends 1,000 changes of one SKU as at most one frame per coalescing window, the last one with the final value', async () => {
    const coalesceMs = 500;
    const role = await h.startWs({ fanout: { coalesceMs } });
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    c.subscribe('stock.sku.hot');
    const snap = await c.snapshot('stock.sku.hot');
    const n = 1_000;
    const startedAt = Date.now();
    const ids: Promise<string>[] = [];
    for (let i = 0; i < n; i++) ids.push(h.reserve(t.id, 'hot', 1));
    await Promise.all(ids);
    const last = await c.waitFor((x) => deltasOf(x, 'stock.sku.hot').find((f) => (f.data as StockData).cells[0]?.reserved === n), 20_000, 'reserved 1,000');
    const elapsedMs = Date.now() - startedAt;
    const deltas = deltasOf(c, 'stock.sku.hot');
    // Speed-independent bounds: the leading-edge frame plus at most one per window that passed while the changes
    // arrived (a slow machine spreads them over more windows), and far fewer frames than changes: each frame
    // after the first carries every change of its window.
    expect(deltas.length).toBeLessThanOrEqual(1 + Math.ceil(elapsedMs / coalesceMs));
    expect(deltas.length).toBeLessThan(n);
    const reserved = [snap, ...deltas].map((f) => (f.data as StockData).cells[0]?.reserved ?? 0);
    const reservedSteps = deltas.map((_, i) => reserved[i + 1]! - reserved[i]!);
    expect(Math.max(...reservedSteps), 'some frame coalesced several changes').toBeGreaterThan(1);
    expect(deltas.map((f) => f.seq)).toEqual(deltas.map((_, i) => snap.seq + 1 + i));
    expect(deltas.at(-1)).toBe(last);
    const cell = (last.data as StockData).cells[0]!;
    const redis = (await h.rt.engine.readCells(t.id, [{ warehouse: 'A', sku: 'hot' }]))[0]!;
    expect(cell).toMatchObject({ reserved: n, available: 10_000 - n, version: redis.version });
    // Frames went out at most once per window (leading edge, then every 500 ms at most).
    for (let i = 1; i < deltas.length; i++) expect(deltas[i]!.at - deltas[i - 1]!.at).toBeGreaterThanOrEqual(coalesceMs - 10);
  });
});

/** A fanout over its own board (no aggregator): the test changes the board directly. */
async function fanoutOn(opts: Partial<FanoutOptions>): Promise<{ board: Board; fanout: Fanout; port: number }> {
  const board = new Board(systemClock);
  const fanout = new Fanout({ board, keys: h.keys, tokens: h.tokens, catalog: null, clock: systemClock, log: h.rt.log },
    { host: '127.0.0.1', port: 0, ...opts });
  fanouts.push(fanout);
  return { board, fanout, port: await fanout.listen() };
}

/** Changes `cells` cells of the board every `everyMs` until stopped; each delta is then ~170 bytes per cell. */
function pump(board: Board, tenant: string, cells: number, everyMs: number): { stop(): void } {
  let v = 0;
  const timer = setInterval(() => {
    v++;
    for (let i = 0; i < cells; i++) {
      board.applyCell(tenant, { warehouse: 'A', sku: `sku-${String(i).padStart(4, '0')}`, onHand: 1_000_000, reserved: v, committed: 0, version: v, at: Date.now() });
    }
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}

interface RawLog { readonly frames: Frame[]; closeCode: number | null; closeReason: string }

async function rawClient(port: number, tenant: string): Promise<{ client: RawWsClient; log: RawLog }> {
  const log: RawLog = { frames: [], closeCode: null, closeReason: '' };
  const client = await RawWsClient.connect({
    host: '127.0.0.1', port, path: `${dashboardPath}?token=${encodeURIComponent(h.tokens.issue(tenant).token)}`,
    onFrame: (f) => {
      if (f.opcode === Opcode.TEXT) log.frames.push(JSON.parse(f.payload.toString('utf8')) as Frame);
      if (f.opcode === Opcode.CLOSE) {
        log.closeCode = f.payload.readUInt16BE(0);
        log.closeReason = f.payload.subarray(2).toString('utf8');
      }
    },
  });
  raws.push(client);
  return { client, log };
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('slow clients', () => {
  it('drops deltas for a client that stops reading, counts them, then closes it with 4008', async () => {
    const bufferedBytesMax = 64 * 1024;
    const { board, fanout, port } = await fanoutOn({ bufferedBytesMax, laggingMsMax: 500, coalesceMs: 10 });
    const { client, log } = await rawClient(port, t.id);
    client.sendText(JSON.stringify({ op: 'subscribe', topic: 'stock.all' }));
    await until(() => log.frames.some((f) => f.type === 'snapshot'), 5_000, 'snapshot');
    client.pause();
    const p = pump(board, t.id, 200, 10);
    try {
      await until(() => fanout.stats().closedSlow >= 1, 30_000, 'the slow client to be closed');
    } finally {
      p.stop();
    }
    const stats = fanout.stats();
    expect(stats.framesDropped).toBeGreaterThan(0);
    expect(stats.connections).toBe(0);
    client.resume();
    await until(() => log.closeCode !== null, 10_000, 'the close frame');
    expect(log.closeCode).toBe(CloseCode.SLOW_CONSUMER);
    expect(log.closeReason).toContain('slow consumer');
    const snap = log.frames[0]!;
    const deltas = log.frames.filter((f) => f.type === 'delta');
    expect(snap.type).toBe('snapshot');
    // What arrived is contiguous; what was dropped never arrived: the board is ahead of the last frame.
    expect(deltas.map((f) => f.seq)).toEqual(deltas.map((_, i) => snap.seq + 1 + i));
    expect(board.snapshot(t.id, { name: 'stock.all', kind: 'stockAll' }).seq).toBeGreaterThan(deltas.at(-1)?.seq ?? snap.seq);
    // Reconnecting resyncs: a snapshot of the current state.
    const again = await h.connect(port, h.tokens.issue(t.id).token);
    again.subscribe('stock.all');
    const fresh = await again.snapshot('stock.all');
    expect(fresh.seq).toBe(board.seqOf(t.id, { name: 'stock.all', kind: 'stockAll' }));
    expect((fresh.data as StockData).cells).toHaveLength(200);
  });

  it('sends a fresh snapshot to a client that catches up before the lagging limit, then deltas again', async () => {
    const { board, fanout, port } = await fanoutOn({ bufferedBytesMax: 64 * 1024, laggingMsMax: 60_000, coalesceMs: 10 });
    const { client, log } = await rawClient(port, t.id);
    client.sendText(JSON.stringify({ op: 'subscribe', topic: 'stock.all' }));
    await until(() => log.frames.some((f) => f.type === 'snapshot'), 5_000, 'snapshot');
    client.pause();
    const p = pump(board, t.id, 200, 10);
    try {
      await until(() => fanout.stats().framesDropped > 0, 30_000, 'dropped frames');
      client.resume();
      await until(() => log.frames.filter((f) => f.type === 'snapshot').length >= 2, 10_000, 'the resync snapshot');
      const resync = log.frames.filter((f) => f.type === 'snapshot')[1]!;
      await until(() => log.frames.some((f) => f.type === 'delta' && f.seq === resync.seq + 1), 10_000, 'deltas after the resync');
    } finally {
      p.stop();
    }
    const frames = log.frames;
    const second = frames.findIndex((f, i) => i > 0 && f.type === 'snapshot');
    const before = frames.slice(1, second);
    expect(before.map((f) => f.seq)).toEqual(before.map((_, i) => frames[0]!.seq + 1 + i));
    // At least the dropped delta's sequence: the snapshot is the state after it.
    expect(frames[second]!.seq).toBeGreaterThan(before.at(-1)?.seq ?? frames[0]!.seq);
    expect((frames[second]!.data as StockData).cells).toHaveLength(200);
    expect(fanout.stats().closedSlow).toBe(0);
    expect(client.isClosed).toBe(false);
  });
});

describe('heartbeats', () => {
  it('closes a peer that stops answering pings after the idle timeout, and keeps one that answers', async () => {
    const { fanout, port } = await fanoutOn({ idleTimeoutSeconds: 8 });
    const { client: dead } = await rawClient(port, t.id);
    const alive = await h.connect(port, h.tokens.issue(t.id).token);
    await until(() => fanout.stats().connections === 2, 5_000, 'two connections');
    // A dead peer: nothing read, so no pong goes back (the raw client answers pings only as it reads them).
    dead.pause();
    await until(() => fanout.stats().connections === 1, 25_000, 'the dead peer to be closed');
    expect(alive.closed).toBeNull();
    alive.send({ op: 'ping' });
    await alive.waitFor((c) => (c.frames.some((f) => f.type === 'pong') ? true : undefined), 5_000, 'pong');
  }, 40_000);
});
