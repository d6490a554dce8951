import { randomUUID } from 'node:crypto';
import type { Campaign, CollectionRun } from '../domain/campaign.js';
import { compact } from '../domain/compact.js';
import { enrichBatch, prepareCampaign } from '../enrich/enrich.js';
import { authorKey, type Author, type Post, type PostCounts } from '../domain/post.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import { AppError, savedAnyway } from '../errors.js';
import { membershipProblem } from '../import/import.membership.js';
import type { ImportedPost } from '../import/import.map.js';
import type { ParsedImport, RowProblem } from '../import/import.parse.js';
import type { JobQueue } from '../queue/jobs.js';
import type { ImportStore } from '../store/store.port.js';
import type { AuditService } from './audit.service.js';
import type { Principal } from './auth/principal.js';
import { nextTurn, type Pause } from '../time/next-turn.js';

/** Posts enriched and written per transaction by an import. */
export const IMPORT_WRITE_BATCH = 200;

/** API.md, `POST /campaigns/:id/import`: what an import did. */
export interface ImportResult {
  /** Posts stored for the first time. */
  imported: number;
  /** Good rows whose post was already stored (their counts are refreshed: the import is a newer observation). */
  duplicates: number;
  /** Rows not imported, by row number, each naming the field at fault. */
  rejected: RowProblem[];
}

/** Rows a dry run shows as they were read. */
export const IMPORT_PREVIEW_ROWS = 20;
const PREVIEW_TEXT = 280;

/** One row of a dry run: what was read from it and its problems; only the problems when it could not be read. */
export interface ImportPreviewRow {
  row: number;
  /** Whether the import would store it. */
  ok: boolean;
  error?: string;
  platform?: string;
  postId?: string;
  createdAt?: string;
  author?: string;
  text?: string;
  hashtags?: string[];
  counts?: PostCounts;
  views?: number;
  city?: string;
}

/** API.md, `POST /campaigns/:id/import?dryRun=true`: what an import would do; nothing is stored. */
export interface ImportPreview {
  dryRun: true;
  /** Rows read (blank lines aside). */
  rows: number;
  /** Rows the import would store (new posts or newer counts of stored ones). */
  accepted: number;
  rejected: RowProblem[];
  /** The first IMPORT_PREVIEW_ROWS rows, by row number. */
  preview: ImportPreviewRow[];
}

const archived = () => new AppError(409, 'campaign_archived', 'This campaign is archived: it takes no new posts.');

function previewRow(row: number, read: ImportedPost | undefined, error: string | undefined): ImportPreviewRow {
  if (!read) return { row, ok: false, error: error ?? '' };
  const { post, author } = read;
  return compact<ImportPreviewRow>({
    row,
    ok: error === undefined,
    error,
    platform: post.publishedOn,
    postId: post.postId.slice(post.postId.indexOf(':') + 1),
    createdAt: post.createdAt,
    author: author.handle,
    text: post.text.length > PREVIEW_TEXT ? `${post.text.slice(0, PREVIEW_TEXT - 1)}…` : post.text,
    hashtags: post.hashtags,
    counts: post.counts,
    views: post.reportedImpressions,
    city: post.place?.name,
  });
}

/**
 * Stores the good rows of an import file for one campaign, like a one-page collection run of the
 * `import` source: enrich → saveBatch per IMPORT_WRITE_BATCH posts (one transaction each on SQLite,
 * the event loop free between them) → the metrics job for the changed days, with a run record so
 * the campaign's collection status shows it.
 */
export function createImportService(deps: {
  store: ImportStore;
  queue: JobQueue;
  audit: Pick<AuditService, 'record'>;
  gazetteer: Gazetteer;
  now: () => Date;
  /** Between batches of a large import (time/next-turn.ts). */
  pause?: Pause;
}) {
  const { store } = deps;
  const pause = deps.pause ?? nextTurn;

  /**
   * Enriches and saves the posts IMPORT_WRITE_BATCH at a time, one transaction each, letting the
   * event loop run between batches: a 10,000-row file in one transaction held the embedded
   * process for about a second, and `/healthz` with it.
   */
  const saveBatches = async (campaign: Campaign, prepared: ReturnType<typeof prepareCampaign>, now: Date, posts: Post[], authors: Map<string, Author>) => {
    const total = { inserted: 0, updated: 0, days: new Map<string, Set<string>>() };
    for (let at = 0; at < posts.length; at += IMPORT_WRITE_BATCH) {
      if (at > 0) await pause();
      const slice = posts.slice(at, at + IMPORT_WRITE_BATCH);
      const keys = new Set(slice.map((p) => authorKey({ platform: p.platform, authorId: p.authorId })));
      const sliceAuthors = [...keys].flatMap((k) => authors.get(k) ?? []);
      const saved = await store.saveBatch(enrichBatch({ posts: slice, authors: sliceAuthors }, [prepared], deps.gazetteer, now));
      total.inserted += saved.inserted;
      total.updated += saved.updated;
      // Posts this campaign shares with others change their figures too: every campaign's days count.
      for (const [campaignId, days] of Object.entries(saved.changedDays)) {
        const set = total.days.get(campaignId) ?? new Set<string>();
        for (const d of days) set.add(d);
        total.days.set(campaignId, set);
      }
    }
    return { inserted: total.inserted, updated: total.updated, changedDays: [...total.days].map(([id, days]) => [id, [...days].sort()] as const) };
  };

  /** The rows the campaign takes (posts and their authors, observed now) and those it rejects, by row number. */
  const sortRows = async (campaign: Campaign, parsed: ParsedImport, now: Date) => {
    const observedAt = now.toISOString();
    const prepared = prepareCampaign(campaign);
    const rejected = [...parsed.rejected];
    const posts: Post[] = [];
    const authors = new Map<string, Author>();
    for (const [i, { row, post, author }] of parsed.rows.entries()) {
      if (i > 0 && i % IMPORT_WRITE_BATCH === 0) await pause();
      const problem = membershipProblem(post, prepared, now);
      if (problem) {
        rejected.push({ row, error: problem });
        continue;
      }
      posts.push({ ...post, observedAt });
      // One author over several rows: a cell left empty in a later row keeps the earlier value.
      const key = authorKey(author);
      const earlier = authors.get(key);
      authors.set(key, earlier ? { ...earlier, ...compact<Partial<Author>>(author) } : { ...author, observedAt });
    }
    rejected.sort((a, b) => a.row - b.row);
    return { prepared, posts, authors, rejected };
  };

  return {
    /**
     * What importing `parsed` would do, with nothing written (API.md, `?dryRun=true`): the rows the
     * campaign would take, those it would reject and why, and the first rows as they were read.
     */
    async previewPosts(campaign: Campaign, parsed: ParsedImport): Promise<ImportPreview> {
      if (campaign.status === 'archived') throw archived();
      const sorted = await sortRows(campaign, parsed, deps.now());
      const good = new Map(parsed.rows.map((r) => [r.row, r]));
      const problems = new Map(sorted.rejected.map((r) => [r.row, r.error]));
      const first = [...new Set([...good.keys(), ...problems.keys()])].sort((a, b) => a - b).slice(0, IMPORT_PREVIEW_ROWS);
      return {
        dryRun: true,
        rows: parsed.rows.length + parsed.rejected.length,
        accepted: sorted.posts.length,
        rejected: sorted.rejected,
        preview: first.map((row) => previewRow(row, good.get(row), problems.get(row))),
      };
    },

    /** Imports as `by`, who is audited for it: a user over HTTP, the operator on the command line. */
    async importPosts(by: Principal, campaign: Campaign, parsed: ParsedImport): Promise<ImportResult> {
      if (campaign.status === 'archived') throw archived();
      const now = deps.now();
      const observedAt = now.toISOString();
      const { prepared, posts, authors, rejected } = await sortRows(campaign, parsed, now);

      const run: CollectionRun = {
        id: randomUUID(),
        campaignId: campaign.id,
        source: 'import',
        kind: 'import',
        jobId: `import.${randomUUID()}`,
        status: 'running',
        startedAt: observedAt,
        finishedAt: null,
        pages: Math.max(1, Math.ceil(posts.length / IMPORT_WRITE_BATCH)),
        postsRead: parsed.rows.length + parsed.rejected.length,
        usersRead: 0,
        newPosts: 0,
        updatedPosts: 0,
        error: null,
        notes: rejected.length > 0 ? [`${rejected.length} of ${parsed.rows.length + parsed.rejected.length} rows rejected`] : [],
      };
      let saved: Awaited<ReturnType<typeof saveBatches>>;
      try {
        saved = await saveBatches(campaign, prepared, now, posts, authors);
        Object.assign(run, { status: 'succeeded', newPosts: saved.inserted, updatedPosts: saved.updated, finishedAt: deps.now().toISOString() });
        await store.saveRun(run);
      } catch (err) {
        // Each batch is all or nothing, and a retry stores what is missing (duplicates are counted, never doubled): record why, so the campaign shows the failed import.
        Object.assign(run, { status: 'failed', error: err instanceof Error ? err.message : String(err), finishedAt: deps.now().toISOString() });
        await store.saveRun(run).catch(() => undefined);
        throw err;
      }
      const result = { imported: saved.inserted, duplicates: posts.length - saved.inserted, rejected };
      await deps.audit.record(
        by,
        'campaign.import',
        { type: 'campaign', id: campaign.id },
        { imported: result.imported, duplicates: result.duplicates, rejected: rejected.length },
      );
      // The import is stored and its days recorded as pending with each batch (the outbox): a queue
      // that cannot take the metrics jobs fails nothing, and the reconciler asks for them again.
      for (const [campaignId, days] of saved.changedDays) {
        if (days.length > 0) await deps.queue.add('metrics', { campaignId, days }).catch(savedAnyway);
      }
      return result;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
