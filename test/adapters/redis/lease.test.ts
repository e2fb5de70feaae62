// RedisLease against the real Redis: one owner at a time, and local time that
// counts from when the request was sent, never from when the reply arrived.
import { afterAll, describe, expect, it } from 'vitest';
import { RedisLease } from '../../../src/adapters/redis/lease.ts';
import { createHarness } from '../../helpers/redis.ts';

const h = createHarness('lease');
afterAll(async () => { await h.close(); });

/** A monotonic clock that jumps `replyDelayMs` forward while each request is on the wire. */
function slowWire(replyDelayMs: number): { monoMs: () => number; advance(ms: number): void } {
  let now = 1_000;
  let calls = 0;
  return {
    monoMs: () => {
      const t = now;
      // Every read after the first sees the reply's late arrival.
      if (calls++ > 0) now += replyDelayMs;
      return t;
    },
    advance(ms) { now += ms; },
  };
}

describe('RedisLease', () => {
  it('counts the lease from the moment the request was sent, so a slow reply shortens it', async () => {
    const clock = slowWire(4_000);
    const lease = new RedisLease(() => h.redis(), `${h.namespace}:{t1}:lease`, 'a', { ms: 5_000, monoMs: clock.monoMs });
    expect(await lease.acquireOrRenew()).toEqual({ kind: 'acquired' });
    // Sent at 1,000: held until 6,000 whatever time the reply came back.
    expect(lease.heldUntilMs).toBe(6_000);
    expect(lease.held(0, 5_999)).toBe(true);
    expect(lease.held(0, 6_000)).toBe(false);
    await lease.release();
  });

  it('lets one owner at a time hold the key, renews for its owner, and is free again after release', async () => {
    const key = `${h.namespace}:{t2}:lease`;
    const a = new RedisLease(() => h.redis(), key, 'a', { ms: 10_000 });
    const b = new RedisLease(() => h.redis(), key, 'b', { ms: 10_000 });
    expect((await a.acquireOrRenew()).kind).toBe('acquired');
    const refused = await b.acquireOrRenew();
    expect(refused.kind).toBe('held');
    if (refused.kind === 'held') {
      expect(refused.holder).toBe('a');
      expect(refused.remainingMs).toBeGreaterThan(0);
      expect(refused.remainingMs).toBeLessThanOrEqual(10_000);
    }
    expect(b.held()).toBe(false);
    expect((await a.acquireOrRenew()).kind).toBe('renewed');
    await a.release();
    expect(a.held()).toBe(false);
    expect(await h.redis().exists(key)).toBe(0);
    expect((await b.acquireOrRenew()).kind).toBe('acquired');
    await b.release();
  });

  it('never deletes a lease another owner took after ours lapsed', async () => {
    const key = `${h.namespace}:{t3}:lease`;
    const a = new RedisLease(() => h.redis(), key, 'a', { ms: 50 });
    expect((await a.acquireOrRenew()).kind).toBe('acquired');
    await new Promise((r) => setTimeout(r, 80));
    const b = new RedisLease(() => h.redis(), key, 'b', { ms: 10_000 });
    expect((await b.acquireOrRenew()).kind).toBe('acquired');
    await a.release();
    expect(await h.redis().get(key)).toBe('b');
    await b.release();
  });

  it('releases quietly a lease that lapsed and nobody took (the key is simply gone)', async () => {
    const key = `${h.namespace}:{t6}:lease`;
    const a = new RedisLease(() => h.redis(), key, 'a', { ms: 30 });
    expect((await a.acquireOrRenew()).kind).toBe('acquired');
    await new Promise((r) => setTimeout(r, 60));
    expect(await h.redis().exists(key)).toBe(0);
    await expect(a.release()).resolves.toBeUndefined();
    expect(a.held()).toBe(false);
  });

  it('is due for renewal once the renew fraction of it has passed', async () => {
    const clock = slowWire(0);
    const lease = new RedisLease(() => h.redis(), `${h.namespace}:{t4}:lease`, 'a', { ms: 3_000, monoMs: clock.monoMs });
    await lease.acquireOrRenew();
    const sent = lease.heldUntilMs - 3_000;
    expect(lease.due(1 / 3, sent + 999)).toBe(false);
    expect(lease.due(1 / 3, sent + 1_000)).toBe(true);
    await lease.release();
  });

  it('keeps renewing in the background until released', async () => {
    const key = `${h.namespace}:{t5}:lease`;
    const lease = new RedisLease(() => h.redis(), key, 'a', { ms: 2_000 });
    await lease.acquireOrRenew();
    const errors: unknown[] = [];
    lease.keepRenewing((err) => errors.push(err));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await h.redis().get(key)).toBe('a');
    expect(lease.held()).toBe(true);
    await lease.release();
    expect(await h.redis().exists(key)).toBe(0);
    expect(errors).toEqual([]);
  });
});
