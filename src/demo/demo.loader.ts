import type { Logger } from 'pino';
import type { Campaign } from '../domain/campaign.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { JobQueue } from '../queue/jobs.js';
import { OPERATOR } from '../services/auth/principal.js';
import type { CampaignService } from '../services/campaign.service.js';
import type { Source } from '../sources/source.port.js';
import type { XCheckpoint } from '../sources/x/x.checkpoint.js';
import { mapXResponse } from '../sources/x/x.map.js';
import type { XSearchResponse } from '../sources/x/x.types.js';
import type { CollectStore, Store } from '../store/store.port.js';
import { collectProcessor } from '../jobs/collect.processor.js';
import { demoWorkshops } from './demo-workshops.js';
import { generateDemoData, toSearchPages } from './x-demo-data.js';

export const DEMO_CAMPAIGN_ID = 'socmed4socgood-demo';

/** The six cities of the 2015 programme: Jambi, Makassar, Bangka, Samarinda, Kupang, Ternate. */
export const DEMO_CITIES = ['15.71', '73.71', '19.01', '64.72', '53.71', '82.71'];

const DEMO_START = '2015-01-13T00:00:00+07:00';
const DEMO_DAYS = 28;
const DEMO_POSTS = 3000;

/**
 * A source that replays recorded X API v2 search responses through the X mapper, so the demo
 * takes the same map → enrich → store → metrics path as a real collection.
 */
function replayXSource(pages: XSearchResponse[], observedAt: string): Source {
  return {
    type: 'x',
    async collect(_ctx, onPage) {
      const newestId = pages[0]?.meta?.newest_id;
      for (const [i, page] of pages.entries()) {
        const batch = mapXResponse(page, observedAt);
        const untilId = page.meta?.oldest_id;
        // The checkpoints an X pass records, newest to oldest (see XCheckpoint).
        const checkpoint: XCheckpoint = i === pages.length - 1 || !newestId ? { sinceId: newestId } : { pending: { newestId, untilId } };
        await onPage({ ...batch, checkpoint, read: { posts: page.data?.length ?? 0, users: page.includes?.users?.length ?? 0 } });
      }
    },
  };
}

/**
 * Creates the demo campaign `#SocMed4SocGood` and loads its deterministic data set, when the
 * store holds no campaign yet. Returns the campaign, or null when nothing was loaded.
 */
export async function loadDemo(deps: {
  store: CollectStore & Pick<Store, 'listCampaigns' | 'countPosts' | 'workshops'>;
  queue: JobQueue;
  campaigns: CampaignService;
  gazetteer: Gazetteer;
  log: Logger;
  now: () => Date;
}): Promise<Campaign | null> {
  if ((await deps.store.listCampaigns()).length > 0) return null;
  const start = new Date(DEMO_START);
  const end = new Date(start.getTime() + DEMO_DAYS * 86_400_000);
  const campaign = await deps.campaigns.create(
    OPERATOR,
    {
      name: 'Social Media for Social Good 2015 (demo data)',
      hashtags: ['#SocMed4SocGood'],
      startsAt: DEMO_START,
      endsAt: end.toISOString(),
      timeZone: 'Asia/Jakarta',
      cities: DEMO_CITIES,
      sources: [{ type: 'x' }],
    },
    { id: DEMO_CAMPAIGN_ID, demo: true },
  );
  const data = generateDemoData({ hashtag: 'SocMed4SocGood', start, days: DEMO_DAYS, posts: DEMO_POSTS, seed: 2015 });
  const pages = toSearchPages(data);
  const source = replayXSource(pages, end.toISOString());
  await collectProcessor(
    { campaignId: campaign.id, source: 'x' },
    { jobId: 'demo-load', attempt: 1 },
    { store: deps.store, queue: deps.queue, sources: new Map([['x', source]]), gazetteer: deps.gazetteer, log: deps.log, now: deps.now },
  );
  // The programme's workshops, their participants registered with the demo authors' handles.
  const { workshops, participants } = demoWorkshops(campaign.id, data.users, campaign.createdAt);
  for (const w of workshops) await deps.store.workshops.createWorkshop(w);
  await deps.store.workshops.addParticipants(participants);
  deps.log.info({ campaignId: campaign.id, posts: await deps.store.countPosts() }, 'demo campaign loaded');
  return campaign;
}
