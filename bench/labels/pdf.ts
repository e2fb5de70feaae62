// Label PDF pages per second (issue 12): 500 thermal labels (100 × 150 mm,
// CJK recipient, Code128 of the tracking number) rendered in this process
// by the production renderer (src/adapters/labels/label.pdf.ts) in one PDF,
// as POST /v1/labels makes them. No services are needed. One warm-up run of
// 20 labels loads the font; then 3 timed runs of PALLET_BENCH_LABELS
// (default 500); pages/s is of the median run. Prints the figures and
// appends a section to bench/RESULTS.md (PALLET_BENCH_RESULTS) with date,
// machine and commit.
//
//   npx tsx bench/labels/pdf.ts
import { appendFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PdfLabelRenderer } from '../../src/adapters/labels/label.pdf.ts';
import type { Label } from '../../src/app/label.port.ts';
import { gitCommit } from '../lib/environment.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const labelsCount = Number(process.env.PALLET_BENCH_LABELS ?? 500);
const runs = 3;
/** Where the section goes (a smoke run may point it elsewhere). */
const resultsPath = process.env.PALLET_BENCH_RESULTS ?? fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const fontPath = process.env.PALLET_LABEL_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const fontName = process.env.PALLET_LABEL_FONT_NAME ?? 'WenQuanYiMicroHei';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const givens = ['小明', '华', '伟', '芳', '娜', '秀英', '敏', '静'];
const districts = ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区'];

function labelsOf(n: number): Label[] {
  return Array.from({ length: n }, (_, i) => ({
    orderId: `o_bench${String(i).padStart(6, '0')}`, orderRef: `TB${20240501000000 + i}`, channel: 'taobao', senderName: '杭州一号仓',
    recipient: {
      name: `${surnames[i % surnames.length]}${givens[(i >> 3) % givens.length]}`, phone: `138${String(10_000_000 + i).slice(-8)}`, country: 'CN',
      province: '浙江省', city: '杭州市', district: districts[i % districts.length], address1: `文三路 ${100 + (i % 400)} 号 ${1 + (i % 9)} 单元 ${101 + (i % 30)} 室`,
    },
    carrier: 'YTO', trackingNumber: `YT${String(7_000_000_000_000 + i)}`, parcelNo: 1, parcelCount: 1,
  }));
}

async function main(): Promise<void> {
  const renderer = new PdfLabelRenderer({ fontPath, fontName });
  await renderer.render(labelsOf(20));
  const labels = labelsOf(labelsCount);
  const timings: { ms: number; bytes: number }[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const pdf = await renderer.render(labels);
    timings.push({ ms: performance.now() - t0, bytes: pdf.byteLength });
  }
  const median = [...timings].sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]!;
  const pagesPerSecond = labelsCount / (median.ms / 1000);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')} before`;
  const commit = gitCommit(root);
  const date = new Date().toISOString();
  const line = (s: string) => process.stdout.write(`${s}\n`);
  line(`bench:labels: ${labelsCount} labels, runs ${timings.map((t) => `${Math.round(t.ms)} ms`).join(' / ')}; median ${Math.round(median.ms)} ms → ${pagesPerSecond.toFixed(0)} pages/s; ${(median.bytes / 1024).toFixed(0)} KiB (${(median.bytes / labelsCount / 1024).toFixed(1)} KiB/page)`);
  appendFileSync(resultsPath, [
    '', `## Label PDF pages per second (bench/labels/pdf.ts) — ${date}`, '',
    `Machine: ${machine}. Commit: ${commit}. Font: ${fontPath}${/\.(ttc|otc)$/i.test(fontPath) ? ` (${fontName})` : ''}.`, '',
    '| measure | value |', '| --- | --- |',
    `| labels per PDF (100 × 150 mm, CJK text, Code128) | ${labelsCount} |`,
    `| render time, ${runs} runs | ${timings.map((t) => `${Math.round(t.ms)} ms`).join(' / ')} |`,
    `| pages per second (median run) | ${pagesPerSecond.toFixed(0)} |`,
    `| PDF size (median run) | ${(median.bytes / 1024).toFixed(0)} KiB, ${(median.bytes / labelsCount / 1024).toFixed(1)} KiB per page |`,
    '', 'One process, one core: pdfkit lays out and subsets the font, bwip-js draws each barcode as a PNG. Shared machine; other work may have run at the same time.', '',
  ].join('\n'));
}

await main();
