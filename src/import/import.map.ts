import { hashtagsInText, normalizedHashtags } from '../domain/hashtags.js';
import { mentionsInText, type Author, type Post, type PostCounts } from '../domain/post.js';
import type { ImportRow } from './import.schema.js';

/** A post and its author as an import row gives them; the import time becomes `observedAt` when they are stored. */
export interface ImportedPost {
  post: Omit<Post, 'observedAt'>;
  author: Omit<Author, 'observedAt'>;
}

const COUNTS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks'] as const;

/**
 * Maps a valid row to our Post and Author (pure). Ids carry the original platform
 * (`instagram:C1a2B3`), so the same id on two platforms never collides under `platform: import`
 * and contributors stay distinct per platform.
 */
export function mapImportRow(row: ImportRow): ImportedPost {
  // Spreadsheets on Windows end lines inside a cell with CRLF: one form, whatever the exporter.
  const text = (row.text ?? '').replace(/\r\n?/g, '\n');
  const counts: PostCounts = {};
  // An empty cell is "not reported": the count stays absent, never 0 (METRICS.md).
  for (const field of COUNTS) {
    const value = row[field];
    if (value !== undefined) counts[field] = value;
  }
  const post: Omit<Post, 'observedAt'> = {
    platform: 'import',
    publishedOn: row.platform,
    postId: `${row.platform}:${row.post_id}`,
    url: row.url ?? '',
    text,
    createdAt: row.created_at,
    kind: row.kind,
    authorId: `${row.platform}:${row.author_id}`,
    hashtags: normalizedHashtags([...hashtagsInText(text), ...row.hashtags]),
    counts,
    // A file says nothing of replies or quotes: only the `@handles` its text names.
    references: { mentions: mentionsInText(text) },
  };
  if (row.views !== undefined) post.reportedImpressions = row.views;
  // The city the person entering the data knows is the post's own place: attribution rule 1 (geo).
  if (row.city) post.place = { fullName: row.city.officialName, name: row.city.displayName, countryCode: 'ID' };

  const handle = row.author_handle ?? row.author_id;
  const author: Omit<Author, 'observedAt'> = { platform: 'import', authorId: post.authorId, handle, name: row.author_name ?? handle };
  if (row.author_followers !== undefined) author.followers = row.author_followers;
  if (row.author_location !== undefined) author.location = row.author_location;
  return { post, author };
}
