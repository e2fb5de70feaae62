// Run by policy.test.ts in a child process: installs the process policy, then
// misbehaves as argv[2] says and prints what the policy counted.
import pino from 'pino';
import { Registry } from 'prom-client';
import { installProcessPolicy } from '../../src/process-policy.ts';

const registry = new Registry();
const policy = installProcessPolicy(pino({ level: 'silent' }), registry, (code) => {
  console.log(`exit ${code}`);
  process.exit(code);
});
const how = process.argv[2];
if (how === 'reject') {
  for (let i = 0; i < 3; i++) void Promise.reject(new Error(`lost ${i}`));
  setTimeout(async () => {
    const m = await policy.unexpected.get();
    console.log(`alive ${m.values.find((v) => v.labels.kind === 'unhandled_rejection')?.value ?? 0}`);
  }, 100);
} else if (how === 'throw') {
  setTimeout(() => { throw new Error('sync bug'); }, 10);
  setTimeout(() => console.log('still running'), 2_000);
}
