// Removing what a run left behind, and running clean-up steps exactly once,
// in reverse order of registration, whatever way the run ends.

import { Redis } from 'ioredis';
import postgres from 'postgres';
import { connectNats } from '../../src/adapters/nats/connection.ts';
import { deleteTopology, topology } from '../../src/adapters/nats/topology.ts';

const namespacePattern = /^[a-z][a-z0-9_]{0,62}$/;
const scanCount = 1_000;
/** A limit on the clean-up loop: ~100 million keys. */
const scanRoundsMax = 100_000;

/** SCAN + UNLINK every key `<ns>:*`; returns how many were deleted. */
export async function deleteRedisNamespace(redisUrl: string, namespace: string): Promise<number> {
  if (!namespacePattern.test(namespace)) throw new Error(`refusing to delete Redis keys of namespace ${JSON.stringify(namespace)}`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5_000, commandTimeout: 30_000 });
  let deleted = 0;
  try {
    let cursor = '0';
    for (let round = 0; round < scanRoundsMax; round++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', scanCount);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
      if (cursor === '0') return deleted;
    }
    throw new Error(`deleteRedisNamespace(${namespace}): still scanning after ${scanRoundsMax} rounds`);
  } finally {
    redis.disconnect();
  }
}

export async function dropPostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!namespacePattern.test(schema)) throw new Error(`refusing to drop schema ${JSON.stringify(schema)}`);
  const sql = postgres(databaseUrl, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {}, fetch_types: false });
  try {
    await sql`drop schema if exists ${sql(schema)} cascade`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Deletes the namespace's JetStream streams (`<ns>_events`, `<ns>_dlq`; missing ones are fine). */
export async function deleteNatsStreams(natsUrl: string, namespace: string): Promise<string> {
  if (!namespacePattern.test(namespace)) throw new Error(`refusing to delete the streams of namespace ${JSON.stringify(namespace)}`);
  const nats = await connectNats(natsUrl, `pallet-bench-cleanup-${namespace}`);
  try {
    await deleteTopology(await nats.jsm(), namespace);
    const t = topology(namespace);
    return `${t.eventsStream}, ${t.dlqStream}`;
  } finally {
    await nats.close();
  }
}

export class CleanupStack {
  private readonly steps: { readonly name: string; readonly run: () => Promise<unknown> }[] = [];
  private ran: Promise<void> | undefined;

  push(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once (last pushed first); a failing step is reported and the rest still run. */
  runAll(log: (line: string) => void): Promise<void> {
    this.ran ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          const result = await step.run();
          log(`cleanup: ${step.name}${result === undefined ? '' : ` (${String(result)})`}`);
        } catch (err) {
          log(`cleanup: ${step.name} FAILED: ${(err as Error).message}`);
        }
      }
    })();
    return this.ran;
  }
}
