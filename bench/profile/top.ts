// Summarise a V8 CPU profile (`node --cpu-prof`) by self time: the top N
// functions with their share of the samples, one line each, and the same
// grouped by package (node_modules/<name>, node: internals, Pallet's src/).
//
//   npx tsx bench/profile/top.ts <file.cpuprofile> [N=15] [last seconds]
//
// With "last seconds", only the samples of the profile's final S seconds
// count (the measured window, not the start-up and seeding before it).

import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }

const [path, countText, lastSecondsText] = process.argv.slice(2);
if (path === undefined) {
  console.error('usage: tsx bench/profile/top.ts <file.cpuprofile> [N]');
  process.exit(2);
}
const topCount = Number(countText ?? 15);
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  if (url === '') return '(native / V8)';
  if (url.startsWith('node:')) return 'node: internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.includes('/src/')) return 'pallet src/';
  return shortUrl(url);
}

// Hits per node: every sample, or only those of the final window.
function hitsPerNode(): Map<number, number> {
  const hits = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (lastSecondsText === undefined || samples.length === 0) {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
    return hits;
  }
  const times: number[] = [];
  let now = 0;
  for (const delta of deltas) times.push((now += delta));
  const from = now - Number(lastSecondsText) * 1e6;
  samples.forEach((id, index) => {
    if ((times[index] ?? 0) >= from) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

const hitsOf = hitsPerNode();
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const hits = hitsOf.get(node.id) ?? 0;
  if (hits === 0) continue;
  total += hits;
  const frame = node.callFrame;
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  const where = frame.url === '' ? '' : ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
  const key = `${name}${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  byPackage.set(packageOf(frame.url), (byPackage.get(packageOf(frame.url)) ?? 0) + hits);
}

function print(title: string, table: Map<string, number>, limit: number): void {
  console.log(`\n${title} (${total} samples)`);
  const rows = [...table.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
  rows.forEach(([key, hits], index) => {
    console.log(`${String(index + 1).padStart(3)}. ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`);
  });
}

print(`top ${topCount} by self time`, byFunction, topCount);
print('self time by package', byPackage, 12);
