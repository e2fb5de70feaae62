// The timers role (issue 12): SLA deadlines per (order, stage), durable in
// Redis (adapters/redis/timers.ts), and the alerts they raise.
//
// Two loops, both bounded:
// - the consumer reads order.changed through its durable consumer `timers`
//   (filter `<ns>.*.order.changed`) and arms/clears the order's deadlines
//   (AlertService.onOrderChanged); acks after the Redis write, naks with
//   backoff on failure, dead-letters poison;
// - every `intervalMs` a round takes the tenants with a due timer (at most
//   `tenantsPerRoundMax`), claims at most `batchMax` timers of each (a lease:
//   a claimer that dies leaves them due again after `leaseMs`), fires each
//   (AlertService.fire: still waiting? raise the alert once, deliver it,
//   escalate) and settles it. Any number of instances may run: a timer is
//   claimed by one at a time, and the alert's unique key raises it once.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Clock } from '../app/clock.port.ts';
import type { Log } from '../app/log.port.ts';
import type { AlertService } from '../app/sla.service.ts';
import type { EventsConfig } from '../config.ts';
import { decodeEnvelope } from '../adapters/events/envelope.codec.ts';
import type { Metrics } from '../adapters/metrics/metrics.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { publishDeadLetter } from '../adapters/nats/dead-letter.ts';
import { topology, type Topology } from '../adapters/nats/topology.ts';
import type { RedisTimers } from '../adapters/redis/timers.ts';

export interface TimersOptions {
  readonly intervalMs: number;
  readonly batchMax: number;
  readonly tenantsPerRoundMax: number;
  readonly leaseMs: number;
}

export interface TimersRoleDeps {
  readonly nats: Nats;
  readonly namespace: string;
  readonly events: EventsConfig;
  readonly timers: RedisTimers;
  readonly alerts: AlertService;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: Metrics;
  readonly opts: TimersOptions;
}

const fetchExpiresMs = 1_000;
const retryDelayMsMax = 30_000;
const consumerName = 'timers';

export class TimersRole {
  private readonly t: Topology;
  private stopping = false;
  private consumeLoop: Promise<void> | null = null;
  private batch: ConsumerMessages | null = null;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Alerts this instance raised and settled (tests, metrics). */
  firedTotal = 0;

  constructor(private readonly deps: TimersRoleDeps) {
    const { intervalMs, batchMax, tenantsPerRoundMax, leaseMs } = deps.opts;
    if (![intervalMs, batchMax, tenantsPerRoundMax, leaseMs].every((n) => Number.isSafeInteger(n) && n >= 1)) {
      throw new Error('timers bounds must be positive integers');
    }
    this.t = topology(deps.namespace);
  }

  start(): void {
    if (this.consumeLoop !== null) return;
    this.stopping = false;
    this.consumeLoop = this.consume();
    const tick = (): void => {
      this.round = this.fireDue().then(() => undefined, (err: unknown) => this.deps.log.error({ err }, 'timers: round failed'))
        .finally(() => { if (!this.stopping) this.timer = setTimeout(tick, this.deps.opts.intervalMs); });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
    await this.batch?.close().catch(() => undefined);
    await this.consumeLoop;
    await this.round;
    this.consumeLoop = null;
  }

  /** One round: every due tenant (bounded), a bounded batch of its timers each. */
  async fireDue(): Promise<number> {
    const { timers, clock, opts } = this.deps;
    const now = clock.nowMs();
    let fired = 0;
    for (const tenant of await timers.dueTenants(now, opts.tenantsPerRoundMax)) {
      if (this.stopping) break;
      const claimed = await timers.claim(tenant, now, opts.leaseMs, opts.batchMax);
      for (const c of claimed) {
        try {
          const outcome = await this.deps.alerts.fire(tenant, c);
          if (outcome.kind === 'settle') {
            await timers.settle(tenant, c, outcome.next);
            if (outcome.alert !== null) fired++;
          }
        } catch (err) {
          // Stays claimed: due again when its lease ends.
          this.deps.log.error({ err, tenant, timer: c.member }, 'timers: timer not fired; retried after its lease');
        }
      }
    }
    this.firedTotal += fired;
    return fired;
  }

  private async consume(): Promise<void> {
    let consumer: Consumer | null = null;
    let failures = 0;
    while (!this.stopping) {
      try {
        consumer ??= await this.deps.nats.js.consumers.get(this.t.eventsStream, this.t.consumers.timers.durable);
        const msgs = await consumer.fetch({ max_messages: this.deps.events.consumerBatchMax, expires: fetchExpiresMs });
        this.batch = msgs;
        for await (const m of msgs) await this.handle(m);
        this.batch = null;
        failures = 0;
      } catch (err) {
        this.batch = null;
        failures++;
        consumer = null;
        this.deps.log.error({ err, failures }, 'timers: fetch failed; retrying');
        await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    if (m.redelivered) this.deps.metrics.consumerRedeliveries.inc({ consumer: consumerName });
    let facts: { tenant: string; orderId: string; status: string; previousStatus: string; occurredAtMs: number; paidAtMs: number };
    try {
      const e = decodeEnvelope(m.data);
      const c = e.orderChanged;
      if (e.type !== 'order.changed' || c === null || c === undefined || !c.orderId || !e.tenant) throw new Error('not an order.changed envelope');
      facts = {
        tenant: e.tenant, orderId: c.orderId, status: c.status ?? '', previousStatus: c.previousStatus ?? '',
        occurredAtMs: Number(e.occurredAtMs ?? 0), paidAtMs: Number(c.paidAtMs ?? 0),
      };
    } catch (err) {
      return this.deadLetter(m, `undecodable: ${(err as Error).message}`);
    }
    try {
      await this.deps.alerts.onOrderChanged(facts.tenant, facts);
      m.ack();
    } catch (err) {
      const n = m.info.deliveryCount;
      if (n >= this.deps.events.consumerMaxDeliver) return this.deadLetter(m, `gave up after ${n} deliveries: ${(err as Error).message}`);
      this.deps.log.warn({ err, tenant: facts.tenant, orderId: facts.orderId, delivery: n }, 'timers: order change not applied; retrying');
      m.nak(Math.min(retryDelayMsMax, 250 * 2 ** Math.min(Math.max(n - 1, 0), 10)));
    }
  }

  private async deadLetter(m: JsMsg, reason: string): Promise<void> {
    try {
      await publishDeadLetter(this.deps.nats.js, this.t, m, { consumer: consumerName, reason, timeoutMs: 5_000 });
      this.deps.metrics.consumerDeadLetters.inc({ consumer: consumerName });
      this.deps.log.error({ subject: m.subject, seq: m.seq, reason }, 'timers: message dead-lettered');
      m.term();
    } catch (err) {
      this.deps.log.error({ err, seq: m.seq }, 'timers: dead-lettering failed; retrying');
      m.nak(retryDelayMsMax);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}
