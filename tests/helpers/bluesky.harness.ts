import { afterEach } from 'vitest';
import { createBlueskySource, type BlueskySourceOptions } from '../../src/sources/bluesky/bluesky.source.js';
import type { Source } from '../../src/sources/source.port.js';
import type { GeneratedData } from './bluesky.fixtures.js';
import { createFakeBluesky, type FakeBlueskyOptions, type RecordedRequest, type RunningFakeBluesky } from './fake-bluesky.js';

/** Test plumbing for the Bluesky source tests: fake servers per test, the real source, a page store. */
/** Starts fake Bluesky servers for a test file and closes them after each test. */
export function useFakeBluesky(): (data: GeneratedData, options?: FakeBlueskyOptions) => Promise<RunningFakeBluesky> {
  const running: RunningFakeBluesky[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((f) => f.close()));
  });
  return async (data, options = {}) => {
    const fake = await createFakeBluesky(data, options).start();
    running.push(fake);
    return fake;
  };
}

/** The real source, signed in as the fake's account. */
export function sourceFor(fake: RunningFakeBluesky, over: Partial<BlueskySourceOptions> = {}): Source {
  return createBlueskySource({ handle: fake.account.handle, appPassword: fake.account.password, baseUrl: fake.baseUrl, ...over });
}

/** The searchPosts requests the fake received, from the `from`-th request on. */
export function searches(fake: RunningFakeBluesky, from = 0): RecordedRequest[] {
  return fake.requests.slice(from).filter((r) => r.nsid === 'app.bsky.feed.searchPosts');
}

export { MemoryStore } from './page-store.js';
