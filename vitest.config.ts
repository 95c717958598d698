import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real servers on 127.0.0.1 and real databases; forks keep native modules isolated.
    pool: 'forks',
  },
});
