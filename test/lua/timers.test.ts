// The SLA timer scripts against the real Redis (adapters/redis/timers.ts):
// arm keeps a running deadline when asked, a claim is a lease (due again
// when it ends), settle removes only what it claimed, and the index never
// hides a due tenant.
import { afterAll, describe, expect, it } from 'vitest';
import { RedisTimers } from '../../src/adapters/redis/timers.ts';
import { timersIndexKey } from '../../src/adapters/redis/keys.ts';
import { Code, runScript } from '../../src/adapters/redis/scripts.ts';
import { createHarness } from '../helpers/redis.ts';

const h = createHarness('timers');
afterAll(async () => { await h.close(); });
const timers = new RedisTimers(h.pool, h.namespace);
const ref = (orderId: string) => ({ orderId, stage: 'paidToReleased' as const, level: 1 as const });

describe('SLA timer scripts', () => {
  it('arm sets, keeps a running deadline when asked, and clears', async () => {
    await timers.apply('t1', 'o1', { clear: [], arm: { stage: 'paidToReleased', deadlineMs: 1_000, keepExisting: false } });
    await timers.apply('t1', 'o1', { clear: [], arm: { stage: 'paidToReleased', deadlineMs: 5_000, keepExisting: true } });
    expect(await timers.deadlineOf('t1', ref('o1'))).toBe(1_000);
    await timers.apply('t1', 'o1', { clear: ['paidToReleased'], arm: { stage: 'releasedToAccepted', deadlineMs: 9_000, keepExisting: false } });
    expect(await timers.deadlineOf('t1', ref('o1'))).toBeNull();
    expect(await timers.deadlineOf('t1', { orderId: 'o1', stage: 'releasedToAccepted', level: 1 })).toBe(9_000);
    expect(await h.redis().zscore(timersIndexKey(h.namespace), 't1')).toBe('1000');
    expect(await runScript(h.redis(), 'armTimer', [h.keys('t1').slaTimers], ['a|b', '', 0, '0'])).toEqual([Code.BAD_ARG, 'order']);
  });

  it('a claim is a lease: due again after it unless settled; settle skips a timer re-armed meanwhile', async () => {
    await timers.apply('t2', 'o1', { clear: [], arm: { stage: 'paidToReleased', deadlineMs: 100, keepExisting: false } });
    await timers.apply('t2', 'o2', { clear: [], arm: { stage: 'paidToReleased', deadlineMs: 200, keepExisting: false } });
    expect(await timers.dueTenants(150, 10)).toContain('t2');
    const [c1] = await timers.claim('t2', 150, 1_000, 10);
    expect(c1).toMatchObject({ orderId: 'o1', dueMs: 100, leaseUntilMs: 1_150 });
    expect(await timers.claim('t2', 150, 1_000, 10)).toEqual([]);
    // The index moved to the next timer (o2 at 200), not past it.
    expect(await h.redis().zscore(timersIndexKey(h.namespace), 't2')).toBe('200');
    expect((await timers.claim('t2', 1_200, 1_000, 10)).map((c) => c.orderId).sort()).toEqual(['o1', 'o2']);
    // Re-armed by a newer change after the claim: settling the old claim leaves it.
    const [again] = await timers.claim('t2', 5_000, 1_000, 1);
    await timers.apply('t2', again!.orderId, { clear: [], arm: { stage: 'paidToReleased', deadlineMs: 9_999, keepExisting: false } });
    expect(await timers.settle('t2', again!, null)).toBe(false);
    expect(await timers.deadlineOf('t2', ref(again!.orderId))).toBe(9_999);
  });

  it('settle removes the claimed timer and arms the escalation once', async () => {
    await timers.apply('t3', 'o1', { clear: [], arm: { stage: 'paidToReleased', deadlineMs: 10, keepExisting: false } });
    const [c] = await timers.claim('t3', 20, 1_000, 10);
    const next = { ref: { orderId: 'o1', stage: 'paidToReleased' as const, level: 2 as const }, atMs: 500 };
    expect(await timers.settle('t3', c!, next)).toBe(true);
    expect(await timers.settle('t3', c!, next)).toBe(false);
    expect(await timers.deadlineOf('t3', ref('o1'))).toBeNull();
    expect(await timers.deadlineOf('t3', next.ref)).toBe(500);
    expect(await timers.count('t3')).toBe(1);
  });
});
