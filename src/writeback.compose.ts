// Composition of channel write-back (issue 12), kept out of main.ts (which
// calls these two functions): the service the HTTP routes and the writeback
// role share, and the role's starter.
import type { Logger } from 'pino';
import type { Clock } from './app/clock.port.ts';
import { WritebackService } from './app/writeback.service.ts';
import type { Config } from './config.ts';
import { writebackAdapters } from './adapters/channels/writeback/index.ts';
import type { Metrics } from './adapters/metrics/metrics.ts';
import type { Nats } from './adapters/nats/connection.ts';
import { ChannelRepo } from './adapters/postgres/channel.repo.ts';
import { PgFulfilmentStore } from './adapters/postgres/fulfilment.store.ts';
import { PgOrderStore } from './adapters/postgres/order.store.ts';
import { channelSecretsKey } from './adapters/postgres/secrets-key.ts';
import type { Sql } from './adapters/postgres/sql.ts';
import { WritebackRepo } from './adapters/postgres/writeback.repo.ts';
import { WritebackRole } from './roles/writeback.role.ts';

export function writebackService(config: Config, sql: Sql, clock: Clock): WritebackService {
  // Credentials share the channel-secrets key (PALLET_SECRETS_KEY), sealed under their own associated data.
  const key = channelSecretsKey(config.orders.secretsKeyHex, config.dataDir);
  const retentionMs = config.orders.deliveryRetentionSeconds * 1000;
  // Reads only: the order as it is now, its channel's type, its shipments.
  const orders = new PgOrderStore(sql, retentionMs);
  const channels = new ChannelRepo(sql, key, { deliveryRetentionMs: retentionMs });
  const shipments = new PgFulfilmentStore(sql, retentionMs);
  return new WritebackService({
    order: (tenant, id) => orders.inTenant(tenant, (tx) => tx.get(id)),
    channel: (tenant, id) => channels.getChannel(tenant, id),
    shipments: (tenant, id, limit) => shipments.shipments(tenant, id, limit),
  }, new WritebackRepo(sql, key), writebackAdapters, clock, { timeoutMs: config.writeback.timeoutMs });
}

export function startWriteback(service: WritebackService, d: { config: Config; nats: Nats; log: Logger; metrics: Metrics }): { name: string; stop: () => Promise<void> } {
  const role = new WritebackRole({
    nats: d.nats, namespace: d.config.namespace, events: d.config.events, writeback: d.config.writeback, service, log: d.log, metrics: d.metrics,
  });
  role.start();
  return { name: 'writeback', stop: () => role.stop() };
}
