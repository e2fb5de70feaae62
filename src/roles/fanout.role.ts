// The ws role: the dashboard board fed by the aggregator
// (fanout/board.aggregator.ts) and served by the fanout server
// (src/adapters/ws/ws.server.ts). This file only wires them:
// the board is loaded before the server listens, so a dashboard never sees a
// half-loaded board.
import type { Registry } from 'prom-client';
import type { KeyStatus } from '../app/board.port.ts';
import { Board } from '../app/board/board.ts';
import { boardDefaults, type BoardOptions } from '../app/board/board.types.ts';
import type { Clock } from '../app/clock.port.ts';
import type { DashboardTokens } from '../app/dashboard.token.ts';
import type { Log } from '../app/log.port.ts';
import type { Nats } from '../adapters/nats/connection.ts';
import { PgBoardOrdersRepo } from '../adapters/postgres/board.orders.repo.ts';
import { PgBoardRepo } from '../adapters/postgres/board.repo.ts';
import { KeyStatusRepo } from '../adapters/postgres/key-status.repo.ts';
import type { Sql } from '../adapters/postgres/sql.ts';
import { RedisBoardRepo } from '../adapters/redis/board.repo.ts';
import type { RedisPool } from '../adapters/redis/connection.ts';
import { Fanout, type FanoutDeps } from '../adapters/ws/ws.server.ts';
import type { FanoutOptions } from '../adapters/ws/ws.options.ts';
import { Aggregator, type AggregatorOptions, type AggregatorStart } from './fanout/board.aggregator.ts';

export interface WsRoleDeps {
  readonly redis: RedisPool;
  readonly nats: Nats;
  /** The ledger for the aggregator's start-up snapshot (null: from events only); also checks API keys unless `keys` is given. */
  readonly sql: Sql | null;
  readonly tokens: DashboardTokens;
  /** Default: api_keys in `sql` (required when sql is null). */
  readonly keys?: KeyStatus;
  readonly catalog: FanoutDeps['catalog'];
  readonly clock: Clock;
  readonly log: Log;
  readonly registry?: Registry;
}

export interface WsRoleOptions {
  readonly namespace: string;
  readonly fanout: Pick<FanoutOptions, 'host' | 'port'> & Partial<FanoutOptions>;
  readonly board?: Partial<BoardOptions>;
  readonly aggregator?: Partial<Omit<AggregatorOptions, 'namespace'>>;
}

export interface WsRole {
  readonly port: number;
  /** What the aggregator loaded at start and where it began reading events. */
  readonly started: AggregatorStart;
  readonly board: Board;
  readonly aggregator: Aggregator;
  readonly fanout: Fanout;
  stop(): Promise<void>;
}

/** Loads the board (aggregator), then listens: a dashboard never sees a half-loaded board. */
export async function startWsRole(deps: WsRoleDeps, opts: WsRoleOptions): Promise<WsRole> {
  const keys = deps.keys ?? (deps.sql === null ? null : new KeyStatusRepo(deps.sql));
  if (keys === null) throw new Error('the ws role needs PostgreSQL (or a KeyStatus) to check the API keys behind dashboard tokens');
  const registry = deps.registry ? { registry: deps.registry } : {};
  const board = new Board(deps.clock, opts.board);
  const boardOpts = { ...boardDefaults, ...opts.board };
  const aggregator = new Aggregator({
    board, nats: deps.nats, ledger: deps.sql === null ? null : new PgBoardRepo(deps.sql), hot: new RedisBoardRepo(deps.redis, opts.namespace),
    orders: deps.sql === null ? null : new PgBoardOrdersRepo(deps.sql), clock: deps.clock, log: deps.log, ...registry,
  }, { ordersPerTenantMax: boardOpts.ordersTrackedMax, ordersTenantsMax: boardOpts.tenantsMax, ...opts.aggregator, namespace: opts.namespace });
  const started = await aggregator.start();
  const fanout = new Fanout({ board, tokens: deps.tokens, keys, catalog: deps.catalog, clock: deps.clock, log: deps.log, ...registry }, opts.fanout);
  let port: number;
  try {
    port = await fanout.listen();
  } catch (err) {
    await aggregator.stop();
    throw err;
  }
  return {
    port, started, board, aggregator, fanout,
    async stop() {
      await fanout.close();
      await aggregator.stop();
    },
  };
}
