// The fault checker: after a fault and a bounded wait for the pipeline to
// drain, compares what clients were told (every 2xx) with the system of
// record (PostgreSQL in the namespace's schema), runs `pallet reconcile`
// (ledger sums = Redis counters), checks expiry and the JetStream consumers.
// Reusable: it only needs URLs, the namespace and the client's records.
//
// Applied, not acknowledged: a request cut by a fault can be applied without
// its 2xx ever reaching the client (its retries then failed too). That is
// correct behaviour, so the checker does not count such a reservation as
// acknowledged, nor as an unexplained extra: it looks up the Idempotency-Key of
// every logical reservation that never got a 2xx in Redis (the key names the
// reservation the request made) and holds the ones it finds to the same rules
// as acknowledged ones — in PostgreSQL, in the ledger once, resolved at most
// once (and by expiry when due) — counted separately. A reservation in
// PostgreSQL that neither a 2xx nor an unanswered key explains is an
// unexplained extra. Payments alike: a payment none of whose deliveries got a
// 2xx may still be in PostgreSQL; then exactly once, its reservation confirmed.
//
// I/O (readPg, appliedOf, missingInRedis, readJetStream, `pallet reconcile`)
// is kept apart from the rules (evaluate), which the checker's own test
// (checker.test.ts) runs on synthetic records.

import { Cluster, Redis } from 'ioredis';
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
  /** Idempotency-Keys of the logical reservations that never got a 2xx: each may have been applied. */
  readonly unanswered: readonly string[];
  /** paymentId → reservationId, for every payment with a 2xx callback. */
  readonly payments?: ReadonlyMap<string, string>;
  /** paymentId → reservationId, for every payment none of whose deliveries got a 2xx: each may have been applied. */
  readonly paymentsUnanswered?: ReadonlyMap<string, string>;
  /** A held reservation may outlive its expiry by at most this (one sweep plus the pipeline). */
  readonly expiryGraceMs: number;
  readonly drainTimeoutMs: number;
  /** Skip the drain wait (the negative control knows the pipeline is done). */
  readonly noWait?: boolean;
}

export interface CheckReport {
  readonly attempted: number;
  readonly acknowledged: number;
  /** Acknowledged reservations found in PostgreSQL. */
  readonly found: number;
  readonly lost: number;
  /** Logical reservations without a 2xx. */
  readonly unanswered: number;
  /** Of those, applied (their Idempotency-Key names a reservation in Redis). */
  readonly appliedUnacknowledged: number;
  /** Applied, not acknowledged, and found in PostgreSQL. */
  readonly appliedUnacknowledgedFound: number;
  /** Acknowledged or applied reservations whose Redis record is gone (finished ones stay readable for the retention). */
  readonly missingInRedis: number;
  /** Reservations or payments with more ledger / history / payment rows than one effect writes. */
  readonly duplicateEffects: number;
  /** Reservations in PostgreSQL without their stock.reserved ledger rows or history event. */
  readonly ledgerMissing: number;
  /** Reservations resolved (confirmed, expired, released from held) more than once. */
  readonly resolvedTwice: number;
  /** Reservations in PostgreSQL that neither a 2xx, an unanswered Idempotency-Key nor a re-reserving payment explains. */
  readonly unexplainedExtras: number;
  readonly paymentsAcknowledged: number;
  readonly paymentsFound: number;
  /** Payments without a 2xx delivery that are in PostgreSQL. */
  readonly paymentsAppliedUnacknowledged: number;
  /** Payments in PostgreSQL no delivery of the client explains. */
  readonly paymentsUnexplained: number;
  /** Paid reservations (acknowledged or applied payments) not confirmed exactly once. */
  readonly paymentsNotConfirmed: number;
  readonly heldPastExpiry: number;
  readonly expiredAcknowledged: number;
  readonly expiredUnacknowledged: number;
  readonly consumers: Record<string, { pending: number; ackPending: number }>;
  readonly deadLetters: number;
  readonly reconcileExit: number;
  readonly reconcileOutput: string;
  readonly drainMs: number;
  readonly drained: boolean;
  readonly problems: string[];
  readonly ok: boolean;
}

/** One reservation of the tenant as PostgreSQL has it. */
export interface ReservationFacts {
  readonly status: string;
  /** Distinct cells of its allocations: the stock_ledger rows each of its stock events writes. */
  readonly cells: number;
  /** stock_ledger rows by event type. */
  readonly ledger: Readonly<Record<string, number>>;
  /** reservation_history: stock.reserved events. */
  readonly reservedEvents: number;
  /** reservation_history: events that resolve a held reservation (confirmed, expired, released from held). */
  readonly resolutions: number;
  /** reservation_history: events beyond one per sequence number (the same step under two event ids). */
  readonly sameSequence: number;
}

export interface PgFacts {
  readonly reservations: ReadonlyMap<string, ReservationFacts>;
  /** paymentId → rows in `payments`, for every payment of the tenant. */
  readonly payments: ReadonlyMap<string, number>;
  /** Reservations the payments role made (an orphaned payment re-reserved), not a client. */
  readonly reReserved: ReadonlySet<string>;
  readonly heldPastExpiry: readonly string[];
}

export interface JsFacts {
  readonly consumers: CheckReport['consumers'];
  readonly deadLetters: number;
}

export interface Facts {
  readonly pg: PgFacts;
  /** Unanswered Idempotency-Key → the reservation Redis says it made. */
  readonly applied: ReadonlyMap<string, string>;
  readonly missingInRedis: number;
  /** null: consumer info unavailable. */
  readonly js: JsFacts | null;
  readonly reconcile: { readonly code: number; readonly out: string };
}

export type RuleInput = Pick<CheckInput, 'attempted' | 'reservations' | 'unanswered' | 'payments' | 'paymentsUnanswered' | 'expiryGraceMs'>;

export async function readPg(sql: postgres.Sql, schema: string, tenant: string, expiryGraceMs: number): Promise<PgFacts> {
  const s = sql(schema);
  const rows = await sql<{ id: string; status: string; cells: number }[]>`
    select id, status, (select count(distinct (a->>0, a->>1)) from jsonb_array_elements(allocations) a)::int as cells
    from ${s}.reservations where tenant_id = ${tenant}`;
  const ledger = await sql<{ reservation_id: string; event_type: string; c: number }[]>`
    select reservation_id, event_type, count(*)::int as c from ${s}.stock_ledger
    where tenant_id = ${tenant} and reservation_id is not null group by reservation_id, event_type`;
  const history = new Map((await sql<{ reservation_id: string; reserved: number; resolutions: number; same: number }[]>`
    select reservation_id,
      count(*) filter (where event_type = 'stock.reserved')::int as reserved,
      count(*) filter (where event_type in ('stock.confirmed', 'stock.expired') or (event_type = 'stock.released' and from_status = 'held'))::int as resolutions,
      (count(*) - count(distinct sequence))::int as same
    from ${s}.reservation_history where tenant_id = ${tenant} group by reservation_id`).map((r) => [r.reservation_id, r]));
  const byType = new Map<string, Record<string, number>>();
  for (const r of ledger) byType.set(r.reservation_id, { ...byType.get(r.reservation_id), [r.event_type]: r.c });
  const reservations = new Map(rows.map((r) => {
    const h = history.get(r.id);
    return [r.id, {
      status: r.status, cells: r.cells, ledger: byType.get(r.id) ?? {},
      reservedEvents: h?.reserved ?? 0, resolutions: h?.resolutions ?? 0, sameSequence: h?.same ?? 0,
    }];
  }));
  const payments = new Map((await sql<{ payment_id: string; c: number }[]>`
    select payment_id, count(*)::int as c from ${s}.payments where tenant_id = ${tenant} group by payment_id`).map((r) => [r.payment_id, r.c]));
  const reReserved = new Set((await sql<{ id: string }[]>`
    select new_reservation_id as id from ${s}.payment_exceptions where tenant_id = ${tenant} and new_reservation_id is not null`).map((r) => r.id));
  const overdue = await sql<{ id: string }[]>`
    select id from ${s}.reservations where tenant_id = ${tenant} and status = 'held'
      and expires_at < now() - make_interval(secs => ${expiryGraceMs / 1000})`;
  return { reservations, payments, reReserved, heldPastExpiry: overdue.map((r) => r.id) };
}

/**
 * One server's client, or a cluster client when REDIS_URL lists several seed
 * nodes (as Pallet reads it). Every key the checker reads carries the tenant's
 * hash tag, so each pipeline below stays in one slot, on one master.
 */
function redisOf(url: string): Redis | Cluster {
  const seeds = url.split(',').map((s) => s.trim());
  if (seeds.length === 1) return new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const nodes = seeds.map((s) => { const u = new URL(s); return { host: u.hostname, port: Number(u.port || '6379') }; });
  return new Cluster(nodes, { lazyConnect: true, redisOptions: { maxRetriesPerRequest: 2 } });
}

async function withRedis<T>(env: CoreEnv, tenant: string, fn: (redis: Redis | Cluster, keys: TenantKeys) => Promise<T>): Promise<T> {
  const redis = redisOf(env.REDIS_URL);
  try {
    await redis.connect();
    return await fn(redis, new TenantKeys(env.PALLET_NAMESPACE, tenant));
  } finally {
    redis.disconnect();
  }
}

/** Unanswered Idempotency-Key → reservation id, for the keys Redis remembers (the request was applied). */
export async function appliedOf(env: CoreEnv, tenant: string, idempotencyKeys: readonly string[]): Promise<Map<string, string>> {
  return withRedis(env, tenant, async (redis, keys) => {
    const out = new Map<string, string>();
    for (let i = 0; i < idempotencyKeys.length; i += 500) {
      const batch = idempotencyKeys.slice(i, i + 500);
      const p = redis.pipeline();
      for (const k of batch) p.get(keys.idempotency(k));
      // The value is `<request fingerprint>|<reservation id>` (reserveStock-n.lua).
      for (const [j, [err, v]] of ((await p.exec()) ?? []).entries()) {
        if (err !== null) throw err;
        if (typeof v === 'string' && v.includes('|')) out.set(batch[j]!, v.slice(v.indexOf('|') + 1));
      }
    }
    return out;
  });
}

/** How many of `ids` have no reservation key in Redis. */
export async function missingInRedis(env: CoreEnv, tenant: string, ids: readonly string[]): Promise<number> {
  return withRedis(env, tenant, async (redis, keys) => {
    let missing = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const p = redis.pipeline();
      for (const id of ids.slice(i, i + 500)) p.exists(keys.reservation(id));
      for (const [err, n] of (await p.exec()) ?? []) if (err !== null || n !== 1) missing++;
    }
    return missing;
  });
}

async function readJetStream(env: CoreEnv): Promise<JsFacts> {
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

/** Every paid reservation is confirmed exactly once: status confirmed, one stock.confirmed row per cell. */
const confirmedOnce = (f: ReservationFacts | undefined): boolean =>
  f !== undefined && f.status === 'confirmed' && (f.ledger['stock.confirmed'] ?? 0) === f.cells;

function settled(pg: PgFacts, js: JsFacts | null, input: RuleInput, applied: ReadonlyMap<string, string>): boolean {
  const projected = (id: string): boolean => (pg.reservations.get(id)?.reservedEvents ?? 0) > 0;
  for (const id of input.reservations.keys()) if (!projected(id)) return false;
  for (const id of applied.values()) if (!projected(id)) return false;
  for (const [p, r] of input.payments ?? []) {
    if ((pg.payments.get(p) ?? 0) === 0 || !confirmedOnce(pg.reservations.get(r))) return false;
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
    // The load is over: what the unanswered keys made no longer changes.
    const applied = await appliedOf(input.env, input.tenant, input.unanswered);
    const read = async (): Promise<[PgFacts, JsFacts | null]> =>
      [await readPg(sql, schema, input.tenant, input.expiryGraceMs), await readJetStream(input.env).catch(() => null)];
    let [pg, js] = await read();
    let drained = settled(pg, js, input, applied);
    while (!drained && !input.noWait && Date.now() - started < input.drainTimeoutMs) {
      await sleep(250);
      [pg, js] = await read();
      drained = settled(pg, js, input, applied);
    }
    const drainMs = Date.now() - started;
    const gone = await missingInRedis(input.env, input.tenant, [...input.reservations.keys(), ...applied.values()]);
    const reconcile = await palletCli(input.env, ['reconcile', '--tenant', input.tenant]);
    return evaluate(input, { pg, applied, missingInRedis: gone, js, reconcile }, { drainMs, drained });
  } finally {
    await sql.end({ timeout: 2 });
  }
}

interface ReservationVerdict {
  found: number; lost: string[]; appliedFound: number; appliedMissing: string[];
  duplicateEffects: number; ledgerMissing: number; resolvedTwice: number; unexplainedExtras: string[];
  expiredAcknowledged: number; expiredUnacknowledged: number;
}

/** The reservation rules, for every reservation of the tenant in PostgreSQL and every one a client made. */
function judgeReservations(input: RuleInput, pg: PgFacts, applied: ReadonlyMap<string, string>): ReservationVerdict {
  const acked = [...input.reservations.keys()];
  const appliedIds = [...applied.values()];
  const known = new Set([...acked, ...appliedIds, ...pg.reReserved]);
  const v: ReservationVerdict = {
    found: acked.filter((id) => pg.reservations.has(id)).length,
    lost: acked.filter((id) => !pg.reservations.has(id)),
    appliedFound: appliedIds.filter((id) => pg.reservations.has(id)).length,
    appliedMissing: appliedIds.filter((id) => !pg.reservations.has(id)),
    duplicateEffects: 0, ledgerMissing: 0, resolvedTwice: 0,
    unexplainedExtras: [...pg.reservations.keys()].filter((id) => !known.has(id)),
    expiredAcknowledged: acked.filter((id) => pg.reservations.get(id)?.status === 'expired').length,
    expiredUnacknowledged: appliedIds.filter((id) => pg.reservations.get(id)?.status === 'expired').length,
  };
  for (const f of pg.reservations.values()) {
    // Each stock event of a reservation writes one row per cell; its history holds one event per step.
    const doubled = Object.values(f.ledger).some((n) => n > f.cells) || f.reservedEvents > 1 || f.sameSequence > 0;
    if (doubled) v.duplicateEffects++;
    if ((f.ledger['stock.reserved'] ?? 0) < f.cells || f.reservedEvents === 0) v.ledgerMissing++;
    if (f.resolutions > 1) v.resolvedTwice++;
  }
  return v;
}

interface PaymentVerdict { found: number; appliedUnacknowledged: number; unexplained: number; duplicates: number; notConfirmed: number }

function judgePayments(input: RuleInput, pg: PgFacts): PaymentVerdict {
  const acked = input.payments ?? new Map<string, string>();
  const unanswered = input.paymentsUnanswered ?? new Map<string, string>();
  const v: PaymentVerdict = { found: 0, appliedUnacknowledged: 0, unexplained: 0, duplicates: 0, notConfirmed: 0 };
  for (const [p, n] of pg.payments) {
    if (n > 1) v.duplicates++;
    if (!acked.has(p) && !unanswered.has(p)) v.unexplained++;
  }
  for (const [p, r] of acked) {
    if ((pg.payments.get(p) ?? 0) > 0) v.found++;
    if (!confirmedOnce(pg.reservations.get(r))) v.notConfirmed++;
  }
  for (const [p, r] of unanswered) {
    if ((pg.payments.get(p) ?? 0) === 0) continue;
    v.appliedUnacknowledged++;
    if (!confirmedOnce(pg.reservations.get(r))) v.notConfirmed++;
  }
  return v;
}

function pipelineProblems(f: Facts, expiryGraceMs: number): string[] {
  const problems: string[] = [];
  if (f.pg.heldPastExpiry.length > 0) problems.push(`${f.pg.heldPastExpiry.length} held reservation(s) past expiry + ${expiryGraceMs} ms, e.g. ${f.pg.heldPastExpiry.slice(0, 3).join(', ')}`);
  if (f.js === null) problems.push('JetStream consumer info unavailable');
  for (const [name, c] of Object.entries(f.js?.consumers ?? {})) {
    if (c.pending !== 0 || c.ackPending !== 0) problems.push(`consumer ${name}: ${c.pending} pending, ${c.ackPending} unacknowledged`);
  }
  if ((f.js?.deadLetters ?? 0) > 0) problems.push(`${f.js?.deadLetters} dead letter(s)`);
  if (f.missingInRedis > 0) problems.push(`${f.missingInRedis} acknowledged or applied reservation(s) missing in Redis`);
  if (f.reconcile.code !== 0) problems.push(`pallet reconcile exited ${f.reconcile.code}`);
  return problems;
}

/** Every rule on the gathered facts (pure: the checker's test runs it on synthetic records). */
export function evaluate(input: RuleInput, f: Facts, drain: { drainMs: number; drained: boolean }): CheckReport {
  const r = judgeReservations(input, f.pg, f.applied);
  const p = judgePayments(input, f.pg);
  const eg = (ids: readonly string[]): string => ids.slice(0, 3).join(', ');
  const problems: string[] = [];
  if (r.lost.length > 0) problems.push(`${r.lost.length} acknowledged reservation(s) missing in PostgreSQL, e.g. ${eg(r.lost)}`);
  if (r.appliedMissing.length > 0) problems.push(`${r.appliedMissing.length} applied, not acknowledged reservation(s) missing in PostgreSQL, e.g. ${eg(r.appliedMissing)}`);
  if (r.unexplainedExtras.length > 0) problems.push(`${r.unexplainedExtras.length} reservation(s) in PostgreSQL no 2xx or unanswered Idempotency-Key explains (idempotency broken?), e.g. ${eg(r.unexplainedExtras)}`);
  if (r.ledgerMissing > 0) problems.push(`${r.ledgerMissing} reservation(s) without their stock.reserved ledger rows or history event`);
  if (r.resolvedTwice > 0) problems.push(`${r.resolvedTwice} reservation(s) resolved more than once`);
  const duplicateEffects = r.duplicateEffects + p.duplicates;
  if (duplicateEffects > 0) problems.push(`${duplicateEffects} duplicate effect(s)`);
  const paymentsAcknowledged = input.payments?.size ?? 0;
  if (p.found < paymentsAcknowledged) problems.push(`${paymentsAcknowledged - p.found} acknowledged payment(s) missing in PostgreSQL`);
  if (p.unexplained > 0) problems.push(`${p.unexplained} payment(s) in PostgreSQL no delivery explains`);
  if (p.notConfirmed > 0) problems.push(`${p.notConfirmed} paid reservation(s) not confirmed exactly once`);
  problems.push(...pipelineProblems(f, input.expiryGraceMs));
  return {
    attempted: input.attempted, acknowledged: input.reservations.size, found: r.found, lost: r.lost.length,
    unanswered: input.unanswered.length, appliedUnacknowledged: f.applied.size, appliedUnacknowledgedFound: r.appliedFound,
    missingInRedis: f.missingInRedis, duplicateEffects, ledgerMissing: r.ledgerMissing, resolvedTwice: r.resolvedTwice,
    unexplainedExtras: r.unexplainedExtras.length,
    paymentsAcknowledged, paymentsFound: p.found, paymentsAppliedUnacknowledged: p.appliedUnacknowledged,
    paymentsUnexplained: p.unexplained, paymentsNotConfirmed: p.notConfirmed,
    heldPastExpiry: f.pg.heldPastExpiry.length, expiredAcknowledged: r.expiredAcknowledged, expiredUnacknowledged: r.expiredUnacknowledged,
    consumers: f.js?.consumers ?? {}, deadLetters: f.js?.deadLetters ?? 0, reconcileExit: f.reconcile.code, reconcileOutput: f.reconcile.out,
    ...drain, problems, ok: problems.length === 0,
  };
}

export function formatReport(name: string, r: CheckReport, recoveryMs: number | null): string {
  const c = Object.entries(r.consumers).map(([k, v]) => `${k}=${v.pending}/${v.ackPending}`).join(' ');
  const lines = [
    `[fault] ${name}: attempted=${r.attempted} acknowledged=${r.acknowledged} found=${r.found} lost=${r.lost} `
      + `unanswered=${r.unanswered} appliedUnacknowledged=${r.appliedUnacknowledged} (found ${r.appliedUnacknowledgedFound}) missingInRedis=${r.missingInRedis}`,
    `        duplicateEffects=${r.duplicateEffects} ledgerMissing=${r.ledgerMissing} resolvedTwice=${r.resolvedTwice} extras=${r.unexplainedExtras} `
      + `expired ack/unack=${r.expiredAcknowledged}/${r.expiredUnacknowledged} heldPastExpiry=${r.heldPastExpiry} deadLetters=${r.deadLetters}`,
    `        payments ack=${r.paymentsAcknowledged} found=${r.paymentsFound} appliedUnacknowledged=${r.paymentsAppliedUnacknowledged} `
      + `unexplained=${r.paymentsUnexplained} notConfirmedOnce=${r.paymentsNotConfirmed}`,
    `        consumers(pending/ackPending) ${c} reconcile=${r.reconcileExit} drain=${r.drainMs}ms${r.drained ? '' : ' (NOT drained)'} recovery=${recoveryMs === null ? '-' : `${recoveryMs}ms`} ok=${r.ok}`,
  ];
  if (!r.ok) lines.push(`        problems: ${r.problems.join('; ')}`, `        reconcile: ${r.reconcileOutput.trim().split('\n').slice(-6).join(' | ')}`);
  return lines.join('\n');
}
