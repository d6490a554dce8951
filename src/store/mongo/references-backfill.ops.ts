import { IMPORT_SOURCE, mentionsInText } from '../../domain/post.js';
import { str } from './doc-read.js';
import { COLLECTIONS as C, type MongoDb } from './mongo-db.port.js';

/** Documents updated per bulk write. */
const CHUNK = 1000;

/**
 * The Mongo counterpart of SQLite migration 10's code step: an imported post's references are the
 * `@handles` of its text, filled in once for documents written before they were kept. Collected
 * posts get theirs at their next observation. Idempotent: only documents without the field are read.
 */
export async function backfillImportedReferences(db: MongoDb): Promise<number> {
  const posts = await db.find(C.posts, { platform: IMPORT_SOURCE, references: { $exists: false } }, { projection: { text: 1 } });
  for (let i = 0; i < posts.length; i += CHUNK) {
    const ops = posts
      .slice(i, i + CHUNK)
      .map((d) => ({ updateOne: { filter: { _id: d._id }, update: [{ $set: { references: { mentions: mentionsInText(str(d, 'text')) } } }] } }));
    await db.bulkWrite(C.posts, ops);
  }
  return posts.length;
}
