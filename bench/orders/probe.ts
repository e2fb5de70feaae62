// The side client of `npm run bench:orders`: wrk cannot say when each of its
// requests was answered, so a small share of the documents (the probes,
// BENCH_ORDERS_PROBE_RATE per second, open loop) is sent from here while wrk
// runs, through the same intake route and into the same queue. For each
// probe answered 202 it records the wall clock of the 202, then looks for
// the probe's order row every BENCH_ORDERS_PROBE_POLL_MS:
//
// - lag (created_at) = the row's created_at − the 202: created_at is the
//   orders role's clock when it applied the document, inside the transaction
//   that wrote the row — the commit follows a few ms later;
// - lag (visible) = the start of the first poll that saw the row − the 202:
//   the row was committed before that poll's snapshot, and after the start
//   of the poll before it (resolution: one poll interval).

import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { SignedDocument } from './documents.ts';
import { findOrders, lookupIdsMax, type OrderRows } from './rows.ts';

interface Probe {
  readonly doc: SignedDocument;
  readonly sentMs: number;
  acceptedMs: number;
  acceptedWallMs: number;
  seenMs: number;
  createdWallMs: number;
}

export interface ProbeSummary {
  readonly sent: number;
  readonly accepted: number;
  /** Answers other than 202 by `<status>` or `net <code>`. */
  readonly refused: Readonly<Record<string, number>>;
  /** Row lookups that failed (PostgreSQL busy or restarting); the next poll asks again. */
  readonly pollErrors: number;
  /** Probes answered 202 whose row was never seen (the drain bound ran out). */
  readonly unseen: number;
  /** ms, sorted ascending: request written → 202 read, of every accepted probe (a cross-check of wrk's latency). */
  readonly latencyMs: readonly number[];
  /** ms, sorted ascending. */
  readonly lagCreatedMs: readonly number[];
  readonly lagVisibleMs: readonly number[];
}

const probeConnections = 32;
const inflightMax = 64;
const tickMs = 10;

export class ProbeClient {
  private readonly pool: Pool;
  private readonly probes: Probe[] = [];
  private readonly refused = new Map<string, number>();
  private sent = 0;
  private inflight = 0;
  private sender: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private resolveSending: (() => void) | null = null;
  private pollErrors = 0;
  private polling: Promise<void> | null = null;
  private pollUntilMs = Number.POSITIVE_INFINITY;

  constructor(
    origin: string,
    private readonly path: string,
    private readonly docs: readonly SignedDocument[],
    private readonly ratePerSecond: number,
    private readonly rows: OrderRows,
    private readonly pollMs: number,
  ) {
    this.pool = new Pool(origin, { connections: probeConnections, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000, connect: { timeout: 5_000 } });
  }

  /** Starts sending on the schedule (open loop) and looking for rows. */
  start(): void {
    if (this.ratePerSecond <= 0 || this.docs.length === 0) return;
    const startedMs = performance.now();
    this.sending = new Promise((resolve) => (this.resolveSending = resolve));
    this.sender = setInterval(() => {
      const due = Math.min(this.docs.length, Math.floor(((performance.now() - startedMs) * this.ratePerSecond) / 1_000) + 1);
      while (this.sent < due && this.inflight < inflightMax) void this.send(this.docs[this.sent++]!);
      if (this.sent >= this.docs.length) this.stopTimer();
    }, tickMs);
    this.polling = this.poll();
  }

  /** Stops sending and waits for the answers in flight. */
  async stopSending(): Promise<void> {
    this.stopTimer();
    await this.sending;
    while (this.inflight > 0) await new Promise((resolve) => setTimeout(resolve, tickMs));
  }

  private stopTimer(): void {
    if (this.sender !== null) clearInterval(this.sender);
    this.sender = null;
    this.resolveSending?.();
    this.resolveSending = null;
  }

  private async send(doc: SignedDocument): Promise<void> {
    this.inflight++;
    const sentMs = performance.now();
    try {
      const res = await this.pool.request({
        method: 'POST', path: this.path, body: doc.body,
        headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': doc.hmac, 'x-shopify-webhook-id': doc.deliveryId, 'x-shopify-topic': 'orders/create' },
      });
      const acceptedMs = performance.now();
      const acceptedWallMs = Date.now();
      await res.body.dump();
      if (res.statusCode === 202) this.probes.push({ doc, sentMs, acceptedMs, acceptedWallMs, seenMs: -1, createdWallMs: -1 });
      else this.count(String(res.statusCode));
    } catch (err) {
      this.count(`net ${(err as NodeJS.ErrnoException).code ?? (err as Error).name}`);
    } finally {
      this.inflight--;
    }
  }

  private count(kind: string): void {
    this.refused.set(kind, (this.refused.get(kind) ?? 0) + 1);
  }

  private async poll(): Promise<void> {
    for (;;) {
      const pending = this.probes.filter((p) => p.seenMs < 0).slice(0, lookupIdsMax);
      const sending = this.sender !== null || this.inflight > 0;
      if (!sending && (pending.length === 0 || performance.now() > this.pollUntilMs)) return;
      if (pending.length > 0) {
        const askedMs = performance.now();
        const found = await findOrders(this.rows, pending.map((p) => p.doc.externalId)).catch(() => {
          this.pollErrors++;
          return new Map<string, number>();
        });
        for (const p of pending) {
          const created = found.get(p.doc.externalId);
          if (created === undefined) continue;
          p.seenMs = askedMs;
          p.createdWallMs = created;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** After stopSending: waits until every accepted probe's row was seen, or until `deadlineMs` (performance.now()). */
  async finish(deadlineMs: number): Promise<ProbeSummary> {
    this.pollUntilMs = deadlineMs;
    await this.polling;
    await this.pool.close();
    const seen = this.probes.filter((p) => p.seenMs >= 0);
    const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
    return {
      sent: this.sent,
      accepted: this.probes.length,
      refused: Object.fromEntries(this.refused),
      pollErrors: this.pollErrors,
      unseen: this.probes.length - seen.length,
      latencyMs: sorted(this.probes.map((p) => p.acceptedMs - p.sentMs)),
      lagCreatedMs: sorted(seen.map((p) => p.createdWallMs - p.acceptedWallMs)),
      lagVisibleMs: sorted(seen.map((p) => p.seenMs - p.acceptedMs)),
    };
  }
}

/** The value at percentile `p` (0–100) of an ascending list (nearest rank); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
