import { generateDemoData, type DemoData } from '../../src/demo/x-demo-data.js';
import type { Campaign } from '../../src/domain/campaign.js';
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

export { MemoryStore } from './page-store.js';

/** The id of the newest tweet of a data set (tweets are newest first). */
export function newestId(data: DemoData): string {
  return data.tweets[0]?.id ?? '';
}
