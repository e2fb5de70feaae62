// Batch import throughput (issue 11): a generated CSV of BENCH_IMPORT_ROWS
// order lines (default 50,000; 1-3 lines per order) imported through
// ImportService, as POST /v1/channels/{id}/imports does after the upload is
// spooled: the first pass (parse → group → validate → encode → scratch
// file), then the second (existence lookups → appends to the JetStream
// intake stream, batches of 256, 4 in flight → per-row report in
// PostgreSQL). The orders role does not run (its
// apply is another figure); the intake stream's message count is checked
// against the orders imported. The target: ≥ 20,000 rows/s parse +
// append.
//
//   npx tsx bench/import/csv.ts
//   BENCH_IMPORT_ROWS=100000 BENCH_IMPORT_RECORD=0 npx tsx bench/import/csv.ts
//
// Everything lives in a private namespace (schema, streams), deleted after.
// Prints the figures and appends them to bench/RESULTS.md (BENCH_IMPORT_RECORD=0: not).
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFileAt } from '../../src/adapters/http/import.reader.ts';
import { applyTopology, topology } from '../../src/adapters/nats/topology.ts';
import { importBounds } from '../../src/app/import.service.ts';
import { importColumns } from '../../src/core/import.rows.ts';
import { loadConfig } from '../../src/config.ts';
import { buildRuntime, runMigrations } from '../../src/main.ts';
import { CleanupStack, deleteNatsStreams, dropPostgresSchema } from '../lib/cleanup.ts';
import { describeEnvironment } from '../lib/environment.ts';

const root = join(import.meta.dirname, '..', '..');
const rowsWanted = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
if (!Number.isSafeInteger(rowsWanted) || rowsWanted < 1 || rowsWanted > 1_000_000) throw new Error('BENCH_IMPORT_ROWS: 1..1000000');
const record = process.env.BENCH_IMPORT_RECORD !== '0';
const namespace = `bench_import_${randomBytes(4).toString('hex')}`;
const tenant = 'bench_tenant';
const channel = 'bench';

/** A CSV of `rows` lines: orders of 1-3 lines each, plausible Chinese addresses, paid. */
function generateCsv(rows: number): string {
  const out: string[] = [importColumns.join(',')];
  let order = 0;
  for (let written = 0; written < rows; order++) {
    const lines = Math.min(1 + (order % 3), rows - written);
    for (let l = 0; l < lines; l++, written++) {
      const cells: Record<string, string> = {
        externalId: `B${String(order).padStart(8, '0')}`, placedAt: '2026-05-01 10:00:00', paidAt: '2026-05-01 10:01:00',
        buyerName: `买家${order % 1000}`, buyerPhone: `138${String(order % 1e8).padStart(8, '0')}`, buyerEmail: `b${order}@example.com`,
        shipName: `收件人${order % 977}`, shipPhone: `139${String(order % 1e8).padStart(8, '0')}`, country: 'CN', province: '浙江省', city: '杭州市',
        district: '西湖区', address1: `文三路 ${order % 500} 号`, address2: '', postalCode: '310000', sku: `SKU-${(order * 7 + l) % 2000}`,
        qty: String(1 + (l % 3)), unitPrice: `${(order % 300) + 1}.${String(order % 100).padStart(2, '0')}`, currency: 'CNY', shipping: '8.00',
        discount: l === 0 && order % 5 === 0 ? '1.50' : '0', total: '',
      };
      out.push(importColumns.map((c) => cells[c] ?? '').join(','));
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

const cleanup = new CleanupStack();
const log = (line: string) => console.log(line);
const dir = mkdtempSync(join(tmpdir(), 'pallet-bench-import-'));
cleanup.push(`remove ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
const config = loadConfig({ ...process.env, PALLET_NAMESPACE: namespace, PALLET_LOG_LEVEL: 'warn', PALLET_IMPORT_ROWS_MAX: String(Math.max(100_000, rowsWanted)) });

try {
  const env = await describeEnvironment(root, config.redisUrl, config.databaseUrl);
  const rt = await buildRuntime(config);
  cleanup.push('close the runtime', () => rt.close());
  cleanup.push(`drop schema ${namespace}`, () => dropPostgresSchema(config.databaseUrl, namespace));
  cleanup.push(`delete streams of ${namespace}`, () => deleteNatsStreams(config.natsUrl, namespace));
  await runMigrations(rt);
  await applyTopology(await rt.nats.jsm(), namespace, config.events);
  await rt.store.createTenant(tenant, 'Bench');
  const created = await rt.deps.channels.create(tenant, { id: channel, type: 'generic', name: 'Bench' });
  if (!created.ok) throw new Error(created.error.detail);

  const path = join(dir, 'orders.csv');
  writeFileSync(path, generateCsv(rowsWanted));
  const bytes = statSync(path).size;
  const file = importFileAt(path, 'orders.csv', 'csv', bytes);

  // Parse alone (one pass of csv-parse), for reference.
  let t0 = performance.now();
  let parsed = 0;
  for await (const item of file.rows()) if ('cells' in item) parsed++;
  const parseSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const done = await rt.deps.imports.run({ tenant, channel, keyId: 'bench', file, offsetMinutes: 480 });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (!done.ok) throw new Error(`${done.error.code}: ${done.error.detail}`);
  const s = done.value;
  const stream = await (await rt.nats.jsm()).streams.info(topology(namespace).intakeStream);
  if (s.rowsImported !== rowsWanted || stream.state.messages !== s.ordersImported) {
    throw new Error(`expected ${rowsWanted} rows imported and one intake message per order: ${JSON.stringify(s)}, stream ${stream.state.messages}`);
  }
  const rowsPerSecond = Math.round(rowsWanted / seconds);
  const lines = [
    `## ${env.dateUtc} — batch import, CSV (bench/import/csv.ts) — commit ${env.commit}`,
    '',
    `- Machine: ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB RAM; before the run: ${env.busyPercentBefore} % of one core busy, load average ${env.loadAverages}`,
    `- Node ${env.node}; PostgreSQL ${env.postgres.version} (synchronous_commit ${env.postgres.synchronousCommit}, fsync ${env.postgres.fsync}); NATS JetStream on this machine`,
    `- File: ${rowsWanted.toLocaleString('en')} rows (lines), ${s.ordersImported.toLocaleString('en')} orders, ${(bytes / 1024 / 1024).toFixed(1)} MiB, 22 columns; every row valid, no order existing before`,
    `- **${rowsPerSecond.toLocaleString('en')} rows/s** parse + append (${seconds.toFixed(2)} s for the import: parse, group, validate, encode into the scratch file, existence lookups, ${s.ordersImported.toLocaleString('en')} appends to the intake stream in batches of ${importBounds.batchMax}, ${importBounds.appendBatchesInflightMax} in flight, ${rowsWanted.toLocaleString('en')} report rows written); ${Math.round(s.ordersImported / seconds).toLocaleString('en')} orders/s; target ≥ 20,000 rows/s: ${rowsPerSecond >= 20_000 ? 'met' : 'MISSED'}`,
    `- csv-parse alone (one pass): ${Math.round(parsed / parseSeconds).toLocaleString('en')} rows/s; the Node process used ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU during the import (${(((cpu.user + cpu.system) / 1e6) / seconds * 100).toFixed(0)} % of one core)`,
    '',
  ];
  for (const l of lines) log(l);
  if (record) appendFileSync(join(root, 'bench', 'RESULTS.md'), `\n${lines.join('\n')}`);
} finally {
  await cleanup.runAll(log);
}
