import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Most test time waits on child processes and local servers, so two files at a time pay even on
    // two cores (vitest's default leaves one core free: one file at a time there).
    maxWorkers: Math.max(2, availableParallelism()),
    // Fails the run when a process started by a test outlives it.
    globalSetup: ['test/setup/leaked-processes.ts'],
  },
});
