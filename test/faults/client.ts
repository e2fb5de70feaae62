// HTTP client side of the fault tests: tenant setup through the API, a
// bounded reservation load that records every 2xx (and the Idempotency-Key of
// every reservation that never got one), and signed payment callbacks
// delivered several times, concurrently and out of order.

import { randomBytes } from 'node:crypto';
import { signPayload } from '../../src/app/payment.signature.ts';
import { sleep } from './servers.ts';

export interface Tenant {
  readonly id: string;
  readonly key: string;
  readonly paymentSecret: string;
  readonly warehouses: readonly string[];
  readonly skus: readonly string[];
}

const rid = (p: string): string => `${p}_${randomBytes(5).toString('hex')}`;

async function call(base: string, method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<{ status: number; body: any }> {
  const h: Record<string, string> = { ...headers };
  if (key !== null) h.authorization = `Bearer ${key}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await r.text();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: r.status, body: parsed };
}

async function must(base: string, method: string, path: string, key: string, body: unknown, ok: readonly number[]): Promise<any> {
  const r = await call(base, method, path, key, body);
  if (!ok.includes(r.status)) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

/**
 * A tenant with one all-scope key, two warehouses, three SKUs with ample stock, and a payment secret.
 * `id` chooses the tenant id (on Redis Cluster it picks the master: the id is the hash tag of every key).
 */
export async function createTenant(base: string, adminKey: string, id: string = rid('tn')): Promise<Tenant> {
  await must(base, 'POST', '/v1/tenants', adminKey, { id, name: `Fault ${id}` }, [201]);
  const key = (await must(base, 'POST', `/v1/tenants/${id}/keys`, adminKey, { scopes: ['admin', 'checkout', 'read'], label: 'faults' }, [201])).key as string;
  const warehouses = ['wh-a', 'wh-b'];
  const skus = ['SKU-1', 'SKU-2', 'SKU-3'];
  for (const [i, w] of warehouses.entries()) await must(base, 'PUT', `/v1/warehouses/${w}`, key, { name: w, region: 'CN-ZJ', priority: i + 1 }, [201]);
  for (const s of skus) await must(base, 'PUT', `/v1/skus/${s}`, key, { name: s }, [201]);
  for (const w of warehouses) for (const s of skus) await must(base, 'PUT', `/v1/stock/${w}/${s}`, key, { onHand: 1_000_000, reason: 'fault setup' }, [200]);
  const paymentSecret = (await must(base, 'POST', `/v1/tenants/${id}/payment-secret`, adminKey, undefined, [201])).secret as string;
  return { id, key, paymentSecret, warehouses, skus };
}

export interface LoadResult {
  /** Logical reservations attempted (one Idempotency-Key each, retried on errors). */
  attempted: number;
  /** Reservation ids answered 2xx, with their expiry. */
  readonly acknowledged: Map<string, { expiresAtMs: number }>;
  /**
   * Idempotency-Keys of the logical reservations that never got a 2xx (every
   * attempt failed or was refused): a request cut by a fault may still have
   * been applied; the checker looks each one up.
   */
  readonly unanswered: string[];
  /** Requests that failed (connection errors, timeouts, 5xx) before a retry. */
  errors: number;
  /** Time of every 2xx (ms since epoch), for recovery times. */
  readonly okTimes: number[];
}

export interface LoadOptions {
  readonly base: () => string;
  readonly tenant: Tenant;
  readonly count: number;
  readonly concurrency: number;
  readonly ttlSeconds: number;
  /** Attempts per logical reservation, same Idempotency-Key. */
  readonly attemptsMax?: number;
  /** Pause between reservations of one worker (spreads the load over time). */
  readonly pauseMs?: number;
  readonly stop?: () => boolean;
}

export function newLoadResult(): LoadResult {
  return { attempted: 0, acknowledged: new Map(), unanswered: [], errors: 0, okTimes: [] };
}

/** Reserves `count` carts with `concurrency` workers; records every 2xx into `into`. */
export async function runLoad(o: LoadOptions, into: LoadResult = newLoadResult()): Promise<LoadResult> {
  let next = 0;
  const attemptsMax = o.attemptsMax ?? 40;
  const worker = async (): Promise<void> => {
    while (next < o.count && !(o.stop?.() ?? false)) {
      next++;
      into.attempted++;
      const idem = rid('idem');
      const sku = o.tenant.skus[Math.floor(Math.random() * o.tenant.skus.length)]!;
      const body = { lines: [{ sku, qty: 1 + Math.floor(Math.random() * 3) }], region: 'CN-ZJ', ttlSeconds: o.ttlSeconds };
      let answered = false;
      for (let attempt = 0; attempt < attemptsMax; attempt++) {
        try {
          const r = await call(o.base(), 'POST', '/v1/reservations', o.tenant.key, body, { 'idempotency-key': idem }, 3_000);
          if (r.status >= 200 && r.status < 300) {
            into.acknowledged.set(r.body.id as string, { expiresAtMs: Date.parse(r.body.expiresAt as string) });
            into.okTimes.push(Date.now());
            answered = true;
            break;
          }
          into.errors++;
          if (r.status < 500 && r.status !== 429) break;
        } catch {
          into.errors++;
        }
        await sleep(100);
      }
      if (!answered) into.unanswered.push(idem);
      if (o.pauseMs) await sleep(o.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return into;
}

export interface CallbackResult {
  /** Deliveries sent (including retries of the same delivery id after a 5xx). */
  sent: number;
  /** paymentId → reservationId of every payment with at least one 2xx delivery. */
  readonly acknowledged: Map<string, string>;
  /** paymentId → reservationId of every payment none of whose deliveries got a 2xx (it may still have been applied). */
  readonly unanswered: Map<string, string>;
  /** 2xx deliveries in all. */
  accepted2xx: number;
  /** Non-2xx answers by status. */
  readonly statuses: Map<number, number>;
}

/**
 * One succeeded payment per reservation, each delivered 1–5 times under
 * distinct delivery ids, all shuffled and sent with `concurrency` workers.
 */
export async function deliverPayments(base: string | (() => string), tenant: Tenant, reservationIds: readonly string[], concurrency: number): Promise<CallbackResult> {
  // A function spreads the deliveries (and the retries of one) over several instances.
  const baseOf = typeof base === 'string' ? () => base : base;
  const deliveries: { paymentId: string; reservationId: string; deliveryId: string }[] = [];
  for (const reservationId of reservationIds) {
    const paymentId = rid('pay');
    const times = 1 + Math.floor(Math.random() * 5);
    for (let i = 0; i < times; i++) deliveries.push({ paymentId, reservationId, deliveryId: rid('dlv') });
  }
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  const out: CallbackResult = { sent: 0, acknowledged: new Map(), unanswered: new Map(), accepted2xx: 0, statuses: new Map() };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const raw = Buffer.from(JSON.stringify({ reservationId: d.reservationId, paymentId: d.paymentId, amount: 1999, currency: 'CNY', status: 'succeeded' }));
      for (let attempt = 0; attempt < 20; attempt++) {
        const t = Math.floor(Date.now() / 1000);
        out.sent++;
        let status = 0;
        let replayed = false;
        try {
          const r = await fetch(`${baseOf()}/v1/payments/callbacks`, {
            method: 'POST', body: raw, signal: AbortSignal.timeout(5_000),
            headers: {
              'content-type': 'application/json', 'pallet-tenant': tenant.id, 'pallet-delivery-id': d.deliveryId,
              'pallet-signature': `t=${t},v1=${signPayload(tenant.paymentSecret, t, raw)}`,
            },
          });
          replayed = problemCode(await r.text()) === 'CALLBACK_REPLAYED';
          status = r.status;
        } catch {
          status = 0;
        }
        // A retry answered CALLBACK_REPLAYED: an earlier attempt of this delivery was accepted, its answer lost.
        if ((status >= 200 && status < 300) || (status === 409 && replayed && attempt > 0)) {
          out.accepted2xx++;
          out.acknowledged.set(d.paymentId, d.reservationId);
          break;
        }
        out.statuses.set(status, (out.statuses.get(status) ?? 0) + 1);
        if (status !== 0 && status < 500) break;
        await sleep(100);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const d of deliveries) if (!out.acknowledged.has(d.paymentId)) out.unanswered.set(d.paymentId, d.reservationId);
  return out;
}

/** The `code` of a problem body, or ''. */
export function problemCode(text: string): string {
  try {
    const code = (JSON.parse(text) as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}
