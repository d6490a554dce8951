import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Processors } from '../../src/queue/jobs.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silentLog = pino({ level: 'silent' });

/** A key prefix no other test (or test run) uses, so BullMQ tests never see each other's jobs. */
export function uniquePrefix(name: string): string {
  return `test-${name}-${randomUUID().slice(0, 8)}`;
}

/** Processors that record what they were called with; `failFirst` makes a job fail that many times. */
export function recordingProcessors(opts: { failFirst?: number } = {}) {
  const calls: Array<{ name: string; payload: unknown; jobId: string; attempt: number }> = [];
  let failures = opts.failFirst ?? 0;
  const record =
    (name: string) =>
    async (payload: unknown, ctx: { jobId: string; attempt: number }): Promise<void> => {
      calls.push({ name, payload, jobId: ctx.jobId, attempt: ctx.attempt });
      if (failures > 0) {
        failures -= 1;
        throw new Error('planned failure');
      }
    };
  const processors: Processors = {
    collect: record('collect'),
    refresh: record('refresh'),
    metrics: record('metrics'),
    reattribute: record('reattribute'),
    deliver: record('deliver'),
    digest: record('digest'),
  };
  return { calls, processors };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
