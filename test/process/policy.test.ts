// The process policy, in a child process (vitest has its own handlers): an
// unhandled rejection is counted and the process keeps serving; an uncaught
// exception is counted and exits with 70 for a restart.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = join(import.meta.dirname, 'policy.fixture.ts');
const run = (how: string) => spawnSync(process.execPath, ['--import', 'tsx', fixture, how], { encoding: 'utf8', timeout: 20_000 });

describe('process policy', () => {
  it('counts unhandled rejections and keeps the process alive', () => {
    const r = run('reject');
    expect(r.stderr).not.toMatch(/Error: lost/);
    expect(r.stdout.trim()).toBe('alive 3');
    expect(r.status).toBe(0);
  });

  it('exits with 70 on an uncaught exception, before anything else runs', () => {
    const r = run('throw');
    expect(r.stdout.trim()).toBe('exit 70');
    expect(r.status).toBe(70);
  });
});
