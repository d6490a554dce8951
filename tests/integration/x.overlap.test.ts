import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { CollectedPage } from '../../src/sources/source.port.js';
import { snowflakeFromTime, snowflakeTime } from '../../src/sources/x/x.ids.js';
import { createXSource } from '../../src/sources/x/x.source.js';
import { createFakeXApi, type RunningFakeXApi } from '../helpers/fake-x-api.js';
import { campaign, MemoryStore, newestId, recentData } from '../helpers/x-source.fixtures.js';

const MINUTE = 60_000;
const running: RunningFakeXApi[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.close()));
});

describe('X: the overlap re-read behind the checkpoint', () => {
  it('reads a post that became searchable after newer ones were collected, stores it once, and never moves the checkpoint back', async () => {
    const data = recentData(120, 10, 6, 7);
    const fake = await createFakeXApi(data).start();
    running.push(fake);
    const newest = newestId(data);
    const newestAt = snowflakeTime(newest).getTime();
    const withOverlap = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl, overlapMs: 15 * MINUTE });
    const withoutOverlap = createXSource({ bearerToken: fake.bearerToken, baseUrl: fake.baseUrl });
    const store = new MemoryStore();
    await withOverlap.collect({ campaign: campaign(), checkpoint: null }, store.onPage);
    expect(store.checkpoint).toEqual({ sinceId: newest });

    // Written 5 minutes before the newest collected post, indexed by X only now.
    const lateAt = newestAt - 5 * MINUTE;
    const late = { ...data.tweets[0]!, id: snowflakeFromTime(lateAt, 7), created_at: new Date(lateAt).toISOString() };
    fake.add({ tweets: [late] });
    const inOverlap = [late, ...data.tweets.filter((t) => snowflakeTime(t.id).getTime() > newestAt - 15 * MINUTE)];

    // Without the overlap (since_id is the checkpoint) the late post is never read.
    const missed = new MemoryStore();
    await withoutOverlap.collect({ campaign: campaign(), checkpoint: store.checkpoint }, missed.onPage);
    expect(missed.posts.has(late.id)).toBe(false);

    const before = fake.requests.length;
    const pages: CollectedPage[] = [];
    await withOverlap.collect({ campaign: campaign(), checkpoint: store.checkpoint }, async (p) => {
      pages.push(p);
      await store.onPage(p);
    });
    expect(fake.requests.slice(before).map((r) => r.query.since_id)).toEqual([snowflakeFromTime(newestAt - 15 * MINUTE)]);
    expect(store.posts.get(late.id)).toBeDefined();
    // The overlap is read again, each post once per run, and every read counts (the budget's).
    expect(pages.reduce((n, p) => n + p.read.posts, 0)).toBe(inOverlap.length);
    expect(pages.flatMap((p) => p.posts.map((x) => x.postId)).sort()).toEqual(inOverlap.map((t) => t.id).sort());
    expect(store.posts.size).toBe(data.tweets.length + 1);
    expect(store.checkpoint).toEqual({ sinceId: newest });
  });

  it('is a setting, 15 minutes by default, and a bad value stops start-up naming it', () => {
    expect(loadConfig({}).sources.x.overlapMinutes).toBe(15);
    expect(loadConfig({ X_OVERLAP_MINUTES: '0' }).sources.x.overlapMinutes).toBe(0);
    expect(() => loadConfig({ X_OVERLAP_MINUTES: 'soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ X_OVERLAP_MINUTES: 'soon' })).toThrow(/X_OVERLAP_MINUTES/);
  });
});
