// The fault checker: after a fault and a bounded wait for the pipeline to
// drain, compares what clients were told (every 2xx) with the system of
// record (PostgreSQL in the namespace's schema), runs `pallet reconcile`
// (ledger sums = Redis counters), checks expiry and the JetStream consumers.
// Reusable: it only needs URLs, the namespace and the client's records.

import { Redis } from 'ioredis';
import postgres from 'postgres';
import { TenantKeys } from '../../src/adapters/redis/keys.ts';
import { connectNats } from '../../src/adapters/nats/connection.ts';
import { topology } from '../../src/adapters/nats/topology.ts';
import { palletCli, sleep, type CoreEnv } from './servers.ts';

export interface CheckInput {
  readonly env: CoreEnv;
  readonly tenant: string;
  /** Logical reservations attempted (each retried with one Idempotency-Key). */
  readonly attempted: number;
  /** Reservation id → expiry, for every 2xx. */
  readonly reservations: ReadonlyMap<string, { expiresAtMs: number }>;
  /** paymentId → reservationId, for every payment with a 2xx callback. */
  readonly payments?: ReadonlyMap<string, string>;
  /** A held reservation may outlive its expiry by at most this (one sweep plus the pipeline). */
  readonly expiryGraceMs: number;
  readonly drainTimeoutMs: number;
  /** Skip the drain wait (the negative control knows the pipeline is done). */
  readonly noWait?: boolean;
}

export interface CheckReport {
  readonly attempted: number;
  readonly acknowledged: number;
  readonly found: number;
  readonly lost: number;
  /** Acknowledged reservations whose Redis record is gone (finished ones stay readable for the retention). */
  readonly missingInRedis: number;
  readonly duplicateEffects: number;
  /** Reservations in PostgreSQL no 2xx mentions, beyond the attempts that never got one. */
  readonly unexplainedExtras: number;
  readonly paymentsAcknowledged: number;
  readonly paymentsFound: number;
  readonly paymentsNotConfirmed: number;
  readonly heldPastExpiry: number;
  readonly expired: number;
  readonly consumers: Record<string, { pending: number; ackPending: number }>;
  readonly deadLetters: number;
  readonly reconcileExit: number;
  readonly reconcileOutput: string;
  readonly drainMs: number;
  readonly drained: boolean;
  readonly problems: string[];
  readonly ok: boolean;
}

interface PgState {
  found: Set<string>;
  reservedRows: Map<string, number>;
  allocations: Map<string, number>;
  status: Map<string, string>;
  confirmedRows: Map<string, number>;
  paymentRows: Map<string, number>;
  tenantReservations: number;
  heldPastExpiry: string[];
  expired: number;
}

async function readPg(sql: postgres.Sql, schema: string, input: CheckInput): Promise<PgState> {
  const s = sql(schema);
  const ids = [...input.reservations.keys()];
  const rows = await sql<{ id: string; status: string; n: number }[]>`
    select id, status, jsonb_array_length(allocations)::int as n from ${s}.reservations where tenant_id = ${input.tenant}`;
  const tenantIds = new Set(rows.map((r) => r.id));
  const status = new Map(rows.map((r) => [r.id, r.status]));
  const allocations = new Map(rows.map((r) => [r.id, r.n]));
  const count = async (type: string): Promise<Map<string, number>> => new Map((await sql<{ reservation_id: string; c: number }[]>`
    select reservation_id, count(*)::int as c from ${s}.stock_ledger
    where tenant_id = ${input.tenant} and event_type = ${type} and reservation_id is not null group by reservation_id`).map((r) => [r.reservation_id, r.c]));
  const payIds = [...(input.payments?.keys() ?? [])];
  const paymentRows = new Map((await sql<{ payment_id: string; c: number }[]>`
    select payment_id, count(*)::int as c from ${s}.payments
    where tenant_id = ${input.tenant} and payment_id = any(${payIds}) group by payment_id`).map((r) => [r.payment_id, r.c]));
  const graceSeconds = input.expiryGraceMs / 1000;
  const overdue = await sql<{ id: string }[]>`
    select id from ${s}.reservations where tenant_id = ${input.tenant} and status = 'held'
      and expires_at < now() - make_interval(secs => ${graceSeconds})`;
  return {
    found: new Set(ids.filter((id) => tenantIds.has(id))),
    reservedRows: await count('stock.reserved'),
    confirmedRows: await count('stock.confirmed'),
    allocations, status, paymentRows,
    tenantReservations: rows.length,
    heldPastExpiry: overdue.map((r) => r.id),
    expired: rows.filter((r) => r.status === 'expired').length,
  };
}

/** How many of `ids` have no reservation key in Redis. */
async function missingInRedis(env: CoreEnv, tenant: string, ids: readonly string[]): Promise<number> {
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    const keys = new TenantKeys(env.PALLET_NAMESPACE, tenant);
    let missing = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const p = redis.pipeline();
      for (const id of ids.slice(i, i + 500)) p.exists(keys.reservation(id));
      for (const [err, n] of (await p.exec()) ?? []) if (err !== null || n !== 1) missing++;
    }
    return missing;
  } finally {
    redis.disconnect();
  }
}

async function readJetStream(env: CoreEnv): Promise<{ consumers: CheckReport['consumers']; deadLetters: number }> {
  const nats = await connectNats(env.NATS_URL, 'fault-checker');
  try {
    const jsm = await nats.jsm();
    const t = topology(env.PALLET_NAMESPACE);
    const consumers: CheckReport['consumers'] = {};
    for (const name of ['projector', 'payments'] as const) {
      const info = await jsm.consumers.info(t.eventsStream, t.consumers[name].durable);
      consumers[name] = { pending: info.num_pending, ackPending: info.num_ack_pending };
    }
    const deadLetters = (await jsm.streams.info(t.dlqStream)).state.messages;
    return { consumers, deadLetters };
  } finally {
    await nats.close();
  }
}

function settled(pg: PgState, js: { consumers: CheckReport['consumers'] } | null, input: CheckInput): boolean {
  if (pg.found.size < input.reservations.size) return false;
  for (const [p, r] of input.payments ?? []) {
    if ((pg.paymentRows.get(p) ?? 0) === 0 || pg.status.get(r) !== 'confirmed') return false;
  }
  if (pg.heldPastExpiry.length > 0) return false;
  return js !== null && Object.values(js.consumers).every((c) => c.pending === 0 && c.ackPending === 0);
}

/** Waits (bounded) for the pipeline to drain, then checks every invariant; never throws on a violation. */
export async function check(input: CheckInput): Promise<CheckReport> {
  const sql = postgres(input.env.DATABASE_URL, { max: 2, onnotice: () => {} });
  const schema = input.env.PALLET_NAMESPACE;
  const started = Date.now();
  try {
    let pg = await readPg(sql, schema, input);
    let js = await readJetStream(input.env).catch(() => null);
    let drained = settled(pg, js, input);
    while (!drained && !input.noWait && Date.now() - started < input.drainTimeoutMs) {
      await sleep(250);
      pg = await readPg(sql, schema, input);
      js = await readJetStream(input.env).catch(() => null);
      drained = settled(pg, js, input);
    }
    const drainMs = Date.now() - started;
    const problems: string[] = [];
    const lostIds = [...input.reservations.keys()].filter((id) => !pg.found.has(id));
    if (lostIds.length > 0) problems.push(`${lostIds.length} acknowledged reservation(s) missing in PostgreSQL, e.g. ${lostIds.slice(0, 3).join(', ')}`);

    let duplicateEffects = 0;
    for (const id of pg.found) {
      const reserved = pg.reservedRows.get(id) ?? 0;
      if (reserved > (pg.allocations.get(id) ?? 1)) duplicateEffects++;
    }
    for (const [id, n] of pg.confirmedRows) if (n > (pg.allocations.get(id) ?? 1)) duplicateEffects++;
    let paymentsFound = 0;
    let paymentsNotConfirmed = 0;
    for (const [p, r] of input.payments ?? []) {
      const n = pg.paymentRows.get(p) ?? 0;
      if (n > 0) paymentsFound++;
      if (n > 1) duplicateEffects++;
      const confirmedRows = pg.confirmedRows.get(r) ?? 0;
      if (pg.status.get(r) !== 'confirmed' || confirmedRows !== (pg.allocations.get(r) ?? 1)) paymentsNotConfirmed++;
    }
    const paymentsAcknowledged = input.payments?.size ?? 0;
    if (paymentsFound < paymentsAcknowledged) problems.push(`${paymentsAcknowledged - paymentsFound} acknowledged payment(s) missing in PostgreSQL`);
    if (paymentsNotConfirmed > 0) problems.push(`${paymentsNotConfirmed} paid reservation(s) not confirmed exactly once`);
    if (duplicateEffects > 0) problems.push(`${duplicateEffects} duplicate effect(s)`);
    // Every attempt that never got a 2xx may have reserved once (its reply was lost); more is a duplicate.
    const unexplainedExtras = Math.max(0, (pg.tenantReservations - pg.found.size) - (input.attempted - input.reservations.size));
    if (unexplainedExtras > 0) problems.push(`${unexplainedExtras} reservation(s) in PostgreSQL beyond the unanswered attempts (idempotency broken?)`);
    if (pg.heldPastExpiry.length > 0) problems.push(`${pg.heldPastExpiry.length} held reservation(s) past expiry + ${input.expiryGraceMs} ms`);
    const consumers = js?.consumers ?? {};
    if (js === null) problems.push('JetStream consumer info unavailable');
    for (const [name, c] of Object.entries(consumers)) {
      if (c.pending !== 0 || c.ackPending !== 0) problems.push(`consumer ${name}: ${c.pending} pending, ${c.ackPending} unacknowledged`);
    }
    const deadLetters = js?.deadLetters ?? 0;
    if (deadLetters > 0) problems.push(`${deadLetters} dead letter(s)`);
    const goneInRedis = await missingInRedis(input.env, input.tenant, [...input.reservations.keys()]);
    if (goneInRedis > 0) problems.push(`${goneInRedis} acknowledged reservation(s) missing in Redis`);
    const rec = await palletCli(input.env, ['reconcile', '--tenant', input.tenant]);
    if (rec.code !== 0) problems.push(`pallet reconcile exited ${rec.code}`);
    return {
      attempted: input.attempted, acknowledged: input.reservations.size, found: pg.found.size, lost: lostIds.length, missingInRedis: goneInRedis,
      duplicateEffects, unexplainedExtras, paymentsAcknowledged, paymentsFound, paymentsNotConfirmed,
      heldPastExpiry: pg.heldPastExpiry.length, expired: pg.expired, consumers, deadLetters,
      reconcileExit: rec.code, reconcileOutput: rec.out, drainMs, drained, problems, ok: problems.length === 0,
    };
  } finally {
    await sql.end({ timeout: 2 });
  }
}

export function formatReport(name: string, r: CheckReport, recoveryMs: number | null): string {
  const c = Object.entries(r.consumers).map(([k, v]) => `${k}=${v.pending}/${v.ackPending}`).join(' ');
  const lines = [
    `[fault] ${name}: attempted=${r.attempted} acknowledged=${r.acknowledged} found=${r.found} lost=${r.lost} missingInRedis=${r.missingInRedis} duplicateEffects=${r.duplicateEffects} extras=${r.unexplainedExtras}`,
    `        payments ack=${r.paymentsAcknowledged} found=${r.paymentsFound} notConfirmedOnce=${r.paymentsNotConfirmed} expired=${r.expired} heldPastExpiry=${r.heldPastExpiry} deadLetters=${r.deadLetters}`,
    `        consumers(pending/ackPending) ${c} reconcile=${r.reconcileExit} drain=${r.drainMs}ms${r.drained ? '' : ' (NOT drained)'} recovery=${recoveryMs === null ? '-' : `${recoveryMs}ms`} ok=${r.ok}`,
  ];
  if (!r.ok) lines.push(`        problems: ${r.problems.join('; ')}`, `        reconcile: ${r.reconcileOutput.trim().split('\n').slice(-6).join(' | ')}`);
  return lines.join('\n');
}
