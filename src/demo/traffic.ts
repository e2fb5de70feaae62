// `npm run demo`: realistic traffic for the demo tenant against a running
// server (`npm start` in another terminal), so the live board has something to
// show. Bounded: DEMO_SECONDS (default 120) at DEMO_RATE reservations per
// second (default 20); a one-line summary every 5 s; stops by itself, Ctrl-C
// stops cleanly (a second Ctrl-C exits at once).
//
//   PALLET_URL        base URL of the API (default http://127.0.0.1:3000)
//   PALLET_ADMIN_KEY  operator key (else .data/admin-key, written by `npm start`)
//   DEMO_KEYS_FILE    demo keys (default .data/demo-keys.json, written by `npm start`)
//
// What it does: reservations over random demo SKUs (some bundles) and regions;
// most are paid through signed payment callbacks (the tenant's payment secret
// is rotated once at start), some of those shipped, some cancelled, some left
// to expire (short ttlSeconds). Plus, once each: a low-stock event (a SKU
// adjusted below its safety stock), a burst on the hot SKU, and an orphaned
// payment (a reservation paid after it expired). SKUs that run out are
// restocked ("receiving") now and then so the traffic keeps flowing.
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signPayload } from '../app/payment.signature.ts';
import { demoSkus, demoTenant, demoWarehouses } from './demo.data.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, '.data');

interface DemoKeys { tenant: string; admin: string; checkout: string; read: string }

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw}: expected an integer ${min}..${max}`);
  return n;
}

function readText(file: string, what: string, hint: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${what} at ${file}: ${hint}`);
  }
}

const hot = 'YD-2026';
const kits = demoSkus.filter((s) => s.components.length > 0).map((s) => s.sku);
const singles = demoSkus.filter((s) => s.components.length === 0).map((s) => s.sku);
const componentsOf = new Map(demoSkus.map((s) => [s.sku, s.components.length > 0 ? s.components.map((c) => c.sku) : [s.sku]]));
const regions = [...demoWarehouses.map((w) => w.region), 'CN-SH', 'CN-SC'];
const pick = <T>(xs: readonly T[]): T => xs[randomInt(xs.length)]!;
const chance = (p: number): boolean => Math.random() < p;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rid = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

class Stats {
  reserved = 0; paid = 0; fulfilled = 0; cancelled = 0; leftToExpire = 0; insufficient = 0; restocks = 0;
  orphans = 0; failed = 0; lastError = '';
  latencies: number[] = [];
  line(elapsedS: number, inflight: number): string {
    const l = this.latencies.sort((a, b) => a - b);
    this.latencies = [];
    const q = (p: number) => (l.length === 0 ? '-' : `${l[Math.min(l.length - 1, Math.floor(p * l.length))]!.toFixed(0)}`);
    return `demo t=${elapsedS.toFixed(0).padStart(3)}s reserved=${this.reserved} paid=${this.paid} fulfilled=${this.fulfilled} `
      + `cancelled=${this.cancelled} expiring=${this.leftToExpire} out-of-stock=${this.insufficient} restocks=${this.restocks} `
      + `orphans=${this.orphans} errors=${this.failed} in-flight=${inflight} reserve p50/p99=${q(0.5)}/${q(0.99)} ms`
      + (this.lastError ? `  last error: ${this.lastError}` : '');
  }
}

interface Reply { status: number; body: any; text: string }

class Demo {
  readonly stats = new Stats();
  private stopping = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly restockedAt = new Map<string, number>();
  private lowSku: string | null = null;
  private secret = '';

  constructor(private readonly base: string, private readonly keys: DemoKeys, private readonly operatorKey: string) {}

  async call(method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    return { status: res.status, body: parsed, text };
  }

  private error(what: string, r: Reply | Error): void {
    this.stats.failed += 1;
    this.stats.lastError = r instanceof Error ? `${what}: ${r.message}` : `${what}: ${r.status} ${r.body?.code ?? r.text.slice(0, 80)}`;
  }

  /** Runs `f` later unless the demo stops first; tracked so stop() can wait for it. */
  later(ms: number, f: () => Promise<void>): void {
    if (this.stopping) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopping) this.track(f());
    }, ms);
    this.timers.add(t);
  }

  track(p: Promise<unknown>): void {
    const q = p.catch((err: unknown) => this.error('request', err as Error)).finally(() => this.inflight.delete(q));
    this.inflight.add(q);
  }

  get inflightCount(): number {
    return this.inflight.size;
  }

  async setup(): Promise<void> {
    const health = await this.call('GET', '/healthz', null).catch((err: unknown) => {
      throw new Error(`no Pallet answers at ${this.base} (${(err as Error).message}): start one with \`npm start\` first`);
    });
    if (health.status !== 200) throw new Error(`${this.base}/healthz answered ${health.status}`);
    const check = await this.call('GET', `/v1/stock/${hot}`, this.keys.read);
    if (check.status !== 200) throw new Error(`the demo read key is not accepted (${check.status} ${check.body?.code ?? ''}): were the keys written by this server? (npm start prints them)`);
    const r = await this.call('POST', `/v1/tenants/${this.keys.tenant}/payment-secret`, this.operatorKey, {});
    if (r.status !== 201) throw new Error(`could not set the payment secret (${r.status} ${r.body?.code ?? r.text.slice(0, 200)}): is PALLET_ADMIN_KEY the server's operator key?`);
    this.secret = r.body.secret as string;
  }

  /** One reservation, and what happens to it next. */
  async order(opts: { sku?: string; fate?: 'pay' | 'expire' } = {}): Promise<void> {
    const lines: { sku: string; qty: number }[] = [];
    if (opts.sku !== undefined) lines.push({ sku: opts.sku, qty: randomInt(1, 3) });
    else if (chance(0.1)) lines.push({ sku: pick(kits), qty: 1 });
    else {
      lines.push({ sku: chance(0.15) ? hot : pick(singles), qty: randomInt(1, 4) });
      if (chance(0.25)) {
        const other = pick(singles);
        if (!lines.some((l) => l.sku === other)) lines.push({ sku: other, qty: randomInt(1, 3) });
      }
    }
    const roll = Math.random();
    const fate = opts.fate ?? (roll < 0.65 ? 'pay' : roll < 0.75 ? 'cancel' : 'expire');
    const body: Record<string, unknown> = { lines, ...(chance(0.7) ? { region: pick(regions) } : {}), ...(lines.length > 1 ? { allowSplit: true } : {}) };
    body.ttlSeconds = fate === 'expire' ? randomInt(6, 20) : 600;
    const started = performance.now();
    const r = await this.call('POST', '/v1/reservations', this.keys.checkout, body, { 'idempotency-key': rid('demo') });
    this.stats.latencies.push(performance.now() - started);
    if (r.status === 409 && r.body?.code === 'STOCK_INSUFFICIENT') {
      this.stats.insufficient += 1;
      await this.restock(lines.map((l) => l.sku));
      return;
    }
    if (r.status !== 201) return this.error('reserve', r);
    this.stats.reserved += 1;
    const id = r.body.id as string;
    const amount = lines.reduce((a, l) => a + l.qty * 19_900, 0);
    if (fate === 'expire') this.stats.leftToExpire += 1;
    else if (fate === 'cancel') this.later(randomInt(1_000, 6_000), () => this.cancel(id));
    else this.later(randomInt(300, 3_000), () => this.pay(id, amount, chance(0.45)));
  }

  async pay(reservationId: string, amount: number, ship: boolean): Promise<void> {
    const r = await this.callback(reservationId, rid('pay'), amount);
    if (r.status !== 202) return this.error('payment callback', r);
    this.stats.paid += 1;
    if (ship) this.later(randomInt(1_500, 5_000), () => this.fulfil(reservationId, 3));
  }

  /** A signed payment callback, as a provider would send it. */
  callback(reservationId: string, paymentId: string, amount: number): Promise<Reply> {
    const raw = JSON.stringify({ reservationId, paymentId, amount, currency: 'CNY', status: 'succeeded' });
    const t = Math.floor(Date.now() / 1000);
    return this.call('POST', '/v1/payments/callbacks', null, raw, {
      'pallet-tenant': this.keys.tenant, 'pallet-delivery-id': rid('dlv'),
      'pallet-signature': `t=${t},v1=${signPayload(this.secret, t, Buffer.from(raw))}`,
    });
  }

  /** Shipping needs the payment to have confirmed the reservation (asynchronously): retry a little later if not yet. */
  async fulfil(id: string, triesLeft: number): Promise<void> {
    const r = await this.call('POST', `/v1/reservations/${id}/fulfil`, this.keys.checkout);
    if (r.status === 200) { this.stats.fulfilled += 1; return; }
    if (r.status === 409 && triesLeft > 1) { this.later(1_500, () => this.fulfil(id, triesLeft - 1)); return; }
    this.error('fulfil', r);
  }

  async cancel(id: string): Promise<void> {
    const r = await this.call('DELETE', `/v1/reservations/${id}`, this.keys.checkout);
    if (r.status === 200) this.stats.cancelled += 1;
    else this.error('cancel', r);
  }

  /** Receiving: puts stock back into the SKUs (their components for a kit) that ran out, at most every 5 s per SKU. */
  async restock(skus: string[]): Promise<void> {
    const now = Date.now();
    for (const sku of new Set(skus.flatMap((s) => componentsOf.get(s) ?? [s]))) {
      if (sku === this.lowSku || (this.restockedAt.get(sku) ?? 0) > now - 5_000) continue;
      this.restockedAt.set(sku, now);
      for (const w of demoWarehouses) {
        const r = await this.call('POST', `/v1/stock/${w.id}/${sku}/adjustments`, this.keys.admin, { delta: randomInt(100, 300), reason: 'demo: receiving' }, { 'idempotency-key': rid('rcv') });
        if (r.status === 200) this.stats.restocks += 1;
        else this.error('restock', r);
      }
    }
  }

  /** Takes a SKU below its safety stock in one warehouse (a count correction): it shows in the low-stock list. */
  async lowStock(): Promise<void> {
    const candidates = ['GL-610', 'TH-130', 'PL-160', 'HL-150', 'FL-120', 'BO-140', 'MG-220'];
    const r = await this.call('GET', `/v1/stock?skus=${candidates.join(',')}`, this.keys.read);
    if (r.status !== 200) return this.error('low-stock read', r);
    for (const item of r.body.items as { sku: string; warehouses: { warehouse: string; available: number; safetyStock: number }[] }[]) {
      const cell = item.warehouses.find((w) => w.safetyStock > 0 && w.available >= w.safetyStock);
      if (cell === undefined) continue;
      const target = Math.floor(cell.safetyStock / 3);
      const a = await this.call('POST', `/v1/stock/${cell.warehouse}/${item.sku}/adjustments`, this.keys.admin,
        { delta: target - cell.available, reason: 'demo: count correction (damaged goods)' }, { 'idempotency-key': rid('adj') });
      if (a.status !== 200) return this.error('low-stock adjustment', a);
      this.lowSku = item.sku;
      console.log(`demo: low stock — ${item.sku} @ ${cell.warehouse} adjusted from ${cell.available} to ${target} available (safety ${cell.safetyStock})`);
      return;
    }
    console.log('demo: low stock — no candidate cell above its safety stock, skipped');
  }

  /** A sudden rush on the hot SKU: three seconds' worth of orders at once. */
  async burst(n: number): Promise<void> {
    console.log(`demo: burst — ${n} orders of ${hot} at once`);
    await Promise.all(Array.from({ length: n }, () => this.order({ sku: hot, fate: chance(0.8) ? 'pay' : 'expire' }).catch((err: unknown) => this.error('burst', err as Error))));
  }

  /** A reservation that expires before its payment arrives: the payment is orphaned (the board's exceptions). */
  async orphan(): Promise<void> {
    const r = await this.call('POST', '/v1/reservations', this.keys.checkout, { lines: [{ sku: 'SK-500', qty: 1 }], ttlSeconds: 2 }, { 'idempotency-key': rid('orph') });
    if (r.status !== 201) {
      if (r.body?.code === 'STOCK_INSUFFICIENT') await this.restock(['SK-500']);
      return this.error('orphan reserve', r);
    }
    const id = r.body.id as string;
    console.log(`demo: orphan — ${id} reserved with a 2 s hold; paying it in 4 s, after it expired`);
    this.later(4_000, async () => {
      const p = await this.callback(id, rid('pay'), 4_900);
      if (p.status !== 202) return this.error('orphan payment', p);
      this.stats.orphans += 1;
    });
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.race([Promise.allSettled([...this.inflight]), sleep(graceMs)]);
  }

}

async function main(): Promise<number> {
  const base = (process.env.PALLET_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const seconds = intEnv('DEMO_SECONDS', 120, 1, 86_400);
  const rate = intEnv('DEMO_RATE', 20, 1, 5_000);
  const keysFile = process.env.DEMO_KEYS_FILE ?? join(dataDir, 'demo-keys.json');
  const keys = JSON.parse(readText(keysFile, 'the demo keys', 'run `npm start` once (it seeds the demo tenant and writes them)')) as DemoKeys;
  const operatorKey = process.env.PALLET_ADMIN_KEY ?? readText(join(dataDir, 'admin-key'), 'the operator key',
    'set PALLET_ADMIN_KEY to the server\'s operator key, or start the server with `npm start` without one (it writes .data/admin-key)').trim();
  if (keys.tenant !== demoTenant.id) console.log(`demo: note — the keys file names tenant ${keys.tenant}`);

  const demo = new Demo(base, keys, operatorKey);
  await demo.setup();
  console.log(`demo: ${rate} orders/s for ${seconds} s against ${base} (board: ${base}/dashboard/#key=${keys.read}); Ctrl-C stops`);

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.log('\ndemo: stopping (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  const start = Date.now();
  const endAt = start + seconds * 1000;
  const inflightMax = Math.max(50, rate * 5);
  // The one-off events, spread over the run (at least a few seconds in, so the board has a baseline).
  const events: { at: number; run: () => Promise<void>; done: boolean }[] = [
    { at: Math.max(2, seconds * 0.15), run: () => demo.lowStock(), done: false },
    { at: Math.max(3, seconds * 0.3), run: () => demo.orphan(), done: false },
    { at: Math.max(5, seconds * 0.5), run: () => demo.burst(Math.min(500, rate * 3)), done: false },
  ];
  let nextSummary = start + 5_000;
  let credit = 0;
  let last = start;
  const tickMs = 50;
  while (!interrupted && Date.now() < endAt) {
    const now = Date.now();
    credit += ((now - last) / 1000) * rate;
    last = now;
    while (credit >= 1) {
      credit -= 1;
      if (demo.inflightCount >= inflightMax) { credit = 0; break; } // the server is slower than the rate: do not pile up
      demo.track(demo.order());
    }
    const elapsed = (now - start) / 1000;
    for (const e of events) {
      if (!e.done && elapsed >= e.at && now + 1_000 < endAt) { e.done = true; demo.track(e.run()); }
    }
    if (now >= nextSummary) {
      console.log(demo.stats.line(elapsed, demo.inflightCount));
      nextSummary += 5_000;
    }
    await sleep(tickMs);
  }
  await demo.stop(interrupted ? 2_000 : 5_000);
  console.log(demo.stats.line((Date.now() - start) / 1000, demo.inflightCount));
  console.log(`demo: done${interrupted ? ' (interrupted)' : ''}; unpaid holds expire on their own, the board keeps their outcome.`);
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigint);
  return 0;
}

// Exit at once when done: idle keep-alive sockets would otherwise hold the process a few seconds.
main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`demo: ${(err as Error).message}`);
  process.exit(1);
});
