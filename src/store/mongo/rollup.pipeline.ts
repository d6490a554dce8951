import { UNKNOWN } from '../../domain/dimensions.js';
import { figureSums, joinPostStages } from './metrics.pipeline.js';
import { COLLECTIONS, type Doc } from './mongo-db.port.js';

/**
 * Recomputes the daily rollups of some days of a campaign and `$merge`s them into daily_rollups,
 * each cell stamped with `refreshId`. The store then deletes the cells of those days that carry
 * another stamp (cells that no longer have posts), so readers never see a day emptied mid-refresh
 * and running the refresh twice gives the same cells.
 */
export function rollupPipeline(campaignId: string, days: readonly string[], refreshId: string): Doc[] {
  return [
    { $match: { campaignId, day: { $in: [...days] } } },
    ...joinPostStages,
    {
      $group: {
        _id: {
          campaignId: '$campaignId',
          day: '$day',
          cityCode: { $ifNull: ['$cityCode', UNKNOWN] },
          provinceCode: { $ifNull: ['$provinceCode', UNKNOWN] },
          source: '$platform',
        },
        ...figureSums(),
      },
    },
    {
      $set: {
        campaignId: '$_id.campaignId',
        day: '$_id.day',
        cityCode: '$_id.cityCode',
        provinceCode: '$_id.provinceCode',
        source: '$_id.source',
        refreshId: { $literal: refreshId },
      },
    },
    { $merge: { into: COLLECTIONS.dailyRollups, on: '_id', whenMatched: 'replace', whenNotMatched: 'insert' } },
  ];
}

/** The cells of those days that the refresh stamped `refreshId` did not produce. */
export function staleRollupsFilter(campaignId: string, days: readonly string[], refreshId: string): Doc {
  return { campaignId, day: { $in: [...days] }, refreshId: { $ne: refreshId } };
}

/** Rollups of a campaign within [fromDay, toDay], in the order readRollups returns them. */
export function rollupRangeFilter(campaignId: string, fromDay?: string, toDay?: string): Doc {
  const day: Doc = {};
  if (fromDay !== undefined) day.$gte = fromDay;
  if (toDay !== undefined) day.$lte = toDay;
  return Object.keys(day).length > 0 ? { campaignId, day } : { campaignId };
}

export const ROLLUP_SORT = { day: 1, cityCode: 1, provinceCode: 1, source: 1 } as const;
