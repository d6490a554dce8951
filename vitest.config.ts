import { defineConfig } from 'vitest/config';

/**
 * One project per tier (docs/testing.md): `npm run test:<tier>` runs one, `npm test` all of them.
 * tests/unit is pure code only (no database, server, browser, Redis or child process; eslint
 * keeps their imports out), so it stays fast enough to run on every change. Its files share
 * their modules within a worker (isolate: false), which halves the tier's CPU time: pure code
 * leaves no state behind, and no unit test mocks a module, a timer or a global.
 */
const tier = (name: string, isolate = true) => ({ extends: true as const, test: { name, include: [`tests/${name}/**/*.test.ts`], isolate } });

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start servers and browsers; two cores are all we have.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [tier('unit', false), tier('integration', false), tier('e2e', false), tier('faults', false)],
  },
});
