import { z } from 'zod';
import { chartSpec } from '../../charts/shared-modules.js';
import { SHARE_SIZES, type ShareSize } from '../../services/share-image.service.js';
import { idParams } from '../../contracts/campaign.schema.js';
import { filterParams } from '../../contracts/metrics.schema.js';
import type { HttpDeps } from '../deps.js';
import { defineRoute } from '../route.js';

const chartParams = z.strictObject({ id: idParams.shape.id, chart: z.enum(chartSpec.CHART_IDS) });
const chartQuery = z.strictObject({
  ...filterParams,
  size: z
    .enum(Object.keys(SHARE_SIZES) as [ShareSize, ...ShareSize[]])
    .default('square')
    .meta({ description: 'square: 1080×1080 (a post); story: 1080×1920 (a story or status)' }),
  lang: z.enum(['id', 'en']).default('id').meta({ description: 'language of the title, labels and numbers' }),
});

/** Share images: a dashboard chart as a PNG for a WhatsApp or Instagram post (docs/dashboard.md). */
export function chartRoutes(deps: HttpDeps) {
  const { campaigns, shareImages } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/charts/:chart.png',
      summary: 'A chart of the dashboard drawn as a PNG share image, titled with the campaign, the period and the filters',
      access: { kind: 'campaign', action: 'report' },
      params: chartParams,
      query: chartQuery,
      responseContentType: 'image/png',
      handle: async ({ params, query, res }) => {
        const campaign = await campaigns.load(params.id);
        const { size, lang, ...filters } = query;
        const png = await shareImages.render(campaign, params.chart, filters, { size, lang });
        res.status(200).type('image/png');
        // Private: the image carries a campaign's figures and was asked for with a credential.
        res.set('Cache-Control', 'private, max-age=300');
        res.set('Content-Disposition', `inline; filename="${campaign.id}-${params.chart}-${size}.png"`);
        res.end(png);
        return undefined;
      },
    }),
  ];
}
