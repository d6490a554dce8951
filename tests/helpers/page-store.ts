import type { Post } from '../../src/domain/post.js';
import type { CollectedPage } from '../../src/sources/source.port.js';

/** A store as the collect processor keeps one: posts by id (with how often each was stored) and the last checkpoint. */
export class MemoryStore {
  readonly posts = new Map<string, Post>();
  readonly timesStored = new Map<string, number>();
  readonly checkpoints: unknown[] = [];
  checkpoint: unknown = null;
  pages = 0;

  /** `failOnPage`: the page number (1-based, counted across runs) at which storing fails. */
  constructor(private readonly failOnPage?: number) {}

  readonly onPage = async (page: CollectedPage): Promise<void> => {
    this.pages += 1;
    if (this.pages === this.failOnPage) throw new Error('store went away');
    for (const post of page.posts) {
      this.posts.set(post.postId, post);
      this.timesStored.set(post.postId, (this.timesStored.get(post.postId) ?? 0) + 1);
    }
    this.checkpoint = page.checkpoint;
    this.checkpoints.push(page.checkpoint);
  };
}
