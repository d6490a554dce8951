import { z } from 'zod';
import { CONTRIBUTOR_SORTS, POST_SORTS } from '../domain/post-query.js';
import { SENTIMENTS } from '../domain/post.js';
import { opaqueId } from './text.schema.js';
import { filterParams } from './metrics.schema.js';

/** Query parameters of the post-level routes (API.md: posts, contributors, export.csv). */

/** 1 to 100, 20 by default: a page a phone on a slow connection still loads quickly. */
const limit = z.coerce.number({ message: 'must be a whole number from 1 to 100' }).int().min(1).max(100).default(20);

export const postsQuery = z.strictObject({
  ...filterParams,
  sort: z.enum(POST_SORTS).default('engagement'),
  limit,
  /** The `nextCursor` of the previous page, as it was given. */
  cursor: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of a previous page')
    .optional(),
});

export const contributorsQuery = z.strictObject({ ...filterParams, sort: z.enum(CONTRIBUTOR_SORTS).default('reach'), limit });

export const exportQuery = z.strictObject(filterParams);

export type PostsParams = z.infer<typeof postsQuery>;
export type ContributorsParams = z.infer<typeof contributorsQuery>;

/** PATCH …/posts/:platform/:postId: the campaign, the post's source or platform, and its id. */
export const postParams = z.strictObject({
  id: opaqueId,
  platform: z.string().regex(/^[a-z]{1,20}$/, 'must be a platform or source name like x or instagram'),
  postId: z.string().min(1).max(300),
});

/** A person's reading of a post; null hands it back to the automatic one. */
export const postPatchBody = z.strictObject({
  sentiment: z.enum(SENTIMENTS, { message: 'must be positive, neutral, negative or null' }).nullable(),
});
