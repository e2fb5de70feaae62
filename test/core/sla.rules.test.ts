// SLA rules: which deadlines an order change arms or clears, and the timer members.
import { describe, expect, it } from 'vitest';
import {
  defaultSlaPolicy, escalationAtMs, parseTimerMember, planTimers, slaStages, stillWaiting, timerMember, validateSlaPolicy,
  type OrderChangeFacts, type SlaPolicy,
} from '../../src/core/sla.rules.ts';

const policy: SlaPolicy = { paidToReleasedSeconds: 60, releasedToAcceptedSeconds: 30, acceptedToShippedSeconds: 3_600 };
const at = 1_800_000_000_000;
const change = (status: string, previousStatus: string, paidAtMs = at - 10_000): OrderChangeFacts =>
  ({ orderId: 'o1', status, previousStatus, occurredAtMs: at, paidAtMs });

describe('planTimers', () => {
  it.each([
    // status, previous, armed stage, deadline, keepExisting
    ['paid', '', 'paidToReleased', at - 10_000 + 60_000, false],
    ['on_hold', '', 'paidToReleased', at - 10_000 + 60_000, false],
    ['on_hold', 'paid', 'paidToReleased', at + 60_000, true],
    ['on_hold', 'released', 'paidToReleased', at + 60_000, false],
    ['released', 'on_hold', 'releasedToAccepted', at + 30_000, false],
    ['released', '', 'releasedToAccepted', at + 30_000, false],
    ['released', 'released', 'releasedToAccepted', at + 30_000, true],
    ['picking', 'released', 'acceptedToShipped', at + 3_600_000, false],
    ['packed', 'picking', 'acceptedToShipped', at + 3_600_000, true],
  ] as const)('%s after %s arms %s', (status, previous, stage, deadlineMs, keepExisting) => {
    const plan = planTimers(change(status, previous), policy);
    expect(plan.arm).toEqual({ stage, deadlineMs, keepExisting });
    expect([...plan.clear].sort()).toEqual(slaStages.filter((s) => s !== stage).sort());
  });

  it.each(['pending_payment', 'shipped', 'delivered', 'cancelled', 'refunded', 'exception'])('%s clears every stage and arms none', (status) => {
    expect(planTimers(change(status, 'released'), policy)).toEqual({ clear: slaStages, arm: null });
  });

  it('a paid order without a paid time counts from the change', () => {
    expect(planTimers(change('paid', 'pending_payment', 0), policy).arm?.deadlineMs).toBe(at + 60_000);
  });

  it('a stage set to 0 arms nothing and clears every stage', () => {
    expect(planTimers(change('released', 'paid'), { ...policy, releasedToAcceptedSeconds: 0 })).toEqual({ clear: slaStages, arm: null });
  });
});

describe('firing and escalation', () => {
  it('a timer is still due only while the order waits in its stage', () => {
    expect(stillWaiting('paidToReleased', 'on_hold')).toBe(true);
    expect(stillWaiting('paidToReleased', 'released')).toBe(false);
    expect(stillWaiting('releasedToAccepted', 'released')).toBe(true);
    expect(stillWaiting('releasedToAccepted', 'picking')).toBe(false);
    expect(stillWaiting('acceptedToShipped', 'shipped')).toBe(false);
  });

  it('escalates one stage period after the first alert', () => {
    expect(escalationAtMs(policy, 'releasedToAccepted', at)).toBe(at + 30_000);
  });
});

describe('policy validation', () => {
  it('accepts integers in range and names the first bad field', () => {
    expect(validateSlaPolicy({ ...defaultSlaPolicy })).toEqual({ ok: true, value: defaultSlaPolicy });
    for (const bad of [-1, 1.5, '60', 30 * 86_400 + 1, null]) {
      const r = validateSlaPolicy({ ...policy, releasedToAcceptedSeconds: bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', extra: { field: 'body.stages.releasedToAcceptedSeconds' } } });
    }
  });
});

describe('timer members', () => {
  it('round-trip and refuse what is not one', () => {
    expect(parseTimerMember(timerMember('o-1', 'paidToReleased', 1))).toEqual({ orderId: 'o-1', stage: 'paidToReleased', level: 1 });
    expect(parseTimerMember(timerMember('o-1', 'acceptedToShipped', 2))).toEqual({ orderId: 'o-1', stage: 'acceptedToShipped', level: 2 });
    for (const bad of ['o1', '|paidToReleased', 'o1|nope', 'o1|paidToReleased|3', 'o1|paidToReleased|2|x']) expect(parseTimerMember(bad)).toBeNull();
  });
});
