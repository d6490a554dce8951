import { describe, expect, it } from 'vitest';
import { SourceAuthError } from '../../src/sources/source.port.js';
import { platformLink, RateLimitError, requestWithRetries, RETRY_LIMITS, type Answer, type PlatformLink } from '../../src/sources/platform-request.js';

/**
 * The one retry loop of every platform client, driven with a fake clock: sleeping moves the clock,
 * so each wait is read off exactly and nothing really waits.
 */

const START = Date.parse('2025-01-13T02:00:00Z');

function fakeLink(random = 0.5) {
  const clock: { ms: number; sleeps: number[]; onSleep?: () => unknown } = { ms: START, sleeps: [] };
  const link = platformLink('test', 'Test', {
    now: () => new Date(clock.ms),
    sleep: async (ms) => {
      await clock.onSleep?.();
      clock.sleeps.push(ms);
      clock.ms += ms;
    },
    random: () => random,
  });
  return { link, clock };
}

/** A request whose answers are scripted; records when (fake time) each attempt was sent. */
function scripted(link: PlatformLink, answers: Array<Answer<string>>, clock: { ms: number }, signal?: AbortSignal) {
  const sentAt: number[] = [];
  const run = () =>
    requestWithRetries(link, {
      what: 'Test request GET /things',
      endpoint: 'things',
      signal,
      attempt: async () => {
        sentAt.push(clock.ms);
        const next = answers.shift();
        if (!next) throw new Error('no answer scripted');
        return next;
      },
    });
  return { run, sentAt };
}

const ok = (value = 'done', window?: Answer<string>['window']): Answer<string> => ({ kind: 'ok', status: 200, value, window });
const limited = (window?: Answer<string>['window']): Answer<string> => ({ kind: 'rate-limited', status: 429, window });
const unavailable: Answer<string> = { kind: 'retry', status: 503, reason: 'HTTP 503' };

describe('requestWithRetries: HTTP 429', () => {
  it('waits until the reset plus the margin, then sends the same request again', async () => {
    const { link, clock } = fakeLink();
    const reset = START + 90_000;
    const { run, sentAt } = scripted(link, [limited({ remaining: 0, resetAtMs: reset }), ok()], clock);
    await expect(run()).resolves.toBe('done');
    expect(sentAt).toEqual([START, reset + RETRY_LIMITS.resetMarginMs]);
    expect(clock.sleeps).toEqual([90_000 + RETRY_LIMITS.resetMarginMs]);
  });

  it('still leaves the margin when the reset is already past (our clock runs ahead)', async () => {
    const { link, clock } = fakeLink();
    const { run, sentAt } = scripted(link, [limited({ resetAtMs: START - 5_000 }), ok()], clock);
    await run();
    expect(sentAt).toEqual([START, START + RETRY_LIMITS.resetMarginMs]);
  });

  it('without a reset, waits the window length the platform gave, else the fallback', async () => {
    const { link, clock } = fakeLink();
    const { run } = scripted(link, [limited({ lengthMs: 300_000 }), limited(), ok()], clock);
    await run();
    expect(clock.sleeps).toEqual([300_000, RETRY_LIMITS.fallbackWaitMs]);
  });

  it('fails at once, saying until when, when the reset is further than a run waits (a usage cap)', async () => {
    const { link, clock } = fakeLink();
    const reset = START + RETRY_LIMITS.maxResetWaitMs + 60_000;
    const { run, sentAt } = scripted(link, [limited({ remaining: 0, resetAtMs: reset }), ok()], clock);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ until: new Date(reset) });
    expect((error as Error).message).toContain(`Test request GET /things is rate-limited until ${new Date(reset).toISOString()}`);
    expect(sentAt).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('holds back every other request of the same client until the reset', async () => {
    const { link, clock } = fakeLink();
    const reset = START + 30_000;
    const a = scripted(link, [limited({ resetAtMs: reset }), ok('a')], clock);
    const b = scripted(link, [ok('b')], clock);
    // B is asked for, and answered, while A sits out its 429.
    clock.onSleep = async () => {
      clock.onSleep = undefined;
      await expect(b.run()).resolves.toBe('b');
    };
    await expect(a.run()).resolves.toBe('a');
    expect(b.sentAt).toEqual([reset + RETRY_LIMITS.resetMarginMs]);
  });

  it('gives up after too many 429s in a row', async () => {
    const { link, clock } = fakeLink();
    const answers = Array.from({ length: RETRY_LIMITS.maxRateLimitWaits + 1 }, () => limited({ resetAtMs: clock.ms + 1_000 }));
    const { run, sentAt } = scripted(link, answers, clock);
    await expect(run()).rejects.toThrow(`Test request GET /things kept answering HTTP 429 after ${RETRY_LIMITS.maxRateLimitWaits} waits`);
    expect(sentAt).toHaveLength(RETRY_LIMITS.maxRateLimitWaits + 1);
  });
});

describe('requestWithRetries: a window used up', () => {
  it('waits for the reset before the next request instead of provoking a 429', async () => {
    const { link, clock } = fakeLink();
    const reset = START + 45_000;
    await expect(scripted(link, [ok('first', { remaining: 0, resetAtMs: reset })], clock).run()).resolves.toBe('first');
    expect(clock.sleeps).toEqual([]);
    const next = scripted(link, [ok('second')], clock);
    await next.run();
    expect(next.sentAt).toEqual([reset + RETRY_LIMITS.resetMarginMs]);
  });

  it('does not wait for a far reset, nor while requests remain', async () => {
    const { link, clock } = fakeLink();
    await scripted(link, [ok('a', { remaining: 0, resetAtMs: START + 3_600_000 })], clock).run();
    await scripted(link, [ok('b', { remaining: 3, resetAtMs: START + 60_000 })], clock).run();
    await scripted(link, [ok('c')], clock).run();
    expect(clock.sleeps).toEqual([]);
  });

  it('learns it from a failed answer too', async () => {
    const { link, clock } = fakeLink();
    const reset = START + 20_000;
    const gone: Answer<string> = { kind: 'fail', status: 404, error: new Error('not found'), window: { remaining: 0, resetAtMs: reset } };
    await expect(scripted(link, [gone], clock).run()).rejects.toThrow('not found');
    const next = scripted(link, [ok()], clock);
    await next.run();
    expect(next.sentAt).toEqual([reset + RETRY_LIMITS.resetMarginMs]);
  });
});

describe('requestWithRetries: failures', () => {
  it('retries with growing backoff and gives up after the last retry, with the reason', async () => {
    const { link, clock } = fakeLink(0);
    const { run, sentAt } = scripted(
      link,
      Array.from({ length: 10 }, () => unavailable),
      clock,
    );
    await expect(run()).rejects.toThrow(`Test request GET /things failed after ${RETRY_LIMITS.maxRetries} retries: HTTP 503`);
    expect(sentAt).toHaveLength(RETRY_LIMITS.maxRetries + 1);
    expect(clock.sleeps).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('throws a failure a person must act on at once, without retrying', async () => {
    const { link, clock } = fakeLink();
    const refused = new SourceAuthError('x', 'check the token');
    const { run, sentAt } = scripted(link, [{ kind: 'fail', status: 401, error: refused }, ok()], clock);
    await expect(run()).rejects.toBe(refused);
    expect(sentAt).toHaveLength(1);
  });

  it('stops when the job is cancelled during a wait, sending nothing more', async () => {
    const { link, clock } = fakeLink();
    const controller = new AbortController();
    clock.onSleep = () => controller.abort(new Error('job cancelled'));
    const { run, sentAt } = scripted(link, [unavailable, ok()], clock, controller.signal);
    await expect(run()).rejects.toThrow('job cancelled');
    expect(sentAt).toHaveLength(1);
  });

  it('sends nothing when the job was cancelled before', async () => {
    const { link, clock } = fakeLink();
    const controller = new AbortController();
    controller.abort(new Error('job cancelled'));
    const { run, sentAt } = scripted(link, [ok()], clock, controller.signal);
    await expect(run()).rejects.toThrow('job cancelled');
    expect(sentAt).toEqual([]);
  });

  it('honours the signal in the real sleep too', async () => {
    const link = platformLink('test', 'Test');
    link.blockedUntilMs = Date.now() + 60_000;
    const controller = new AbortController();
    const pending = requestWithRetries(link, { what: 'w', endpoint: 'e', signal: controller.signal, attempt: async () => ok() });
    controller.abort(new Error('job cancelled'));
    await expect(pending).rejects.toThrow('job cancelled');
  });
});
