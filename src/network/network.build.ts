import { authorKey, comparableHandle, type Platform, type PostReferences, type PostTarget, type SourceType } from '../domain/post.js';

/**
 * The conversation network of a set of posts (METRICS.md, network): nodes are authors, an edge
 * A → B of kind mention, reply or quote counts A's posts that mention, reply to or quote B, and a
 * node's degree is the number of distinct authors it is linked with, either way. Pure.
 */

export const EDGE_KINDS = ['mention', 'reply', 'quote'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** One post of the set, as the network reads it. */
export interface NetworkPost {
  /** The source (with authorId, the author's key). */
  source: SourceType;
  /** Where it was published: a target is looked for among the authors of the same platform. */
  platform: Platform;
  authorId: string;
  handle: string | null;
  /** The author's latest known followers; null when unknown (reach 0). */
  followers: number | null;
  references: PostReferences | undefined;
}

/** An author a target may name though none of their posts is in the set (a filter left them out). */
export interface KnownAuthor {
  source: SourceType;
  platform: Platform;
  authorId: string;
  handle: string | null;
  followers: number | null;
}

export interface NetworkNode {
  /** `<source>:<authorId>` (an author named only by a handle: `<source>:@<handle>`). */
  id: string;
  handle: string | null;
  platform: Platform;
  posts: number;
  reach: number;
  degree: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  weight: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

interface NodeState {
  id: string;
  handle: string | null;
  platform: Platform;
  posts: number;
  reach: number;
}

/** A handle index entry always names a node or a known author: nodeOf never needs a fallback for it. */
function unreachable(id: string): never {
  throw new Error(`network: ${id} is indexed by handle but is no author`);
}

/**
 * Builds the network of `posts` and keeps the `limit` nodes of highest degree (then most posts,
 * then id), with the edges among them. A target is matched to an author of the set by id, else by
 * handle (case-insensitive, without `@`) on the same platform, among the set's authors and then
 * `known` (authors outside the set); an unmatched target is a node of its own with no posts. A post naming its own author draws no edge.
 */
export function buildNetwork(posts: Iterable<NetworkPost>, limit: number, known: Iterable<KnownAuthor> = []): Network {
  const nodes = new Map<string, NodeState>();
  const byHandle = new Map<string, string>();
  const handleKey = (source: SourceType, platform: Platform, handle: string) => `${source}|${platform}|${comparableHandle(handle)}`;
  const all = [...posts];
  // Authors outside the set, by id: a target naming one becomes their node (with no posts of the set).
  const directory = new Map<string, KnownAuthor>();
  for (const a of known) directory.set(authorKey({ platform: a.source, authorId: a.authorId }), a);
  const nodeOf = (id: string, fallback: () => NodeState): string => {
    if (!nodes.has(id)) {
      const a = directory.get(id);
      nodes.set(id, a ? { id, handle: a.handle, platform: a.platform, posts: 0, reach: a.followers ?? 0 } : fallback());
    }
    return id;
  };
  // Every author of the set first, so that a target written before its author's own post still matches.
  for (const p of all) {
    const id = authorKey({ platform: p.source, authorId: p.authorId });
    const node = nodes.get(id) ?? { id, handle: p.handle, platform: p.platform, posts: 0, reach: p.followers ?? 0 };
    node.posts += 1;
    if (node.handle === null && p.handle !== null) node.handle = p.handle;
    nodes.set(id, node);
    if (p.handle !== null) {
      const key = handleKey(p.source, p.platform, p.handle);
      if (!byHandle.has(key)) byHandle.set(key, id);
    }
  }

  // Handles of the set's authors first, then of the authors outside it.
  for (const [id, a] of directory) {
    if (a.handle === null) continue;
    const key = handleKey(a.source, a.platform, a.handle);
    if (!byHandle.has(key)) byHandle.set(key, id);
  }

  const resolve = (p: NetworkPost, target: PostTarget): string | undefined => {
    const byName = target.handle === undefined ? undefined : byHandle.get(handleKey(p.source, p.platform, target.handle));
    if (target.authorId !== undefined) {
      const id = authorKey({ platform: p.source, authorId: target.authorId });
      // An id no author has: the handle may still name one.
      if (!nodes.has(id) && !directory.has(id) && byName !== undefined) return nodeOf(byName, () => unreachable(byName));
      return nodeOf(id, () => ({ id, handle: target.handle ?? null, platform: p.platform, posts: 0, reach: 0 }));
    }
    if (target.handle === undefined || comparableHandle(target.handle) === '') return undefined;
    if (byName !== undefined) return nodeOf(byName, () => unreachable(byName));
    const id = `${p.source}:@${comparableHandle(target.handle)}`;
    byHandle.set(handleKey(p.source, p.platform, target.handle), id);
    return nodeOf(id, () => ({ id, handle: target.handle ?? null, platform: p.platform, posts: 0, reach: 0 }));
  };

  const weights = new Map<string, NetworkEdge>();
  const add = (source: string, target: string | undefined, kind: EdgeKind) => {
    if (target === undefined || target === source) return;
    const key = `${kind}\u0000${source}\u0000${target}`;
    const edge = weights.get(key) ?? { source, target, kind, weight: 0 };
    edge.weight += 1;
    weights.set(key, edge);
  };
  for (const p of all) {
    const refs = p.references;
    if (!refs) continue;
    const author = authorKey({ platform: p.source, authorId: p.authorId });
    // One count per post and target: a handle mentioned twice in a post is one mention.
    const mentioned = new Set(refs.mentions.map((h) => resolve(p, { handle: h })).filter((id): id is string => id !== undefined));
    for (const target of mentioned) add(author, target, 'mention');
    if (refs.replyTo) add(author, resolve(p, refs.replyTo), 'reply');
    if (refs.quoteOf) add(author, resolve(p, refs.quoteOf), 'quote');
  }

  const linked = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = linked.get(a) ?? new Set<string>();
    set.add(b);
    linked.set(a, set);
  };
  for (const e of weights.values()) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const ranked: NetworkNode[] = [...nodes.values()]
    .map((n) => ({ ...n, degree: linked.get(n.id)?.size ?? 0 }))
    .sort((a, b) => b.degree - a.degree || b.posts - a.posts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = ranked.slice(0, Math.max(0, limit));
  const keptIds = new Set(kept.map((n) => n.id));
  const edges = [...weights.values()]
    .filter((e) => keptIds.has(e.source) && keptIds.has(e.target))
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
        (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) ||
        EDGE_KINDS.indexOf(a.kind) - EDGE_KINDS.indexOf(b.kind),
    );
  return { nodes: kept, edges };
}
