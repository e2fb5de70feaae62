// SLA rules (issue 12): the stages an order must pass within a deadline, and
// which deadlines an order change arms or clears. Pure: the timers role feeds
// each order.changed event through planTimers and writes the plan to Redis.
//
// Stages (a deadline runs from entering the stage's first status until
// leaving its waiting statuses):
//   paidToReleased      paid or on_hold        → released (or beyond)
//   releasedToAccepted  released               → accepted by the warehouse (picking or beyond)
//   acceptedToShipped   picking, packed        → shipped
// shipped, delivered, cancelled, refunded, exception (and an unpaid order) clear every deadline.
import type { OrderStatus } from './order.types.ts';
import { domainError, fail, ok, type Result } from './errors.ts';

export const slaStages = ['paidToReleased', 'releasedToAccepted', 'acceptedToShipped'] as const;
export type SlaStage = (typeof slaStages)[number];

/** Alert levels: 1 = the first notifier, 2 = the escalation to the second. */
export type AlertLevel = 1 | 2;

export interface SlaPolicy {
  /** Seconds per stage; 0: no timer for that stage. */
  readonly paidToReleasedSeconds: number;
  readonly releasedToAcceptedSeconds: number;
  readonly acceptedToShippedSeconds: number;
}

/** The defaults a tenant without a policy gets (the examples: 30 min, 15 min, 24 h). */
export const defaultSlaPolicy: SlaPolicy = Object.freeze({
  paidToReleasedSeconds: 1_800, releasedToAcceptedSeconds: 900, acceptedToShippedSeconds: 86_400,
});

/** Longest stage deadline: 30 days. */
export const stageSecondsMax = 30 * 86_400;

/** The statuses in which each stage is waiting (its timer runs). */
const waitingIn: Readonly<Record<SlaStage, readonly OrderStatus[]>> = {
  paidToReleased: ['paid', 'on_hold'],
  releasedToAccepted: ['released'],
  acceptedToShipped: ['picking', 'packed'],
};

export const secondsOf = (p: SlaPolicy, stage: SlaStage): number => p[`${stage}Seconds`];

/** The stage an order in `status` waits in; null when none (not paid yet, or done). */
export function stageOf(status: string): SlaStage | null {
  for (const s of slaStages) if ((waitingIn[s] as readonly string[]).includes(status)) return s;
  return null;
}

/** The facts of one order.changed event the plan needs. */
export interface OrderChangeFacts {
  readonly orderId: string;
  readonly status: string;
  /** '' for an order's first version. */
  readonly previousStatus: string;
  readonly occurredAtMs: number;
  /** 0 when unpaid. */
  readonly paidAtMs: number;
}

export interface TimerArm {
  readonly stage: SlaStage;
  readonly deadlineMs: number;
  /** true: keep an existing deadline of this stage (the order stayed in the stage). */
  readonly keepExisting: boolean;
}

/** What to write: the stages to clear (all levels) and at most one stage to arm. */
export interface TimerPlan {
  readonly clear: readonly SlaStage[];
  readonly arm: TimerArm | null;
}

/**
 * The timer plan of one change. The deadline of paidToReleased runs from the
 * payment (or from the change, when the order was sent back from released);
 * the others from the change that entered the stage. A change that stays in
 * its stage keeps the running deadline.
 */
export function planTimers(c: OrderChangeFacts, policy: SlaPolicy): TimerPlan {
  const stage = stageOf(c.status);
  const clear = slaStages.filter((s) => s !== stage);
  if (stage === null) return { clear, arm: null };
  const seconds = secondsOf(policy, stage);
  if (seconds <= 0) return { clear: slaStages, arm: null };
  const stayed = stageOf(c.previousStatus) === stage;
  const fromPayment = stage === 'paidToReleased' && c.paidAtMs > 0 && stageOf(c.previousStatus) === null;
  const startMs = fromPayment ? c.paidAtMs : c.occurredAtMs;
  return { clear, arm: { stage, deadlineMs: startMs + seconds * 1000, keepExisting: stayed } };
}

/** Whether an order in `status` is still overdue in `stage` (checked when its timer fires). */
export const stillWaiting = (stage: SlaStage, status: string): boolean => stageOf(status) === stage;

/** When a level-1 alert escalates to level 2: one more stage period after it was raised. */
export const escalationAtMs = (policy: SlaPolicy, stage: SlaStage, raisedAtMs: number): number =>
  raisedAtMs + secondsOf(policy, stage) * 1000;

/** Checks a policy body: integers in 0..stageSecondsMax, naming the first bad field. */
export function validateSlaPolicy(input: Readonly<Record<string, unknown>>): Result<SlaPolicy> {
  const out: Record<string, number> = {};
  for (const s of slaStages) {
    const name = `${s}Seconds`;
    const v = input[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > stageSecondsMax) {
      return fail(domainError('VALIDATION_FAILED', `${name} must be an integer in 0..${stageSecondsMax}`, { field: `body.stages.${name}` }));
    }
    out[name] = v;
  }
  return ok(out as unknown as SlaPolicy);
}

/** `<orderId>|<stage>` (level 1) or `<orderId>|<stage>|2` (the escalation): a member of a tenant's timer set. */
export function timerMember(orderId: string, stage: SlaStage, level: AlertLevel): string {
  return level === 1 ? `${orderId}|${stage}` : `${orderId}|${stage}|2`;
}

export interface TimerRef {
  readonly orderId: string;
  readonly stage: SlaStage;
  readonly level: AlertLevel;
}

/** The parts of a timer member; null when it is not one. */
export function parseTimerMember(member: string): TimerRef | null {
  const parts = member.split('|');
  if (parts.length < 2 || parts.length > 3 || parts[0] === '') return null;
  const stage = parts[1] as SlaStage;
  if (!slaStages.includes(stage)) return null;
  if (parts.length === 3 && parts[2] !== '2') return null;
  return { orderId: parts[0]!, stage, level: parts.length === 3 ? 2 : 1 };
}
