// The e2e scenario's confirmed-poller: every `pollMs` it asks PostgreSQL
// which of the awaited reservations the projector has marked `confirmed`,
// which gives the end-to-end lag 201 → confirmed in the system of record.

import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sleep, type E2eJob } from '../load.ts';
import type { Confirmations } from './state.ts';

/** Ids asked about per poll query, and per poll tick at most (oldest first). */
const pollChunk = 5_000;
const pollTickMax = 40_000;

export class ConfirmedPoller {
  private readonly sql: postgres.Sql;
  private polling = true;
  private readonly loop: Promise<void>;

  /** Starts polling at once. */
  constructor(
    private readonly e: E2eJob,
    private readonly confirmations: Confirmations,
  ) {
    this.sql = postgres(e.databaseUrl, { max: 1, connect_timeout: 5, idle_timeout: 0, onnotice: () => {} });
    this.loop = this.run();
  }

  /** Waits, bounded by `lagDrainSeconds`, until nothing is awaited; stops the loop; polls a last time. */
  async finish(): Promise<void> {
    const lagDeadline = performance.now() + this.e.lagDrainSeconds * 1_000;
    while (this.confirmations.awaiting.size > 0 && performance.now() < lagDeadline) await sleep(this.e.pollMs);
    this.polling = false;
    await this.loop;
    await this.pollOnce();
  }

  /** Stops the loop (its errors are dropped) and closes the PostgreSQL connection. */
  async close(): Promise<void> {
    this.polling = false;
    await this.loop.catch(() => {});
    await this.sql.end({ timeout: 5 });
  }

  private async run(): Promise<void> {
    while (this.polling) {
      const tickStart = performance.now();
      await this.pollOnce();
      await sleep(this.e.pollMs - (performance.now() - tickStart));
    }
  }

  private async pollOnce(): Promise<void> {
    if (this.confirmations.awaiting.size === 0) return;
    const ids = this.confirmations.oldest(pollTickMax);
    for (let i = 0; i < ids.length; i += pollChunk) {
      const chunk = ids.slice(i, i + pollChunk);
      const sql = this.sql;
      const rows = await sql<{ id: string; confirmed_ms: number | null }[]>`
        select id, (extract(epoch from confirmed_at) * 1000)::float8 as confirmed_ms
        from ${sql(this.e.schema)}.reservations
        where tenant_id = ${this.e.tenant} and status = 'confirmed' and id = any(${chunk}::text[])`;
      const now = Date.now();
      for (const row of rows) this.confirmations.confirmed(row.id, row.confirmed_ms, now);
    }
  }
}
