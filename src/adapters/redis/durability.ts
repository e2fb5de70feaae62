// Reads the Redis persistence settings behind a 2xx (CONFIG GET appendonly,
// appendfsync) and re-reads them after every reconnect: a Redis restarted
// with another configuration is noticed. What they mean is judged in
// src/core/durability.rules.ts.
import type { RedisClient } from './connection.ts';
import type { RedisPersistence } from '../../core/durability.rules.ts';

/** The settings, or nulls with the reason when CONFIG is renamed, refused by an ACL or Redis does not answer. */
export async function readRedisPersistence(redis: RedisClient): Promise<RedisPersistence> {
  try {
    const appendonly = await configGet(redis, 'appendonly');
    const appendfsync = await configGet(redis, 'appendfsync');
    if (appendonly === null || appendfsync === null) {
      return { appendonly, appendfsync, unknownReason: 'CONFIG GET answered without the setting' };
    }
    return { appendonly, appendfsync };
  } catch (err) {
    return { appendonly: null, appendfsync: null, unknownReason: `CONFIG GET failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function configGet(redis: RedisClient, name: string): Promise<string | null> {
  // [name, value] pairs (RESP2); a Redis-compatible server may answer an empty list.
  const reply = (await redis.config('GET', name)) as unknown;
  if (!Array.isArray(reply)) return null;
  const i = reply.findIndex((x) => String(x).toLowerCase() === name);
  return i >= 0 && reply[i + 1] !== undefined ? String(reply[i + 1]) : null;
}

/**
 * Calls `onReconnect` with freshly read settings each time `redis` is ready
 * again after a reconnect (ioredis 'ready'), one read at a time; a reconnect
 * during a read is read again after it. Returns the unsubscribe.
 */
export function watchRedisReconnects(redis: RedisClient, onReconnect: (s: RedisPersistence) => void): () => void {
  let stopped = false;
  let reading = false;
  let again = false;
  const read = (): void => {
    if (stopped) return;
    if (reading) { again = true; return; }
    reading = true;
    void readRedisPersistence(redis).then((s) => {
      reading = false;
      if (!stopped) onReconnect(s);
      if (again) { again = false; read(); }
    });
  };
  redis.on('ready', read);
  return () => {
    stopped = true;
    redis.off('ready', read);
  };
}
