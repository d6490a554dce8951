import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { EXPORT_COLUMNS } from '../../services/posts-export.js';
import { idParams } from '../../contracts/campaign.schema.js';
import { contributorsQuery, exportQuery, postParams, postPatchBody, postsQuery } from '../../contracts/posts.schema.js';
import { z } from 'zod';
import type { HttpDeps } from '../deps.js';
import type { Masker } from '../../services/share-mask.js';
import { requestLang } from '../language.js';
import { defineRoute } from '../route.js';

/** API.md, Metrics: the posts, the contributors and the CSV export of a filtered set. */
export function postsRoutes(deps: HttpDeps) {
  const { campaigns, posts, postSentiment, log } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/posts',
      summary: 'Top or latest posts with their figures, place, topics and link, a page at a time (keyset cursor)',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: postsQuery,
      handle: async ({ params, query }) => ({ body: await posts.list(await campaigns.load(params.id), query) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/campaigns/:id/posts/:platform/:postId',
      summary: "A person's reading of a post's sentiment, which wins over the automatic one and survives every recomputation (null: back to automatic)",
      access: { kind: 'campaign', action: 'edit' },
      params: postParams,
      query: z.strictObject({}),
      body: postPatchBody,
      handle: async ({ params, body, principal }) => ({
        body: await postSentiment.setSentiment(principal, await campaigns.load(params.id), params.platform, params.postId, body.sentiment),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/contributors',
      summary: 'The top authors by reach, posts, original posts, engagement or impressions, with their figures',
      access: { kind: 'campaign', action: 'report' },
      params: idParams,
      query: contributorsQuery,
      handle: async ({ params, query }) => ({ body: await posts.contributors(await campaigns.load(params.id), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/:id/export.csv',
      summary: 'Every post of the filtered set as CSV, one row each with every figure and attribution, streamed',
      access: { kind: 'campaign', action: 'export' },
      params: idParams,
      query: exportQuery,
      handle: async ({ params, query, req, res, principal }) => {
        const campaign = await campaigns.load(params.id);
        const masker = await deps.shareMask.forAnswer(principal, campaign, requestLang(req, res));
        const rows = masker ? maskRows(posts.exportRows(campaign, query), masker) : posts.exportRows(campaign, query);
        // The first page is read before the status line, so a store that fails at once is an ordinary 500.
        const first = await rows.next();
        res.status(200);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        // The id is [A-Za-z0-9_-] (idParams), so it needs no quoting inside the filename.
        res.setHeader('Content-Disposition', `attachment; filename="${campaign.id}-posts.csv"`);
        try {
          await pipeline(Readable.from(prepend(first, rows)), stringify({ header: true, columns: [...EXPORT_COLUMNS] }), res);
        } catch (err) {
          // The status line is gone: all that is left is to cut the connection (pipeline did), so the
          // client sees an incomplete download rather than a file that looks whole.
          const aborted = err instanceof Error && 'code' in err && err.code === 'ERR_STREAM_PREMATURE_CLOSE';
          if (aborted) log.debug({ campaignId: campaign.id }, 'CSV export abandoned by the client');
          else log.error({ err, campaignId: campaign.id }, 'CSV export stopped before its end');
        }
        return undefined;
      },
    }),
  ];
}

/** The export's rows as a share link of a campaign that masks handles reads them. */
async function* maskRows<R extends Record<string, string | number | null>>(rows: AsyncGenerator<R>, masker: Masker): AsyncGenerator<R> {
  for await (const row of rows) yield masker.exportRecord(row);
}

/** The rest of a generator with the item already taken from it put back in front. */
async function* prepend<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}
