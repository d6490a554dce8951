import { LRUCache } from 'lru-cache';
import type { Campaign } from '../domain/campaign.js';
import type { Store } from '../store/store.port.js';
import type { Principal } from './auth/principal.js';
import { MAX_WINDOW_AUTHORS } from './workshops.service.js';

/**
 * Masked handles on share links (docs/API.md, "Masked handles on share links"): when a campaign
 * sets `shareMaskHandles`, everything a share link reads names each author by a pseudonym instead
 * of their handle, display name, id and post links, for programmes with vulnerable participants.
 *
 * The pseudonym is the author's rank among the campaign's authors by posts (ties by source, then
 * id): "Peserta 1" is the most active author, `peserta_1` their handle (in English "Participant 1"
 * and `participant_1`). The same author has the same pseudonym in every answer while the
 * campaign's posts stay as they are. An account the campaign's posts mention but that never
 * posted is numbered after the authors, in the order one answer meets it. Every @mention in a
 * text is replaced the same way, and a web address in a text keeps its site only.
 *
 * The rules are applied to the answers as a whole (maskJson), so a share-visible answer added later
 * is masked without being named here; the CSV export and the GEXF file have their own entry points.
 */

export type MaskLang = 'id' | 'en';

const WORD: Record<MaskLang, { handle: string; name: string }> = {
  id: { handle: 'peserta_', name: 'Peserta ' },
  en: { handle: 'participant_', name: 'Participant ' },
};

/** `@Ani_Kupang` → `ani_kupang`: how handles compare (as the network and the activation figures compare them). */
const comparable = (handle: string): string => handle.trim().replace(/^@+/, '').toLowerCase();

/** An @mention in a text: `@` not preceded by a letter, digit or `_` (an e-mail address is no mention). */
const MENTION = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;
/** A web address in a text: it can name its author (x.com/ani_kupang/status/…). */
const URL_IN_TEXT = /\bhttps?:\/\/([^\s/?#]+)[^\s]*/giu;

interface Ranks {
  byHandle: Map<string, number>;
  byId: Map<string, number>;
  count: number;
}

/** The rules of one answer: a fresh one per answer, so accounts outside the authors are numbered within it. */
export class Masker {
  private readonly extra = new Map<string, number>();
  constructor(
    private readonly ranks: Ranks,
    private readonly lang: MaskLang,
  ) {}

  private rankOfHandle(handle: string): number {
    const key = comparable(handle);
    return this.ranks.byHandle.get(key) ?? this.extraRank(`@${key}`);
  }

  private rankOfId(authorId: string): number {
    return this.ranks.byId.get(authorId) ?? this.extraRank(`#${authorId}`);
  }

  private extraRank(key: string): number {
    let n = this.extra.get(key);
    if (n === undefined) {
      n = this.ranks.count + this.extra.size + 1;
      this.extra.set(key, n);
    }
    return n;
  }

  private rankOf(author: { handle?: unknown; id?: unknown; authorId?: unknown }): number {
    if (typeof author.handle === 'string' && author.handle !== '') return this.rankOfHandle(author.handle);
    const id = typeof author.authorId === 'string' ? author.authorId : typeof author.id === 'string' ? author.id : '';
    return this.rankOfId(id);
  }

  handleOf(rank: number): string {
    return `${WORD[this.lang].handle}${rank}`;
  }

  nameOf(rank: number): string {
    return `${WORD[this.lang].name}${rank}`;
  }

  /** A handle as written (with or without `@`) → its pseudonym, the `@` kept. */
  handle(handle: string): string {
    return `${handle.startsWith('@') ? '@' : ''}${this.handleOf(this.rankOfHandle(handle))}`;
  }

  /** A network node id (`<source>:<authorId>` or `<source>:@<handle>`) → the same shape, pseudonymous. */
  nodeId(id: string): string {
    const at = id.indexOf(':');
    if (at < 0) return this.handleOf(this.rankOfId(id));
    const source = id.slice(0, at);
    const rest = id.slice(at + 1);
    return `${source}:${this.handleOf(rest.startsWith('@') ? this.rankOfHandle(rest) : this.rankOfId(rest))}`;
  }

  /** Free text: each @mention by its pseudonym, each web address by its site alone. */
  text(text: string): string {
    return text
      .replace(URL_IN_TEXT, (_m, host: string) => `https://${host}/…`)
      .replace(MENTION, (_m, before: string, handle: string) => `${before}@${this.handleOf(this.rankOfHandle(handle.replace(/[.-]+$/, '')))}`);
  }

  /** One row of export.csv. */
  exportRecord<R extends Record<string, string | number | null>>(row: R): R {
    const rank = this.rankOf({ handle: row.author_handle, authorId: row.author_id });
    const out: Record<string, string | number | null> = { ...row };
    out.author_id = this.handleOf(rank);
    out.author_handle = row.author_handle === null ? null : this.handleOf(rank);
    out.author_name = row.author_name === null ? null : this.nameOf(rank);
    out.url = null;
    if (typeof row.text === 'string') out.text = this.text(row.text);
    return out as R;
  }

  /**
   * Any JSON answer. An object with a `handle` is an author (a post's author, a contributor, a
   * network node): its handle, name and id become the pseudonym; an object with `source`, `target`
   * and `weight` is a network edge; a post (`postId` and `url`) loses its link; a mention term
   * (`@…`) and every other string are read as text.
   */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value === null || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const author = 'handle' in obj;
    const rank = author ? this.rankOf(obj) : 0;
    const node = author && 'degree' in obj;
    const edge = 'source' in obj && 'target' in obj && 'weight' in obj;
    const post = 'postId' in obj && 'url' in obj;
    for (const [k, v] of Object.entries(obj)) {
      if (author && k === 'handle') out[k] = v === null ? null : this.handleOf(rank);
      else if (author && k === 'name') out[k] = v === null ? null : this.nameOf(rank);
      else if (author && (k === 'id' || k === 'authorId') && typeof v === 'string') out[k] = node ? this.nodeId(v) : this.handleOf(rank);
      else if (edge && (k === 'source' || k === 'target') && typeof v === 'string') out[k] = this.nodeId(v);
      else if (post && k === 'url') out[k] = null;
      else if (k === 'term' && typeof v === 'string' && v.startsWith('@')) out[k] = this.handle(v);
      else out[k] = this.json(v);
    }
    return out;
  }
}

/** Whether a principal reads the campaign masked: a share link of a campaign that asks for it. */
export const readsMasked = (principal: Principal, campaign: Pick<Campaign, 'shareMaskHandles'>): boolean =>
  principal.kind === 'share' && campaign.shareMaskHandles === true;

export function createShareMasking(deps: { store: Pick<Store, 'topContributors' | 'dataStamp'> }) {
  // The ranks by the campaign's data stamp: a repeated question reads no author while no post changed.
  const kept = new LRUCache<string, Promise<Ranks>>({ max: 20 });

  async function ranks(campaignId: string): Promise<Ranks> {
    const stamp = await deps.store.dataStamp(campaignId);
    const key = `${campaignId}\u0000${stamp.version}`;
    let r = kept.get(key);
    if (!r) {
      r = (async () => {
        const rows = await deps.store.topContributors({ campaignId, filter: {}, sort: 'posts', limit: MAX_WINDOW_AUTHORS });
        const byHandle = new Map<string, number>();
        const byId = new Map<string, number>();
        rows.forEach((row, i) => {
          if (row.handle !== null && !byHandle.has(comparable(row.handle))) byHandle.set(comparable(row.handle), i + 1);
          if (!byId.has(row.authorId)) byId.set(row.authorId, i + 1);
        });
        return { byHandle, byId, count: rows.length };
      })();
      kept.set(key, r);
      r.catch(() => kept.delete(key));
    }
    return r;
  }

  return {
    /** The masker of one answer to this principal, or null when the answer is not masked. */
    async forAnswer(principal: Principal, campaign: Campaign, lang: MaskLang): Promise<Masker | null> {
      if (!readsMasked(principal, campaign)) return null;
      return new Masker(await ranks(campaign.id), lang);
    },
  };
}

export type ShareMasking = ReturnType<typeof createShareMasking>;
