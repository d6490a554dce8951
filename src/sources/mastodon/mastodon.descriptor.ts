import { z } from 'zod';
import { defineSource } from '../source.descriptor.js';
import { instanceBaseUrl } from './mastodon.client.js';
import { createMastodonSource } from './mastodon.source.js';

export interface MastodonSettings {
  /** Access token per instance host (lower-case); public hashtag timelines need none on most. */
  readonly accessTokens: Readonly<Record<string, string>>;
}

const NEEDS_INSTANCE = 'a Mastodon source needs at least one instance, like mastodon.social';

/** Mastodon (hashtag timelines of the instances a campaign names): no account needed on most instances. */
export const mastodonSource = defineSource({
  type: 'mastodon',
  label: 'Mastodon',
  billed: false,
  settings: {
    env: z.object({
      /** `host=token` pairs, comma-separated: access tokens for Mastodon instances that require one. */
      MASTODON_ACCESS_TOKENS: z
        .string()
        .regex(/^\s*[A-Za-z0-9.:-]+=[^,=\s]+\s*(,\s*[A-Za-z0-9.:-]+=[^,=\s]+\s*)*$/, 'must be host=token pairs separated by commas')
        .optional(),
    }),
    read: (env): MastodonSettings => ({ accessTokens: parsePairs(env.MASTODON_ACCESS_TOKENS) }),
  },
  campaignOptions: {
    /** Host names (`mastodon.social`, reached over https) or base URLs. */
    instances: z
      .array(
        z.union([z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i), z.url({ protocol: /^https?$/ })], {
          message: 'must be a host name like mastodon.social or an http(s) URL',
        }),
        { error: (issue) => (issue.input === undefined ? NEEDS_INSTANCE : undefined) },
      )
      .min(1, NEEDS_INSTANCE)
      .max(20),
  },
  targets: ({ instances }) => instances.map((instance, i) => ({ path: ['instances', i], url: instanceBaseUrl(instance) })),
  create: ({ accessTokens }, deps) => createMastodonSource({ accessTokens, outbound: deps.outbound, logger: deps.log }),
});

function parsePairs(value: string | undefined): Record<string, string> {
  if (!value) return {};
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [host = '', token = ''] = pair.trim().split('=');
      return [host.toLowerCase(), token];
    }),
  );
}
