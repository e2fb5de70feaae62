// N dashboard clients in one process (apart from the server), each subscribed
// to stock.all. Every client counts frames and bytes; the first
// BENCH_WS_SAMPLE_CLIENTS decode every frame, check the sequence and record the
// delivery lag of each cell in a delta: receipt time − the cell's event time
// (`at`, set by the Lua script's clock on this same machine).
import { performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import { decodeProtoFrame, type Frame } from '../../src/adapters/ws/frames.codec.ts';
import type { StockData } from '../../src/app/board/board.types.ts';
import { dashboardPath } from '../../src/adapters/ws/ws.options.ts';
import { intEnv, send, serve, type ClientsReport } from './ipc.ts';
import { Opcode, RawWsClient, type RawFrame } from './raw-client.ts';

const port = intEnv('BENCH_WS_PORT', 0);
const count = intEnv('BENCH_WS_CLIENTS', 1_000);
const sampled = Math.min(count, intEnv('BENCH_WS_SAMPLE_CLIENTS', 50));
const format = process.env.BENCH_WS_FORMAT === 'protobuf' ? 'protobuf' : 'json';
const token = process.env.BENCH_WS_TOKEN ?? '';
const connectBatch = 100;

let frames = 0;
let bytes = 0;
let snapshots = 0;
let gaps = 0;
const closeCodes: Record<string, number> = {};
const histogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000, numberOfSignificantValueDigits: 3 });
/** Event time → receipt; event time → frame made on the server; frame made → receipt. */
let lag = histogram();
let upstream = histogram();
let wire = histogram();
let cpuAtReset = process.cpuUsage();
const clients: RawWsClient[] = [];
let subscribed = 0;
/** Frames that cannot be what the server sent (a parser out of step): must stay 0. */
let corrupt = 0;
let lastLen = 0;
let lastHead = '';

function decode(f: RawFrame): Frame {
  return f.opcode === Opcode.BINARY ? decodeProtoFrame(f.payload) : (JSON.parse(f.payload.toString('utf8')) as Frame);
}

function open(i: number): Promise<RawWsClient> {
  const sample = i < sampled;
  let lastSeq = -1;
  let gotSnapshot = false;
  return RawWsClient.connect({
    host: '127.0.0.1', port, path: `${dashboardPath}?token=${encodeURIComponent(token)}${format === 'protobuf' ? '&format=protobuf' : ''}`,
    onFrame: (f) => {
      if (f.opcode === Opcode.CLOSE) {
        const code = String(f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 'none');
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
        if (!/^(1000|1001|1006|4008|4029|4503)$/.test(code) && corrupt++ === 0) {
          console.error(`bench clients: client ${i} odd close frame ${f.payload.subarray(0, 40).toString('hex')} after ${frames} frames; last frame ${lastLen} bytes: ${lastHead}`);
        }
        return;
      }
      if (f.opcode === Opcode.TEXT && f.payload[0] !== 0x7b && corrupt++ === 0) {
        console.error(`bench clients: client ${i} text frame not JSON: ${f.payload.subarray(0, 40).toString('hex')}`);
      }
      lastLen = f.payload.length;
      lastHead = f.payload.subarray(0, 60).toString('utf8');
      frames++;
      bytes += f.payload.length;
      if (!gotSnapshot) {
        // Every client decodes its first frame (the snapshot) to know it is subscribed.
        const frame = decode(f);
        if (frame.type !== 'snapshot') return;
        gotSnapshot = true;
        snapshots++;
        subscribed++;
        lastSeq = frame.seq;
        return;
      }
      if (!sample) return;
      const now = Date.now();
      const frame = decode(f);
      if (frame.type === 'snapshot') snapshots++;
      else if (frame.seq !== lastSeq + 1) gaps++;
      lastSeq = frame.seq;
      if (frame.type !== 'delta') return;
      wire.recordValue(Math.max(1, now - frame.at));
      for (const c of (frame.data as StockData).cells) {
        if (c.at <= 0) continue;
        lag.recordValue(Math.max(1, now - c.at));
        upstream.recordValue(Math.max(1, frame.at - c.at));
      }
    },
  });
}

const t0 = performance.now();
for (let i = 0; i < count; i += connectBatch) {
  const batch = await Promise.all(Array.from({ length: Math.min(connectBatch, count - i) }, (_, j) => open(i + j)));
  for (const c of batch) {
    clients.push(c);
    c.sendText(JSON.stringify({ op: 'subscribe', topic: 'stock.all' }));
  }
}
const connectMs = performance.now() - t0;
const deadline = Date.now() + 120_000;
while (subscribed < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
send({ kind: 'subscribed', clients: count, subscribed, connectMs, subscribeMs: performance.now() - t0 });

serve({
  reset: () => {
    frames = 0;
    bytes = 0;
    snapshots = 0;
    gaps = 0;
    for (const k of Object.keys(closeCodes)) delete closeCodes[k];
    lag = histogram();
    upstream = histogram();
    wire = histogram();
    cpuAtReset = process.cpuUsage();
    return { kind: 'reset' };
  },
  report: (): ClientsReport => {
    const cpu = process.cpuUsage(cpuAtReset);
    return {
      kind: 'report', clients: count, open: clients.filter((c) => !c.isClosed).length, frames, bytes, snapshots,
      lagCount: lag.totalCount, lagMsP50: lag.getValueAtPercentile(50), lagMsP99: lag.getValueAtPercentile(99), lagMsMax: lag.maxValue,
      upstreamMsP50: upstream.getValueAtPercentile(50), upstreamMsP99: upstream.getValueAtPercentile(99),
      wireMsP50: wire.getValueAtPercentile(50), wireMsP99: wire.getValueAtPercentile(99),
      gaps, corrupt, closeCodes: { ...closeCodes }, cpuUs: cpu.user + cpu.system,
    };
  },
}, async () => {
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 200));
  for (const c of clients) c.destroy();
});
