// @ts-check
// k6 load test of Pallet's reserve API: the same three scenarios as the Node
// harness (bench/run.ts), run one after another.
//
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e API_KEY=pk_... bench/k6/reserve.js
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e ADMIN_KEY=... bench/k6/reserve.js   # seeds in setup()
//
// Env (all optional but one of API_KEY / ADMIN_KEY):
//   BASE_URL     Pallet HTTP origin                       (http://127.0.0.1:3000)
//   API_KEY      tenant key with checkout scope, of a tenant seeded by seed.js
//   ADMIN_KEY    operator key: setup() seeds the catalog and makes a key (when API_KEY is empty)
//   SKUS         plain SKUs in the catalog; must match the seed  (1000)
//   SCENARIOS    comma list of single,cart5,hot                   (all three)
//   VUS          virtual users per scenario = requests in flight  (64)
//   DURATION     seconds per scenario                              (15)
//   HOT_RATE_MIN optional threshold for hot, reservations/s; set it to 8 × your PG baseline figure
//   RUN_ID       prefix of Idempotency-Keys                        (setup time in ms)
// Thresholds: single ≥ 15,000/s with p(99) < 20 ms and no failed request; cart5 ≥ 8,000/s;
// every scenario: no failed request (every reservation must be a 201).

import { check } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter } from 'k6/metrics';
import { buildCatalog, cart5Body, hotBody, jsonHeaders, seed, singleBody } from './lib/catalog.js';

/** @typedef {{ apiKey: string, runId: string }} SetupData */
/** @typedef {'single' | 'cart5' | 'hot'} ScenarioName */

const baseUrl = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const catalog = buildCatalog(intEnv('SKUS', 1000));
const vus = intEnv('VUS', 64);
const durationSeconds = intEnv('DURATION', 15);
const gapSeconds = 5;
/** @type {ScenarioName[]} */
const allScenarios = ['single', 'cart5', 'hot'];
const selected = selectScenarios(__ENV.SCENARIOS);

const targets = { singlePerSecondMin: 15000, singleP99MsMax: 20, cart5PerSecondMin: 8000 };

/** Successful reservations (201), tagged by scenario. */
const reservations = new Counter('reservations');

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

/**
 * @param {string | undefined} raw
 * @returns {ScenarioName[]}
 */
function selectScenarios(raw) {
  if (raw === undefined || raw === '') return allScenarios;
  const names = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) {
    if (!allScenarios.some((s) => s === n)) throw new Error(`SCENARIOS: unknown scenario ${n} (known: ${allScenarios.join(', ')})`);
  }
  return allScenarios.filter((s) => names.includes(s));
}

/** @returns {import('k6/options').Options['scenarios']} */
function scenarios() {
  /** @type {NonNullable<import('k6/options').Options['scenarios']>} */
  const out = {};
  selected.forEach((name, i) => {
    out[name] = {
      executor: 'constant-vus',
      exec: name,
      vus,
      duration: `${durationSeconds}s`,
      startTime: `${i * (durationSeconds + gapSeconds)}s`,
      gracefulStop: '3s',
      tags: { scenario: name },
    };
  });
  return out;
}

/**
 * Counter rates in k6 are per whole test run, not per scenario, so the
 * throughput targets are expressed as counts over the scenario's duration.
 * @returns {Record<string, string[]>}
 */
function thresholds() {
  /** @type {Record<string, string[]>} */
  const t = {};
  for (const name of selected) t[`http_req_failed{scenario:${name}}`] = ['rate==0'];
  if (selected.includes('single')) {
    t['http_req_duration{scenario:single}'] = [`p(99)<${targets.singleP99MsMax}`];
    t['reservations{scenario:single}'] = [`count>=${targets.singlePerSecondMin * durationSeconds}`];
  }
  if (selected.includes('cart5')) t['reservations{scenario:cart5}'] = [`count>=${targets.cart5PerSecondMin * durationSeconds}`];
  const hotMin = __ENV.HOT_RATE_MIN ? intEnv('HOT_RATE_MIN', 1) : 0;
  if (selected.includes('hot') && hotMin > 0) t['reservations{scenario:hot}'] = [`count>=${hotMin * durationSeconds}`];
  return t;
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: scenarios(),
  thresholds: thresholds(),
  setupTimeout: '600s',
  discardResponseBodies: false,
  summaryTrendStats: ['avg', 'med', 'p(90)', 'p(99)', 'max'],
};

/** @returns {SetupData} */
export function setup() {
  const runId = __ENV.RUN_ID || String(Date.now());
  if (__ENV.API_KEY) return { apiKey: __ENV.API_KEY, runId };
  if (!__ENV.ADMIN_KEY) throw new Error('set API_KEY (a tenant key from seed.js) or ADMIN_KEY (to seed in setup)');
  const apiKey = seed(baseUrl, __ENV.ADMIN_KEY, catalog);
  console.log(`seeded tenant ${catalog.tenant}; its key: ${apiKey}`);
  return { apiKey, runId };
}

/**
 * @param {SetupData} data
 * @param {string} body
 */
function reserve(data, body) {
  const key = `${data.runId}-${exec.scenario.name}-${exec.vu.idInTest}-${exec.vu.iterationInScenario}`;
  const res = http.post(`${baseUrl}/v1/reservations`, body, {
    headers: jsonHeaders(data.apiKey, { 'idempotency-key': key }),
    tags: { name: 'POST /v1/reservations' },
  });
  if (check(res, { 'status is 201': (r) => r.status === 201 })) reservations.add(1);
}

/** @param {SetupData} data */
export function single(data) {
  reserve(data, singleBody(catalog));
}

/** @param {SetupData} data */
export function cart5(data) {
  reserve(data, cart5Body(catalog));
}

/** @param {SetupData} data */
export function hot(data) {
  reserve(data, hotBody(catalog));
}
