// @ts-check
// k6 scenario for the live dashboard (ws role): VUS dashboards, each holding
// one WebSocket for DURATION seconds, subscribed to TOPICS. Run it while a
// reserve load runs (e.g. reserve.js) to see what operators would see.
// Protocol: docs/dashboard-protocol.md.
//
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e WS_URL=ws://127.0.0.1:3001 -e READ_KEY=pk_... bench/k6/ws.js
//
// Env:
//   BASE_URL   Pallet HTTP origin, for POST /v1/dashboard/tokens      (http://127.0.0.1:3000)
//   WS_URL     the ws role's origin                                    (ws://127.0.0.1:3001)
//   READ_KEY   a tenant key with scope read (required)
//   VUS        dashboards (connections)                                (100)
//   DURATION   seconds each dashboard stays connected                  (60)
//   TOPICS     comma list                                              (stock.all,orders.today,stock.low)
//   LAG_P99_MS threshold on the delivery lag of stock cells            (250)
// Metrics: ws_frames, ws_snapshot_ms (open → first snapshot), ws_cell_lag_ms
// (event time of a cell in a delta → receipt; needs clocks in sync with the
// server), ws_seq_gaps (lost frames), ws_errors (error frames), ws_closed_early.

import { check } from 'k6';
import http from 'k6/http';
import { Counter, Trend } from 'k6/metrics';
import { setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';

/** @typedef {{ token: string }} SetupData */
/** @typedef {{ warehouse: string, sku: string, at: number, version: number }} Cell */
/** @typedef {{ type: 'snapshot' | 'delta' | 'error' | 'pong', topic: string, seq: number, at: number, data: any }} Frame */

const baseUrl = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const wsUrl = (__ENV.WS_URL || 'ws://127.0.0.1:3001').replace(/\/+$/, '');
const vus = intEnv('VUS', 100);
const durationSeconds = intEnv('DURATION', 60);
const lagP99MsMax = intEnv('LAG_P99_MS', 250);
const topics = (__ENV.TOPICS || 'stock.all,orders.today,stock.low').split(',').map((t) => t.trim()).filter((t) => t !== '');

const frames = new Counter('ws_frames');
const seqGaps = new Counter('ws_seq_gaps');
const errorFrames = new Counter('ws_errors');
const closedEarly = new Counter('ws_closed_early');
const snapshotMs = new Trend('ws_snapshot_ms', true);
const cellLagMs = new Trend('ws_cell_lag_ms', true);

/**
 * @param {string} name
 * @param {number} fallback
 */
function intEnv(name, fallback) {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw}: must be a positive integer`);
  return value;
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    dashboards: {
      executor: 'per-vu-iterations',
      vus,
      iterations: 1,
      maxDuration: `${durationSeconds + 60}s`,
    },
  },
  thresholds: {
    ws_seq_gaps: ['count==0'],
    ws_errors: ['count==0'],
    ws_closed_early: ['count==0'],
    ws_snapshot_ms: ['p(95)<1000'],
    ws_cell_lag_ms: [`p(99)<${lagP99MsMax}`],
    checks: ['rate==1'],
  },
  summaryTrendStats: ['avg', 'med', 'p(90)', 'p(99)', 'max'],
};

/** One dashboard token for every VU (the read key stays out of WebSocket URLs). @returns {SetupData} */
export function setup() {
  const key = __ENV.READ_KEY;
  if (!key) throw new Error('set READ_KEY: a tenant key with scope read');
  const ttlSeconds = Math.min(86400, durationSeconds + 600);
  const res = http.post(`${baseUrl}/v1/dashboard/tokens`, JSON.stringify({ ttlSeconds }), {
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
  if (!check(res, { 'dashboard token issued (201)': (r) => r.status === 201 })) {
    throw new Error(`POST /v1/dashboard/tokens answered ${res.status}: ${String(res.body).slice(0, 300)}`);
  }
  return { token: /** @type {{ token: string }} */ (res.json()).token };
}

/** @param {SetupData} data */
export default function dashboard(data) {
  const openedAt = Date.now();
  /** @type {Record<string, number>} */
  const lastSeq = {};
  let planned = false;
  const ws = new WebSocket(`${wsUrl}/v1/dashboard/ws?token=${encodeURIComponent(data.token)}`);

  ws.onopen = () => {
    for (const topic of topics) ws.send(JSON.stringify({ op: 'subscribe', topic }));
    setTimeout(() => {
      planned = true;
      ws.close();
    }, durationSeconds * 1000);
  };

  ws.onmessage = (event) => {
    if (event === undefined || typeof event.data !== 'string') return;
    const receivedAt = Date.now();
    /** @type {Frame} */
    const frame = JSON.parse(event.data);
    frames.add(1, { type: frame.type });
    if (frame.type === 'error') {
      errorFrames.add(1, { code: String(frame.data && frame.data.code) });
      return;
    }
    if (frame.type === 'snapshot') {
      if (lastSeq[frame.topic] === undefined) snapshotMs.add(receivedAt - openedAt, { topic: frame.topic });
      lastSeq[frame.topic] = frame.seq;
      return;
    }
    if (frame.type !== 'delta') return;
    const previous = lastSeq[frame.topic];
    if (previous !== undefined && frame.seq !== previous + 1) {
      seqGaps.add(frame.seq - previous - 1, { topic: frame.topic });
      // Lost frames: resubscribe for a fresh snapshot, as a page would.
      ws.send(JSON.stringify({ op: 'subscribe', topic: frame.topic }));
    }
    lastSeq[frame.topic] = frame.seq;
    if (frame.topic === 'stock.all' || frame.topic.startsWith('stock.sku.')) {
      /** @type {Cell[]} */
      const cells = frame.data.cells;
      for (const cell of cells) if (cell.at > 0) cellLagMs.add(receivedAt - cell.at);
    }
  };

  ws.onerror = (event) => {
    check(event, { 'no WebSocket error': () => false });
  };

  ws.onclose = () => {
    if (!planned) closedEarly.add(1);
    check(lastSeq, { 'got a snapshot of every topic': (s) => topics.every((t) => s[t] !== undefined) });
  };
}
