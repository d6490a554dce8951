import { platformOfKey } from '../../domain/post.js';
import { readingsOf } from '../../enrich/enrich.js';
import { optStr, str } from './doc-read.js';
import { COLLECTIONS as C, type BulkOp, type Doc, type MongoDb } from './mongo-db.port.js';

/**
 * Fields added to stored documents after they were written, filled in once at start-up: the
 * Mongo counterpart of SQLite migration 7 (platform, language, sentiment). Idempotent (only documents without the field are read),
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
  return posts.length + memberships.length + (await backfillLanguages(db));
}

/** The language and automatic sentiment of each campaign's view of a post, as enrichment gives them (enrich.ts readingsOf). */
async function backfillLanguages(db: MongoDb): Promise<number> {
  const memberships = await db.find(C.campaignPosts, { language: { $exists: false } }, { projection: { campaignId: 1, postRef: 1 } });
  if (memberships.length === 0) return 0;
  const zones = new Map((await db.find(C.campaigns, {}, { projection: { timeZone: 1 } })).map((d) => [String(d._id), optStr(d, 'timeZone')]));
  let done = 0;
  for (let i = 0; i < memberships.length; i += CHUNK) {
    const chunk = memberships.slice(i, i + CHUNK);
    const refs = [...new Set(chunk.map((d) => str(d, 'postRef')))];
    const posts = new Map((await db.find(C.posts, { _id: { $in: refs } }, { projection: { text: 1, lang: 1 } })).map((d) => [String(d._id), d]));
    const ops = chunk.flatMap((d) => {
      const post = posts.get(str(d, 'postRef'));
      if (!post) return [];
      return [setOp(d._id, readingsOf({ text: str(post, 'text'), lang: optStr(post, 'lang') }, zones.get(str(d, 'campaignId'))))];
    });
    await writeChunked(db, C.campaignPosts, ops);
    done += ops.length;
  }
  return done;
}
