import { generateDemoData, type DemoData } from '../../src/demo/x-demo-data.js';
import type { Campaign } from '../../src/domain/campaign.js';
import type { Post } from '../../src/domain/post.js';
import type { CollectedPage } from '../../src/sources/source.port.js';
import { makeCampaign } from './campaigns.js';

/** Fixtures for the X source tests: recent demo data, a campaign and an in-memory page store. */

export const HOUR = 3_600_000;

/** Demo tweets from `hoursAgo` to `hoursAgo - hours` before now, so recent search reaches them. */
export function recentData(posts: number, hoursAgo: number, hours: number, seed: number): DemoData {
  return generateDemoData({ hashtag: 'SocMed4SocGood', start: new Date(Date.now() - hoursAgo * HOUR), days: hours / 24, posts, seed });
}

/** A campaign on #SocMed4SocGood that started 6 days ago. */
export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return makeCampaign({ id: 'c1', name: 'SocMed4SocGood', startsAt: new Date(Date.now() - 6 * 24 * HOUR).toISOString(), cities: [], topics: {}, ...overrides });
}

/** A store as the collect processor keeps one: posts by id (with how often each was stored) and the last checkpoint. */
export class MemoryStore {
  readonly posts = new Map<string, Post>();
  readonly timesStored = new Map<string, number>();
  readonly checkpoints: unknown[] = [];
  checkpoint: unknown = null;
  pages = 0;

  /** `failOnPage`: the page number (1-based, counted across runs) at which storing fails. */
  constructor(private readonly failOnPage?: number) {}

  readonly onPage = async (page: CollectedPage): Promise<void> => {
    this.pages += 1;
    if (this.pages === this.failOnPage) throw new Error('store went away');
    for (const post of page.posts) {
      this.posts.set(post.postId, post);
      this.timesStored.set(post.postId, (this.timesStored.get(post.postId) ?? 0) + 1);
    }
    this.checkpoint = page.checkpoint;
    this.checkpoints.push(page.checkpoint);
  };
}

/** The id of the newest tweet of a data set (tweets are newest first). */
export function newestId(data: DemoData): string {
  return data.tweets[0]?.id ?? '';
}
