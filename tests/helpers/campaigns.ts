import type { Campaign } from '../../src/domain/campaign.js';
import { defaultTopics } from '../../src/topics/default-topics.js';

/** A complete campaign with sensible values; override what the test is about. */
export function makeCampaign(over: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c-test',
    name: 'Test campaign',
    hashtags: ['#SocMed4SocGood'],
    startsAt: '2015-01-13T00:00:00+07:00',
    endsAt: null,
    timeZone: 'Asia/Jakarta',
    cities: ['15.71', '73.71', '19.01', '64.72', '53.71', '82.71'],
    cityHashtags: {},
    topics: defaultTopics(),
    sources: [{ type: 'x' }],
    schedule: '*/15 * * * *',
    monthlyReadBudget: null,
    status: 'active',
    demo: false,
    createdAt: '2015-01-01T00:00:00.000Z',
    updatedAt: '2015-01-01T00:00:00.000Z',
    ...over,
  };
}
