// The NATS connection with explicit options; setup (jetstreamManager) is kept
// apart from traffic (jetstream).
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';

export interface Nats {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  jsm(): Promise<JetStreamManager>;
  close(): Promise<void>;
}

/**
 * `url` is NATS_URL: one server or a comma list of one cluster's servers
 * (validated by loadConfig). Every listed server is a seed; the client also
 * adds the servers the cluster announces (ignoreClusterUpdates false), so a
 * reconnect finds a live node even when the listed ones are gone.
 */
export async function connectNats(url: string, name: string): Promise<Nats> {
  const urls = url.split(',').map((s) => new URL(s.trim()));
  const withUser = urls.find((u) => u.username !== '');
  const nc = await connect({
    servers: urls.map((u) => `${u.hostname}:${u.port || '4222'}`),
    name,
    timeout: 5_000,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    reconnectJitter: 100,
    pingInterval: 10_000,
    maxPingOut: 3,
    // Randomised: many Pallet processes given the same list would otherwise all pick the first server
    // (and all move to the second when it goes). One server: no effect.
    noRandomize: false,
    ignoreClusterUpdates: false,
    ...(withUser ? { user: decodeURIComponent(withUser.username), pass: decodeURIComponent(withUser.password) } : {}),
  });
  const js = jetstream(nc, { timeout: 10_000 });
  return {
    nc, js,
    jsm: () => jetstreamManager(nc, { timeout: 10_000 }),
    async close() {
      await nc.drain().catch(() => nc.close());
    },
  };
}

/**
 * Calls `onChange` on every disconnect and reconnect of the connection (a
 * server that restarted may have lost acknowledged messages) until stop().
 */
export function watchReconnects(nc: NatsConnection, onChange: (type: 'disconnect' | 'reconnect') => void, onEnd: (err?: unknown) => void = () => {}): { stop(): void } {
  const iter = nc.status() as AsyncIterable<{ type: string }> & { stop?: () => void };
  void (async () => {
    for await (const st of iter) {
      if (st.type === 'disconnect' || st.type === 'reconnect') onChange(st.type);
    }
  })().then(() => onEnd(), onEnd);
  return { stop: () => iter.stop?.() };
}
