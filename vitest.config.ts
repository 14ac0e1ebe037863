import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summaryReporter.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One worker per core; tfjs-wasm is single-threaded, so this is the machine's parallelism.
    pool: 'forks',
    maxWorkers: 2,
  },
});
