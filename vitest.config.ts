import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // two cores: files run two at a time; PostgreSQL tests use their own databases
    maxWorkers: 2,
    pool: 'forks',
  },
});
