import { defineConfig } from 'vitest/config';

/**
 * One project per tier (docs/testing.md): `npm run test:<tier>` runs one, `npm test` all of them.
 * tests/unit is pure code only (no database, server, browser, Redis or child process; eslint
 * keeps their imports out), so it stays fast enough to run on every change.
 *
 * The files of a worker share their modules (isolate: false): each worker evaluates the service's
 * modules once instead of once per file, which cut the integration tier's CPU time by 60 %
 * (docs/testing.md). It holds because no test mocks a module, a timer or a global, and every
 * file builds its own runtime, store, servers and browser and closes them.
 */
const tier = (name: string, timeouts: { testTimeout?: number; hookTimeout?: number } = {}) => ({
  extends: true as const,
  test: { name, include: [`tests/${name}/**/*.test.ts`], ...timeouts },
});
/** Stores, a browser, a service and child processes take their time on a loaded 2-core machine: a timeout is a hang, not a speed. */
const SLOW = { testTimeout: 120_000, hookTimeout: 180_000 };

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    isolate: false,
    // Three files at a time on two cores: with two, the cores were busy 57 % of a run (servers,
    // browsers and child processes spend much of a test waiting on each other), and a third file
    // fills the gaps (docs/testing.md).
    maxWorkers: 3,
    reporters: ['default'],
    projects: [tier('unit'), tier('integration', SLOW), tier('e2e', SLOW), tier('faults', SLOW)],
  },
});
