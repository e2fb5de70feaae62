// Ports of SLA alerts (issue 12): the tenant's policy and notifiers, the
// alert rows with their delivery state, the senders (one adapter per
// notifier type, adapters/notifiers/), the timers, the order status the
// timers check, and the task re-driver of the fulfilment role.
import type { AlertLevel, SlaPolicy, SlaStage, TimerPlan } from '../core/sla.rules.ts';

export const notifierTypes = ['wecom', 'dingtalk', 'feishu', 'webhook', 'email'] as const;
export type NotifierType = (typeof notifierTypes)[number];

export interface SmtpTarget {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (465); false: plain, upgraded with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user?: string;
  readonly from: string;
  readonly to: readonly string[];
}

/** A notifier as every read returns it: never its secret. */
export interface NotifierInfo {
  readonly id: string;
  readonly type: NotifierType;
  readonly url: string | null;
  readonly smtp: SmtpTarget | null;
  readonly hasSecret: boolean;
  /** 0: the first notifier (level 1 alerts), 1: the second (escalations). */
  readonly position: number;
  readonly createdAt: Date;
}

export interface NewNotifier {
  readonly id: string;
  readonly type: NotifierType;
  readonly url?: string;
  readonly smtp?: SmtpTarget;
  /** Robot signing secret, webhook HMAC secret, or the SMTP password. */
  readonly secret?: string;
}

/** What a sender needs: the target and the decrypted secret. */
export interface NotifierTarget {
  readonly id: string;
  readonly type: NotifierType;
  readonly url: string | null;
  readonly smtp: SmtpTarget | null;
  readonly secret: string | null;
}

export interface Alert {
  readonly tenant: string;
  readonly id: string;
  readonly orderId: string;
  readonly stage: SlaStage;
  readonly level: AlertLevel;
  readonly notifierId: string | null;
  readonly state: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly dueAtMs: number;
  readonly createdAtMs: number;
  readonly sentAtMs: number | null;
}

export interface AlertPage {
  readonly alerts: Alert[];
  readonly nextCursor: string | null;
}

export interface SlaStore {
  policy(tenant: string): Promise<SlaPolicy | null>;
  setPolicy(tenant: string, p: SlaPolicy, atMs: number): Promise<void>;
  notifiers(tenant: string): Promise<NotifierInfo[]>;
  /** false when the id is taken, or the tenant has `max` notifiers already. */
  addNotifier(tenant: string, n: NewNotifier, max: number, atMs: number): Promise<'added' | 'exists' | 'full'>;
  /** The notifier at `position` (0 first, 1 second) with its secret; null when none. */
  target(tenant: string, position: number): Promise<NotifierTarget | null>;
  /** Raises the alert unless (order, stage, level) has one; returns the row either way. */
  raise(tenant: string, a: { orderId: string; stage: SlaStage; level: AlertLevel; dueAtMs: number; atMs: number }): Promise<Alert>;
  /** Records one delivery attempt: sent, or its error (failed once `attemptsMax` is reached). */
  noteAttempt(tenant: string, alertId: string, r: { notifierId: string | null; error: string | null; atMs: number; attemptsMax: number }): Promise<Alert>;
  alerts(tenant: string, cursor: string | null, limit: number): Promise<AlertPage | null>;
}

/** The message an alert sends. */
export interface AlertMessage {
  readonly tenant: string;
  readonly alertId: string;
  readonly orderId: string;
  readonly stage: SlaStage;
  readonly level: AlertLevel;
  readonly dueAtMs: number;
  readonly title: string;
  /** Markdown (robots that render it) and plain text (the rest). */
  readonly markdown: string;
  readonly text: string;
}

/** One adapter per notifier type; throws on a failed delivery (the caller records and retries). */
export interface NotifierSender {
  send(target: NotifierTarget, message: AlertMessage): Promise<void>;
}

export interface Timers {
  apply(tenant: string, orderId: string, plan: TimerPlan): Promise<void>;
}

/** The order's current status (the record), to check a fired timer is still overdue; null when unknown. */
export interface OrderStatusReader {
  statusOf(tenant: string, orderId: string): Promise<string | null>;
}

/**
 * Re-drives a stuck order (issue 12, the stuck-order sweeper): paidToReleased
 * and releasedToAccepted overdue mean "no pick task yet" and "no warehouse
 * answer yet"; the fulfilment role re-sends the order's pick task(s). The
 * timers role calls it when a timer of those stages fires; until fulfilment
 * wires its adapter, noRedrive does nothing.
 */
export interface TaskRedriver {
  redrive(tenant: string, orderId: string, stage: SlaStage): Promise<void>;
}

export const noRedrive: TaskRedriver = { redrive: async () => undefined };
