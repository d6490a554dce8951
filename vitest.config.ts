import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start servers and browsers; two cores are all we have.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
