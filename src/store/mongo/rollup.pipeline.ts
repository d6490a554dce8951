import { UNKNOWN } from '../../domain/dimensions.js';
import { figureSums } from './metrics.pipeline.js';
import type { Doc } from './mongo-db.port.js';

/**
 * The daily rollup cells of some days of a campaign, as the documents daily_rollups stores (`_id`:
 * campaign, day, city, province, source). The store swaps them in for those days' cells in one
 * transaction (mongo.store.ts refreshDays), so readers never see a day emptied mid-refresh and
 * running the refresh twice gives the same cells. The memberships of those days carry their posts'
 * figures (post.docs.ts postCopy): no post is read.
 */
export function rollupCellsPipeline(campaignId: string, days: readonly string[]): Doc[] {
  return [
    { $match: { campaignId, day: { $in: [...days] } } },
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
      },
    },
  ];
}

/** Rollups of a campaign within [fromDay, toDay], in the order readRollups returns them. */
export function rollupRangeFilter(campaignId: string, fromDay?: string, toDay?: string): Doc {
  const day: Doc = {};
  if (fromDay !== undefined) day.$gte = fromDay;
  if (toDay !== undefined) day.$lte = toDay;
  return Object.keys(day).length > 0 ? { campaignId, day } : { campaignId };
}

export const ROLLUP_SORT = { day: 1, cityCode: 1, provinceCode: 1, source: 1 } as const;
