import { postKey, scopedKey } from '../../domain/post.js';
import { scopeBatch } from '../batch-scopes.js';
import type { EnrichedBatch, SaveResult } from '../store.port.js';
import { date, str } from './doc-read.js';
import type { Doc } from './mongo-db.port.js';
import { membershipDoc, membershipKey, postCopy, postDoc } from './post.docs.js';

/** What is stored before a batch is written, as far as its SaveResult depends on it. */
export interface StoredBefore {
  /** `{_id, observedAt}` (and the post.docs.ts POST_COPY_SOURCE fields) of the batch's posts that are already stored. */
  posts: Doc[];
  /** Every stored membership, in any campaign, of the batch's posts. */
  memberships: Doc[];
}

const ATTRIBUTION = [
  'publishedOn',
  'language',
  'sentiment',
  'sentimentSource',
  'authorId',
  'day',
  'hour',
  'cityCode',
  'provinceCode',
  'locationMethod',
] as const;

function sameAttribution(a: Doc, b: Doc): boolean {
  const time = (d: Doc) => date(d, 'createdAt').getTime();
  const list = (d: Doc, f: string) => JSON.stringify(d[f] ?? []);
  return (
    ATTRIBUTION.every((f) => (a[f] ?? null) === (b[f] ?? null)) &&
    time(a) === time(b) &&
    list(a, 'topics') === list(b, 'topics') &&
    list(a, 'hashtags') === list(b, 'hashtags')
  );
}

/**
 * Computes saveBatch's result from the state before the write, replaying the batch in order with
 * the same rules as the ordered bulk writes (a strictly newer observation replaces a post; the
 * latest membership wins). Pure, so the counting is tested without a database.
 */
export function planSaveResult(batch: EnrichedBatch, before: StoredBefore): SaveResult {
  const observed = new Map(before.posts.map((d) => [str(d, '_id'), date(d, 'observedAt').getTime()]));
  const inserted = new Set<string>();
  const changed = new Set<string>();
  let updated = 0;
  for (const { scope, post: p } of scopeBatch(batch).posts) {
    const key = scopedKey(scope, postKey(p));
    const t = new Date(p.observedAt).getTime();
    const prev = observed.get(key);
    if (prev === undefined) inserted.add(key);
    else if (t > prev) {
      if (!inserted.has(key) && !changed.has(key)) updated += 1;
    } else continue;
    changed.add(key);
    observed.set(key, t);
  }

  const days = new Map<string, Set<string>>();
  const addDay = (campaignId: string, day: string) => days.set(campaignId, (days.get(campaignId) ?? new Set()).add(day));
  const current = new Map(
    before.memberships.map((d) => [membershipKey({ campaignId: str(d, 'campaignId'), platform: str(d, 'platform'), postId: str(d, 'postId') }), d]),
  );
  for (const m of batch.memberships) {
    const doc = membershipDoc(m);
    const key = membershipKey(m);
    const old = current.get(key);
    // A person's reading of the post stays (save-batch.ops.ts membershipUpsertOp).
    if (old?.sentimentSource === 'manual') Object.assign(doc, { sentiment: old.sentiment, sentimentSource: 'manual' });
    if (old && sameAttribution(old, doc)) continue;
    if (old) addDay(m.campaignId, str(old, 'day'));
    addDay(m.campaignId, m.day);
    current.set(key, doc);
  }
  // A changed post changes the figures of every campaign holding it, not only this batch's.
  for (const d of current.values()) {
    if (changed.has(str(d, 'postRef'))) addDay(str(d, 'campaignId'), str(d, 'day'));
  }
  const changedDays = Object.fromEntries([...days].map(([c, set]) => [c, [...set].sort()]));
  return { inserted: inserted.size, updated, changedDays };
}

/**
 * The copy (post.docs.ts postCopy) of every post the batch writes or its memberships name, as the
 * posts will be stored once the batch's ordered writes are applied: a post is replaced by a
 * strictly newer observation only (save-batch.ops.ts postUpsertOp). Keyed by the post's `_id`
 * (a membership's `postRef`). `stored` are the posts before the write, with POST_COPY_SOURCE and
 * `observedAt`. Pure, like planSaveResult.
 */
export function postCopiesAfter(batch: EnrichedBatch, stored: readonly Doc[]): Map<string, Doc> {
  const latest = new Map(stored.map((d) => [str(d, '_id'), { at: date(d, 'observedAt').getTime(), copy: postCopy(d) }]));
  for (const { scope, post: p } of scopeBatch(batch).posts) {
    const key = scopedKey(scope, postKey(p));
    const at = new Date(p.observedAt).getTime();
    const prev = latest.get(key);
    if (prev === undefined || at > prev.at) latest.set(key, { at, copy: postCopy(postDoc(p, scope)) });
  }
  return new Map([...latest].map(([key, { copy }]) => [key, copy]));
}
