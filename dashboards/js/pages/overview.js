// Campaign overview (campaign.html?id=…): KPIs, every chart, top posts and contributors, under
// filters kept in the address. Each region loads on its own, so a slow chart blocks nothing; the
// sections below them (connectors, terms, workshops) load their module and data when the reader
// comes near them (lazy.js), so the first view carries only what the first screen shows.
import { apiGet, campaignPath, queryString } from '../api.js';
import { CHART_IDS } from '../chart-spec.js';
import { chartCard, destroyCharts } from '../charts.js';
import { el, pageHref, stateBox } from '../dom.js';
import { describeFilters, filterForm, hasFilters, readFilters } from '../filters.js';
import { fmt, t } from '../i18n.js';
import { kpiCards, periodText } from '../kpis.js';
import { startPage } from '../layout.js';
import { whenNear } from '../lazy.js';
import { connectorTable, contributorTable, postList } from '../posts.js';
import { failureWarnings, sourceStatusList } from '../status.js';
/** @import { Campaign, Contributor, NetworkNode, Post, Summary, TermRow } from '../api-types.js' */
/** @import { Child } from '../dom.js' */
/** @import { FilterOptions, Filters } from '../filters.js' */
/** @import { PageControl } from '../layout.js' */

const campaignId = () => new URLSearchParams(location.search).get('id');

/** @param {Campaign} campaign */
function campaignHeader(campaign) {
  return el(
    'section',
    { class: 'campaign-head' },
    el('h1', { id: 'c-name' }, campaign.name),
    el('p', { class: 'hashtags', id: 'c-hashtags' }, campaign.hashtags.join(' ')),
    campaign.status === 'archived' ? el('p', { class: 'badge archived' }, t('campaigns.archived')) : null,
    campaign.demo ? el('p', { class: 'demo-banner', id: 'c-demo' }, t('overview.demo')) : null,
    failureWarnings(campaign),
    el('details', { class: 'collection' }, el('summary', {}, t('overview.collection')), sourceStatusList(campaign)),
  );
}

/**
 * A new campaign without posts: what will fill the page, and how to fill it now.
 * @param {Campaign} campaign
 */
function emptyPanel(campaign) {
  return el(
    'section',
    { class: 'card empty-panel', id: 'empty' },
    el('h2', {}, t('overview.empty.title')),
    el('p', {}, t('overview.empty.body', { hashtags: campaign.hashtags.join(' '), start: fmt().date(campaign.startsAt, campaign.timeZone) })),
    el('p', {}, el('a', { class: 'button', href: pageHref('settings.html', { id: campaign.id }) }, t('overview.empty.action'))),
  );
}

/**
 * @param {string} titleKey
 * @param {string} id
 * @param {...Child} children
 */
function section(titleKey, id, ...children) {
  return el('section', { class: 'block', 'aria-labelledby': id }, el('h2', { id }, t(titleKey)), ...children);
}

/**
 * Everything that depends on the filters; drawn again when they change.
 * @param {HTMLElement} container
 * @param {Campaign} campaign
 * @param {Filters} filters
 * @param {Promise<FilterOptions>} [options]
 */
function drawData(container, campaign, filters, options) {
  destroyCharts();
  /**
   * @param {string} rest
   * @param {Record<string, unknown>} [extra]
   */
  const path = (rest, extra = {}) => campaignPath(campaign.id, rest) + queryString({ ...filters, ...extra });
  const period = el('p', { class: 'note', id: 'period' }, '\u00a0');
  const kpis = el('div', { class: 'kpis', id: 'kpis' }, stateBox('loading', t('state.loading')));
  // The share images' subtitle: filled in as the summary and the filter labels arrive.
  const shareInfo = { subtitle: [campaign.name], footer: 'Kabar Kampanye' };
  const charts = section(
    'overview.charts',
    'charts-title',
    el(
      'div',
      { class: 'charts' },
      CHART_IDS.map((id) => chartCard(id, { campaignId: campaign.id, filters, shareInfo })),
    ),
  );
  const top = el('div', { class: 'top-lists' });
  const posts = el('div', {}, stateBox('loading', t('state.loading')));
  const people = el('div', {}, stateBox('loading', t('state.loading')));
  const connectors = el('div', { id: 'connectors' }, stateBox('loading', t('state.loading')));
  top.append(
    section('overview.topPosts', 'posts-title', posts),
    section('overview.topContributors', 'contributors-title', people),
    section('overview.topConnectors', 'connectors-title', el('p', { class: 'note' }, t('overview.topConnectors.desc')), connectors),
  );
  const terms = el('div', { class: 'top-lists', id: 'terms' });
  const hashtags = el('div', { id: 'top-hashtags' }, stateBox('loading', t('state.loading')));
  const words = el('div', { id: 'top-words' }, stateBox('loading', t('state.loading')));
  terms.append(section('terms.hashtags', 'hashtags-title', hashtags), section('terms.words', 'words-title', words));
  container.replaceChildren(period, kpis, charts, top, terms);

  /**
   * @param {HTMLElement} region
   * @param {() => unknown} retry
   * @returns {(err: Error) => void}
   */
  const fail = (region, retry) => (err) =>
    region.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: retry }));
  const loadSummary = () =>
    apiGet(path('metrics/summary', { compare: 'previous' })).then(
      (/** @type {Summary} */ summary) => {
        const f = fmt();
        kpis.replaceChildren(...kpiCards(summary));
        period.textContent = `${periodText(summary, campaign)} · ${t('overview.computed', { time: f.dateTime(summary.computedAt, campaign.timeZone) })}`;
        shareInfo.subtitle = [campaign.name, f.period(summary.from, summary.to, campaign.timeZone)];
        shareInfo.footer = t('share.footer', { time: f.dateTime(summary.computedAt, campaign.timeZone) });
        options?.then(
          (opts) => {
            const named = describeFilters(filters, opts).join(' · ');
            if (named) shareInfo.subtitle = [...shareInfo.subtitle.slice(0, 2), named];
          },
          () => undefined,
        );
        if (summary.posts === 0 && !hasFilters(filters)) {
          destroyCharts();
          charts.replaceWith(emptyPanel(campaign));
          top.remove();
          terms.remove();
        }
      },
      fail(kpis, loadSummary),
    );
  const loadPosts = () =>
    apiGet(path('posts', { sort: 'engagement', limit: 10 })).then(
      (/** @type {{ posts: Post[] }} */ r) => posts.replaceChildren(postList(r.posts, campaign)),
      fail(posts, loadPosts),
    );
  const loadPeople = () =>
    apiGet(path('contributors', { sort: 'reach', limit: 10 })).then(
      (/** @type {{ contributors: Contributor[] }} */ r) => people.replaceChildren(contributorTable(r.contributors)),
      fail(people, loadPeople),
    );
  const termsModule = () => import('../terms.js');
  const loadHashtags = () =>
    Promise.all([termsModule(), apiGet(path('metrics/terms', { kind: 'hashtag', limit: 15 }))]).then(
      ([{ hashtagBars }, /** @type {{ rows: TermRow[] }} */ r]) => hashtags.replaceChildren(hashtagBars(r.rows)),
      fail(hashtags, loadHashtags),
    );
  const loadWords = () =>
    Promise.all([termsModule(), apiGet(path('metrics/terms', { kind: 'word', limit: 30 }))]).then(
      ([{ wordList }, /** @type {{ rows: TermRow[] }} */ r]) => words.replaceChildren(wordList(r.rows)),
      fail(words, loadWords),
    );
  const loadConnectors = () =>
    apiGet(path('network', { limit: 10 })).then(
      (/** @type {{ nodes: NetworkNode[] }} */ r) => connectors.replaceChildren(connectorTable(r.nodes.filter((n) => n.degree > 0))),
      fail(connectors, loadConnectors),
    );
  loadSummary();
  loadPosts();
  loadPeople();
  // Below the charts: asked for when the reader scrolls near them.
  whenNear(connectors, loadConnectors);
  whenNear(terms, () => (loadHashtags(), loadWords()));
}

/**
 * A section below the charts (workshops' activation, the support channel), its module loaded
 * when the reader comes near the end of the page: none of it is in the first view.
 * @param {string} id the placeholder's id
 * @param {() => Promise<HTMLElement>} section imports the module and draws the section
 */
function lazySection(id, section) {
  const slot = el('div', { id });
  const load = () =>
    section().then(
      (drawn) => slot.replaceWith(drawn),
      (/** @type {Error} */ err) => slot.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: load })),
    );
  whenNear(slot, load);
  return slot;
}

/**
 * @param {HTMLElement} main
 * @param {PageControl} page
 */
async function render(main, { isCurrent }) {
  const id = campaignId();
  if (!id) return location.replace('/');
  main.replaceChildren(stateBox('loading', t('state.loading')));
  /** @type {{ campaign: Campaign }} */
  const { campaign } = await apiGet(campaignPath(id));
  if (!isCurrent()) return;
  document.title = `${campaign.name} — Kabar Kampanye`;
  const data = el('div', { class: 'data' });
  const filters = readFilters();
  // The report of the same filtered view, kept in step with the filters.
  const reportLink = el('a', { href: pageHref('report.html', { id, ...filters }) }, t('overview.methodLink'));
  const filterUi = filterForm(campaign, filters, (next) => {
    reportLink.href = pageHref('report.html', { id, ...next });
    drawData(data, campaign, next, filterUi.options);
  });
  main.replaceChildren(
    campaignHeader(campaign),
    filterUi.toggle,
    filterUi.form,
    data,
    // Who went on to post after each workshop: its own windows, whatever the filters say.
    lazySection('activation-slot', () => import('../workshops.js').then(({ activationSection }) => activationSection(campaign))),
    // The WhatsApp support channel, per day (hidden while the campaign has none).
    lazySection('chat-slot', () => import('../chat.js').then(({ chatActivitySection }) => chatActivitySection(campaign))),
    el('p', { class: 'note' }, t('overview.method'), ' ', reportLink),
  );
  drawData(data, campaign, filters, filterUi.options);
}

startPage({ page: 'campaign.html', campaignId, render });
