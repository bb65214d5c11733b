import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Fails the run when a process started by a test outlives it.
    globalSetup: ['test/setup/leaked-processes.ts'],
  },
});
