// Tells the operator whether a 2xx is durable: reads the Redis and PostgreSQL
// persistence settings when a process starts serving (Redis again after every
// reconnect), logs what they mean, exports them as gauges and, with
// PALLET_REQUIRE_DURABLE=1, refuses to serve on settings that are not durable
// (and fails readiness when a reconnect finds them so).
import { judgePostgres, judgeRedis, refusalMessage, type DurabilityVerdict } from '../core/durability.rules.ts';
import type { DurabilityGauges, DurabilityPorts } from './durability.port.ts';
import type { Log } from './log.port.ts';

export class DurabilityRequiredError extends Error {
  readonly code = 'DURABILITY_REQUIRED';
  constructor(readonly verdicts: readonly DurabilityVerdict[]) {
    super(refusalMessage(verdicts));
    this.name = 'DurabilityRequiredError';
  }
}

export interface DurabilityWatch {
  /** The latest verdicts: Redis (re-read at every reconnect), then PostgreSQL (read at start). */
  verdicts(): readonly DurabilityVerdict[];
  /** A readiness check that also fails on non-durable settings when they are required; `ready` itself otherwise. */
  guardReady<T extends Record<string, boolean>>(ready: () => Promise<T>): () => Promise<T | (T & { durable: boolean })>;
  stop(): void;
}

export interface DurabilityOptions {
  /** PALLET_REQUIRE_DURABLE: refuse to serve (throw DurabilityRequiredError) when a 2xx would not be durable. */
  readonly required: boolean;
  readonly log: Log;
  readonly gauges: DurabilityGauges;
}

/** Checks both stores, reports, throws DurabilityRequiredError when required and not durable; then watches Redis reconnects. */
export async function startDurabilityWatch(ports: DurabilityPorts, opts: DurabilityOptions): Promise<DurabilityWatch> {
  const [redisSettings, postgresSettings] = await Promise.all([ports.readRedis(), ports.readPostgres()]);
  let redis = judgeRedis(redisSettings);
  const postgres = judgePostgres(postgresSettings);
  for (const v of [redis, postgres]) report(v, 'start', opts);
  if (opts.required && !(redis.durable && postgres.durable)) throw new DurabilityRequiredError([redis, postgres]);
  const unwatch = ports.watchRedis((s) => {
    redis = judgeRedis(s);
    report(redis, 'reconnect', opts);
  });
  const durable = (): boolean => redis.durable && postgres.durable;
  return {
    verdicts: () => [redis, postgres],
    guardReady: (ready) => (opts.required ? async () => ({ ...(await ready()), durable: durable() }) : ready),
    stop: unwatch,
  };
}

/** One log line and the gauge for one store's verdict. */
function report(v: DurabilityVerdict, when: 'start' | 'reconnect', opts: DurabilityOptions): void {
  const gauge = v.store === 'redis' ? opts.gauges.redisDurable : opts.gauges.postgresDurable;
  gauge.reset();
  gauge.set(v.labels, v.durable ? 1 : 0);
  const settings = Object.entries(v.labels).map(([k, val]) => `${k}=${val}`).join(' ');
  const fields = { store: v.store, durable: v.durable, settings: v.labels, when, required: opts.required };
  if (v.durable) {
    const caveat = v.notes.length > 0 ? ` (${v.notes.join('; ')})` : '';
    opts.log.info(fields, `${v.store} ${settings}: a 2xx is durable${caveat}`);
    return;
  }
  const consequence = opts.required
    ? (when === 'start' ? 'PALLET_REQUIRE_DURABLE=1: refusing to serve' : 'PALLET_REQUIRE_DURABLE=1: /readyz fails until it is durable again')
    : 'serving anyway (PALLET_REQUIRE_DURABLE=0)';
  const line = `a 2xx is NOT durable — ${v.problems.join('; ')} — ${consequence}`;
  if (opts.required) opts.log.error({ ...fields, problems: v.problems }, line);
  else opts.log.warn({ ...fields, problems: v.problems }, line);
}
