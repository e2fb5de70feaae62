// Composition of the SLA timers and alerts (issue 12), kept out of main.ts
// (which calls these two functions): the HTTP service, the alert service the
// timers role uses, and the role's starter.
import type { Logger } from 'pino';
import type { Clock } from './app/clock.port.ts';
import { noRedrive, type TaskRedriver } from './app/notifier.port.ts';
import { AlertService, SlaService } from './app/sla.service.ts';
import type { Config } from './config.ts';
import type { Metrics } from './adapters/metrics/metrics.ts';
import type { Nats } from './adapters/nats/connection.ts';
import { notifierSenders } from './adapters/notifiers/senders.ts';
import { AlertRepo } from './adapters/postgres/alert.repo.ts';
import { channelSecretsKey } from './adapters/postgres/secrets-key.ts';
import type { Sql } from './adapters/postgres/sql.ts';
import type { RedisPool } from './adapters/redis/connection.ts';
import { RedisTimers } from './adapters/redis/timers.ts';
import { TimersRole } from './roles/timers.role.ts';

export interface SlaParts {
  readonly service: SlaService;
  readonly alerts: AlertService;
  readonly timers: RedisTimers;
}

/**
 * `redriver`: the fulfilment role's re-send of a stuck order's pick task; until it is
 * wired (see TaskRedriver in app/notifier.port.ts) a stuck order is alerted only.
 */
export function slaParts(config: Config, sql: Sql, redis: RedisPool, clock: Clock, log: Logger, redriver: TaskRedriver = noRedrive): SlaParts {
  // Notifier secrets share the channel-secrets key (PALLET_SECRETS_KEY), sealed under their own associated data.
  const repo = new AlertRepo(sql, channelSecretsKey(config.orders.secretsKeyHex, config.dataDir));
  const timers = new RedisTimers(redis, config.namespace);
  const { sla } = config;
  const alerts = new AlertService(repo, timers, repo, notifierSenders({ timeoutMs: sla.notifierTimeoutMs }, () => clock.nowMs()), redriver, clock, log, {
    attemptsMax: sla.alertAttemptsMax, policyCacheEntriesMax: config.authCacheEntriesMax, policyCacheTtlMs: Math.min(config.authCacheTtlMs, 5_000),
  });
  return { service: new SlaService(repo, clock, { notifiersMax: sla.notifiersPerTenantMax, alertsPageMax: 200 }), alerts, timers };
}

export function startTimers(parts: SlaParts, d: { config: Config; nats: Nats; clock: Clock; log: Logger; metrics: Metrics }): { name: string; stop: () => Promise<void> } {
  const { sla } = d.config;
  const role = new TimersRole({
    nats: d.nats, namespace: d.config.namespace, events: d.config.events, timers: parts.timers, alerts: parts.alerts,
    clock: d.clock, log: d.log, metrics: d.metrics,
    opts: { intervalMs: sla.timersIntervalMs, batchMax: sla.timersBatchMax, tenantsPerRoundMax: sla.timersTenantsPerRoundMax, leaseMs: sla.timersLeaseMs },
  });
  role.start();
  return { name: 'timers', stop: () => role.stop() };
}
