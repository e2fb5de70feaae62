// ops/grafana/pallet-dashboard.json and ops/prometheus/alerts.yml against a
// real running Pallet: `pallet serve` with every role (private Redis and
// NATS, the shared PostgreSQL in a schema of its own) is scraped at /metrics,
// and every metric name any dashboard panel or alert rule uses must be one
// it exports. A renamed or removed metric fails here instead of drawing an
// empty panel or an alert that can never fire.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Held, faultEnv, migrateCore } from '../faults/held.ts';
import { freePort } from '../faults/servers.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const held = new Held();
afterAll(() => held.release(databaseUrl), 60_000);

interface Target { readonly expr?: string; readonly refId?: string }
interface Panel { readonly type: string; readonly title?: string; readonly targets?: readonly Target[]; readonly panels?: readonly Panel[] }
interface Dashboard { readonly title: string; readonly uid: string; readonly panels: readonly Panel[] }
interface RuleFile { readonly groups: readonly { readonly name: string; readonly rules: readonly { readonly alert?: string; readonly record?: string; readonly expr: string }[] }[] }

/** Series Prometheus makes itself for every target (not exported by Pallet). */
const prometheusSeries = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
const keywords = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'inf', 'nan']);

/**
 * Metric names a PromQL expression reads: identifiers that are not functions,
 * keywords, label names, or inside strings, label matchers and ranges.
 */
function metricNames(expr: string): string[] {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges ([5m], [$__rate_interval])
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  const names = new Set<string>();
  for (const m of s.matchAll(/(?<![\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = m;
    if (call !== undefined || keywords.has(name!.toLowerCase())) continue;
    names.add(name!);
  }
  return [...names];
}

/** The series names a /metrics text can have: each TYPE'd family, with _bucket/_sum/_count for histograms and summaries. */
function exportedSeries(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m;
    out.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) out.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) out.add(`${name}${suffix}`);
  }
  return out;
}

function allPanels(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

const dashboard = JSON.parse(readFileSync(join(repoRoot, 'ops', 'grafana', 'pallet-dashboard.json'), 'utf8')) as Dashboard;
const rules = parseYaml(readFileSync(join(repoRoot, 'ops', 'prometheus', 'alerts.yml'), 'utf8')) as RuleFile;

describe('metric names in PromQL (the extraction the checks rely on)', () => {
  it('finds metrics and skips functions, keywords, label lists, matchers and ranges', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (le, route) (rate(pallet_http_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))'))
      .toEqual(['pallet_http_request_duration_seconds_bucket']);
    expect(metricNames('min by (job, instance) (pallet_event_log_intact) == 0 and on (job, instance) group by (job, instance) (pallet_relay_lag_seconds)').sort())
      .toEqual(['pallet_event_log_intact', 'pallet_relay_lag_seconds']);
    expect(metricNames('time() - max(pallet_reconcile_last_run_timestamp_seconds) > 900')).toEqual(['pallet_reconcile_last_run_timestamp_seconds']);
    expect(metricNames('up{job="pallet", process="background or api"} == 0')).toEqual(['up']);
  });
});

describe('ops/grafana/pallet-dashboard.json', () => {
  it('is a dashboard: title, uid, panels with grid positions, and a PromQL target in every non-row panel', () => {
    expect(dashboard.title).toBe('Pallet');
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    const panels = allPanels(dashboard.panels);
    const graphs = panels.filter((p) => p.type !== 'row');
    expect(graphs.length).toBeGreaterThanOrEqual(20);
    for (const p of graphs) {
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets!) expect(t.expr?.trim(), `${p.title} ${t.refId}`).toBeTruthy();
    }
    const ids = panels.map((p) => (p as { id?: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the names the dashboard and the alerts use, against a running Pallet', () => {
  let exported = new Set<string>();

  beforeAll(async () => {
    const redis = await held.redis(false);
    const nats = await held.nats();
    const metricsPort = await freePort();
    const env = faultEnv({
      redisUrl: redis.url, natsUrl: nats.url, databaseUrl, namespace: held.namespace(),
      adminKey: `op_${randomBytes(24).toString('base64url')}`, ackWaitMs: 2_000, sweepIntervalMs: 250,
      extra: { PALLET_METRICS_HOST: '127.0.0.1', PALLET_METRICS_PORT: String(metricsPort) },
    });
    await migrateCore(env);
    await held.core(env, held.dir('grafana'));
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    exported = exportedSeries(await res.text());
  }, 180_000);

  it('serves the families the checks expect (the scrape is real and complete)', () => {
    for (const name of ['pallet_http_requests_total', 'pallet_outbox_length', 'pallet_ws_connections', 'pallet_board_cells',
      'pallet_unexpected_errors_total', 'pallet_process_cpu_seconds_total', 'pallet_projection_lag_seconds_bucket']) {
      expect(exported.has(name), name).toBe(true);
    }
    expect(exported.has('pallet_no_such_metric')).toBe(false);
  });

  it('every metric of every dashboard panel is exported', () => {
    const used = allPanels(dashboard.panels).flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr ?? '').map((n) => `${p.title}: ${n}`)));
    expect(used.length).toBeGreaterThan(30);
    const unknown = used.filter((u) => { const n = u.slice(u.lastIndexOf(': ') + 2); return !exported.has(n) && !prometheusSeries.has(n); });
    expect(unknown).toEqual([]);
  });

  it('every metric of every alert rule is exported', () => {
    const used = rules.groups.flatMap((g) => g.rules.flatMap((r) => metricNames(r.expr).map((n) => `${r.alert ?? r.record}: ${n}`)));
    expect(used.length).toBeGreaterThan(15);
    const unknown = used.filter((u) => { const n = u.slice(u.lastIndexOf(': ') + 2); return !exported.has(n) && !prometheusSeries.has(n); });
    expect(unknown).toEqual([]);
  });
});
