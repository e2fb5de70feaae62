// End to end: a real Pallet (every role, its own namespace, free ports) with
// the demo tenant, and the live board page in headless Chromium. Reservations
// made through the HTTP API must show on the page (Redis → relay → JetStream →
// aggregator → ws, coalesced) within a bounded wait. Screenshots go to
// test-artifacts/ (gitignored). Needs Chromium at /usr/bin/chromium
// (`bash ops/browser.sh` installs it) and Redis, NATS and PostgreSQL
// (`bash ops/services.sh`).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headers } from '@nats-io/nats-core';
import { encodeEnvelope, subjectOf } from '../../src/adapters/events/envelope.codec.ts';
import { deleteTopology, topology } from '../../src/adapters/nats/topology.ts';
import { namespacePattern } from '../../src/adapters/redis/keys.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo, type DemoKeys } from '../../src/demo/demo.seed.ts';
import { buildRuntime, runMigrations, serve, type Runtime } from '../../src/main.ts';
import { deleteMatching, scanKeys } from '../helpers/redis.ts';

const chromiumPath = '/usr/bin/chromium';
const artifacts = join(process.cwd(), 'test-artifacts');
const cell = 'wh-east/YD-2026';
const pipelineWaitMs = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Numbers {
  available: number; reserved: number; committed: number;
  total: number; pending: number; held: number; confirmed: number; completed: number;
}

/** The numbers the page shows, from its data attributes (raw integers, not the formatted text). */
async function readNumbers(page: Page): Promise<Numbers> {
  return page.evaluate((key) => {
    // Runs in the page (the project has no DOM typings).
    const document = (globalThis as any).document;
    const int = (el: any, attr: string): number => {
      const v = el?.getAttribute(attr);
      if (v === null || v === undefined || v === '') throw new Error(`missing ${attr}`);
      return Number(v);
    };
    const c = document.querySelector(`[data-cell="${key}"]`);
    const split = document.querySelector('[data-testid="orders-pending-split"]');
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    return {
      available: int(c, 'data-available'), reserved: int(c, 'data-reserved'), committed: int(c, 'data-committed'),
      total: int(q('orders-total'), 'data-value'), pending: int(q('orders-pending'), 'data-value'),
      completed: int(q('orders-completed'), 'data-value'),
      held: int(split, 'data-held'), confirmed: int(split, 'data-confirmed'),
    };
  }, cell);
}

/** Polls the page until `want` holds for its numbers; fails with the last numbers seen. */
async function waitNumbers(page: Page, want: (n: Numbers) => boolean, what: string, timeoutMs = pipelineWaitMs): Promise<{ n: Numbers; ms: number }> {
  const start = Date.now();
  let last: Numbers | string = 'nothing read';
  for (;;) {
    try {
      last = await readNumbers(page);
      if (want(last)) return { n: last, ms: Date.now() - start };
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`the board did not show ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live board in a browser (e2e)', () => {
  const namespace = `t_e2e_${randomBytes(5).toString('hex')}`;
  const adminKey = `op_${randomBytes(24).toString('base64url')}`;
  const keysDir = mkdtempSync(join(tmpdir(), 'pallet-e2e-'));
  let rt: Runtime | null = null;
  let server: { stop: () => Promise<void> } | null = null;
  let browser: Browser | null = null;
  let base = '';
  let keys: DemoKeys;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium is missing at ${chromiumPath}: run \`bash ops/browser.sh\` (it installs the chromium package), then rerun the e2e test.`);
    }
    const [httpPort, wsPort] = [await freePort(), await freePort()];
    const config = loadConfig({
      ...process.env, PALLET_NAMESPACE: namespace, PALLET_ADMIN_KEY: adminKey, PALLET_LOG_LEVEL: 'silent',
      PALLET_HTTP_HOST: '127.0.0.1', PALLET_HTTP_PORT: String(httpPort), PALLET_WS_PORT: String(wsPort),
    });
    rt = await buildRuntime(config);
    await runMigrations(rt);
    keys = (await seedDemo(rt, join(keysDir, 'demo-keys.json'))).keys;
    server = await serve(rt);
    base = `http://127.0.0.1:${httpPort}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    const errors: unknown[] = [];
    const step = async (f: () => Promise<unknown>) => { try { await f(); } catch (err) { errors.push(err); } };
    await step(async () => browser?.close());
    await step(async () => server?.stop());
    if (rt !== null) {
      const r = rt;
      await step(() => r.sql`drop schema if exists ${r.sql(namespace)} cascade`);
      await step(() => deleteMatching(r.redis.next(), namespacePattern(namespace)));
      await step(async () => deleteTopology(await r.nats.jsm(), namespace));
      await step(async () => {
        const left = await scanKeys(r.redis.next(), namespacePattern(namespace));
        if (left.length > 0) throw new Error(`namespace ${namespace} still has ${left.length} Redis keys`);
      });
      await step(() => r.close());
    }
    rmSync(keysDir, { recursive: true, force: true });
    if (errors.length > 0) throw errors[0];
  }, 30_000);

  const api = async (method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };

  it('shows reservations, confirmations and releases live, on a desktop and a phone', async () => {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`${msg.text()} (${msg.location().url})`); });
    page.on('response', (res) => { if (res.status() >= 400) pageErrors.push(`${res.status()} ${res.url()}`); });

    await page.goto(`${base}/dashboard/#key=${encodeURIComponent(keys.read)}`);
    await page.locator('[data-testid="connection"]', { hasText: 'live' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="tenant"]').textContent()).toBe('demo');
    // The read key leaves the URL as soon as the page has it.
    expect(page.url()).not.toContain(keys.read);
    expect(await page.locator('#login').isVisible(), 'the key form must be hidden once the board is open').toBe(false);
    const before = (await waitNumbers(page, () => true, `the ${cell} cell and the order counters`)).n;
    // The seed: 680 on hand in wh-east, nothing reserved yet in a fresh namespace.
    expect(before).toMatchObject({ available: 680, reserved: 0, committed: 0, total: 0 });

    // A bundle shows as one, with what its scarcest component allows per warehouse (as the API answers).
    const kit = page.locator('tr[data-sku="KIT-WINTER"]');
    expect(await kit.getAttribute('data-bundle')).toBe('true');
    expect(await kit.locator('.tag.bundle').textContent()).toBe('bundle');
    const kitStock = await api('GET', '/v1/stock/KIT-WINTER', keys.read);
    const onPage = await kit.locator('td[data-available]').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-cell'), Number(td.getAttribute('data-available'))]));
    expect(onPage).toEqual(kitStock.warehouses.map((w: { warehouse: string; available: number }) => [`${w.warehouse}/KIT-WINTER`, w.available]));
    expect(Number(await kit.locator('td[data-total]').getAttribute('data-total'))).toBe(kitStock.totals.available);

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await api('POST', '/v1/reservations', keys.checkout, { lines: [{ sku: 'YD-2026', qty: 2 }], warehouse: 'wh-east' },
        { 'idempotency-key': `e2e-${randomBytes(6).toString('hex')}` });
      expect(r.status).toBe('held');
      ids.push(r.id as string);
    }
    const reserved = await waitNumbers(page, (n) => n.available === before.available - 6 && n.reserved === before.reserved + 6 && n.total === before.total + 3,
      'available −6, reserved +6, orders +3');
    expect(reserved.n).toMatchObject({ held: before.held + 3, pending: before.pending + 3, confirmed: before.confirmed });

    await api('POST', `/v1/reservations/${ids[0]}/confirm`, keys.checkout);
    const confirmed = await waitNumbers(page, (n) => n.held === before.held + 2 && n.confirmed === before.confirmed + 1 && n.committed === before.committed + 2,
      'held 2 · paid 1 and 2 committed');
    // Confirming moves units from reserved to committed: available does not change.
    expect(confirmed.n).toMatchObject({ available: before.available - 6, reserved: before.reserved + 4, pending: before.pending + 3, total: before.total + 3 });

    await api('DELETE', `/v1/reservations/${ids[1]}`, keys.checkout);
    const released = await waitNumbers(page, (n) => n.available === before.available - 4 && n.reserved === before.reserved + 2,
      'available back up by 2 after the release');
    expect(released.n).toMatchObject({ held: before.held + 1, confirmed: before.confirmed + 1, pending: before.pending + 2, total: before.total + 3 });
    // The row total is the sum over the warehouses, and is on screen at desktop width.
    const total = page.locator('tr[data-sku="YD-2026"] td[data-total]');
    const sum = await page.locator('tr[data-sku="YD-2026"] td[data-available]').evaluateAll((tds) => tds.reduce((a, td) => a + Number(td.getAttribute('data-available')), 0));
    expect(Number(await total.getAttribute('data-total'))).toBe(sum);
    const box = await total.boundingBox();
    const pane = await page.locator('#stock').locator('xpath=..').boundingBox();
    expect(box !== null && pane !== null && box.x + box.width <= pane.x + pane.width + 1, 'the total column is scrolled out of view at 1440 px').toBe(true);
    console.log(`e2e board latency (API answer → page): reserve ${reserved.ms} ms, confirm ${confirmed.ms} ms, release ${released.ms} ms`);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    // No horizontal page scroll at phone width: wide content scrolls inside its panel.
    const overflow = await page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return (root.scrollWidth as number) - (root.clientWidth as number);
    });
    expect(overflow, 'page wider than a 390 px phone').toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(artifacts, 'dashboard-phone.png'), fullPage: false });

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  it('lists a dead-lettered event on the exceptions panel, in red, with today\'s count', async () => {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/dashboard/#key=${encodeURIComponent(keys.read)}`);
    await page.locator('[data-testid="connection"]', { hasText: 'live' }).waitFor({ timeout: 10_000 });
    // As the projector dead-letters an event it cannot store: the event's bytes under <ns>_dlq.projector.<subject>.
    const subject = `${namespace}.demo.stock.adjusted`;
    const h = headers();
    h.set('Pallet-Dead-Reason', 'rejected by PostgreSQL: invalid byte sequence');
    await rt!.nats.js.publish(topology(namespace).dlqSubject('projector', subject), new Uint8Array(0), { headers: h });
    const item = page.locator('[data-testid="exceptions-list"] li[data-dead-letter]');
    await item.first().waitFor({ timeout: pipelineWaitMs });
    expect(await item.first().textContent()).toContain('dead-lettered');
    expect(await item.first().textContent()).toContain('stock.adjusted');
    expect(await item.first().textContent()).toContain('given up by projector: rejected by PostgreSQL');
    expect(await page.locator('[data-testid="dead-letters-today"]').getAttribute('data-value')).toBe('1');
    await context.close();
  }, 30_000);

  it('shows today\'s orders by channel and status, the held ones with their reasons, and paid → released', async () => {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/dashboard/#key=${encodeURIComponent(keys.read)}`);
    await page.locator('[data-testid="connection"]', { hasText: 'live' }).waitFor({ timeout: 10_000 });
    // As the orders role announces committed changes: order.changed on the events stream.
    const changed = (id: string, version: number, status: string, holds: { rule: string; detail: string }[], paidAtMs: number) => {
      const at = Date.now();
      const data = encodeEnvelope({
        eventId: `order:${id}:v${version}`, tenant: 'demo', type: 'order.changed', aggregateId: id, sequence: version, occurredAtMs: at,
        orderChanged: { orderId: id, channel: 'shop-e2e', externalId: id, status, version, action: 'e2e', currency: 'CNY', totalMinor: 12_800, holds, placedAtMs: at, paidAtMs },
      });
      return rt!.nats.js.publish(subjectOf(namespace, 'demo', 'order.changed'), data, { msgID: `order:${id}:v${version}` });
    };
    const paidAt = Date.now() - 90_000;
    await changed('ord_e2e_1', 1, 'on_hold', [{ rule: 'totalAtLeast', detail: 'total 128.00 CNY ≥ 100.00' }], paidAt);
    await changed('ord_e2e_2', 1, 'released', [], paidAt);
    const cell = (status: string) => page.locator(`[data-testid="pool-table"] td[data-channel="shop-e2e"][data-status="${status}"]`);
    await cell('on_hold').waitFor({ timeout: pipelineWaitMs });
    expect(await cell('on_hold').getAttribute('data-count')).toBe('1');
    expect(await cell('released').getAttribute('data-count')).toBe('1');
    const held = page.locator('[data-testid="held-list"] li[data-held="ord_e2e_1"]');
    expect(await held.textContent()).toContain('totalAtLeast: total 128.00 CNY');
    const median = page.locator('[data-testid="paid-to-released"]');
    expect(await median.getAttribute('data-samples')).toBe('1');
    expect(Number(await median.getAttribute('data-value'))).toBeGreaterThanOrEqual(90_000);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'dashboard-orders.png'), fullPage: false });
    // The review releases it: off the held list, counted as released.
    await changed('ord_e2e_1', 2, 'released', [], paidAt);
    await page.locator('[data-testid="held-list"] li[data-held="ord_e2e_1"]').waitFor({ state: 'detached', timeout: pipelineWaitMs });
    expect(await cell('released').getAttribute('data-count')).toBe('2');
    expect(await page.locator('[data-testid="pool-total"]').getAttribute('data-value')).toBe('2');
    await context.close();
  }, 30_000);
});
