import { PLATFORMS, platformOfKey } from '../../domain/post.js';
import type { ContributorRow, ListedPost } from '../../domain/post-query.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import { docArray, num, oneOf, optNum, str } from './doc-read.js';
import type { Doc } from './mongo-db.port.js';
import { readAuthor, readMembership, readPost } from './post.docs.js';

/** Readers of what listPostsPipeline, campaignPostsPipeline and topContributorsPipeline return. */

/** A membership document carrying its `post` and its `author` (an array of at most one). */
export function readListedPost(d: Doc): ListedPost {
  const author = docArray(d, 'author')[0];
  return { post: readPost(d.post), author: author ? readAuthor(author) : null, membership: readMembership(d) };
}

export function readContributor(d: Doc): ContributorRow {
  const author = docArray(d, 'author')[0];
  return {
    platform: oneOf(d, 'platform', SOURCE_TYPES),
    authorId: str(d, 'authorId'),
    // Memberships written before the field existed carry none: the author's key says it.
    publishedOn:
      d.publishedOn === null || d.publishedOn === undefined ? platformOfKey(str(d, 'platform'), str(d, 'authorId')) : oneOf(d, 'publishedOn', PLATFORMS),
    handle: author ? str(author, 'handle') : null,
    name: author ? str(author, 'name') : null,
    followers: author ? (optNum(author, 'followers') ?? null) : null,
    posts: num(d, 'posts'),
    original: num(d, 'original'),
    engagement: num(d, 'engagement'),
    impressions: num(d, 'impressions'),
    reach: num(d, 'reach'),
  };
}
