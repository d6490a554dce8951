import type { Database } from 'better-sqlite3';
import { ADDITIVE_FIGURES, type AdditiveFigures } from '../../domain/figures.js';
import type { DailyRollup } from '../../domain/metrics-query.js';
import { SOURCE_TYPES } from '../../sources/registry.js';
import { asRow, num, oneOf, str, type Row } from './row-read.js';
import { BUMP_VERSION, rollupScope } from './versions.sql.js';

/** The days are passed as one JSON array parameter, so any number of days is one statement. */
const DELETE_DAYS = `
  DELETE FROM daily_rollups WHERE campaign_id = ? AND day IN (SELECT value FROM json_each(?))`;

/** The additive figures' columns (domain/figures.ts), in the list's order. */
const FIGURE_COLUMNS = ADDITIVE_FIGURES.map((f) => f.sqlite).join(', ');

/** Each figure's sum over a cell's attributions: campaign_posts carries its post's figures (migration 4). */
const FIGURE_SUMS = ADDITIVE_FIGURES.map((f) => (f.perPost.kind === 'count' ? 'COUNT(*)' : `SUM(cp.${f.sqlite})`)).join(', ');

const INSERT_DAYS = `
  INSERT INTO daily_rollups (campaign_id, day, city_code, province_code, source, ${FIGURE_COLUMNS})
  SELECT cp.campaign_id, cp.day, COALESCE(cp.city_code, 'unknown'), COALESCE(cp.province_code, 'unknown'), cp.platform,
    ${FIGURE_SUMS}
  FROM campaign_posts AS cp
  WHERE cp.campaign_id = ? AND cp.day IN (SELECT value FROM json_each(?))
  GROUP BY cp.campaign_id, cp.day, COALESCE(cp.city_code, 'unknown'), COALESCE(cp.province_code, 'unknown'), cp.platform`;

const READ = `
  SELECT campaign_id, day, city_code, province_code, source, ${FIGURE_COLUMNS}
  FROM daily_rollups
  WHERE campaign_id = ? AND (? IS NULL OR day >= ?) AND (? IS NULL OR day <= ?)
  ORDER BY day, city_code, province_code, source`;

function readFigures(row: Row): AdditiveFigures {
  const figures = {} as AdditiveFigures;
  for (const f of ADDITIVE_FIGURES) figures[f.name] = num(row, f.sqlite);
  return figures;
}

/** Daily rollups of the SQLite store: additive figures per (day, city, province, source). */
export interface RollupTable {
  /** Deletes and recomputes these days in one transaction: running it twice gives the same rows. */
  refresh(campaignId: string, days: string[]): void;
  read(campaignId: string, fromDay?: string, toDay?: string): DailyRollup[];
  pendingDays(campaignId: string): string[];
}

export function createRollupTable(db: Database): RollupTable {
  const del = db.prepare(DELETE_DAYS);
  const insert = db.prepare(INSERT_DAYS);
  const read = db.prepare(READ);
  const donePending = db.prepare('DELETE FROM rollup_pending WHERE campaign_id = ? AND day IN (SELECT value FROM json_each(?))');
  const bump = db.prepare(BUMP_VERSION);
  const pending = db.prepare('SELECT day FROM rollup_pending WHERE campaign_id = ? ORDER BY day');
  const refresh = db.transaction((campaignId: string, days: string[]) => {
    const json = JSON.stringify([...new Set(days)]);
    del.run(campaignId, json);
    insert.run(campaignId, json);
    donePending.run(campaignId, json);
    bump.run(rollupScope(campaignId));
  });
  return {
    refresh(campaignId, days) {
      if (days.length > 0) refresh(campaignId, days);
    },
    pendingDays(campaignId) {
      return pending.all(campaignId).map((raw) => str(asRow(raw), 'day'));
    },
    read(campaignId, fromDay, toDay) {
      const from = fromDay ?? null;
      const to = toDay ?? null;
      return read.all(campaignId, from, from, to, to).map((raw) => {
        const row = asRow(raw);
        return {
          campaignId: str(row, 'campaign_id'),
          day: str(row, 'day'),
          cityCode: str(row, 'city_code'),
          provinceCode: str(row, 'province_code'),
          source: oneOf(row, 'source', SOURCE_TYPES),
          ...readFigures(row),
        };
      });
    },
  };
}
