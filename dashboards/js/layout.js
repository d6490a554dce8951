// What every page shares: the header (brand, navigation, language switch), signing in with the
// API token, and drawing the page again when the language changes.
import { clearToken, setToken, takeTokenFromFragment, token } from './api.js';
import { el, pageHref, stateBox } from './dom.js';
import { getLang, LANGS, onLangChange, setLang, t } from './i18n.js';

const LANG_NAMES = { id: 'Indonesia', en: 'English' };

function drawHeader(header, page, campaignId) {
  const link = (target, key, params) =>
    el('a', { href: pageHref(target, params), 'aria-current': page === target ? 'page' : null }, t(key));
  const nav = el(
    'nav',
    { class: 'nav', 'aria-label': t('nav.label') },
    link('', 'nav.campaigns'),
    campaignId ? [link('campaign.html', 'nav.overview', { id: campaignId }), link('report.html', 'nav.report', { id: campaignId }), link('settings.html', 'nav.settings', { id: campaignId })] : null,
  );
  const langs = el(
    'div',
    { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    LANGS.map((l) => el('button', { type: 'button', lang: l, 'aria-pressed': String(l === getLang()), 'on:click': () => setLang(l) }, LANG_NAMES[l])),
  );
  header.replaceChildren(el('a', { class: 'brand', href: '/' }, 'Kabar Kampanye'), nav, langs);
  document.querySelector('.skip')?.replaceChildren(t('nav.skip'));
}

function showSignIn(main, retry, message) {
  const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true });
  const error = el('p', { class: 'error', id: 'signin-error', role: 'alert' }, message ?? '');
  const form = el(
    'form',
    { id: 'signin-form' },
    el('label', { for: 'token' }, t('signin.token')),
    input,
    el('button', { type: 'submit' }, t('signin.submit')),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    retry();
  });
  main.replaceChildren(el('section', { class: 'card signin' }, el('h1', {}, t('signin.title')), el('p', {}, t('signin.help')), form));
}

/** A page-level failure: a refused token asks for another, anything else says what failed and offers to try again. */
export function showPageError(main, err, retry) {
  if (err?.status === 401) {
    clearToken();
    return showSignIn(main, retry, t('signin.refused'));
  }
  const message = err?.status === 404 ? t('error.notFound') : err?.code === 'network' ? t('error.network') : t('error.load', { message: err?.message ?? String(err) });
  main.replaceChildren(
    el('section', {}, stateBox('error', message, { label: t('action.retry'), run: retry }), el('p', {}, el('a', { href: '/' }, t('nav.back')))),
  );
}

/**
 * Starts a page. `render(main)` draws it from the API; it runs again when the language changes or
 * the address changes through history (filters), and `isCurrent()` tells a slow render it was replaced.
 */
export function startPage({ page, campaignId, render }) {
  takeTokenFromFragment();
  const main = document.getElementById('main');
  const header = document.getElementById('top');
  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    drawHeader(header, page, campaignId?.());
    if (!token()) return showSignIn(main, run);
    main.setAttribute('aria-busy', 'true');
    try {
      await render(main, { isCurrent: () => mine === generation, rerender: run });
    } catch (err) {
      if (mine === generation) showPageError(main, err, run);
    } finally {
      if (mine === generation) main.removeAttribute('aria-busy');
    }
  };
  onLangChange(run);
  window.addEventListener('popstate', run);
  run();
}
