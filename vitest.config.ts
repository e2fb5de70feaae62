import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // serve() starts a metrics listener (default 127.0.0.1:9464); tests run several at once, each on a free port.
    env: { PALLET_METRICS_PORT: '0' },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
