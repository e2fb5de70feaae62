// projectBatch throughput against the real PostgreSQL in its own schema (dropped after):
//   SYNC=on|off SIZES=500,1000 EVENTS=60000 npx tsx bench/projector/throughput.ts
// Prints events/s, batch latency and CPU per event of PostgreSQL and Node.
// projectBatch throughput: synthetic stock events (reserve → confirm/release/expire → fulfil),
// encoded and decoded like the projector sees them, written in batches of N.
import { createSqlForSchema } from '../../src/adapters/postgres/sql.ts';
import { migrate } from '../../src/adapters/postgres/migrate.ts';
import { LedgerRepo } from '../../src/adapters/postgres/ledger.repo.ts';
import { decodeEnvelope, encodeEnvelope, envelopeFromOutbox, type Envelope } from '../../src/adapters/events/envelope.codec.ts';

const schema = 't_tput_' + Math.random().toString(16).slice(2, 8);
const sql = createSqlForSchema(schema, { poolMax: 1 });
if (process.env.SYNC) await sql.unsafe(`set synchronous_commit = ${process.env.SYNC}`);
import { readFileSync } from 'node:fs';
const ticks = (pid: number): number => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
const batchSizes = (process.env.SIZES ?? '500,1000').split(',').map(Number);
const eventsPerSize = Number(process.env.EVENTS ?? 100_000);

function* events(tenants: number, skus: number): Generator<Envelope> {
  const cells = new Map<string, number[]>(); // onHand, reserved, committed, v
  let n = 0;
  let ts = 1_700_000_000_000;
  const cell = (t: string, sku: string) => { const k = `${t}/${sku}`; let c = cells.get(k); if (!c) { c = [0, 0, 0, 0]; cells.set(k, c); } return c; };
  const emit = (t: string, type: string, id: string, data: object) => {
    ts += 1;
    return decodeEnvelope(encodeEnvelope(envelopeFromOutbox(t, `${ts}-${n++}`, { id, type, agg: id, ts: String(ts), data: JSON.stringify(data) })));
  };
  const move = (t: string, sku: string, dO: number, dR: number, dC: number) => {
    const c = cell(t, sku); c[0]! += dO; c[1]! += dR; c[2]! += dC; c[3]! += 1;
    return ['w1', sku, dO, dR, dC, c[0], c[1], c[2], c[3]];
  };
  for (let t = 0; t < tenants; t++) for (let s = 0; s < skus; s++) {
    yield emit(`ten${t}`, 'set', `set-${t}-${s}`, { wh: 'w1', sku: `S${s}`, reason: 'init', inTransit: 0, safetyStock: 5, cells: [move(`ten${t}`, `S${s}`, 1_000_000_000, 0, 0)] });
  }
  for (let r = 0; ; r++) {
    const t = `ten${r % tenants}`;
    const a = `S${(r * 7) % skus}`, b = `S${(r * 13 + 1) % skus}`;
    const lines = r % 3 === 0 && a !== b ? [a, b] : [a];
    const id = `res${r}`;
    yield emit(t, 'reserved', `${id}:reserved`, { res: id, exp: ts + 900_000, cells: lines.map((s) => move(t, s, 0, 1, 0)) });
    const k = r % 4;
    if (k === 0) yield emit(t, 'expired', `${id}:expired`, { res: id, cells: lines.map((s) => move(t, s, 0, -1, 0)) });
    else if (k === 1) yield emit(t, 'released', `${id}:released`, { res: id, from: 'held', cells: lines.map((s) => move(t, s, 0, -1, 0)) });
    else {
      yield emit(t, 'confirmed', `${id}:confirmed`, { res: id, cells: lines.map((s) => move(t, s, 0, -1, 1)) });
      if (k === 2) yield emit(t, 'fulfilled', `${id}:fulfilled`, { res: id, cells: lines.map((s) => move(t, s, -1, 0, -1)) });
    }
  }
}

try {
  await migrate(sql, schema);
  const repo = new LedgerRepo(sql);
  const gen = events(20, 2000);
  // The initial stock levels (40,000 stock.set events) are loaded first and not measured.
  const sets: Envelope[] = [];
  for (let i = 0; i < 40_000; i++) sets.push(gen.next().value as Envelope);
  for (let i = 0; i < sets.length; i += 1000) await repo.projectBatch(sets.slice(i, i + 1000));
  const rounds = Number(process.env.ROUNDS ?? 2);
  for (const size of Array.from({ length: rounds }, () => batchSizes).flat()) {
    const all: Envelope[] = [];
    for (let i = 0; i < eventsPerSize; i++) all.push(gen.next().value as Envelope);
    const lat: number[] = [];
    let inserted = 0;
    const [{ pid }] = (await sql<{ pid: number }[]>`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    const pg0 = ticks(pid);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < all.length; i += size) {
      const s = performance.now();
      inserted += (await repo.projectBatch(all.slice(i, i + size))).inserted;
      lat.push(performance.now() - s);
    }
    const secs = (performance.now() - t0) / 1000;
    const pgCpu = (ticks(pid) - pg0) / 100;
    const cpu = process.cpuUsage(cpu0);
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    lat.sort((a, b) => a - b);
    const [{ rows }] = (await sql<{ rows: string }[]>`select count(*) as rows from stock_ledger`) as unknown as [{ rows: string }];
    const os = await import('node:os');
    console.log(`batch ${size}: ${all.length} events in ${secs.toFixed(2)} s = ${Math.round(all.length / secs)} events/s; batch p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(1)} ms p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(1)} ms max ${lat[lat.length - 1]!.toFixed(1)} ms; inserted ${inserted}; ledger rows so far ${rows}; load ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`   CPU: PostgreSQL backend ${(pgCpu / all.length * 1e6).toFixed(1)} µs/event, Node ${(nodeCpu / all.length * 1e6).toFixed(1)} µs/event -> CPU-bound capacity ≈ ${Math.round(all.length / (pgCpu + nodeCpu))} events/s per core-second`);
    // replay the last batch: nothing new
    const replay = await repo.projectBatch(all.slice(-size));
    if (replay.inserted !== 0) throw new Error('replay inserted rows');
  }
} finally {
  await sql`drop schema ${sql(schema)} cascade`;
  await sql.end();
}
