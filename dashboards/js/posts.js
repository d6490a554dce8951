// Top posts and top contributors. Post texts and names are written by strangers: they go in as
// text nodes only, and a link to the original only when it is an http(s) address.
import { el, figureTable, safeUrl, scrollBox } from './dom.js';
import { fmt, t } from './i18n.js';
import { keyLabel } from './chart-spec.js';
/** @import { Campaign, Contributor, NetworkNode, Post } from './api-types.js' */

/**
 * Where a post was published, in the page's language; an unknown one as the API gives it.
 * @param {string} platform
 */
function platformName(platform) {
  return keyLabel('platform', platform, platform, t);
}

/**
 * @param {string} label
 * @param {string} value
 */
function figure(label, value) {
  return el('div', { class: 'fig' }, el('dt', {}, label), el('dd', {}, value));
}

/**
 * One post: its text, author, place, topics, figures and a link to the original.
 * @param {Post} post
 * @param {Campaign} campaign
 */
export function postItem(post, campaign) {
  const f = fmt();
  const author = [post.author.name, post.author.handle ? `@${post.author.handle.replace(/^@/, '')}` : null].filter(Boolean).join(' ');
  const place = post.city ? post.city.label : post.province ? post.province.label : t('label.unknown');
  const url = safeUrl(post.url);
  const impressions =
    post.impressions === null ? '—' : `${f.number(post.impressions)}${post.impressionsSource === 'estimated' ? ` (${t('posts.estimated')})` : ''}`;
  return el(
    'li',
    { class: 'post' },
    el('p', { class: 'post-text' }, post.text),
    el(
      'p',
      { class: 'post-meta' },
      el('span', { class: 'author' }, author || post.author.id),
      ' · ',
      place,
      ' · ',
      platformName(post.platform),
      ' · ',
      f.dateTime(post.createdAt, campaign.timeZone),
    ),
    post.topics.length
      ? el(
          'p',
          { class: 'chips' },
          post.topics.map((k) => el('span', { class: 'chip' }, keyLabel('topic', k, k, t))),
        )
      : null,
    el(
      'dl',
      { class: 'post-figures' },
      figure(t('posts.likes'), f.number(post.likes)),
      figure(t('posts.reposts'), f.number(post.reposts)),
      figure(t('posts.replies'), f.number(post.replies)),
      figure(t('metric.engagement'), f.number(post.engagement)),
      figure(t('metric.impressions'), impressions),
    ),
    url ? el('a', { class: 'post-link', href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, t('posts.open')) : null,
  );
}

/**
 * @param {Post[]} posts
 * @param {Campaign} campaign
 */
export function postList(posts, campaign) {
  if (posts.length === 0) return el('p', { class: 'muted' }, t('posts.none'));
  return el(
    'ol',
    { class: 'posts' },
    posts.map((p) => postItem(p, campaign)),
  );
}

/**
 * The top authors as a table: handle, name, platform, posts, reach, engagement.
 * @param {Contributor[]} contributors
 */
export function contributorTable(contributors) {
  if (contributors.length === 0) return el('p', { class: 'muted' }, t('posts.none'));
  const f = fmt();
  return scrollBox(
    t('overview.topContributors'),
    figureTable({
      className: 'contributors',
      head: [t('contributors.author'), t('col.platform'), t('metric.posts'), t('metric.reach'), t('metric.engagement')],
      rows: contributors.map((c) => ({
        header: [
          el('span', { class: 'author' }, c.name ?? c.handle ?? c.authorId ?? ''),
          c.handle ? el('span', { class: 'muted' }, ` @${String(c.handle).replace(/^@/, '')}`) : null,
        ],
        cells: [
          { value: c.platform ? platformName(c.platform) : '' },
          { value: f.number(c.posts), num: true },
          { value: f.number(c.reach), num: true },
          { value: f.number(c.engagement), num: true },
        ],
      })),
    }),
  );
}

/**
 * The top connectors of the conversation network (network): who links the most other authors, by
 * mentioning, replying to or quoting them or being mentioned, replied to or quoted.
 * @param {NetworkNode[]} nodes
 */
export function connectorTable(nodes) {
  if (nodes.length === 0) return el('p', { class: 'muted' }, t('connectors.none'));
  const f = fmt();
  return scrollBox(
    t('overview.topConnectors'),
    figureTable({
      className: 'connectors',
      head: [t('contributors.author'), t('col.platform'), t('connectors.degree'), t('metric.posts'), t('metric.reach')],
      rows: nodes.map((n) => ({
        header: n.handle ? `@${String(n.handle).replace(/^@/, '')}` : n.id,
        cells: [
          { value: platformName(n.platform) },
          { value: f.number(n.degree), num: true },
          { value: f.number(n.posts), num: true },
          { value: f.number(n.reach), num: true },
        ],
      })),
    }),
  );
}
