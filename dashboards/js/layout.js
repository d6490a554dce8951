// What every page shares: the header (brand, navigation, who is signed in, signing out, language
// switch), what a refused credential does, and drawing the page again when the language changes.
import { shareMode, signOut, takeTokenFromFragment, unauthorized, whoAmI } from './api.js';
import { el, pageHref, stateBox } from './dom.js';
import { getLang, LANGS, onLangChange, setLang, t, wordsReady } from './i18n.js';
/** @import { Who } from './api-types.js' */
/** @import { Lang } from './format.js' */

/**
 * What a page's render function is told: whether it is still the current drawing, and how to draw again.
 * @typedef {{ isCurrent: () => boolean, rerender: () => Promise<void> }} PageControl
 */

/** @type {Record<Lang, string>} */
const LANG_NAMES = { id: 'Indonesia', en: 'English' };

/**
 * Who is signed in, a link to their account, and the sign-out button.
 * @param {Who | null} who
 * @param {string} page
 */
function accountArea(who, page) {
  if (!who) return el('div', { class: 'account', id: 'account' });
  const status = el('span', { class: 'error', role: 'status' });
  const button = el('button', { type: 'button', class: 'secondary small', id: 'sign-out' }, t('account.signOut'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await signOut();
    } catch (err) {
      button.disabled = false;
      status.textContent = t('account.signOutFailed', { message: err.message });
    }
  });
  const name =
    who.kind === 'user'
      ? el(
          'a',
          { class: 'who-name', id: 'who', href: '/account.html', 'aria-current': page === 'account.html' ? 'page' : null },
          who.user.name || who.user.email,
        )
      : el('span', { class: 'who-name', id: 'who' }, t('account.operator'));
  return el(
    'div',
    { class: 'account', id: 'account', role: 'group', 'aria-label': t('account.label') },
    el(
      'span',
      { class: 'who' },
      el('span', { class: 'visually-hidden' }, `${t('account.signedInAs')} `),
      name,
      el('span', { class: 'role' }, ` · ${t(`role.${who.role}`)}`),
    ),
    button,
    status,
  );
}

/**
 * @param {HTMLElement} header
 * @param {{ page: string, campaignId: string | null | undefined, auth: boolean, who: Who | null }} state
 */
function drawHeader(header, { page, campaignId, auth, who }) {
  const langs = el(
    'div',
    { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
    // On a phone the buttons show the language's code ("ID", "EN"); its name stays what is announced.
    LANGS.map((l) =>
      el(
        'button',
        { type: 'button', lang: l, 'aria-pressed': String(l === getLang()), 'on:click': () => setLang(l).catch(() => undefined) },
        el('span', { class: 'long' }, LANG_NAMES[l]),
        el('span', { class: 'short', 'aria-hidden': 'true' }, l.toUpperCase()),
      ),
    ),
  );
  document.querySelector('.skip')?.replaceChildren(t('nav.skip'));
  // A sponsor's link: the report and nothing else, not even a way to the campaign list.
  if (shareMode()) {
    header.replaceChildren(
      el('span', { class: 'brand' }, 'Kabar Kampanye'),
      el(
        'span',
        { class: 'badge shared' },
        el('span', { class: 'long' }, t('account.shared')),
        el('span', { class: 'short', 'aria-hidden': 'true' }, t('account.sharedShort')),
      ),
      el('span', { class: 'spacer' }),
      langs,
    );
    return;
  }
  /**
   * @param {string} target
   * @param {string} key
   * @param {Record<string, string>} [params]
   */
  const link = (target, key, params) => el('a', { href: pageHref(target, params), 'aria-current': page === target ? 'page' : null }, t(key));
  const nav = auth
    ? el(
        'nav',
        { class: 'nav', 'aria-label': t('nav.label') },
        link('', 'nav.campaigns'),
        campaignId
          ? [
              link('campaign.html', 'nav.overview', { id: campaignId }),
              link('report.html', 'nav.report', { id: campaignId }),
              // A user's own posts and figures in the campaign (a participant's page); the operator has no account.
              who?.kind === 'user' ? link('me.html', 'nav.me', { id: campaignId }) : null,
              who?.role === 'viewer' ? null : link('settings.html', 'nav.settings', { id: campaignId }),
            ]
          : null,
      )
    : el('span', { class: 'spacer' });
  if (!auth) {
    header.replaceChildren(el('a', { class: 'brand', href: '/' }, 'Kabar Kampanye'), nav, langs);
    return;
  }
  header.replaceChildren(el('a', { class: 'brand', href: '/' }, 'Kabar Kampanye'), ...siteMenu(nav, accountArea(who, page)), langs);
}

/**
 * The navigation and the account area. On a wide screen they sit in the header's row as they are;
 * on a phone (style.css) they fold behind a "Menu" button so that the header stays one row: the
 * button says whether the menu is open, Escape or a click elsewhere closes it, and Escape gives the
 * focus back to the button.
 * @param {HTMLElement} nav
 * @param {HTMLElement} account
 * @returns {[HTMLButtonElement, HTMLElement]}
 */
function siteMenu(nav, account) {
  const panel = el('div', { class: 'site-menu', id: 'site-menu' }, nav, account);
  const button = el(
    'button',
    { type: 'button', class: 'secondary small menu-toggle', id: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'site-menu' },
    t('nav.menu'),
  );
  /** @param {boolean} open */
  const setOpen = (open) => {
    button.setAttribute('aria-expanded', String(open));
    panel.classList.toggle('open', open);
    if (open) document.addEventListener('click', outside, true);
    else document.removeEventListener('click', outside, true);
  };
  /** @param {MouseEvent} e a click outside the button and the menu closes it */
  const outside = (e) => {
    const target = /** @type {Node | null} */ (e.target);
    if (!button.isConnected || (target && !button.contains(target) && !panel.contains(target))) setOpen(false);
  };
  button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
  /** @param {KeyboardEvent} e */
  const escape = (e) => {
    if (e.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
    e.preventDefault();
    setOpen(false);
    button.focus();
  };
  button.addEventListener('keydown', escape);
  panel.addEventListener('keydown', escape);
  return [button, panel];
}

/**
 * A page-level failure: a refused credential goes to sign in, anything else says what failed and offers to try again.
 * @param {HTMLElement} main
 * @param {any} err what was thrown: an ApiError, or anything else
 * @param {() => unknown} retry
 */
export function showPageError(main, err, retry) {
  if (err?.status === 401) {
    if (shareMode()) {
      main.replaceChildren(el('section', { class: 'link-gone' }, stateBox('error', t('share.gone'))));
      return;
    }
    unauthorized(err);
    main.replaceChildren(stateBox('loading', t('error.redirecting')));
    return;
  }
  const message =
    err?.status === 403
      ? t('error.forbidden')
      : err?.status === 404
        ? t('error.notFound')
        : err?.status === 429
          ? t('error.tooMany')
          : err?.code === 'network'
            ? t('error.network')
            : t('error.load', { message: err?.message ?? String(err) });
  main.replaceChildren(
    el(
      'section',
      {},
      stateBox('error', message, { label: t('action.retry'), run: retry }),
      shareMode() ? null : el('p', {}, el('a', { href: '/' }, t('nav.back'))),
    ),
  );
}

/**
 * Starts a page. `render(main)` draws it from the API; it runs again when the language changes or
 * the address changes through history (filters), and `isCurrent()` tells a slow render it was replaced.
 * `auth: false` is for the sign-in page: no navigation, no account, no request.
 * @param {object} spec
 * @param {string} spec.page the page's address without its leading slash ('' for the campaign list)
 * @param {() => string | null} [spec.campaignId]
 * @param {(main: HTMLElement, page: PageControl) => unknown} spec.render
 * @param {boolean} [spec.auth]
 */
export function startPage({ page, campaignId, render, auth = true }) {
  takeTokenFromFragment();
  // The shell every page is built from (src/http/pages/dashboard-pages.ts) has both.
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const header = /** @type {HTMLElement} */ (document.getElementById('top'));
  /** @type {Who | null} */
  let who = null;
  const redrawHeader = () => drawHeader(header, { page, campaignId: campaignId?.(), auth, who });
  // Who is signed in fills the header when known; a page without a credential goes to sign in.
  // Nothing is drawn before the reader's words are here; the first request to the API does not wait
  // for them. Words that cannot be fetched leave their keys on the page rather than no page.
  const ready = wordsReady.catch(() => undefined);
  if (auth && !shareMode()) {
    Promise.all([whoAmI(), ready]).then(
      ([w]) => {
        who = w;
        redrawHeader();
      },
      () => undefined,
    );
  }
  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    redrawHeader();
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
  void ready.then(run);
}
