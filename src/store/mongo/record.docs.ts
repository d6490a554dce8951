import { RUN_KINDS, type Campaign, type CollectionRun, type RunStatus, type SourceConfig } from '../../domain/campaign.js';
import { LOGO_TYPES, type LogoInfo, type StoredLogo } from '../../domain/logo.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import { asDoc, bool, compact, docArray, num, oneOf, optNum, optStr, str, strArray } from './doc-read.js';
import type { Doc } from './mongo-db.port.js';

/**
 * Documents of campaigns and runs. A campaign's maps (topics, cityHashtags) are stored as arrays
 * of entries: their keys are data (`73.71`, a topic name) and a dot or a `$` in a field name is
 * trouble for queries and updates.
 */

export function campaignDoc(c: Campaign): Doc {
  const { id, topics, cityHashtags, sources, ...rest } = c;
  return {
    _id: id,
    ...rest,
    topics: Object.entries(topics).map(([name, keywords]) => ({ name, keywords })),
    cityHashtags: Object.entries(cityHashtags).map(([cityCode, hashtags]) => ({ cityCode, hashtags })),
    sources: sources.map((s) => compact({ ...s })),
  };
}

function readSource(d: Doc): SourceConfig {
  return compact<SourceConfig>({
    type: oneOf(d, 'type', SOURCE_TYPES),
    instances: d.instances === undefined || d.instances === null ? undefined : strArray(d, 'instances'),
  });
}

export function readCampaign(raw: unknown): Campaign {
  const d = asDoc(raw, 'campaign');
  const endsAt = optStr(d, 'endsAt');
  return {
    id: str(d, '_id'),
    name: str(d, 'name'),
    hashtags: strArray(d, 'hashtags'),
    startsAt: str(d, 'startsAt'),
    endsAt: endsAt ?? null,
    timeZone: str(d, 'timeZone'),
    cities: strArray(d, 'cities'),
    cityHashtags: Object.fromEntries(docArray(d, 'cityHashtags').map((e) => [str(e, 'cityCode'), strArray(e, 'hashtags')])),
    topics: Object.fromEntries(docArray(d, 'topics').map((e) => [str(e, 'name'), strArray(e, 'keywords')])),
    sources: docArray(d, 'sources').map(readSource),
    schedule: str(d, 'schedule'),
    monthlyReadBudget: optNum(d, 'monthlyReadBudget') ?? null,
    // Campaigns stored before the field existed have no words of their own.
    ...(d.sentimentWords === undefined || d.sentimentWords === null
      ? {}
      : {
          sentimentWords: {
            positive: strArray(asDoc(d.sentimentWords, 'sentimentWords'), 'positive'),
            negative: strArray(asDoc(d.sentimentWords, 'sentimentWords'), 'negative'),
          },
        }),
    status: oneOf(d, 'status', ['active', 'archived'] as const),
    demo: bool(d, 'demo'),
    createdAt: str(d, 'createdAt'),
    updatedAt: str(d, 'updatedAt'),
    // Campaigns stored before the setting existed mask nothing.
    ...(typeof d.shareMaskHandles === 'boolean' ? { shareMaskHandles: d.shareMaskHandles } : {}),
    // Campaigns stored before the report's header existed have none of these.
    ...compact({ organisation: optStr(d, 'organisation'), preparedFor: optStr(d, 'preparedFor'), logo: readLogoInfo(d.logo) }),
    // Campaigns stored before chat import existed keep no chat text.
    ...(typeof d.chatKeepText === 'boolean' ? { chatKeepText: d.chatKeepText } : {}),
  };
}

function readLogoInfo(raw: unknown): LogoInfo | undefined {
  if (raw === undefined || raw === null) return undefined;
  const d = asDoc(raw, 'campaign logo');
  return { contentType: oneOf(d, 'contentType', LOGO_TYPES), size: num(d, 'size'), updatedAt: str(d, 'updatedAt') };
}

/** A campaign's logo document: the bytes as base64, which reads back the same from a server and from mingo. */
export function logoDoc(campaignId: string, logo: StoredLogo): Doc {
  return { _id: campaignId, contentType: logo.contentType, data: Buffer.from(logo.bytes).toString('base64'), updatedAt: logo.updatedAt };
}

export function readLogo(raw: unknown): StoredLogo {
  const d = asDoc(raw, 'campaign logo');
  return { contentType: oneOf(d, 'contentType', LOGO_TYPES), bytes: Buffer.from(str(d, 'data'), 'base64'), updatedAt: str(d, 'updatedAt') };
}

const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'interrupted'];

/** `startedAtTime` is the sortable copy of `startedAt`, which is kept exactly as given. */
export function runDoc(run: CollectionRun): Doc {
  const { id, ...rest } = run;
  return { _id: id, ...rest, startedAtTime: new Date(run.startedAt) };
}

export function readRun(raw: unknown): CollectionRun {
  const d = asDoc(raw, 'run');
  return {
    id: str(d, '_id'),
    campaignId: str(d, 'campaignId'),
    source: oneOf(d, 'source', SOURCE_TYPES),
    // Runs stored before `kind` and `usersRead` existed were collections.
    kind: d.kind === undefined ? 'collect' : oneOf(d, 'kind', RUN_KINDS),
    jobId: str(d, 'jobId'),
    status: oneOf(d, 'status', RUN_STATUSES),
    startedAt: str(d, 'startedAt'),
    finishedAt: optStr(d, 'finishedAt') ?? null,
    pages: num(d, 'pages'),
    postsRead: num(d, 'postsRead'),
    usersRead: optNum(d, 'usersRead') ?? 0,
    newPosts: num(d, 'newPosts'),
    updatedPosts: num(d, 'updatedPosts'),
    error: optStr(d, 'error') ?? null,
    notes: d.notes === undefined ? [] : strArray(d, 'notes'),
    ...compact({ owner: optStr(d, 'owner'), heartbeatAt: optStr(d, 'heartbeatAt') }),
  };
}
