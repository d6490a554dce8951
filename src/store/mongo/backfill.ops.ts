import { platformOfKey } from '../../domain/post.js';
import { str } from './doc-read.js';
import { COLLECTIONS as C, type BulkOp, type Doc, type MongoDb } from './mongo-db.port.js';

/**
 * Fields added to stored documents after they were written, filled in once at start-up: the
 * Mongo counterpart of SQLite migration 7. Idempotent (only documents without the field are read),
 * so a start-up cut off half-way finishes on the next one.
 */

/** Documents updated per bulk write. */
const CHUNK = 1000;

async function writeChunked(db: MongoDb, collection: (typeof C)[keyof typeof C], ops: BulkOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += CHUNK) await db.bulkWrite(collection, ops.slice(i, i + CHUNK));
}

const setOp = (id: unknown, fields: Doc): BulkOp => ({ updateOne: { filter: { _id: id }, update: [{ $set: fields }] } });

/** Resolves to the number of documents it completed. */
export async function backfillPostFields(db: MongoDb): Promise<number> {
  // Where a post was published: an imported post's id starts with the platform of its import row.
  const posts = await db.find(C.posts, { platform: 'import', publishedOn: { $exists: false } }, { projection: { platform: 1, postId: 1 } });
  await writeChunked(
    db,
    C.posts,
    posts.map((d) => setOp(d._id, { publishedOn: platformOfKey(str(d, 'platform'), str(d, 'postId')) })),
  );
  const memberships = await db.find(C.campaignPosts, { publishedOn: { $exists: false } }, { projection: { platform: 1, postId: 1 } });
  await writeChunked(
    db,
    C.campaignPosts,
    memberships.map((d) => setOp(d._id, { publishedOn: platformOfKey(str(d, 'platform'), str(d, 'postId')) })),
  );
  return posts.length + memberships.length;
}
