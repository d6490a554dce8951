import type { Database } from 'better-sqlite3';
import type { Campaign, CollectionRun } from '../../domain/campaign.js';
import type { LogoType, StoredLogo } from '../../domain/logo.js';
import type { SourceType } from '../../domain/post.js';
import { asRow, str } from './row-read.js';
import { iso } from './rows.js';

/** Campaigns, runs and checkpoints: documents stored as JSON next to the columns queries need. */
export interface RecordTables {
  createCampaign(c: Campaign): void;
  updateCampaign(c: Campaign): boolean;
  getCampaign(id: string): Campaign | null;
  listCampaigns(): Campaign[];
  saveRun(run: CollectionRun): void;
  listRuns(campaignId: string, limit: number): CollectionRun[];
  getCheckpoint(campaignId: string, source: SourceType): unknown;
  runningRuns(): CollectionRun[];
  touchRuns(owner: string, at: string): void;
  /** The campaign and its logo's bytes (none when null), in the caller's transaction. */
  saveLogo(c: Campaign, logo: StoredLogo | null): boolean;
  getLogo(campaignId: string): StoredLogo | null;
}

// The JSON documents below are written by this module from typed values, so reading them back
// as those types is sound; the columns beside them are what SQL filters and sorts on.
const parseCampaign = (row: unknown): Campaign => JSON.parse(str(asRow(row), 'doc')) as Campaign;
// Runs stored before `kind` and `usersRead` existed were collections.
const parseRun = (row: unknown): CollectionRun =>
  ({ kind: 'collect', usersRead: 0, notes: [], ...(JSON.parse(str(asRow(row), 'doc')) as Partial<CollectionRun>) }) as CollectionRun;

export function createRecordTables(db: Database): RecordTables {
  const stmt = {
    insertCampaign: db.prepare('INSERT INTO campaigns (id, status, created_at, doc) VALUES (@id, @status, @createdAt, @doc)'),
    updateCampaign: db.prepare('UPDATE campaigns SET status = @status, created_at = @createdAt, doc = @doc WHERE id = @id'),
    getCampaign: db.prepare('SELECT doc FROM campaigns WHERE id = ?'),
    listCampaigns: db.prepare('SELECT doc FROM campaigns ORDER BY created_at, id'),
    saveRun: db.prepare(`INSERT INTO runs (id, campaign_id, started_at, doc) VALUES (@id, @campaignId, @startedAt, @doc)
      ON CONFLICT (id) DO UPDATE SET campaign_id = excluded.campaign_id, started_at = excluded.started_at, doc = excluded.doc`),
    listRuns: db.prepare('SELECT doc FROM runs WHERE campaign_id = ? ORDER BY started_at DESC, id DESC LIMIT ?'),
    getCheckpoint: db.prepare('SELECT value FROM checkpoints WHERE campaign_id = ? AND source = ?'),
    // The expression as the partial index runs_running (migration 7) writes it.
    runningRuns: db.prepare(`SELECT doc FROM runs WHERE json_extract(doc, '$.status') = 'running' ORDER BY started_at, id`),
    putLogo: db.prepare(`INSERT INTO campaign_logos (campaign_id, content_type, bytes, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (campaign_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at`),
    deleteLogo: db.prepare('DELETE FROM campaign_logos WHERE campaign_id = ?'),
    getLogo: db.prepare('SELECT content_type, bytes, updated_at FROM campaign_logos WHERE campaign_id = ?'),
    touchRuns: db.prepare(`UPDATE runs SET doc = json_set(doc, '$.heartbeatAt', ?)
      WHERE json_extract(doc, '$.status') = 'running' AND json_extract(doc, '$.owner') = ?`),
  };
  const campaignParams = (c: Campaign) => ({ id: c.id, status: c.status, createdAt: c.createdAt, doc: JSON.stringify(c) });
  return {
    createCampaign(c) {
      stmt.insertCampaign.run(campaignParams(c));
    },
    updateCampaign(c) {
      return stmt.updateCampaign.run(campaignParams(c)).changes > 0;
    },
    getCampaign(id) {
      const row: unknown = stmt.getCampaign.get(id);
      return row === undefined ? null : parseCampaign(row);
    },
    listCampaigns() {
      return stmt.listCampaigns.all().map(parseCampaign);
    },
    saveLogo(c, logo) {
      if (stmt.updateCampaign.run(campaignParams(c)).changes === 0) return false;
      if (logo === null) stmt.deleteLogo.run(c.id);
      else stmt.putLogo.run(c.id, logo.contentType, Buffer.from(logo.bytes), logo.updatedAt);
      return true;
    },
    getLogo(campaignId) {
      const row: unknown = stmt.getLogo.get(campaignId);
      if (row === undefined) return null;
      const r = asRow(row);
      const bytes = r.bytes;
      if (!(bytes instanceof Uint8Array)) throw new Error('campaign_logos.bytes is not a blob');
      return { contentType: str(r, 'content_type') as LogoType, bytes, updatedAt: str(r, 'updated_at') };
    },
    saveRun(run) {
      stmt.saveRun.run({ id: run.id, campaignId: run.campaignId, startedAt: iso(run.startedAt), doc: JSON.stringify(run) });
    },
    listRuns(campaignId, limit) {
      return stmt.listRuns.all(campaignId, Math.max(0, Math.floor(limit))).map(parseRun);
    },
    runningRuns() {
      return stmt.runningRuns.all().map(parseRun);
    },
    touchRuns(owner, at) {
      stmt.touchRuns.run(iso(at), owner);
    },
    getCheckpoint(campaignId, source) {
      const row: unknown = stmt.getCheckpoint.get(campaignId, source);
      return row === undefined ? null : (JSON.parse(str(asRow(row), 'value')) as unknown);
    },
  };
}
