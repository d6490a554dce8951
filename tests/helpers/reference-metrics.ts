import type { CampaignPost } from '../../src/domain/campaign.js';
import { dimensionSpec, FILTER_DIMENSIONS, filterValues, UNKNOWN, type Dimension, type FilterDimension } from '../../src/domain/dimensions.js';
import { ADDITIVE_FIGURES, addedBy, zeroFigures, type AdditiveFigures } from '../../src/domain/figures.js';
import { emptyRow, type DailyRollup, type MetricsQuery, type MetricsRow } from '../../src/domain/metrics-query.js';
import { isCampaignScoped, type Author, type StoredPost } from '../../src/domain/post.js';
import type { ContributorRow, ListedPost, ListPostsQuery, TopContributorsQuery } from '../../src/domain/post-query.js';
import type { EnrichedBatch } from '../../src/store/store.port.js';
import type { TermKind, TermRow } from '../../src/domain/terms.js';
import { termsOf } from '../../src/terms/terms.extract.js';

/**
 * A plain reference for the metrics, written straight from METRICS.md and independently of the
 * SQL and the pipelines: loops over arrays, sets and maps, clarity over speed.
 */

export interface ReferenceData {
  /** Every stored copy: an imported post once per campaign holding it. */
  posts: StoredPost[];
  authors: Author[];
  memberships: CampaignPost[];
  /** The copy a campaign reads, by `scope|platform:id` (see `copyOf`). */
  postCopies: Map<string, StoredPost>;
  authorCopies: Map<string, Author>;
}

const time = (iso: string) => new Date(iso).getTime();
const postId = (p: { platform: string; postId: string }) => `${p.platform}:${p.postId}`;
const authorId = (a: { platform: string; authorId: string }) => `${a.platform}:${a.authorId}`;
/** An imported row is its campaign's own copy; a collected post or author is shared by all (domain/post.ts postScope). */
const scopeOf = (platform: string, campaignId: string) => (isCampaignScoped(platform) ? campaignId : '');
const copyOf = (m: CampaignPost, id: string) => `${scopeOf(m.platform, m.campaignId)}|${id}`;

/**
 * What a store holds after saving the batches in order: for a post the latest observation (a
 * tie keeps the first); for an author the latest observation's fields and the latest KNOWN
 * follower count; for a membership the last one saved.
 */
export function latestState(batches: EnrichedBatch[]): ReferenceData {
  const posts = new Map<string, StoredPost>();
  const authors = new Map<string, { author: Author; followers?: number; followersAt?: number }>();
  const memberships = new Map<string, CampaignPost>();
  for (const batch of batches) {
    // The scopes a post or author of this batch is written under: '' when collected, else each
    // campaign of the batch holding it.
    const scopes = (platform: string, id: string, idOf: (m: CampaignPost) => string) =>
      isCampaignScoped(platform) ? [...new Set(batch.memberships.filter((m) => m.platform === platform && idOf(m) === id).map((m) => m.campaignId))] : [''];
    for (const p of batch.posts) {
      for (const scope of scopes(p.platform, postId(p), postId)) {
        const key = `${scope}|${postId(p)}`;
        const old = posts.get(key);
        if (!old || time(p.observedAt) > time(old.observedAt)) posts.set(key, p);
      }
    }
    for (const a of batch.authors) {
      for (const scope of scopes(a.platform, authorId(a), authorId)) saveAuthor(`${scope}|${authorId(a)}`, a);
    }
    for (const m of batch.memberships) memberships.set(`${m.campaignId}|${postId(m)}`, m);
  }
  function saveAuthor(key: string, a: Author) {
    const old = authors.get(key);
    const entry = { author: a, followers: old?.followers, followersAt: old?.followersAt };
    if (old && time(a.observedAt) <= time(old.author.observedAt)) entry.author = old.author;
    if (a.followers !== undefined && (entry.followersAt === undefined || time(a.observedAt) > entry.followersAt)) {
      entry.followers = a.followers;
      entry.followersAt = time(a.observedAt);
    }
    authors.set(key, entry);
  }
  const authorCopies = new Map(
    [...authors].map(([key, { author, followers }]) => {
      const { followers: _ignored, ...rest } = author;
      return [key, followers === undefined ? rest : { ...rest, followers }] as const;
    }),
  );
  return {
    posts: [...posts.values()],
    authors: [...authorCopies.values()],
    memberships: [...memberships.values()],
    postCopies: posts,
    authorCopies,
  };
}

/**
 * The keys a membership has on a dimension (domain/dimensions.ts): a scalar field's value, or its
 * catch-all when it has none (`unknown` city); each distinct element of a list field, or its
 * catch-all when the list is empty (`other` topic: a post is in every topic it matched).
 */
function valuesOf(m: CampaignPost, d: Dimension): string[] {
  const { attribution, catchAll } = dimensionSpec(d);
  const value = m[attribution] as string | null | string[];
  if (Array.isArray(value)) {
    const keys = [...new Set(value)];
    return keys.length === 0 && catchAll !== undefined ? [catchAll] : keys;
  }
  const key = value ?? catchAll;
  return key === undefined ? [] : [key];
}

/** What one post adds to every additive figure (METRICS.md, "Per-post figures"). */
function figuresOf(post: StoredPost): AdditiveFigures {
  const figures = zeroFigures();
  for (const f of ADDITIVE_FIGURES) figures[f.name] = addedBy(f.perPost, post);
  return figures;
}

function add(to: AdditiveFigures, post: StoredPost): void {
  const figures = figuresOf(post);
  for (const f of ADDITIVE_FIGURES) to[f.name] += figures[f.name];
}

/** Every key tuple a membership belongs to; a dimension named twice takes one value for both. */
function keyTuples(m: CampaignPost, dims: Dimension[]): string[][] {
  let choices: Array<Map<Dimension, string>> = [new Map()];
  for (const d of new Set(dims)) {
    choices = choices.flatMap((chosen) => valuesOf(m, d).map((v) => new Map(chosen).set(d, v)));
  }
  return choices.map((chosen) => dims.map((d) => chosen.get(d) ?? ''));
}

/** Byte order of UTF-8, which is how SQLite (BINARY) and MongoDB (simple collation) sort. */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = Buffer.compare(Buffer.from(a[i] ?? ''), Buffer.from(b[i] ?? ''));
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The memberships of a query's set: the campaign's posts that pass every filter. */
function selectMemberships(data: ReferenceData, q: MetricsQuery): Array<{ m: CampaignPost; post: StoredPost }> {
  const f = q.filter;
  const keeps = (m: CampaignPost, d: FilterDimension) => {
    const wanted = filterValues(f, d);
    return !wanted || wanted.length === 0 || valuesOf(m, d).some((h) => wanted.includes(h));
  };
  const result: Array<{ m: CampaignPost; post: StoredPost }> = [];
  for (const m of data.memberships) {
    const post = data.postCopies.get(copyOf(m, postId(m)));
    if (m.campaignId !== q.campaignId || !post) continue;
    if (f.from !== undefined && time(m.createdAt) < time(f.from)) continue;
    if (f.to !== undefined && time(m.createdAt) >= time(f.to)) continue;
    if (!FILTER_DIMENSIONS.every((d) => keeps(m, d))) continue;
    result.push({ m, post });
  }
  return result;
}

/** METRICS.md, "Aggregates over a set of posts", for every group of the query. */
export function referenceMetrics(data: ReferenceData, q: MetricsQuery): MetricsRow[] {
  const groups = new Map<string, { keys: string[]; members: Array<{ m: CampaignPost; post: StoredPost }> }>();
  for (const entry of selectMemberships(data, q)) {
    for (const keys of keyTuples(entry.m, q.groupBy)) {
      const id = JSON.stringify(keys);
      const group = groups.get(id) ?? { keys, members: [] };
      group.members.push(entry);
      groups.set(id, group);
    }
  }
  const rows = [...groups.values()].map(({ keys, members }) => {
    const row = emptyRow(keys);
    const contributors = new Set<string>();
    for (const { m, post } of members) {
      add(row, post);
      contributors.add(copyOf(m, authorId(m)));
    }
    row.impressions = row.impressionsReported + row.impressionsEstimated;
    row.contributors = contributors.size;
    for (const who of contributors) row.reach += data.authorCopies.get(who)?.followers ?? 0;
    return row;
  });
  rows.sort((a, b) => compareKeys(a.keys, b.keys));
  if (q.groupBy.length === 0 && rows.length === 0) {
    return [emptyRow([])];
  }
  return rows;
}

/** Additive figures per (day, city, province, source) of a campaign, optionally of some days only. */
export function referenceRollups(data: ReferenceData, campaignId: string, days?: string[]): DailyRollup[] {
  const cells = new Map<string, DailyRollup>();
  for (const { m, post } of selectMemberships(data, { campaignId, filter: {}, groupBy: [] })) {
    if (days && !days.includes(m.day)) continue;
    const cell: DailyRollup = {
      campaignId,
      day: m.day,
      cityCode: m.cityCode ?? UNKNOWN,
      provinceCode: m.provinceCode ?? UNKNOWN,
      source: m.platform,
      ...zeroFigures(),
    };
    const id = JSON.stringify([cell.day, cell.cityCode, cell.provinceCode, cell.source]);
    const c = cells.get(id) ?? cell;
    add(c, post);
    cells.set(id, c);
  }
  return [...cells.values()].sort((a, b) => compareKeys([a.day, a.cityCode, a.provinceCode, a.source], [b.day, b.cityCode, b.provinceCode, b.source]));
}

/** A membership as a store hands it back: instants in UTC ISO, topics and hashtags as sets, `other` for no topic. */
function storedMembership(m: CampaignPost): CampaignPost {
  return { ...m, createdAt: new Date(m.createdAt).toISOString(), topics: valuesOf(m, 'topic'), hashtags: [...new Set(m.hashtags)] };
}

/**
 * API.md posts: the filtered set, most engaged or newest first, ties by (platform, postId) in
 * byte order, strictly after the given position, at most `limit`.
 */
export function referenceListPosts(data: ReferenceData, q: ListPostsQuery): ListedPost[] {
  const keyOf = (m: CampaignPost, post: StoredPost): number => (q.sort === 'engagement' ? post.engagement : time(m.createdAt));
  const compare = (a: { key: number; id: string[] }, b: { key: number; id: string[] }) => b.key - a.key || compareKeys(a.id, b.id);
  const after = q.after && { key: q.sort === 'engagement' ? Number(q.after.key) : time(String(q.after.key)), id: [q.after.platform, q.after.postId] };
  const entries = selectMemberships(data, { campaignId: q.campaignId, filter: q.filter, groupBy: [] })
    .map(({ m, post }) => ({ m, post, key: keyOf(m, post), id: [m.platform, m.postId] }))
    .filter((e) => !after || compare(after, e) < 0)
    .sort(compare);
  return entries.slice(0, Math.max(0, q.limit)).map(({ m, post }) => ({
    post,
    author: data.authorCopies.get(copyOf(m, authorId(m))) ?? null,
    membership: storedMembership(m),
  }));
}

/**
 * API.md contributors: per distinct author of the filtered set, their posts, engagement and
 * impressions, and reach = their latest known follower count (0 when unknown); best first by the
 * sort, ties by (platform, authorId) in byte order.
 */
export function referenceTopContributors(data: ReferenceData, q: TopContributorsQuery): ContributorRow[] {
  const rows = new Map<string, ContributorRow>();
  for (const { m, post } of selectMemberships(data, { campaignId: q.campaignId, filter: q.filter, groupBy: [] })) {
    const author = data.authorCopies.get(copyOf(m, authorId(m)));
    const row = rows.get(authorId(m)) ?? {
      platform: m.platform,
      authorId: m.authorId,
      publishedOn: m.publishedOn,
      handle: author?.handle ?? null,
      name: author?.name ?? null,
      followers: author?.followers ?? null,
      posts: 0,
      original: 0,
      engagement: 0,
      impressions: 0,
      reach: author?.followers ?? 0,
    };
    row.posts += 1;
    if (post.kind === 'original') row.original += 1;
    // One platform per author in practice; the stores keep the greatest, as MAX does.
    if (compareKeys([m.publishedOn], [row.publishedOn]) > 0) row.publishedOn = m.publishedOn;
    row.engagement += post.engagement;
    if (post.impressionsSource !== undefined) row.impressions += post.impressions ?? 0;
    rows.set(authorId(m), row);
  }
  return [...rows.values()]
    .sort((a, b) => b[q.sort] - a[q.sort] || compareKeys([a.platform, a.authorId], [b.platform, b.authorId]))
    .slice(0, Math.max(0, q.limit));
}

/**
 * METRICS.md, "terms": per distinct term of the filtered posts, the posts holding it (once each),
 * their distinct authors and the sum of their engagement; most posts first, ties by term. Which
 * terms a post holds is the pure src/terms/terms.extract.ts (unit-tested on its own); the counting
 * here is independent of the counter the service uses and of the stores' scans.
 */
export function referenceTerms(data: ReferenceData, q: { campaignId: string; filter: MetricsQuery['filter'] }, kind: TermKind, limit: number): TermRow[] {
  const byTerm = new Map<string, { posts: number; authors: Set<string>; engagement: number }>();
  for (const { m, post } of selectMemberships(data, { campaignId: q.campaignId, filter: q.filter, groupBy: [] })) {
    for (const term of termsOf(post, kind)) {
      const entry = byTerm.get(term) ?? { posts: 0, authors: new Set<string>(), engagement: 0 };
      entry.posts += 1;
      entry.authors.add(copyOf(m, authorId(m)));
      entry.engagement += post.engagement;
      byTerm.set(term, entry);
    }
  }
  return [...byTerm]
    .map(([term, e]) => ({ term, posts: e.posts, contributors: e.authors.size, engagement: e.engagement }))
    .sort((a, b) => b.posts - a.posts || (a.term < b.term ? -1 : 1))
    .slice(0, limit);
}
