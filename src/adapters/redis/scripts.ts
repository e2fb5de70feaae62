// Loads the Lua scripts from lua/*.lua, inlines `--! include <name>` lines from
// lua/includes/, and registers each as an ioredis command (EVALSHA with an
// EVAL fallback, pipelining-aware).
import { readFileSync, readdirSync } from 'node:fs';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './connection.ts';

const luaDir = new URL('./lua/', import.meta.url);

export const scriptNames = [
  'reserveStock', 'confirmReservation', 'releaseReservation', 'expireReservation',
  'fulfilReservation', 'setStock', 'adjustStock', 'bumpCatalogVersion', 'renewLease', 'releaseLease', 'trimOutbox',
  'repairCell', 'restoreReservation', 'raiseWatermark', 'noteAcked', 'markDamaged',
  'armTimer', 'claimTimers', 'settleTimer',
] as const;
export type ScriptName = (typeof scriptNames)[number];

/**
 * Return codes of the scripts: `X` here is `E_X` (or `X`) in lua/includes/common.lua.
 * Every number has one meaning, across Code and LeaseCode (test/lua/codes.test.ts).
 */
export const Code = {
  OK: 0, ALREADY: 1, NOT_FOUND: -1, IDEMPOTENCY_REUSED: -2, CATALOG_STALE: -3, OUTBOX_FULL: -4,
  INSUFFICIENT: -5, EXPIRED: -6, RELEASED: -7, FULFILLED: -8, CONFIRMED: -9, NOT_CONFIRMED: -10,
  KEYS_MISMATCH: -11, INVARIANT: -12, NOT_DUE: -13, BAD_ARG: -14, CORRUPT: -15,
  /** repairCell: the cell's version is not the one the caller read (compare-and-set refused). */
  CELL_STALE: -18,
} as const;

/** Replies of renewLease-1.lua and releaseLease-1.lua: `X` here is `LEASE_X` or `E_LEASE_X` in common.lua. */
export const LeaseCode = { ACQUIRED: 2, RENEWED: 3, RELEASED: 4, HELD: -16, ABSENT: -17 } as const;

export type ScriptReply = [number, ...(string | number)[]];

/** The source of a script with its includes inlined. */
export function scriptSource(name: ScriptName): string {
  const file = readdirSync(luaDir).find((f) => f.startsWith(`${name}-`) && f.endsWith('.lua'));
  if (file === undefined) throw new Error(`no Lua file for script ${name}`);
  const text = readFileSync(new URL(file, luaDir), 'utf8');
  return text.replace(/^--! include (\w+)\s*$/gm, (_, inc: string) => readFileSync(new URL(`includes/${inc}.lua`, luaDir), 'utf8'));
}

const registered = new WeakSet<RedisClient>();

/** Registers every script on a connection (idempotent per connection). */
export function registerScripts(redis: RedisClient): void {
  if (registered.has(redis)) return;
  for (const name of scriptNames) redis.defineCommand(name, { lua: scriptSource(name) });
  registered.add(redis);
}

type Target = RedisClient | ChainableCommander;

/** Runs a registered script. Key count is passed explicitly, so any script may take a variable number of keys. */
export function runScript(target: Target, name: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<ScriptReply> {
  const fn = (target as unknown as Record<string, (...a: unknown[]) => Promise<ScriptReply>>)[name];
  if (typeof fn !== 'function') throw new Error(`script ${name} is not registered on this connection`);
  return fn.call(target, keys.length, ...keys, ...args);
}
