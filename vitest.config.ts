import { defineConfig } from 'vitest/config';

/**
 * One project per tier (README, Tests): `npm run test:<tier>` runs one, `npm test` all of them.
 * tests/unit is pure code only (no database, server, browser, Redis or child process; eslint
 * keeps their imports out), so it stays fast enough to run on every change.
 */
const tier = (name: string) => ({ extends: true as const, test: { name, include: [`tests/${name}/**/*.test.ts`] } });

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start servers and browsers; two cores are all we have.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [tier('unit'), tier('integration'), tier('e2e'), tier('faults')],
  },
});
