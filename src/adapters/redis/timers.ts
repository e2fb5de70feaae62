// SLA timers in Redis (issue 12): one sorted set per tenant (member
// `<orderId>|<stage>[|2]`, score = deadline ms) and one index of the
// namespace (tenant → a time at or before its earliest timer), like the
// sweeper's. No timer is an object in memory: a million open orders are a
// million sorted-set members, and a round touches only the due tenants.
//
// The index is a hint that is never late: arm lowers it (ZADD LT) after its
// script; a claim sets it to the tenant's next score, then re-reads the
// tenant's earliest score and lowers it again, so a timer armed between the
// two is never hidden (whichever order the writes interleave in).
import type { TimerPlan } from '../../core/sla.rules.ts';
import { parseTimerMember, timerMember, type TimerRef } from '../../core/sla.rules.ts';
import type { RedisPool } from './connection.ts';
import { tenantKeysCache, timersIndexKey, type TenantKeys } from './keys.ts';
import { Code, runScript } from './scripts.ts';

export interface ClaimedTimer extends TimerRef {
  readonly member: string;
  /** The score it had when claimed: its deadline (or its last lease, when claimed before). */
  readonly dueMs: number;
  /** The score the claim gave it: settle passes it back. */
  readonly leaseUntilMs: number;
}

export class RedisTimers {
  private readonly keys: (tenant: string) => TenantKeys;
  private readonly index: string;

  constructor(private readonly redis: RedisPool, namespace: string) {
    this.keys = tenantKeysCache(namespace);
    this.index = timersIndexKey(namespace);
  }

  /** Writes one order's timer plan (clear, then arm). */
  async apply(tenant: string, orderId: string, plan: TimerPlan): Promise<void> {
    const arm = plan.arm;
    const reply = await runScript(this.redis.next(), 'armTimer', [this.keys(tenant).slaTimers], [
      orderId, arm?.stage ?? '', arm?.deadlineMs ?? 0, arm?.keepExisting === true ? '1' : '0', ...plan.clear,
    ]);
    if (reply[0] !== Code.OK) throw new Error(`armTimer refused: ${JSON.stringify(reply)}`);
    if (reply[1] === 1 && arm !== null) await this.redis.next().zadd(this.index, 'LT', arm.deadlineMs, tenant);
  }

  /** Tenants with a timer due at `nowMs` (at most `max`). */
  dueTenants(nowMs: number, max: number): Promise<string[]> {
    return this.redis.next().zrangebyscore(this.index, '-inf', nowMs, 'LIMIT', 0, max);
  }

  /** Claims up to `max` due timers of a tenant for `leaseMs`, and moves the tenant's index entry. */
  async claim(tenant: string, nowMs: number, leaseMs: number, max: number): Promise<ClaimedTimer[]> {
    const key = this.keys(tenant).slaTimers;
    const reply = await runScript(this.redis.next(), 'claimTimers', [key], [nowMs, leaseMs, max]);
    if (reply[0] !== Code.OK) throw new Error(`claimTimers refused: ${JSON.stringify(reply)}`);
    const next = Number(reply[1]);
    const out: ClaimedTimer[] = [];
    for (let i = 2; i + 1 < reply.length; i += 2) {
      const member = String(reply[i]);
      const ref = parseTimerMember(member);
      if (ref === null) continue; // not a timer member: stays claimed until removed by hand
      out.push({ ...ref, member, dueMs: Number(reply[i + 1]), leaseUntilMs: nowMs + leaseMs });
    }
    await this.reindex(tenant, key, next);
    return out;
  }

  /**
   * Settles a claimed timer; `next` arms the escalation. false when the timer was
   * re-armed or cleared meanwhile (a newer order change decides then).
   */
  async settle(tenant: string, t: ClaimedTimer, next: { ref: TimerRef; atMs: number } | null): Promise<boolean> {
    const nextMember = next === null ? '' : timerMember(next.ref.orderId, next.ref.stage, next.ref.level);
    const reply = await runScript(this.redis.next(), 'settleTimer', [this.keys(tenant).slaTimers], [t.member, t.leaseUntilMs, nextMember, next?.atMs ?? 0]);
    if (reply[0] === Code.ALREADY) return false;
    if (reply[0] !== Code.OK) throw new Error(`settleTimer refused: ${JSON.stringify(reply)}`);
    if (next !== null) await this.redis.next().zadd(this.index, 'LT', next.atMs, tenant);
    return true;
  }

  /** The deadline of one timer (tests and tools); null when not armed. */
  async deadlineOf(tenant: string, ref: TimerRef): Promise<number | null> {
    const score = await this.redis.next().zscore(this.keys(tenant).slaTimers, timerMember(ref.orderId, ref.stage, ref.level));
    return score === null ? null : Number(score);
  }

  /** Timers armed for a tenant (tests and tools). */
  count(tenant: string): Promise<number> {
    return this.redis.next().zcard(this.keys(tenant).slaTimers);
  }

  private async reindex(tenant: string, key: string, next: number): Promise<void> {
    const r = this.redis.next();
    if (next < 0) await r.zrem(this.index, tenant);
    else await r.zadd(this.index, next, tenant);
    const first = await r.zrange(key, 0, 0, 'WITHSCORES');
    if (first.length === 2) await r.zadd(this.index, 'LT', Number(first[1]), tenant);
  }
}
