import { randomBytes } from 'node:crypto';
import type { Campaign, CollectionRun } from '../domain/campaign.js';
import { LOGO_MAX_BYTES, logoTypeOf, type StoredLogo } from '../domain/logo.js';
import type { SourceType } from '../domain/post.js';
import { isCollected } from '../sources/registry.js';
import type { CampaignFields } from '../contracts/campaign.schema.js';
import { badRequest, AppError, notFound, savedAnyway } from '../errors.js';
import { reattributeJobId, type JobQueue } from '../queue/jobs.js';
import type { CampaignStore } from '../store/store.port.js';
import type { AuditService } from './audit.service.js';
import type { Principal } from './auth/principal.js';
import type { SharingService } from './sharing.service.js';
import { defaultTopics } from '../topics/default-topics.js';

const DEFAULT_SCHEDULE = '*/15 * * * *';
const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

/** Per source: the last run and, when it failed, what a person should do (API.md, Campaign.collection). */
interface SourceCollectionStatus {
  lastRunAt: string | null;
  outcome: CollectionRun['status'] | 'never';
  postsStored: number;
  lastSuccessAt: string | null;
  error: string | null;
  /** Notes of the last run (posts it could not reach…). */
  notes: string[];
}

/** A logo over LOGO_MAX_BYTES: a 413 naming the field, whether the body parser or the service saw it first. */
export const logoTooLarge = () =>
  new AppError(413, 'payload_too_large', `The logo is larger than ${LOGO_MAX_BYTES / 1024} KB: save it smaller and send it again.`, [
    { field: 'logo', message: `must be at most ${LOGO_MAX_BYTES / 1024} KB` },
  ]);

export type CampaignView = Campaign & { collection: Record<string, SourceCollectionStatus> };

/** Changes to these re-attribute the stored posts (the campaign's words re-read their automatic sentiment). */
const ATTRIBUTION_FIELDS = ['hashtags', 'cities', 'cityHashtags', 'topics', 'timeZone', 'sentimentWords'] as const;

export function createCampaignService(deps: {
  store: CampaignStore;
  queue: JobQueue;
  audit: Pick<AuditService, 'record'>;
  /** The creator of a campaign owns it. */
  owners: Pick<SharingService, 'addOwner'>;
  availableSources: readonly SourceType[];
  /** Sources this server has no credentials for, with what to set: "collect now" does not queue them. */
  missingCredentials?: ReadonlyMap<SourceType, string>;
  now: () => Date;
}) {
  const { store, audit } = deps;

  const view = async (c: Campaign): Promise<CampaignView> => {
    const runs = await store.listRuns(c.id, 100);
    const collection: Record<string, SourceCollectionStatus> = {};
    // Imports are no configured source, but once a file was imported its outcome shows too.
    const types = new Set([...c.sources.map((s) => s.type), ...runs.filter((r) => r.source === 'import').map((r) => r.source)]);
    for (const type of types) {
      const mine = runs.filter((r) => r.source === type);
      const last = mine[0];
      const lastOk = mine.find((r) => r.status === 'succeeded');
      collection[type] = {
        lastRunAt: last?.finishedAt ?? last?.startedAt ?? null,
        outcome: last?.status ?? 'never',
        postsStored: last?.newPosts ?? 0,
        lastSuccessAt: lastOk?.finishedAt ?? null,
        error: last?.status === 'failed' ? last.error : null,
        notes: last?.notes ?? [],
      };
    }
    return { ...c, collection };
  };

  const load = async (id: string): Promise<Campaign> => {
    const c = await store.getCampaign(id);
    if (!c) throw notFound('Campaign');
    return c;
  };

  return {
    load,
    view,
    /** These campaigns with their collection status (the ones a principal sees: access.service.ts). */
    async views(list: readonly Campaign[]): Promise<CampaignView[]> {
      return Promise.all(list.map(view));
    },

    /** Creates a campaign that `by` owns (when a user). */
    async create(
      by: Principal,
      input: Partial<CampaignFields> & Pick<CampaignFields, 'name' | 'hashtags'>,
      extra: { id?: string; demo?: boolean } = {},
    ): Promise<Campaign> {
      const now = deps.now().toISOString();
      const campaign: Campaign = {
        id: extra.id ?? randomBytes(8).toString('base64url'),
        name: input.name,
        hashtags: input.hashtags,
        startsAt: input.startsAt ?? now,
        endsAt: input.endsAt ?? null,
        timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
        cities: input.cities ?? [],
        cityHashtags: input.cityHashtags ?? {},
        topics: input.topics ?? defaultTopics(),
        sources: input.sources ?? deps.availableSources.map((type) => ({ type })),
        schedule: input.schedule ?? DEFAULT_SCHEDULE,
        monthlyReadBudget: input.monthlyReadBudget ?? null,
        sentimentWords: input.sentimentWords ?? { positive: [], negative: [] },
        ...(input.organisation ? { organisation: input.organisation } : {}),
        ...(input.preparedFor ? { preparedFor: input.preparedFor } : {}),
        ...(input.chatKeepText ? { chatKeepText: true } : {}),
        ...(input.shareMaskHandles ? { shareMaskHandles: true } : {}),
        status: 'active',
        demo: extra.demo ?? false,
        createdAt: now,
        updatedAt: now,
      };
      await store.createCampaign(campaign);
      await deps.owners.addOwner(by, campaign.id);
      await audit.record(by, 'campaign.create', { type: 'campaign', id: campaign.id }, { name: campaign.name, hashtags: campaign.hashtags });
      return campaign;
    },

    async update(by: Principal, id: string, patch: Partial<CampaignFields>): Promise<Campaign> {
      const before = await load(id);
      const after: Campaign = { ...before, ...patch, updatedAt: deps.now().toISOString() };
      if (after.endsAt && Date.parse(after.endsAt) <= Date.parse(after.startsAt)) {
        throw badRequest('Invalid request body: endsAt', [{ field: 'endsAt', message: 'must be after startsAt' }]);
      }
      const reattribute = ATTRIBUTION_FIELDS.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
      // The re-attribution is recorded with the change (the outbox); the job asked for here only
      // saves the reconciler's wait, and a lost one is asked for again from the record.
      await store.updateCampaign(after, { reattribute });
      await audit.record(by, 'campaign.update', { type: 'campaign', id }, { fields: Object.keys(patch) });
      if (reattribute) {
        // Under the reconciler's id for this version: the two never run the same work twice.
        const pending = (await store.pendingReattributions()).find((p) => p.campaignId === id);
        if (pending) await deps.queue.add('reattribute', { campaignId: id }, { jobId: reattributeJobId(id, pending.version) }).catch(savedAnyway);
      }
      return after;
    },

    /** Archives: collection stops, data kept (API.md, DELETE). */
    async archive(by: Principal, id: string): Promise<void> {
      const c = await load(id);
      await store.updateCampaign({ ...c, status: 'archived', updatedAt: deps.now().toISOString() });
      await audit.record(by, 'campaign.archive', { type: 'campaign', id });
    },

    /** Collect now from every source of the campaign, as the schedule would. */
    /** Queues a collection from each source that can run here; the others are named with what to set. */
    async collectNow(id: string): Promise<{ runs: Array<{ source: SourceType; jobId: string }>; skipped: Array<{ source: SourceType; reason: string }> }> {
      const c = await load(id);
      if (c.status === 'archived') throw new AppError(409, 'campaign_archived', 'This campaign is archived: collection has stopped.');
      const runs = [];
      const skipped = [];
      for (const { type } of c.sources.filter((s) => isCollected(s.type))) {
        const missing = deps.missingCredentials?.get(type);
        if (missing) {
          skipped.push({ source: type, reason: missing });
          continue;
        }
        const { jobId } = await deps.queue.add('collect', { campaignId: c.id, source: type });
        runs.push({ source: type, jobId });
      }
      return { runs, skipped };
    },

    /**
     * Stores the organisation's logo for the report's header: a PNG, JPEG or WebP told by its first
     * bytes (never by the declared type; SVG is refused), of at most LOGO_MAX_BYTES.
     */
    async setLogo(by: Principal, id: string, bytes: Uint8Array): Promise<Campaign> {
      const before = await load(id);
      if (bytes.length === 0) throw badRequest('Send the logo as the request body.', [{ field: 'logo', message: 'is required' }]);
      if (bytes.length > LOGO_MAX_BYTES) throw logoTooLarge();
      const contentType = logoTypeOf(bytes);
      if (contentType === null) {
        throw new AppError(400, 'invalid_logo', 'The logo must be a PNG, JPEG or WebP image (SVG is not accepted).', [
          { field: 'logo', message: 'is not a PNG, JPEG or WebP image' },
        ]);
      }
      const updatedAt = deps.now().toISOString();
      const after: Campaign = { ...before, logo: { contentType, size: bytes.length, updatedAt }, updatedAt };
      if (!(await store.saveLogo(after, { contentType, bytes, updatedAt }))) throw notFound('Campaign');
      await audit.record(by, 'campaign.logo', { type: 'campaign', id }, { contentType, size: bytes.length });
      return after;
    },

    async removeLogo(by: Principal, id: string): Promise<Campaign> {
      const before = await load(id);
      const after: Campaign = { ...before, logo: null, updatedAt: deps.now().toISOString() };
      if (!(await store.saveLogo(after, null))) throw notFound('Campaign');
      await audit.record(by, 'campaign.logo', { type: 'campaign', id }, { removed: true });
      return after;
    },

    /** The campaign's logo with its bytes; 404 when it has none. */
    async logo(id: string): Promise<StoredLogo> {
      await load(id);
      const logo = await store.getLogo(id);
      if (!logo) throw notFound('Logo');
      return logo;
    },

    async runs(id: string, limit: number): Promise<CollectionRun[]> {
      await load(id);
      return store.listRuns(id, limit);
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
