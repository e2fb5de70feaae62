// SLA use cases (issue 12). SlaService: the tenant's policy, notifiers and
// alert list (HTTP). AlertService: what the timers role does with an order
// change (arm/clear deadlines) and with a fired timer (check the order is
// still waiting, raise the alert once, deliver it, escalate).
import { BoundedLru } from '../core/lru.ts';
import { domainError, fail, ok, type Result } from '../core/errors.ts';
import {
  defaultSlaPolicy, escalationAtMs, planTimers, stillWaiting, validateSlaPolicy,
  type AlertLevel, type OrderChangeFacts, type SlaPolicy, type SlaStage, type TimerRef,
} from '../core/sla.rules.ts';
import type { Clock } from './clock.port.ts';
import type { Log } from './log.port.ts';
import {
  notifierTypes, type Alert, type AlertMessage, type AlertPage, type NewNotifier, type NotifierInfo, type NotifierSender,
  type NotifierType, type OrderStatusReader, type SlaStore, type TaskRedriver, type Timers,
} from './notifier.port.ts';

export interface SlaBounds {
  /** Notifiers per tenant. */
  readonly notifiersMax: number;
  readonly alertsPageMax: number;
}

export class SlaService {
  constructor(private readonly store: SlaStore, private readonly clock: Clock, private readonly bounds: SlaBounds) {}

  async policy(tenant: string): Promise<SlaPolicy> {
    return (await this.store.policy(tenant)) ?? defaultSlaPolicy;
  }

  async setPolicy(tenant: string, stages: Readonly<Record<string, unknown>>): Promise<Result<SlaPolicy>> {
    const checked = validateSlaPolicy(stages);
    if (!checked.ok) return checked;
    await this.store.setPolicy(tenant, checked.value, this.clock.nowMs());
    return checked;
  }

  notifiers(tenant: string): Promise<NotifierInfo[]> {
    return this.store.notifiers(tenant);
  }

  async addNotifier(tenant: string, n: NewNotifier): Promise<Result<NotifierInfo>> {
    const invalid = notifierProblem(n);
    if (invalid !== null) return fail(domainError('VALIDATION_FAILED', invalid.detail, { field: invalid.field }));
    const added = await this.store.addNotifier(tenant, n, this.bounds.notifiersMax, this.clock.nowMs());
    if (added === 'exists') return fail(domainError('VALIDATION_FAILED', `notifier ${n.id} exists already`, { field: 'body.id' }));
    if (added === 'full') return fail(domainError('LIMIT_EXCEEDED', `a tenant has at most ${this.bounds.notifiersMax} notifiers`, { field: 'body.id' }));
    const all = await this.store.notifiers(tenant);
    return ok(all.find((x) => x.id === n.id)!);
  }

  async alerts(tenant: string, cursor: string | null, limit: number): Promise<Result<AlertPage>> {
    const page = await this.store.alerts(tenant, cursor, Math.min(limit, this.bounds.alertsPageMax));
    return page === null ? fail(domainError('VALIDATION_FAILED', 'cursor is not one this API returned', { field: 'querystring.cursor' })) : ok(page);
  }
}

/** The target a type needs: a URL for robots and webhooks, SMTP settings for email. */
function notifierProblem(n: NewNotifier): { field: string; detail: string } | null {
  if (!(notifierTypes as readonly string[]).includes(n.type)) return { field: 'body.type', detail: `type must be one of ${notifierTypes.join(', ')}` };
  if (n.type === 'email') {
    if (n.smtp === undefined || n.url !== undefined) return { field: 'body.smtp', detail: 'an email notifier takes smtp (and no url)' };
    return null;
  }
  if (n.url === undefined || n.smtp !== undefined) return { field: 'body.url', detail: `a ${n.type} notifier takes url (and no smtp)` };
  let parsed: URL;
  try {
    parsed = new URL(n.url);
  } catch {
    return { field: 'body.url', detail: 'url is not an absolute URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { field: 'body.url', detail: 'url must be http or https' };
  if (needsSecret(n.type) && (n.secret === undefined || n.secret === '')) return { field: 'body.secret', detail: `a ${n.type} notifier needs its signing secret` };
  return null;
}

const needsSecret = (t: NotifierType): boolean => t === 'dingtalk' || t === 'feishu' || t === 'webhook';

// ------------------------------------------------------------------ the timers' side

export interface AlertOptions {
  /** Delivery attempts per alert before it is failed. */
  readonly attemptsMax: number;
  /** Tenants whose policy is cached, and for how long. */
  readonly policyCacheEntriesMax: number;
  readonly policyCacheTtlMs: number;
}

export interface FiredTimer extends TimerRef {
  /** The timer's deadline (or its last lease). */
  readonly dueMs: number;
}

/** What became of a fired timer: settle it (maybe arming the escalation), or leave it claimed for a retry. */
export type FireOutcome =
  | { readonly kind: 'settle'; readonly next: { ref: TimerRef; atMs: number } | null; readonly alert: Alert | null }
  | { readonly kind: 'retry'; readonly alert: Alert };

export class AlertService {
  private readonly policies: BoundedLru<string, { policy: SlaPolicy; untilMs: number }>;

  constructor(
    private readonly store: SlaStore,
    private readonly timers: Timers,
    private readonly orders: OrderStatusReader,
    private readonly senders: Readonly<Record<NotifierType, NotifierSender>>,
    private readonly redriver: TaskRedriver,
    private readonly clock: Clock,
    private readonly log: Pick<Log, 'warn' | 'error'>,
    private readonly opts: AlertOptions,
  ) {
    this.policies = new BoundedLru(opts.policyCacheEntriesMax);
  }

  /** Arms and clears the order's deadlines for one order.changed event. */
  async onOrderChanged(tenant: string, c: OrderChangeFacts): Promise<void> {
    await this.timers.apply(tenant, c.orderId, planTimers(c, await this.policyOf(tenant)));
  }

  /** A due timer: raise its alert once (when the order still waits in the stage), deliver, escalate. */
  async fire(tenant: string, t: FiredTimer): Promise<FireOutcome> {
    const status = await this.orders.statusOf(tenant, t.orderId);
    if (status === null || !stillWaiting(t.stage, status)) return { kind: 'settle', next: null, alert: null };
    if (t.level === 1 && t.stage !== 'acceptedToShipped') await this.redrive(tenant, t.orderId, t.stage);
    const now = this.clock.nowMs();
    let alert = await this.store.raise(tenant, { orderId: t.orderId, stage: t.stage, level: t.level, dueAtMs: t.dueMs, atMs: now });
    if (alert.state === 'pending') {
      alert = await this.deliver(tenant, alert);
      if (alert.state === 'pending') return { kind: 'retry', alert };
    }
    const next = t.level === 1
      ? { ref: { orderId: t.orderId, stage: t.stage, level: 2 as AlertLevel }, atMs: escalationAtMs(await this.policyOf(tenant), t.stage, alert.createdAtMs) }
      : null;
    return { kind: 'settle', next, alert };
  }

  private async deliver(tenant: string, alert: Alert): Promise<Alert> {
    const target = await this.store.target(tenant, alert.level - 1);
    const atMs = () => this.clock.nowMs();
    if (target === null) {
      // Nothing to send to: the alert stays listed, failed at once, with the reason.
      return this.store.noteAttempt(tenant, alert.id, { notifierId: null, error: `no notifier at position ${alert.level}`, atMs: atMs(), attemptsMax: 1 });
    }
    try {
      await this.senders[target.type].send(target, messageOf(alert));
      return await this.store.noteAttempt(tenant, alert.id, { notifierId: target.id, error: null, atMs: atMs(), attemptsMax: this.opts.attemptsMax });
    } catch (err) {
      const error = (err as Error).message.slice(0, 500);
      this.log.warn({ tenant, alert: alert.id, notifier: target.id, err: error }, 'alert not delivered');
      return this.store.noteAttempt(tenant, alert.id, { notifierId: target.id, error, atMs: atMs(), attemptsMax: this.opts.attemptsMax });
    }
  }

  private async redrive(tenant: string, orderId: string, stage: SlaStage): Promise<void> {
    try {
      await this.redriver.redrive(tenant, orderId, stage);
    } catch (err) {
      this.log.error({ err, tenant, orderId, stage }, 'stuck order not re-driven');
    }
  }

  private async policyOf(tenant: string): Promise<SlaPolicy> {
    const now = this.clock.nowMs();
    const hit = this.policies.get(tenant);
    if (hit !== undefined && hit.untilMs > now) return hit.policy;
    const policy = (await this.store.policy(tenant)) ?? defaultSlaPolicy;
    this.policies.set(tenant, { policy, untilMs: now + this.opts.policyCacheTtlMs });
    return policy;
  }
}

const stageNames: Readonly<Record<SlaStage, string>> = {
  paidToReleased: 'paid → released', releasedToAccepted: 'released → accepted by the warehouse', acceptedToShipped: 'accepted → shipped',
};

/** The alert's message: a title, markdown for robots that render it, plain text for the rest. */
export function messageOf(a: Alert): AlertMessage {
  const title = `${a.level === 2 ? 'Escalation' : 'Overdue'}: order ${a.orderId} (${a.stage})`;
  const due = new Date(a.dueAtMs).toISOString();
  const lines = [`tenant: ${a.tenant}`, `order: ${a.orderId}`, `stage: ${stageNames[a.stage]}`, `due: ${due}`, `level: ${a.level}`, `alert: ${a.id}`];
  return {
    tenant: a.tenant, alertId: a.id, orderId: a.orderId, stage: a.stage, level: a.level, dueAtMs: a.dueAtMs, title,
    markdown: `### ${title}\n${lines.map((l) => `- ${l}`).join('\n')}`,
    text: `${title}\n${lines.join('\n')}`,
  };
}
