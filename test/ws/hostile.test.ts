// What a dashboard client may send cannot stop or wedge the server: every
// inherited property name of Object.prototype, numbers, objects, very long
// strings and NUL as a topic (subscribe and unsubscribe), and odd ops, each
// get an error frame; afterwards the server still answers a valid subscribe on
// the same and on a new connection, no promise rejection went unhandled, and
// nothing unexpected was caught. A failure inside the server while answering a
// subscribe is caught too: an INTERNAL error frame, counted, and the server
// keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../src/app/board/board.ts';
import type { OrdersData, TopicState } from '../../src/app/board/board.types.ts';
import type { Topic } from '../../src/app/board/topics.ts';
import { systemClock } from '../../src/app/clock.port.ts';
import { createMetrics } from '../../src/adapters/metrics/metrics.ts';
import { Fanout } from '../../src/adapters/ws/ws.server.ts';
import type { WsRole } from '../../src/roles/fanout.role.ts';
import { createWsHarness, type TenantFixture, type WsHarness } from './harness.ts';

let h: WsHarness;
let role: WsRole;
let t: TenantFixture;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  h = await createWsHarness('hostile');
  t = await h.tenant({ skus: ['tea'], stock: [{ warehouse: 'A', sku: 'tea', onHand: 5 }] });
  // A high subscribe rate: this test sends many valid SKU topics named like inherited properties.
  role = await h.startWs({ fanout: { coalesceMs: 10, subscribesPerSecondMax: 1_000, subscriptionsPerConnectionMax: 1_000 } });
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h?.close();
}, 60_000);

const inherited = [...new Set([
  ...Object.getOwnPropertyNames(Object.prototype), '__proto__',
  ...Object.getOwnPropertyNames(Function.prototype), ...Object.getOwnPropertyNames(Array.prototype).filter((n) => n !== 'length'),
])];
const oddTopics: unknown[] = [
  42, 0, -1, 1.5, 1e308, null, true, false, {}, [], { toString: 'stock.all' }, ['stock.all'], { __proto__: null },
  'x'.repeat(3_500), '\u0000', 'orders.today\u0000', 'stock.sku.\u0000', '\u0000stock.all', 'stock.sku.tea\u0000',
  `stock.sku.${'a'.repeat(65)}`, 'stock.sku.', 'stock.', 'STOCK.ALL', ' stock.all', 'stock.all ', '\ud800', '💥',
];
const errorCodes = (frames: { type: string; data: unknown }[]): string[] =>
  frames.filter((f) => f.type === 'error').map((f) => (f.data as { code: string }).code);

describe('hostile control messages', () => {
  it('answers every inherited property name and odd value as a topic with an error frame, then still serves', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    let sent = 0;
    for (const op of ['subscribe', 'unsubscribe']) {
      for (const topic of [...inherited, ...oddTopics]) {
        c.send(JSON.stringify({ op, topic }));
        sent++;
      }
    }
    for (const raw of ['{"op":"constructor"}', '{"op":"__proto__"}', '{"op":"toString","topic":"stock.all"}', '{"__proto__":{"op":"subscribe","topic":"stock.all"}}',
      '{"constructor":{"op":"ping"}}', '[]', '"subscribe"', '123', 'null', '{"op":{"toString":"subscribe"},"topic":"stock.all"}', '\u0000']) {
      c.send(raw);
      sent++;
    }
    c.send({ op: 'ping' });
    await c.waitFor((x) => (x.frames.some((f) => f.type === 'pong') ? true : undefined), 10_000, 'pong');
    const codes = errorCodes(c.frames);
    expect(codes.length).toBe(sent);
    expect(new Set(codes)).toEqual(new Set(['UNKNOWN_TOPIC', 'BAD_MESSAGE']));
    expect(c.frames.filter((f) => f.type === 'snapshot')).toEqual([]);

    c.subscribe('orders.today');
    expect(((await c.snapshot('orders.today')).data as OrdersData).total).toBeGreaterThanOrEqual(0);
    const fresh = await h.connect(role, h.tokens.issue(t.id).token);
    fresh.subscribe('stock.all');
    await fresh.snapshot('stock.all');
    expect(c.closed).toBeNull();
    expect(role.fanout.stats().errors).toBe(0);
    expect(role.aggregator.stats().errors).toBe(0);
    expect(unhandled).toEqual([]);
  });

  it('serves SKU topics named like inherited properties as the (empty) SKUs they name', async () => {
    const c = await h.connect(role, h.tokens.issue(t.id).token);
    const names = inherited.filter((n) => /^[A-Za-z0-9._-]+$/.test(n));
    for (const n of names) c.subscribe(`stock.sku.${n}`);
    for (const n of names) expect((await c.snapshot(`stock.sku.${n}`)).data).toMatchObject({ cells: [] });
    expect(errorCodes(c.frames)).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

/** A board that fails to build one topic's snapshot: stands for any bug behind a subscribe. */
class BrokenBoard extends Board {
  override snapshot(tenant: string, topic: Topic): TopicState {
    if (topic.name === 'stock.low') throw new Error('broken on purpose');
    return super.snapshot(tenant, topic);
  }
}

describe('failures inside the server', () => {
  it('answers a subscribe that fails inside the server with INTERNAL, counts it, and keeps serving', async () => {
    const { registry } = createMetrics({ defaults: false });
    const fanout = new Fanout({ board: new BrokenBoard(systemClock), tokens: h.tokens, keys: h.keys, catalog: null, clock: systemClock, log: h.rt.log, registry },
      { host: '127.0.0.1', port: 0 });
    try {
      const port = await fanout.listen();
      const c = await h.connect(port, h.tokens.issue(t.id).token);
      c.subscribe('stock.low');
      const err = await c.waitFor((x) => x.frames.find((f) => f.type === 'error'), 5_000, 'error frame');
      expect(err).toMatchObject({ topic: 'stock.low', data: { code: 'INTERNAL' } });
      c.subscribe('orders.today');
      await c.snapshot('orders.today');
      expect(c.closed).toBeNull();
      expect(fanout.stats().errors).toBe(1);
      expect(await registry.getSingleMetricAsString('pallet_ws_errors_total')).toMatch(/pallet_ws_errors_total\{where="subscribe"\} 1\b/);
      expect(unhandled).toEqual([]);
    } finally {
      await fanout.close();
    }
  });
});
