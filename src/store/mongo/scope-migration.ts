import { IMPORT_SOURCE } from '../../domain/post.js';
import { str } from './doc-read.js';
import { COLLECTIONS as C, type BulkOp, type Doc, type MongoDb } from './mongo-db.port.js';
import { membershipDoc, readMembership } from './post.docs.js';

/**
 * Imported posts and authors per campaign, on MongoDB (what SQLite migration 7 does).
 *
 * Before, a post and an author were one document per (platform, id) and an import into one
 * campaign overwrote what another campaign held. Now a campaign's imported rows are its own copy
 * (domain/post.ts postScope, `_id` `<campaign>/import:…`). The unique indexes on (platform, id)
 * would refuse the copies: connectMongo drops them (RETIRED_INDEXES) before building the new
 * ones, and this step gives every campaign holding an imported post its own copy of the post and
 * its author, each with the fields it had, so no campaign's figures move.
 */

/** Index names (MongoDB's defaults) of the keys before posts and authors had a scope. */
export const RETIRED_INDEXES: ReadonlyArray<{ collection: 'posts' | 'authors'; name: string }> = [
  { collection: C.posts, name: 'platform_1_postId_1' },
  { collection: C.authors, name: 'platform_1_authorId_1' },
];

const unique = (xs: string[]) => [...new Set(xs)];

/** Idempotent: memberships already pointing at their campaign's copy are left alone. Resolves to the memberships moved. */
export async function scopeImportedPosts(db: MongoDb): Promise<number> {
  const stale = (await db.find(C.campaignPosts, { platform: IMPORT_SOURCE })).filter((d) => {
    const want = membershipDoc(readMembership(d));
    return d.postRef !== want.postRef || d.authorRef !== want.authorRef;
  });
  if (stale.length === 0) return 0;
  const oldPosts = unique(stale.map((d) => str(d, 'postRef')));
  const oldAuthors = unique(stale.map((d) => str(d, 'authorRef')));
  const [posts, authors] = await Promise.all([db.find(C.posts, { _id: { $in: oldPosts } }), db.find(C.authors, { _id: { $in: oldAuthors } })]);
  const postById = new Map(posts.map((d) => [str(d, '_id'), d]));
  const authorById = new Map(authors.map((d) => [str(d, '_id'), d]));
  const copy = (from: Doc | undefined, id: string, scope: string): BulkOp[] =>
    from ? [{ replaceOne: { filter: { _id: id }, replacement: { ...from, _id: id, scope }, upsert: true } }] : [];
  const postOps: BulkOp[] = [];
  const authorOps = new Map<string, BulkOp[]>();
  const membershipOps: BulkOp[] = [];
  for (const d of stale) {
    const m = readMembership(d);
    const want = membershipDoc(m);
    postOps.push(...copy(postById.get(str(d, 'postRef')), str(want, 'postRef'), m.campaignId));
    authorOps.set(str(want, 'authorRef'), copy(authorById.get(str(d, 'authorRef')), str(want, 'authorRef'), m.campaignId));
    const { _id: _ignored, ...rest } = d;
    membershipOps.push({
      replaceOne: {
        filter: { campaignId: m.campaignId, platform: m.platform, postId: m.postId },
        replacement: { ...rest, postRef: want.postRef, authorRef: want.authorRef },
      },
    });
  }
  // Copies first, then the memberships, then the shared originals: a crash in between leaves
  // every membership pointing at a document that exists, and a rerun finishes the move.
  if (postOps.length > 0) await db.bulkWrite(C.posts, postOps);
  const authorWrites = [...authorOps.values()].flat();
  if (authorWrites.length > 0) await db.bulkWrite(C.authors, authorWrites);
  await db.bulkWrite(C.campaignPosts, membershipOps);
  const stillHeld = new Set((await db.find(C.campaignPosts, { postRef: { $in: oldPosts } }, { projection: { postRef: 1 } })).map((d) => str(d, 'postRef')));
  const authorsHeld = new Set(
    (await db.find(C.campaignPosts, { authorRef: { $in: oldAuthors } }, { projection: { authorRef: 1 } })).map((d) => str(d, 'authorRef')),
  );
  await db.deleteMany(C.posts, { _id: { $in: oldPosts.filter((id) => !stillHeld.has(id)) } });
  await db.deleteMany(C.authors, { _id: { $in: oldAuthors.filter((id) => !authorsHeld.has(id)) } });
  return stale.length;
}
