import { z } from 'zod';
import type { GetProfilesOutput, SearchPostsOutput, SessionOutput } from './bluesky.types.js';

/**
 * Checks that a 2xx body has the lexicon shape the mapper relies on, so that a proxy's page or a
 * truncated payload fails the run with a message naming the field, instead of storing half a
 * page. Objects stay loose: the lexicons grow fields, and unknown ones are simply ignored.
 */

const strongRef = z.looseObject({ uri: z.string(), cid: z.string() });

const facet = z.looseObject({
  index: z.looseObject({ byteStart: z.number(), byteEnd: z.number() }),
  features: z.array(z.looseObject({ $type: z.string(), tag: z.string().optional() })),
});

const postRecord = z.looseObject({
  $type: z.string().optional(),
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).optional(),
  facets: z.array(facet).optional(),
  tags: z.array(z.string()).optional(),
  reply: z.looseObject({ root: strongRef, parent: strongRef }).optional(),
  embed: z.looseObject({ $type: z.string() }).optional(),
});

const count = z.number().int().min(0).optional();

const profileBasic = z.looseObject({
  did: z.string().startsWith('did:'),
  handle: z.string(),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
  createdAt: z.string().optional(),
});

const postView = z.looseObject({
  uri: z.string().startsWith('at://'),
  cid: z.string(),
  author: profileBasic,
  record: postRecord,
  embed: z.looseObject({ $type: z.string() }).optional(),
  replyCount: count,
  repostCount: count,
  likeCount: count,
  quoteCount: count,
  bookmarkCount: count,
  indexedAt: z.string(),
});

const searchPosts = z.looseObject({
  posts: z.array(postView),
  cursor: z.string().optional(),
  hitsTotal: z.number().optional(),
});

const profiles = z.looseObject({
  profiles: z.array(profileBasic.extend({ followersCount: count, followsCount: count, postsCount: count, description: z.string().optional() })),
});

const session = z.looseObject({
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  handle: z.string(),
  did: z.string(),
  active: z.boolean().optional(),
  status: z.string().optional(),
});

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new Error(`Bluesky returned a malformed response to ${what}: ${z.prettifyError(parsed.error).replace(/\n\s*/g, '; ')}`);
}

/** The body of `app.bsky.feed.searchPosts`. */
export function parseSearchPosts(body: unknown, what: string): SearchPostsOutput {
  return parse(searchPosts, body, what);
}

/** The body of `app.bsky.actor.getProfiles`. */
export function parseProfiles(body: unknown, what: string): GetProfilesOutput {
  return parse(profiles, body, what);
}

/** The body of `com.atproto.server.createSession` or `refreshSession`. */
export function parseSession(body: unknown, what: string): SessionOutput {
  return parse(session, body, what);
}
