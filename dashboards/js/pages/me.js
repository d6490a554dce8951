// A participant's own page (me.html?id=…): the signed-in user's posts and figures in one campaign,
// read from GET …/me (docs/dashboard.md). Made for a phone first: the key figures, a small bar
// per day, what they did after each workshop, and their latest posts with links, newest first.
import { apiGet, campaignPath, queryString } from '../api.js';
import { keyLabel } from '../chart-spec.js';
import { el, stateBox } from '../dom.js';
import { fmt, t } from '../i18n.js';
import { startPage } from '../layout.js';
import { postItem } from '../posts.js';
/** @import { Campaign, Post } from '../api-types.js' */
/** @import { PageControl } from '../layout.js' */

/**
 * @typedef {object} MeAnswer
 * @property {string | null} email
 * @property {Array<{ id: string, workshopId: string, name: string }>} participants
 * @property {Array<{ platform: string, handle: string, authors: Array<{ handle: string | null, posts: number }> }>} accounts
 * @property {{ posts: number, engagement: number, reach: number, impressions: number }} figures
 * @property {Array<{ day: string, posts: number, engagement: number }>} daily
 * @property {Array<{ workshopId: string, name: string, window: number, after: { posts: number, engagement: number }, before: { posts: number } }>} workshops
 * @property {Post[]} posts
 * @property {string | null} nextCursor
 */

const campaignId = () => new URLSearchParams(location.search).get('id');
const PAGE = 10;

/** @param {MeAnswer['figures']} figures */
function figureCards(figures) {
  const f = fmt();
  /**
   * @param {'posts' | 'engagement' | 'reach'} field
   */
  const card = (field) =>
    el(
      'div',
      { class: 'card kpi', 'data-kpi': field },
      el('div', { class: 'label' }, t(`metric.${field}`)),
      el('div', { class: 'value' }, f.number(figures[field])),
    );
  return el('div', { class: 'kpis me-kpis', id: 'me-kpis' }, card('posts'), card('engagement'), card('reach'));
}

/**
 * The posts per day as a list of bars: readable as text, and no chart library on a phone.
 * @param {MeAnswer['daily']} daily
 */
function dailyBars(daily) {
  const f = fmt();
  const most = Math.max(1, ...daily.map((d) => d.posts));
  return el(
    'section',
    { class: 'block', 'aria-labelledby': 'me-daily-title' },
    el('h2', { id: 'me-daily-title' }, t('me.daily')),
    el(
      'ol',
      { class: 'me-bars', id: 'me-daily' },
      daily.map((d) => {
        const bar = el('span', { class: 'me-bar', 'aria-hidden': 'true' });
        // Through the CSSOM: the page's policy refuses style attributes.
        bar.style.width = `${Math.max(4, Math.round((d.posts / most) * 100))}%`;
        return el(
          'li',
          {},
          el('span', { class: 'me-bar-day' }, f.day(d.day)),
          el('span', { class: 'me-bar-track' }, bar),
          el('span', { class: 'me-bar-value' }, el('span', { class: 'visually-hidden' }, `${t('metric.posts')}: `), f.number(d.posts)),
        );
      }),
    ),
  );
}

/** @param {MeAnswer['workshops']} workshops */
function workshopList(workshops) {
  const f = fmt();
  if (workshops.length === 0) return null;
  return el(
    'section',
    { class: 'block', 'aria-labelledby': 'me-workshops-title' },
    el('h2', { id: 'me-workshops-title' }, t('me.workshops')),
    el(
      'ul',
      { class: 'me-workshops', id: 'me-workshops' },
      workshops.map((w) =>
        el(
          'li',
          { class: 'card' },
          el('strong', {}, w.name),
          el('p', {}, t('me.workshop.after', { days: w.window, posts: f.number(w.after.posts), engagement: f.number(w.after.engagement) })),
          el('p', { class: 'muted' }, t('me.workshop.before', { days: w.window, posts: f.number(w.before.posts) })),
        ),
      ),
    ),
  );
}

/** @param {MeAnswer['accounts']} accounts */
function handlesText(accounts) {
  return accounts.map((a) => `@${a.handle} (${keyLabel('platform', a.platform, a.platform, t)})`).join(', ');
}

/**
 * @param {HTMLElement} main
 * @param {PageControl} page
 */
async function render(main, { isCurrent }) {
  const id = campaignId();
  if (!id) return location.replace('/');
  main.replaceChildren(stateBox('loading', t('state.loading')));
  /** @type {[{ campaign: Campaign }, MeAnswer]} */
  const [{ campaign }, me] = await Promise.all([apiGet(campaignPath(id)), apiGet(campaignPath(id, 'me') + queryString({ limit: PAGE }))]);
  if (!isCurrent()) return;
  document.title = `${t('me.title')} — ${campaign.name} — Kabar Kampanye`;
  const head = el('section', { class: 'campaign-head' }, el('h1', { id: 'me-title' }, t('me.title')), el('p', {}, t('me.intro', { campaign: campaign.name })));

  if (me.participants.length === 0) {
    main.replaceChildren(head, el('div', { id: 'me-empty' }, stateBox('empty', t('me.notParticipant', { email: me.email ?? '—' }))));
    return;
  }
  const accounts = el(
    'p',
    { class: 'note', id: 'me-accounts' },
    me.accounts.length === 0 ? t('me.noHandles') : t('me.matched', { handles: handlesText(me.accounts) }),
  );
  if (me.figures.posts === 0) {
    main.replaceChildren(head, el('div', { id: 'me-empty' }, stateBox('empty', t('me.noPosts'))), accounts, workshopList(me.workshops) ?? '');
    return;
  }

  const list = el(
    'ol',
    { class: 'posts', id: 'me-posts' },
    me.posts.map((p) => postItem(p, campaign)),
  );
  // Only while there is a next page: the last page removes it.
  const more = me.nextCursor === null ? null : el('button', { type: 'button', class: 'secondary', id: 'me-more' }, t('me.more'));
  let cursor = me.nextCursor;
  more?.addEventListener('click', async () => {
    if (cursor === null) return;
    more.disabled = true;
    try {
      /** @type {MeAnswer} */
      const next = await apiGet(campaignPath(id, 'me') + queryString({ limit: PAGE, cursor }));
      list.append(...next.posts.map((p) => postItem(p, campaign)));
      cursor = next.nextCursor;
      if (cursor === null) more.remove();
    } finally {
      more.disabled = false;
    }
  });
  main.replaceChildren(
    head,
    figureCards(me.figures),
    accounts,
    dailyBars(me.daily),
    workshopList(me.workshops) ?? '',
    el(
      'section',
      { class: 'block', 'aria-labelledby': 'me-posts-title' },
      el('h2', { id: 'me-posts-title' }, t('me.posts')),
      list,
      more ? el('p', {}, more) : '',
    ),
  );
}

startPage({ page: 'me.html', campaignId, render });
