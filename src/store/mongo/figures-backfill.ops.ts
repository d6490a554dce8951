import { str } from './doc-read.js';
import { COLLECTIONS as C, type MongoDb } from './mongo-db.port.js';
import { POST_COPY_SOURCE, postCopy } from './post.docs.js';
import { copyUpdateOp } from './save-batch.ops.js';

/** Memberships read, and updated, per transaction. */
const CHUNK = 1000;

/**
 * The Mongo counterpart of SQLite migration 4's copy: memberships written before they kept their
 * post's figures and kind (post.docs.ts postCopy) get them, once, at start-up. Keyset pages in
 * `_id` order, each read and written in one transaction with the posts it copies, so the whole
 * pass reads the collection once and every command holds at most CHUNK ids. Idempotent and safe
 * beside writers: only memberships still without a copy are read and updated (a saveBatch that
 * changed the post meanwhile wrote the current copy, which is left alone); a start-up cut off
 * half-way finishes on the next one. Resolves to the memberships completed.
 */
export async function backfillMembershipFigures(db: MongoDb): Promise<number> {
  const missing = { engagement: { $exists: false } };
  let done = 0;
  let after: unknown;
  for (;;) {
    const page = await db.find(C.campaignPosts, after === undefined ? missing : { ...missing, _id: { $gt: after } }, {
      sort: { _id: 1 },
      limit: CHUNK,
      projection: { postRef: 1 },
    });
    if (page.length === 0) return done;
    done += await db.withTransaction(async (tx) => {
      const refs = [...new Set(page.map((d) => str(d, 'postRef')))];
      const posts = new Map((await tx.find(C.posts, { _id: { $in: refs } }, { projection: { ...POST_COPY_SOURCE } })).map((d) => [str(d, '_id'), d]));
      const ops = page.map((d) => copyUpdateOp(d._id, postCopy(posts.get(str(d, 'postRef'))), missing));
      return (await tx.bulkWrite(C.campaignPosts, ops)).modifiedCount;
    });
    if (page.length < CHUNK) return done;
    after = page[page.length - 1]?._id;
  }
}
