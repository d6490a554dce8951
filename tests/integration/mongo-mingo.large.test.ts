import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AUTHORS, DAYS, type LargeReport } from '../helpers/mingo-large.scenario.js';

/**
 * Issue 14, items 17–18: a large campaign over the mingo harness. No command the store sends
 * grows with the campaign (the largest stays under 1 MB), and the daily refresh and a
 * re-attribution grow the live heap by less than 300 MB. The scenario (mingo-large.scenario.ts)
 * runs in a child process started with --expose-gc, so the heap is measured after full
 * collections. MONGO_LARGE_MEMBERSHIPS sets the size: small by default so `npm test` stays quick;
 * `npm run test:mongo-large` runs 300,000 (docs/testing.md has the figures measured).
 */

const N = Number(process.env.MONGO_LARGE_MEMBERSHIPS ?? 5_000);
const COMMAND_CEILING = 1024 * 1024;
const HEAP_CEILING_MB = 300;
const child = fileURLToPath(new URL('../helpers/mingo-large.child.ts', import.meta.url));

describe(`a campaign of ${N.toLocaleString('en')} memberships over mingo`, () => {
  it('sends no command over 1 MB, and the daily refresh and a re-attribution stay under 300 MB of heap', { timeout: 3_600_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child], {
      env: { ...process.env, MONGO_LARGE_MEMBERSHIPS: String(N) },
      maxBuffer: 1024 * 1024,
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LargeReport;
    process.stderr.write(`mongo-mingo large: ${JSON.stringify(report)}\n`);

    // The refresh read last week's ids and left exactly those 7 days pending; the re-attribution
    // moved every post to its new topic and cleared the pending re-attribution.
    expect(report.queries.summaryPosts).toBe(N);
    expect(report.queries.commandBytes).toBeLessThan(COMMAND_CEILING);
    // Top contributors look each author up once: the page's by engagement, every one by reach.
    expect(report.contributors.engagement.lookedUp).toBe(10);
    expect(report.contributors.reach.lookedUp).toBe(Math.min(N, AUTHORS));
    expect(report.refresh.recentIds).toBe(Math.floor(N / DAYS) * 7 + Math.max(0, Math.min(7, (N % DAYS) - (DAYS - 7))));
    expect(report.refresh.pendingDays).toBe(7);
    expect(report.byTopic).toEqual({ sekolah: Math.ceil(N / 3), other: N - Math.ceil(N / 3) });
    expect(report.pendingReattributions).toBe(0);
    expect(report.refresh.commandBytes).toBeLessThan(COMMAND_CEILING);
    expect(report.reattribution.commandBytes).toBeLessThan(COMMAND_CEILING);
    expect(report.refresh.heapMb).toBeLessThan(HEAP_CEILING_MB);
    expect(report.reattribution.heapMb).toBeLessThan(HEAP_CEILING_MB);
  });
});
