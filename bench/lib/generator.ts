// Load generator process. Forked by the harness (bench/lib/generate.ts) so it
// never shares an event loop or a CPU share with the server under test. It
// takes exactly one job over IPC, reports the edges of the measured phase (so
// the parent can sample CPU use over the same window) and the result, and
// exits.

import { runE2e } from './e2e.ts';
import { runLoad, type LoadJob, type LoadResult } from './load.ts';

export type ToGenerator = { readonly type: 'run'; readonly job: LoadJob };
export type FromGenerator =
  | { readonly type: 'measure-start' }
  | { readonly type: 'measure-end' }
  | { readonly type: 'result'; readonly result: LoadResult }
  | { readonly type: 'failed'; readonly message: string };

function post(message: FromGenerator): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('generator.ts must be started with an IPC channel (child_process.fork)'));
      return;
    }
    process.send(message, undefined, {}, (err) => (err ? reject(err) : resolve()));
  });
}

function main(): void {
  if (!process.send) {
    console.error('bench/lib/generator.ts is started by bench/run.ts (child_process.fork), not by hand');
    process.exit(2);
  }
  process.once('message', (message: ToGenerator) => {
    if (message.type !== 'run') throw new Error(`generator: unexpected message ${JSON.stringify(message)}`);
    (message.job.scenario === 'e2e' ? runE2e : runLoad)(message.job, {
      onMeasureStart: () => void post({ type: 'measure-start' }),
      onMeasureEnd: () => void post({ type: 'measure-end' }),
    })
      .then((result) => post({ type: 'result', result }))
      .catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }))
      .finally(() => process.exit(0));
  });
}

main();
