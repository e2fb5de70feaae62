// Fault test of fulfilment (issue 12, "Figures and faults"): kill -9 of the
// core and kill -9 of the warehouse's WMS during a burst of released orders.
// Private Redis (AOF) and NATS, the core as a child process, PostgreSQL the
// shared one in this file's own schema; the WMS is a fake, also a child
// process, serving both warehouses. It runs twice, once per WMS adapter:
// - json: test/faults/fake-wms.ts, pushed to (push mode) and calling back
//   accepted → picking → packed → shipped for every task it gets;
// - qimen (issue 14): test/faults/fake-qimen.ts, sent one signed
//   deliveryorder.create per task (qimen mode, each warehouse its own
//   warehouseCode) and sending signed deliveryorder.confirm ACCEPT, then
//   DELIVERED with one package, to the warehouse's QiMen router.
//
// Paid storefront orders (POST /v1/orders, an Idempotency-Key each, retried
// until answered) are sent `concurrency` at a time, paced; the WMS is killed
// once it has journalled an eighth of the tasks, the core once it has half
// of them, each restarted after a short pause. Then, once every order has
// reached `shipped` (bounded wait): each order has exactly one pick task per
// warehouse its reservation took stock from, exactly one audit entry moving
// it to shipped (by `wms_shipped`), one shipment, and the ledger shows its
// stock fulfilled once (committed back to zero, on-hand down by what the
// orders hold). With QiMen also: every request the fake got was well signed
// and well formed, and it holds exactly one delivery order per (order,
// warehouse), each a pick task's. SLA alerts are not part of this run: the
// stages' deadlines (minutes) are longer than the test.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from './client.ts';
import { readQimenJournal } from './fake-qimen.ts';
import { readJournal } from './fake-wms.ts';
import { Held, faultEnv, migrateCore } from './held.ts';
import { Proc, freePort, sleep, waitFor, type Core, type CoreEnv } from './servers.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const adminKey = `op_${randomBytes(24).toString('base64url')}`;
const wmsSecret = `wms_${randomBytes(16).toString('hex')}`;
const orders = 160;
const concurrency = 6;
const pauseMs = 100;
// A restart of the core on a busy 2-core machine can take 10 s and more.
const submitWindowMs = 45_000;
const repoRoot = join(import.meta.dirname, '..', '..');

const qimenApp = { appKey: 'pallet-fault-app', customerId: 'OWNER-FAULT' };
const qimenCodeOf = (warehouse: string): string => `QM-${warehouse}`;

type WmsKind = 'json' | 'qimen';

/** What the checks read from a fake WMS's journal, whichever protocol it speaks. */
interface WmsSummary {
  /** Requests carrying a task (JSON pushes, QiMen deliveryorder.create). */
  readonly pushes: number;
  /** Tasks (delivery orders) it took, by id (the deliveryOrderCode is the task id). */
  readonly taskIds: Set<string>;
  /** Callbacks (confirms) the core refused. */
  readonly refused: unknown[];
}

/** A fake WMS as a child process on a fixed port, so a restart answers at the same URL. */
class FakeWmsProcess {
  readonly proc: Proc;
  readonly journal: string;
  constructor(readonly kind: WmsKind, readonly port: number, dir: string, coreBase: string, tenant: string, warehouses: readonly string[]) {
    this.journal = join(dir, 'journal.jsonl');
    const env = kind === 'json'
      ? { FAKE_WMS_PORT: String(port), FAKE_WMS_SECRET: wmsSecret, FAKE_WMS_CORE: coreBase, FAKE_WMS_TENANT: tenant, FAKE_WMS_JOURNAL: this.journal }
      : {
        FAKE_QIMEN_PORT: String(port), FAKE_QIMEN_APP_KEY: qimenApp.appKey, FAKE_QIMEN_SECRET: wmsSecret, FAKE_QIMEN_CUSTOMER_ID: qimenApp.customerId,
        FAKE_QIMEN_WAREHOUSES: JSON.stringify(Object.fromEntries(warehouses.map((w) => [qimenCodeOf(w), w]))),
        FAKE_QIMEN_CORE: coreBase, FAKE_QIMEN_TENANT: tenant, FAKE_QIMEN_JOURNAL: this.journal,
      };
    const script = kind === 'json' ? 'fake-wms.ts' : 'fake-qimen.ts';
    this.proc = new Proc('wms', process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'faults', script)], {
      cwd: repoRoot, logFile: join(dir, 'wms.log'), env: { ...process.env, ...env },
    });
  }

  /** The WMS connection of a warehouse, as PUT /v1/warehouses/{id}/wms takes it. */
  settings(warehouse: string): Record<string, unknown> {
    const base = `http://127.0.0.1:${this.port}`;
    return this.kind === 'json'
      ? { mode: 'push', url: `${base}/tasks`, secret: wmsSecret, timeoutMs: 1_500 }
      : { mode: 'qimen', url: `${base}/router`, secret: wmsSecret, timeoutMs: 1_500, ...qimenApp, warehouseCode: qimenCodeOf(warehouse) };
  }

  async start(): Promise<void> {
    this.proc.start();
    await waitFor('fake WMS /healthz', async () => {
      if (!this.proc.running) throw new Error('fake WMS exited');
      return (await fetch(`http://127.0.0.1:${this.port}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok;
    }, 20_000, 100);
  }

  /** Tasks the WMS has journalled (its progress). */
  tasks(): number {
    return this.kind === 'json'
      ? readJournal(this.journal).filter((e) => e.kind === 'task').length
      : readQimenJournal(this.journal).filter((e) => e.kind === 'order').length;
  }

  summary(): WmsSummary {
    if (this.kind === 'json') {
      const journal = readJournal(this.journal);
      return {
        pushes: journal.filter((e) => e.kind === 'push').length,
        taskIds: new Set(journal.filter((e) => e.kind === 'task').map((e) => e.taskId)),
        refused: journal.filter((e) => e.kind === 'refused'),
      };
    }
    const journal = readQimenJournal(this.journal);
    return {
      pushes: journal.filter((e) => e.kind === 'create').length,
      taskIds: new Set(journal.filter((e) => e.kind === 'order').map((e) => e.code)),
      refused: journal.filter((e) => e.kind === 'refused'),
    };
  }
}

interface Outcome { readonly answered: Map<string, number>; readonly unanswered: string[]; attempts: number; readonly statuses: Map<number, number>; lastError: string }

const rid = (p: string): string => `${p}_${randomBytes(5).toString('hex')}`;

function storefrontOrder(n: number): Record<string, unknown> {
  return {
    externalId: `web-${n}`, paidAtMs: Date.now(), buyer: { name: `Buyer ${n}`, phone: '+86 138 0013 8000' },
    shippingAddress: { name: `Buyer ${n}`, phone: '138-0013-8000', country: 'CN', province: 'Zhejiang', city: 'Hangzhou', address1: `${n} Wensan Road` },
    lines: [{ sku: 'SKU-1', qty: 1, unitPriceMinor: 1_000 }, { sku: 'SKU-2', qty: 2, unitPriceMinor: 1_000 }],
    totals: { currency: 'CNY', itemsMinor: 3_000, shippingMinor: 0, discountMinor: 0, totalMinor: 3_000 },
  };
}

/** Posts one order until a 202 (same Idempotency-Key), or gives up when the core stays away for submitWindowMs. */
async function submit(core: Core, tenant: Tenant, n: number, out: Outcome): Promise<void> {
  const key = rid('idem');
  const body = JSON.stringify(storefrontOrder(n));
  const until = Date.now() + submitWindowMs;
  for (let attempt = 0; attempt < 1_000 && Date.now() < until; attempt++) {
    out.attempts++;
    let status = 0;
    try {
      const r = await fetch(`${core.base}/v1/orders`, {
        method: 'POST', body, signal: AbortSignal.timeout(5_000),
        headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json', 'idempotency-key': key },
      });
      status = r.status;
      const text = await r.text();
      if (status === 202) {
        out.answered.set((JSON.parse(text) as { orderId: string }).orderId, Date.now());
        return;
      }
      if (status < 500 && status !== 429) throw new Error(`order ${n} answered ${status}: ${text.slice(0, 300)}`);
      out.lastError = `${status}: ${text.slice(0, 300)}`;
    } catch (err) {
      if ((err as Error).message.startsWith(`order ${n} `)) throw err;
      out.lastError = (err as Error).message;
    }
    out.statuses.set(status, (out.statuses.get(status) ?? 0) + 1);
    await sleep(100);
  }
  out.unanswered.push(`web-${n}`);
}

async function setUp(held: Held, kind: WmsKind): Promise<{ core: Core; env: CoreEnv; tenant: Tenant; wms: FakeWmsProcess }> {
  const redis = await held.redis(true);
  const nats = await held.nats();
  const env = faultEnv({
    redisUrl: redis.url, natsUrl: nats.url, databaseUrl, namespace: held.namespace(), adminKey, ackWaitMs: 2_000, sweepIntervalMs: 250,
    extra: {
      PALLET_SECRETS_KEY: randomBytes(32).toString('hex'),
      // A WMS away for a few seconds must not exhaust the tries: pushes are retried ≤ 1 s apart, up to 200 times.
      PALLET_CONSUMER_MAX_DELIVER: '200', PALLET_WMS_RETRY_DELAY_MS_MAX: '1000',
    },
  });
  await migrateCore(env);
  const core = await held.core(env, held.dir('core'));
  const tenant = await createTenant(core.base, adminKey);
  const wms = new FakeWmsProcess(kind, await freePort(), held.dir('wms'), core.base, tenant.id, tenant.warehouses);
  await wms.start();
  for (const w of tenant.warehouses) {
    const r = await fetch(`${core.base}/v1/warehouses/${w}/wms`, {
      method: 'PUT', headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(wms.settings(w)),
    });
    expect(r.status, await r.text()).toBe(200);
  }
  return { core, env, tenant, wms };
}

describe.each<WmsKind>(['json', 'qimen'])('faults: fulfilment under kill -9 of the core and of the WMS (%s)', (kind) => {
  const held = new Held();
  let core: Core;
  let env: CoreEnv;
  let tenant: Tenant;
  let fake: FakeWmsProcess;

  beforeAll(async () => {
    ({ core, env, tenant, wms: fake } = await setUp(held, kind));
  }, 90_000);

  afterAll(async () => {
    await fake?.proc.stop();
    await held.release(databaseUrl);
  }, 60_000);

  it('every released order gets one pick task per warehouse and is shipped once', async () => {
    const out: Outcome = { answered: new Map(), unanswered: [], attempts: 0, statuses: new Map(), lastError: '' };
    let next = 0;
    // Paced (a pause after each answer), so the burst outlasts both kills.
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < orders) {
        await submit(core, tenant, next++, out);
        await sleep(pauseMs);
      }
    });
    // Progress is counted in tasks the WMS has journalled (the releases lag the 202s).
    const wmsTasks = (): number => fake.tasks();
    // The WMS dies with tasks journalled, pushes in flight and chains of callbacks half done.
    await waitFor('tasks at the WMS before it is killed', async () => wmsTasks() >= orders / 8, 60_000, 50);
    const tasksAtWmsKill = wmsTasks();
    await fake.proc.kill9();
    await sleep(500);
    await fake.start();
    // The core dies with orders in every stage: submitted, released, tasks pushed, callbacks under way.
    await waitFor('tasks at the WMS before the core is killed', async () => wmsTasks() >= orders / 2, 60_000, 50);
    const tasksAtCoreKill = wmsTasks();
    await core.proc.kill9();
    await sleep(300);
    await core.start();
    await Promise.all(workers);
    console.log(`[fault] fulfilment kill -9 (${kind}): the WMS killed at ${tasksAtWmsKill} tasks, the core at ${tasksAtCoreKill}, of ${orders} orders`);
    expect(out.unanswered, `non-202 answers ${JSON.stringify([...out.statuses])}; last ${out.lastError}`).toEqual([]);
    // Both kills came mid-burst: tasks were still to come.
    expect(tasksAtCoreKill).toBeLessThan(orders * 0.9);

    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await checkOutcome(sql, env.PALLET_NAMESPACE, tenant.id, out, fake);
    } finally {
      await sql.end({ timeout: 2 });
    }
  }, 180_000);
});

async function checkOutcome(sql: postgres.Sql, schema: string, tenant: string, out: Outcome, fake: FakeWmsProcess): Promise<void> {
  const s = sql(schema);
  const shippedCount = async () => (await sql<{ n: number }[]>`select count(*)::int as n from ${s}.orders where tenant_id = ${tenant} and status = 'shipped'`)[0]!.n;
  await waitFor('every order shipped', async () => (await shippedCount()) >= out.answered.size, 60_000, 250)
    .catch(() => undefined); // the assertions below name what is missing

  const rows = await sql<{ id: string; status: string; reservation_id: string | null; tasks: number; to_shipped: number; wms_shipped: number; shipments: number }[]>`
    select o.id, o.status, o.reservation_id,
      (select count(*)::int from ${s}.pick_tasks t where t.tenant_id = o.tenant_id and t.order_id = o.id) as tasks,
      (select count(*)::int from ${s}.order_audit a where a.tenant_id = o.tenant_id and a.order_id = o.id and a.changes->'status'->>'after' = 'shipped') as to_shipped,
      (select count(*)::int from ${s}.order_audit a where a.tenant_id = o.tenant_id and a.order_id = o.id and a.action = 'wms_shipped') as wms_shipped,
      (select count(*)::int from ${s}.shipments x where x.tenant_id = o.tenant_id and x.order_id = o.id) as shipments
    from ${s}.orders o where o.tenant_id = ${tenant}`;
  // The warehouses each reservation took stock from: one task is due at each.
  const allocated = await sql<{ reservation_id: string; warehouses: string[] }[]>`
    select reservation_id, array_agg(distinct warehouse order by warehouse) as warehouses from ${s}.stock_ledger
    where tenant_id = ${tenant} and event_type = 'stock.reserved' group by reservation_id`;
  const warehousesOf = new Map(allocated.map((a) => [a.reservation_id, a.warehouses]));
  const taskRows = await sql<{ order_id: string; warehouse: string; n: number }[]>`
    select order_id, warehouse, count(*)::int as n from ${s}.pick_tasks where tenant_id = ${tenant} group by order_id, warehouse`;
  const taskKeys = new Set(taskRows.map((t) => `${t.order_id}@${t.warehouse}`));
  const expectedTasks = rows.flatMap((r) => (warehousesOf.get(r.reservation_id ?? '') ?? []).map((w) => `${r.id}@${w}`));

  const { pushes, taskIds: wmsTasks, refused } = fake.summary();
  const lost = [...out.answered.keys()].filter((id) => !rows.some((r) => r.id === id));
  const notShipped = rows.filter((r) => r.status !== 'shipped').map((r) => `${r.id}:${r.status}`);
  const ledger = await fulfilledLedger(sql, schema, tenant);
  console.log(`[fault] fulfilment kill -9 (core and WMS, ${fake.kind}): orders=${orders} attempts=${out.attempts} (non-202 ${[...out.statuses].map(([k, v]) => `${k}:${v}`).join(',') || 'none'}) `
    + `answered=${out.answered.size} rows=${rows.length} shipped=${rows.length - notShipped.length} tasks=${taskRows.length}/${expectedTasks.length} `
    + `pushes=${pushes} wmsTasks=${wmsTasks.size} refusedCallbacks=${refused.length} `
    + `shippedTwice=${rows.filter((r) => r.to_shipped > 1 || r.wms_shipped > 1).length} ledger=${JSON.stringify(ledger)}`);

  expect(lost).toEqual([]);
  expect(rows).toHaveLength(out.answered.size);
  expect(refused).toEqual([]);
  expect(notShipped).toEqual([]);
  // One task per (order, warehouse in effect), none elsewhere, and the WMS got each (at least once).
  expect(expectedTasks.length).toBeGreaterThanOrEqual(rows.length);
  expect(taskRows.every((t) => t.n === 1)).toBe(true);
  expect([...taskKeys].sort()).toEqual([...expectedTasks].sort());
  expect(wmsTasks.size).toBe(taskRows.length);
  expect(rows.every((r) => r.tasks === (warehousesOf.get(r.reservation_id ?? '') ?? []).length)).toBe(true);
  // Shipped once: one transition to shipped, by the WMS's shipped callback, one shipment (one parcel each).
  expect(rows.filter((r) => r.to_shipped !== 1 || r.wms_shipped !== 1 || r.shipments !== r.tasks).map((r) => r.id)).toEqual([]);
  // Stock fulfilled once: each order holds SKU-1 ×1 and SKU-2 ×2.
  expect(ledger).toEqual({
    'SKU-1': { committed: 0, fulfilledOnHand: -rows.length, fulfilledRows: expectedTasks.length },
    'SKU-2': { committed: 0, fulfilledOnHand: -2 * rows.length, fulfilledRows: expectedTasks.length },
  });
  if (fake.kind === 'qimen') await checkQimen(sql, schema, tenant, fake, expectedTasks);
}

/**
 * QiMen: every request the fake got was well signed and well formed, and it holds exactly one delivery order
 * per (order, warehouse in effect) — by (sourceOrderCode, warehouseCode), whatever the code — each a pick task's.
 */
async function checkQimen(sql: postgres.Sql, schema: string, tenant: string, fake: FakeWmsProcess, expectedTasks: readonly string[]): Promise<void> {
  const journal = readQimenJournal(fake.journal);
  expect(journal.filter((e) => e.kind === 'problem')).toEqual([]);
  const orderIdOf = new Map((await sql<{ id: string; external_id: string }[]>`
    select id, external_id from ${sql(schema)}.orders where tenant_id = ${tenant}`).map((r) => [r.external_id, r.id]));
  const codesOf = new Map<string, Set<string>>();
  for (const e of journal) {
    if (e.kind !== 'create') continue;
    const key = `${orderIdOf.get(e.sourceOrderCode) ?? `?${e.sourceOrderCode}`}@${e.warehouseCode.replace(/^QM-/, '')}`;
    codesOf.set(key, (codesOf.get(key) ?? new Set()).add(e.code));
  }
  expect([...codesOf.keys()].sort()).toEqual([...expectedTasks].sort());
  expect([...codesOf].filter(([, codes]) => codes.size !== 1).map(([key, codes]) => `${key}: ${[...codes].join(',')}`)).toEqual([]);
  const taskIds = (await sql<{ id: string }[]>`select id from ${sql(schema)}.pick_tasks where tenant_id = ${tenant}`).map((r) => r.id);
  expect([...fake.summary().taskIds].sort()).toEqual(taskIds.sort());
}

/** Per SKU: the net committed (reserve→confirm→fulfil brings it back to 0), on-hand taken by stock.fulfilled, and its rows. */
async function fulfilledLedger(sql: postgres.Sql, schema: string, tenant: string): Promise<Record<string, { committed: number; fulfilledOnHand: number; fulfilledRows: number }>> {
  const read = () => sql<{ sku: string; committed: string; fulfilled: string; n: number }[]>`
    select sku, sum(d_committed)::text as committed,
      coalesce(sum(d_on_hand) filter (where event_type = 'stock.fulfilled'), 0)::text as fulfilled,
      (count(*) filter (where event_type = 'stock.fulfilled'))::int as n
    from ${sql(schema)}.stock_ledger where tenant_id = ${tenant} and sku in ('SKU-1', 'SKU-2') group by sku order by sku`;
  // The ledger is written by the projector from the event stream: wait (bounded) until committed is back to 0.
  const rows = await waitFor('ledger caught up', async () => {
    const r = await read();
    return r.length > 0 && r.every((x) => Number(x.committed) === 0) ? r : null;
  }, 20_000, 250).catch(read);
  return Object.fromEntries(rows.map((r) => [r.sku, { committed: Number(r.committed), fulfilledOnHand: Number(r.fulfilled), fulfilledRows: r.n }]));
}
