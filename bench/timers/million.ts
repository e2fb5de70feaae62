// `npm run bench:timers`: SLA timers at scale (issue 12, "Figures") — a
// million open orders' timers in the Redis sorted sets, armed through
// RedisTimers (adapters/redis/timers.ts) directly, in a private namespace on
// the shared Redis (REDIS_URL, default 127.0.0.1:6379).
//
// Phases: arm BENCH_TIMERS_COUNT timers (default 1,000,000) over
// BENCH_TIMERS_TENANTS tenants, BENCH_TIMERS_DUE of them already due and the
// rest hours ahead; the Redis memory they take (INFO memory before/after,
// MEMORY USAGE of one tenant's set); the cost of a check when nothing is due
// (the round's index read, and a claim on a tenant's set that finds
// nothing); then the due ones claimed and settled as the timers role does
// (dueTenants → claim a batch of PALLET_TIMERS_BATCH_MAX → settle each, one
// after the other) and, for the ceiling, with the settles of a batch in
// parallel. No alert work (PostgreSQL, notifiers) is in these figures.
// Prints a table, appends a section to bench/RESULTS.md, deletes the keys.

import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { RedisPool } from '../../src/adapters/redis/connection.ts';
import { RedisTimers, type ClaimedTimer } from '../../src/adapters/redis/timers.ts';
import { deleteRedisNamespace } from '../lib/cleanup.ts';
import { cpuSnapshot, ticksPerSecond, type CpuSnapshot } from '../lib/cpu.ts';
import { intEnv } from '../lib/env.ts';
import { describeEnvironment, type Environment } from '../lib/environment.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const count = intEnv('BENCH_TIMERS_COUNT', 1_000_000, 1_000, 20_000_000);
const tenants = intEnv('BENCH_TIMERS_TENANTS', 10, 1, 10_000);
const dueCount = intEnv('BENCH_TIMERS_DUE', 100_000, 1, 10_000_000);
const batchMax = intEnv('PALLET_TIMERS_BATCH_MAX', 200, 1, 10_000);
const inFlightMax = intEnv('BENCH_TIMERS_IN_FLIGHT', 512, 1, 10_000);
const idleChecks = intEnv('BENCH_TIMERS_IDLE_CHECKS', 20_000, 100, 1_000_000);
const leaseMs = 60_000;
const startedMs = performance.now();
const log = (line: string): void => void process.stdout.write(`[${((performance.now() - startedMs) / 1_000).toFixed(1).padStart(5)} s] ${line}\n`);

interface Figures {
  armPerSecond: number; armSeconds: number;
  memoryBytes: number; bytesPerTimer: number; oneSetBytes: number; redisCpuPerArmUs: number;
  idleIndexUs: number; idleClaimUs: number;
  roleSeqPerSecond: number; roleSeqSettled: number; parallelPerSecond: number; parallelSettled: number;
  memoryAfterCleanup: number; deletedKeys: number;
}

const tenantOf = (i: number): string => `tn${i % tenants}`;
const usedMemory = async (r: Redis): Promise<number> => Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1] ?? NaN);
const redisTicks = (s: CpuSnapshot): number => [...s.processes.values()].filter(([name]) => name.startsWith('redis-server')).reduce((a, [, , t]) => a + t, 0);

/** Runs `fn(i)` for i in [from, to) with at most inFlightMax pending. */
async function forRange(from: number, to: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = from;
  await Promise.all(Array.from({ length: Math.min(inFlightMax, to - from) }, async () => {
    while (next < to) await fn(next++);
  }));
}

/** Arms `count` timers: the first dueCount one minute past, the rest 1–25 h ahead (so never due during the run). */
async function arm(timers: RedisTimers, nowMs: number): Promise<{ seconds: number }> {
  const t0 = performance.now();
  let lastLog = t0;
  await forRange(0, count, async (i) => {
    const deadlineMs = i < dueCount ? nowMs - 60_000 - (i % 1_000) : nowMs + 3_600_000 + (i % 86_400) * 1_000;
    await timers.apply(tenantOf(i), `ord_${i}`, { clear: [], arm: { stage: 'releasedToAccepted', deadlineMs, keepExisting: false } });
    if (i % 50_000 === 0 && performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      log(`bench:timers: armed ${i.toLocaleString('en')} of ${count.toLocaleString('en')}`);
    }
  });
  return { seconds: (performance.now() - t0) / 1_000 };
}

/** µs per call of `fn`, over `n` sequential calls. */
async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t0) * 1_000) / n;
}

/** As TimersRole.fireDue, without the alert: each due tenant, a batch claimed, settled one by one; `parallel` settles a batch at once. */
async function drainDue(timers: RedisTimers, budget: number, parallel: boolean): Promise<{ settled: number; seconds: number }> {
  const t0 = performance.now();
  let settled = 0;
  for (let round = 0; round < 1_000_000 && settled < budget; round++) {
    const now = Date.now();
    const due = await timers.dueTenants(now, 1_000);
    if (due.length === 0) break;
    for (const tenant of due) {
      const claimed: ClaimedTimer[] = await timers.claim(tenant, now, leaseMs, Math.min(batchMax, budget - settled));
      if (parallel) {
        await Promise.all(claimed.map((c) => timers.settle(tenant, c, null)));
      } else {
        for (const c of claimed) await timers.settle(tenant, c, null);
      }
      settled += claimed.length;
      if (settled >= budget) break;
    }
  }
  return { settled, seconds: (performance.now() - t0) / 1_000 };
}

async function measure(timers: RedisTimers, probe: Redis, namespace: string): Promise<Omit<Figures, 'memoryAfterCleanup' | 'deletedKeys'>> {
  const memBefore = await usedMemory(probe);
  log(`bench:timers: arming ${count.toLocaleString('en')} timers over ${tenants} tenants (${dueCount.toLocaleString('en')} due), ${inFlightMax} in flight`);
  const cpu0 = cpuSnapshot();
  const armed = await arm(timers, Date.now());
  const cpu1 = cpuSnapshot();
  const memAfter = await usedMemory(probe);
  const oneSetBytes = Number(await probe.call('MEMORY', 'USAGE', `${namespace}:{${tenantOf(0)}}:sla:timers`, 'SAMPLES', '0'));
  const armPerSecond = count / armed.seconds;
  log(`bench:timers: armed in ${armed.seconds.toFixed(1)} s (${Math.round(armPerSecond).toLocaleString('en')}/s); memory +${((memAfter - memBefore) / 1024 ** 2).toFixed(1)} MiB`);

  // Nothing due: the index read at a time before every deadline, and a claim on a 100k-member set that finds nothing.
  const early = Date.now() - 3_600_000;
  const idleIndexUs = await timeEach(idleChecks, () => timers.dueTenants(early, 1_000));
  const idleClaimUs = await timeEach(idleChecks, () => timers.claim(tenantOf(0), early, leaseMs, batchMax));
  log(`bench:timers: idle check: index ${idleIndexUs.toFixed(1)} µs, claim that finds nothing ${idleClaimUs.toFixed(1)} µs`);

  const half = Math.floor(dueCount / 2);
  const seq = await drainDue(timers, half, false);
  log(`bench:timers: role-like (settles one by one): ${seq.settled.toLocaleString('en')} in ${seq.seconds.toFixed(2)} s`);
  const par = await drainDue(timers, dueCount - seq.settled, true);
  log(`bench:timers: settles of a batch in parallel: ${par.settled.toLocaleString('en')} in ${par.seconds.toFixed(2)} s`);
  return {
    armPerSecond, armSeconds: armed.seconds,
    memoryBytes: memAfter - memBefore, bytesPerTimer: (memAfter - memBefore) / count, oneSetBytes,
    redisCpuPerArmUs: ((redisTicks(cpu1) - redisTicks(cpu0)) / ticksPerSecond()) * 1e6 / count,
    idleIndexUs, idleClaimUs,
    roleSeqPerSecond: seq.settled / seq.seconds, roleSeqSettled: seq.settled,
    parallelPerSecond: par.settled / par.seconds, parallelSettled: par.settled,
  };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function render(f: Figures, env: Environment): string {
  const mib = (b: number): string => `${fmt(b / 1024 ** 2, 1)} MiB`;
  const rows: [string, string][] = [
    ['timers armed (RedisTimers.apply, armTimer-1.lua + index ZADD LT)', `${fmt(count)} over ${tenants} tenants in ${fmt(f.armSeconds, 1)} s: **${fmt(f.armPerSecond)}/s** (${inFlightMax} in flight); Redis CPU ${fmt(f.redisCpuPerArmUs, 1)} µs per timer`],
    ['Redis memory of the armed timers (INFO used_memory delta)', `**${mib(f.memoryBytes)}**, ${fmt(f.bytesPerTimer)} bytes per timer; one tenant's set (MEMORY USAGE) ${mib(f.oneSetBytes)}`],
    ['check with nothing due: the round\'s index read (dueTenants)', `${fmt(f.idleIndexUs, 1)} µs per round (${fmt(1e6 / f.idleIndexUs)} rounds/s)`],
    ['check with nothing due: a claim on a tenant set that finds nothing', `${fmt(f.idleClaimUs, 1)} µs (${fmt(count / tenants)} members in the set)`],
    ['due timers claimed + settled, as the role does (batch of ' + batchMax + ', settles one by one)', `**${fmt(f.roleSeqPerSecond)}/s** (${fmt(f.roleSeqSettled)} timers)`],
    ['due timers claimed + settled, the settles of a batch in parallel', `${fmt(f.parallelPerSecond)}/s (${fmt(f.parallelSettled)} timers)`],
    ['fired within 5 s of their deadline at the role\'s rate (timer work only)', `up to ${fmt(f.roleSeqPerSecond * 5)} timers falling due together`],
    ['clean-up', `${fmt(f.deletedKeys)} keys deleted; used_memory back to ${mib(f.memoryAfterCleanup)}`],
  ];
  return [
    `## SLA timers, ${fmt(count)} open (bench/timers/million.ts) — ${env.dateUtc}`,
    '',
    `Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB; Node ${env.node}; commit ${env.commit}; Redis ${env.redis.version} (appendonly ${env.redis.appendonly}, appendfsync ${env.redis.appendfsync}), the shared instance, private key namespace.`,
    `Before the run: load average ${env.loadAverages}; ${env.busyPercentBefore} % of one core busy.`,
    `Command: \`npm run bench:timers\` (BENCH_TIMERS_COUNT=${count} BENCH_TIMERS_TENANTS=${tenants} BENCH_TIMERS_DUE=${dueCount} PALLET_TIMERS_BATCH_MAX=${batchMax}); one client process, a RedisPool of 4 connections with auto-pipelining.`,
    '',
    '| figure | measured |',
    '| --- | --- |',
    ...rows.map(([a, b]) => `| ${a} | ${b} |`),
    '',
    'Timer work only: the timers role also reads the order in PostgreSQL and raises/delivers an alert for each fired timer; those costs are not in these figures.',
    '',
  ].join('\n');
}

function appendResults(section: string): void {
  const path = process.env.BENCH_RESULTS ?? 'bench/RESULTS.md';
  if (path === '') return;
  const file = resolve(root, path);
  if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n');
  appendFileSync(file, `\n${section}`);
  log(`bench:timers: appended results to ${path}`);
}

async function main(): Promise<number> {
  const namespace = `bench_${randomBytes(4).toString('hex')}_timers`;
  const env = await describeEnvironment(root, redisUrl, databaseUrl);
  log(`bench:timers: namespace ${namespace}; load average ${env.loadAverages}; commit ${env.commit}`);
  const pool = new RedisPool({ url: redisUrl, connections: 4, commandTimeoutMs: 30_000 });
  const probe = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let cleaned = false;
  const cleanup = async (): Promise<number> => {
    if (cleaned) return 0;
    cleaned = true;
    return deleteRedisNamespace(redisUrl, namespace);
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const measured = await measure(new RedisTimers(pool, namespace), probe, namespace);
    const deletedKeys = await cleanup();
    const figures: Figures = { ...measured, deletedKeys, memoryAfterCleanup: await usedMemory(probe) };
    const section = render(figures, env);
    console.log(`\n${section}`);
    appendResults(section);
    return 0;
  } finally {
    await cleanup().catch((err: unknown) => log(`bench:timers: clean-up failed: ${String(err)}`));
    await pool.close();
    probe.disconnect();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error('bench:timers: FAILED:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
