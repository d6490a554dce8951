// The campaign list (index.html): every campaign the caller may see (admins: all) with its hashtags, status, collection health per
// source (a failed source is a warning) and headline figures, each card filling in on its own.
import { apiGet, campaignPath, whoAmI } from '../api.js';
import { el, pageHref, stateBox } from '../dom.js';
import { fmt, t } from '../i18n.js';
import { startPage } from '../layout.js';
import { failureWarnings, sourceStatusList, windowStatus } from '../status.js';
/** @import { Campaign, Role, Summary, Who } from '../api-types.js' */
/** @import { PageControl } from '../layout.js' */

/** The first dashboard linked campaigns as `/?campaign=…`: such links still open the campaign. */
function redirectOldLink() {
  const old = new URLSearchParams(location.search).get('campaign');
  if (old) location.replace(pageHref('campaign.html', { id: old }));
  return Boolean(old);
}

/** @param {Campaign} campaign */
function headline(campaign) {
  const box = el('dl', { class: 'headline', 'aria-busy': 'true' }, el('div', {}, el('dt', {}, t('metric.posts')), el('dd', {}, '…')));
  apiGet(campaignPath(campaign.id, 'metrics/summary')).then(
    (/** @type {Summary} */ s) => {
      const f = fmt();
      /**
       * @param {string} key
       * @param {string} value
       */
      const item = (key, value) => el('div', {}, el('dt', {}, t(`metric.${key}`)), el('dd', {}, value));
      box.replaceChildren(
        item('posts', f.number(s.posts)),
        item('contributors', f.number(s.contributors)),
        item('reach', f.number(s.reach)),
        item('engagement', f.number(s.engagement)),
      );
      box.removeAttribute('aria-busy');
    },
    (err) => {
      box.replaceChildren(el('div', {}, el('dt', {}, t('metric.posts')), el('dd', { class: 'error' }, t('error.load', { message: err.message }))));
      box.removeAttribute('aria-busy');
    },
  );
  return box;
}

/**
 * @param {Campaign} c
 * @param {Role | undefined} role
 */
function campaignCard(c, role) {
  const links = el(
    'p',
    { class: 'links' },
    el('a', { href: pageHref('campaign.html', { id: c.id }) }, t('nav.overview')),
    el('a', { href: pageHref('report.html', { id: c.id }) }, t('nav.report')),
    // A viewer reads; the settings are for those who may change something.
    role === 'viewer' ? null : el('a', { href: pageHref('settings.html', { id: c.id }) }, t('nav.settings')),
  );
  return el(
    'li',
    { class: 'card campaign' },
    el('h2', {}, el('a', { class: 'campaign-link', href: pageHref('campaign.html', { id: c.id }) }, c.name)),
    el(
      'p',
      { class: 'meta' },
      el('span', { class: 'hashtags' }, c.hashtags.join(' ')),
      ' ',
      el('span', { class: `badge ${windowStatus(c)}` }, t(`campaigns.${windowStatus(c)}`)),
      c.demo ? [' ', el('span', { class: 'badge demo' }, t('campaigns.demo'))] : null,
    ),
    failureWarnings(c),
    headline(c),
    sourceStatusList(c),
    links,
  );
}

/**
 * @param {HTMLElement} main
 * @param {PageControl} page
 */
async function render(main, { isCurrent }) {
  if (redirectOldLink()) return;
  document.title = `${t('campaigns.title')} — Kabar Kampanye`;
  main.replaceChildren(stateBox('loading', t('state.loading')));
  /** @type {[{ campaigns: Campaign[] }, Who]} */
  const [{ campaigns }, who] = await Promise.all([apiGet('/campaigns'), whoAmI()]);
  if (!isCurrent()) return;
  // Admins and managers create campaigns; everyone else sees the ones they were added to.
  const creates = who.role === 'admin' || who.role === 'manager';
  const head = el(
    'div',
    { class: 'page-head' },
    el('h1', {}, t('campaigns.title')),
    creates ? el('a', { class: 'button', href: '/settings.html', id: 'new-campaign' }, t('campaigns.new')) : null,
  );
  if (campaigns.length === 0) {
    main.replaceChildren(head, stateBox('empty', t(creates ? 'campaigns.empty' : 'campaigns.emptyMember')));
    return;
  }
  main.replaceChildren(
    head,
    el(
      'ul',
      { class: 'campaigns', id: 'campaigns' },
      campaigns.map((c) => campaignCard(c, who.role)),
    ),
  );
}

startPage({ page: '', render });
