import { DateTime } from 'luxon';
import { whyNotMember, type PreparedCampaign } from '../enrich/enrich.js';
import type { Post } from '../domain/post.js';

/**
 * Why an imported post is not a post of the campaign, as a row error naming the field;
 * undefined when it is one. Collectors drop such posts silently, but a person who typed a row
 * needs to know why it was not imported.
 */
export function membershipProblem(post: Pick<Post, 'createdAt' | 'hashtags'>, pc: PreparedCampaign, now: Date): string | undefined {
  const { startsAt, endsAt, timeZone, hashtags } = pc.campaign;
  const local = (iso: string) => DateTime.fromISO(iso).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm');
  switch (whyNotMember(post, pc, now)) {
    case 'before-start':
      return `created_at: before the campaign starts (${local(startsAt)} ${timeZone})`;
    case 'after-end':
      return `created_at: at or after the campaign ends (${local(endsAt ?? '')} ${timeZone})`;
    case 'in-future':
      return 'created_at: in the future';
    case 'no-campaign-hashtag':
      return `hashtags: none of the campaign hashtags (${hashtags.join(' ')}) in the text or the hashtags column`;
    case undefined:
      return undefined;
  }
}
