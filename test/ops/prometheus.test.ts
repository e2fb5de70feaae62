// The Prometheus files in ops/prometheus/ as Prometheus itself reads them:
// promtool (from the Debian package, unpacked by ops/promtool.sh; no
// Prometheus service is started) checks the scrape config and the alert
// rules, and runs the rules' unit tests (alerts.test.yml: alerts fire on
// synthetic series and stay quiet on others).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');
const dir = join(repoRoot, 'ops', 'prometheus');

/** Runs promtool in ops/prometheus/ (the rule files are named relative to it); output and exit code, never throws. */
async function promtool(bin: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(bin, [...args], { cwd: dir, timeout: 60_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('ops/prometheus', () => {
  let bin = '';
  beforeAll(async () => {
    // Fetches and unpacks the Debian package on the first run (apt reachable), reuses it after.
    const r = await run('bash', [join(repoRoot, 'ops', 'promtool.sh')], { timeout: 240_000 });
    bin = r.stdout.trim().split('\n').pop() ?? '';
    expect(bin).toMatch(/promtool$/);
  }, 250_000);

  it('has a scrape config promtool accepts, with the alert rules it names', async () => {
    const r = await promtool(bin, ['check', 'config', 'prometheus.yml']);
    expect(r.out).toContain('SUCCESS: 1 rule files found');
    expect(r.code, r.out).toBe(0);
  });

  it('has alert rules promtool accepts', async () => {
    const r = await promtool(bin, ['check', 'rules', 'alerts.yml']);
    expect(r.out).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.code, r.out).toBe(0);
  });

  it('fires the alerts on the synthetic series of alerts.test.yml and keeps them quiet otherwise', async () => {
    const r = await promtool(bin, ['test', 'rules', 'alerts.test.yml']);
    expect(r.out).toContain('SUCCESS');
    expect(r.code, r.out).toBe(0);
  });

  it('fails a rule whose expression does not parse (the check can fail)', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'pallet-promtool-'));
    try {
      writeFileSync(join(tmp, 'bad.yml'), 'groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum(rate(pallet_http_requests_total[5m]) >\n');
      const bad = await promtool(bin, ['check', 'rules', join(tmp, 'bad.yml')]);
      expect(bad.code).not.toBe(0);
      expect(bad.out).toMatch(/parse error|FAILED/i);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
