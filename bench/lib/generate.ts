// Parent side of the load generator: fork bench/lib/generator.ts, hand it one
// job, relay the edges of its measured phase, return its result.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromGenerator, ToGenerator } from './generator.ts';
import type { LoadHooks, LoadJob, LoadResult } from './load.ts';

const generatorPath = fileURLToPath(new URL('./generator.ts', import.meta.url));
/** Start-up, warm-up, measure and drain, plus this much slack, before the generator is killed. */
const generatorSlackSeconds = 30;

export interface GenerateHooks extends LoadHooks {
  /** The generator process exists (its PID, for CPU accounting). */
  onSpawn?(pid: number): void;
}

export function generate(job: LoadJob, hooks: GenerateHooks = {}): Promise<LoadResult> {
  const child = fork(generatorPath, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  if (child.pid !== undefined) hooks.onSpawn?.(child.pid);
  // e2e drains twice (reserves, then callbacks) and then waits for the projection.
  const e2eSeconds = job.e2e === undefined ? 0 : job.drainSeconds + job.e2e.lagDrainSeconds;
  const limitMs = (job.warmupSeconds + job.measureSeconds + job.drainSeconds + e2eSeconds + generatorSlackSeconds) * 1_000;
  return new Promise<LoadResult>((resolve, reject) => {
    let result: LoadResult | undefined;
    let failure: string | undefined;
    const killer = setTimeout(() => {
      failure = `generator pid ${child.pid} still running after ${limitMs / 1_000} s; killed`;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('message', (message: FromGenerator) => {
      switch (message.type) {
        case 'measure-start':
          hooks.onMeasureStart?.();
          break;
        case 'measure-end':
          hooks.onMeasureEnd?.();
          break;
        case 'result':
          result = message.result;
          break;
        case 'failed':
          failure = message.message;
          break;
      }
    });
    child.once('error', (err) => {
      clearTimeout(killer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      if (result !== undefined) resolve(result);
      else reject(new Error(`load generator for ${job.label} ${failure ?? `exited (code ${code}, signal ${signal}) without a result`}`));
    });
    const message: ToGenerator = { type: 'run', job };
    child.send(message);
  });
}
