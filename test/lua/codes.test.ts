// The scripts' return codes: scripts.ts (Code, LeaseCode) mirrors the
// constants of lua/includes/common.lua exactly, every number has one meaning,
// and no script returns a bare number where a name exists. Then, against the
// real Redis, the scripts whose codes were once shared answer their own.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Code, LeaseCode, runScript, scriptNames, scriptSource } from '../../src/adapters/redis/scripts.ts';
import { createHarness } from '../helpers/redis.ts';

const luaDir = new URL('../../src/adapters/redis/lua/', import.meta.url);
const common = readFileSync(new URL('includes/common.lua', luaDir), 'utf8');

/** Lua source without comments (`--[[ ... ]]` blocks and `--` to end of line; `--! include` lines go too). */
const withoutComments = (lua: string): string => lua.replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/--.*$/gm, '');

/** Integer constants declared as `local A, B = 1, -2` (upper-case names only). */
function luaConstants(lua: string): Map<string, number> {
  const out = new Map<string, number>();
  const decl = /^local\s+([A-Z][A-Z0-9_]*(?:\s*,\s*[A-Z][A-Z0-9_]*)*)\s*=\s*(-?\d+(?:\s*,\s*-?\d+)*)\s*$/gm;
  for (const m of withoutComments(lua).matchAll(decl)) {
    const names = m[1]!.split(',').map((s) => s.trim());
    const values = m[2]!.split(',').map((s) => Number(s.trim()));
    if (names.length !== values.length) throw new Error(`common.lua: ${m[0]} declares ${names.length} names and ${values.length} values`);
    names.forEach((n, i) => {
      if (out.has(n)) throw new Error(`common.lua declares ${n} twice`);
      out.set(n, values[i]!);
    });
  }
  return out;
}

/** The Lua name of a TS code: Code.X is E_X (or X for OK, ALREADY); LeaseCode.X is LEASE_X or E_LEASE_X. */
function luaNameOf(table: 'Code' | 'LeaseCode', name: string, consts: Map<string, number>): string | undefined {
  const candidates = table === 'Code' ? [name, `E_${name}`] : [`LEASE_${name}`, `E_LEASE_${name}`];
  return candidates.find((c) => consts.has(c));
}

/** `return { <number>` and `return <number>`: a code written as a number. */
const bareReturns = (lua: string): string[] => [...withoutComments(lua).matchAll(/\breturn\s*\{?\s*(-?\d+)\b/g)].map((m) => m[0]);

const consts = luaConstants(common);
const tsCodes = [
  ...Object.entries(Code).map(([name, value]) => ({ table: 'Code' as const, name, value })),
  ...Object.entries(LeaseCode).map(([name, value]) => ({ table: 'LeaseCode' as const, name, value })),
];

describe('script return codes', () => {
  it('reads the constants of common.lua', () => {
    expect(consts.get('OK')).toBe(0);
    expect(consts.get('E_BAD_ARG')).toBe(-14);
    expect(consts.size).toBeGreaterThanOrEqual(20);
  });

  it('every Code and LeaseCode is the common.lua constant of its name, with its number', () => {
    const mismatched = tsCodes.filter((c) => {
      const lua = luaNameOf(c.table, c.name, consts);
      return lua === undefined || consts.get(lua) !== c.value;
    }).map((c) => `${c.table}.${c.name} = ${c.value}`);
    expect(mismatched).toEqual([]);
  });

  it('every common.lua constant has its code in scripts.ts', () => {
    const mirrored = new Set(tsCodes.map((c) => luaNameOf(c.table, c.name, consts)));
    expect([...consts.keys()].filter((n) => !mirrored.has(n))).toEqual([]);
  });

  it('no number means two things, in common.lua or across Code and LeaseCode', () => {
    const twice = <T>(xs: T[]): T[] => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(twice([...consts.values()])).toEqual([]);
    expect(twice(tsCodes.map((c) => c.value))).toEqual([]);
  });

  it('no script returns a bare number where a code is meant', () => {
    const files = readdirSync(luaDir).filter((f) => f.endsWith('.lua'));
    expect(files.length).toBe(scriptNames.length);
    const bare = files.flatMap((f) => bareReturns(readFileSync(new URL(f, luaDir), 'utf8')).map((r) => `${f}: ${r}`));
    expect(bare).toEqual([]);
  });

  it('the bare-return check sees numbers in both forms, and not names or comments', () => {
    expect(bareReturns("if x then return { -16, holder } end\nreturn 0\n")).toHaveLength(2);
    expect(bareReturns("return { E_LEASE_HELD, holder }\n-- return { -1 }\n--[[ return { 0 } ]]\nreturn v\n")).toEqual([]);
  });

  it('every code name a script uses is declared in common.lua, which the script includes', () => {
    const undeclared = scriptNames.flatMap((name) => {
      const source = scriptSource(name);
      const used = new Set(withoutComments(source).match(/\b(?:E_[A-Z_]+|LEASE_[A-Z_]+|OK|ALREADY)\b/g) ?? []);
      return [...used].filter((u) => !consts.has(u) || !source.includes('local OK, ALREADY')).map((u) => `${name}: ${u}`);
    });
    expect(undeclared).toEqual([]);
  });
});

describe('codes once shared answer on their own (real Redis)', () => {
  const h = createHarness('codes');
  afterAll(async () => { await h.close(); });

  it('the lease scripts answer acquired, renewed, held, released and absent each with its own code', async () => {
    const key = `${h.namespace}:{t1}:lease`;
    const renew = (owner: string) => runScript(h.redis(), 'renewLease', [key], [owner, 10_000]);
    const release = (owner: string) => runScript(h.redis(), 'releaseLease', [key], [owner]);
    expect(await renew('a')).toEqual([LeaseCode.ACQUIRED, 10_000]);
    expect(await renew('a')).toEqual([LeaseCode.RENEWED, 10_000]);
    expect((await renew('b')).slice(0, 2)).toEqual([LeaseCode.HELD, 'a']);
    expect(await release('b')).toEqual([LeaseCode.HELD, 'a']);
    expect(await release('a')).toEqual([LeaseCode.RELEASED]);
    expect(await release('a')).toEqual([LeaseCode.ABSENT]);
    expect(await renew('')).toEqual([Code.BAD_ARG, 'owner']);
  });

  it('repairCell answers a stale version with CELL_STALE, not the catalog code reserve uses', async () => {
    const cell = h.keys('t2').cell('A', 's1');
    const repair = (expected: number, v: number) => runScript(h.redis(), 'repairCell', [cell], [expected, 5, 0, 0, v, '', '']);
    expect(await repair(-1, 1)).toEqual([Code.OK]);
    expect(await repair(-1, 2)).toEqual([Code.CELL_STALE, 1]);
    expect(await repair(7, 2)).toEqual([Code.CELL_STALE, 1]);
    expect(await repair(1, 2)).toEqual([Code.OK]);
    expect(Code.CELL_STALE).not.toBe(Code.CATALOG_STALE);
  });
});
