import type { Campaign } from '../domain/campaign.js';
import type { TermKind, TermRow } from '../domain/terms.js';
import type { TermsParams } from '../contracts/terms.schema.js';
import type { TermsStore } from '../store/store.port.js';
import { createTermCounter } from '../terms/terms.count.js';
import { createAnswerCache, metricsKey, type AnswerCache } from './answer-cache.js';
import { resolveFilter } from './metrics-range.js';

/**
 * Top hashtags, words and mentions of a campaign's filtered posts (API.md 1.1, metrics/terms;
 * METRICS.md "terms"). The store streams each post's text (Store.scanTermSources) and the pure
 * counter of src/terms counts them; the answer is kept under the campaign's data stamp like every
 * metrics answer, so a repeated request scans nothing.
 */
export function createTermsService(deps: { store: TermsStore; now: () => Date; answers?: AnswerCache }) {
  const { store } = deps;
  const answers = deps.answers ?? createAnswerCache();
  return {
    async terms(campaign: Campaign, params: TermsParams): Promise<{ kind: TermKind; rows: TermRow[] }> {
      const { kind, limit, ...filters } = params;
      const stamp = await store.dataStamp(campaign.id);
      const { filter } = resolveFilter(campaign, filters, deps.now());
      const key = metricsKey({ campaignId: campaign.id, filter, groupBy: [] }, stamp);
      return answers.answer({ kind: 'terms', campaignId: campaign.id, stamp, readsRollups: false, parts: [kind, limit, key] }, async () => {
        const counter = createTermCounter(kind);
        await store.scanTermSources({ campaignId: campaign.id, filter }, (post) => counter.add(post));
        const rows = counter.top(limit);
        return { answer: { kind, rows }, rows: Math.max(1, rows.length) };
      });
    },
  };
}

export type TermsService = ReturnType<typeof createTermsService>;
