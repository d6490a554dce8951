// The overview's filters live in the address (`?id=…&from=…&city=73.71`), so a filtered view can
// be bookmarked, shared and reloaded; every card reads the same filters.
import { apiGet, campaignPath } from './api.js';
import { keyLabel } from './chart-spec.js';
import { el } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Campaign } from './api-types.js' */
/** @import { Breakdown } from './chart-spec.js' */

export const FILTER_KEYS = /** @type {const} */ (['from', 'to', 'city', 'province', 'topic', 'source', 'platform', 'language', 'sentiment']);
const SELECTS = /** @type {const} */ (['city', 'province', 'topic', 'source', 'platform', 'language', 'sentiment']);
/**
 * The filters of a view, as the address and the API take them (`from`, `to` as days).
 * @typedef {Partial<Record<typeof FILTER_KEYS[number], string>>} Filters
 */
/**
 * The choices of each select filter: a key and what a person reads for it.
 * @typedef {Record<typeof SELECTS[number], Array<{ key: string, label: string }>>} FilterOptions
 */

/**
 * The filters in the address; absent ones are left out.
 * @returns {Filters}
 */
export function readFilters() {
  const q = new URLSearchParams(location.search);
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) ?? '']).filter(([, v]) => v));
}

/** @param {Filters} filters */
export const hasFilters = (filters) => Object.keys(filters).length > 0;

/**
 * Puts the filters in the address as a new history entry, keeping the other parameters (the campaign id).
 * @param {Filters} filters
 */
export function writeFilters(filters) {
  const q = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) q.delete(k);
  for (const k of FILTER_KEYS) if (filters[k]) q.set(k, filters[k]);
  history.pushState(null, '', `${location.pathname}?${q}`);
}

/**
 * `YYYY-MM-DD` of an instant in a zone (the campaign's), for date inputs.
 * @param {string | number} instant
 * @param {string} timeZone
 */
function localDay(instant, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/**
 * The choices of each filter: the keys of the campaign's unfiltered breakdowns (its cities and
 * `unknown`, its topics and `other`, and whatever else has posts). Without filters these are the
 * very requests the charts make, so they cost nothing more.
 * @param {string} campaignId
 * @returns {Promise<FilterOptions>}
 */
export async function filterOptions(campaignId) {
  /** @type {Breakdown[]} */
  const rows = await Promise.all(SELECTS.map((by) => apiGet(`${campaignPath(campaignId, 'metrics/breakdown')}?by=${by}`)));
  return /** @type {FilterOptions} */ (
    Object.fromEntries(SELECTS.map((by, i) => [by, (rows[i]?.rows ?? []).map((r) => ({ key: r.key, label: keyLabel(by, r.key, r.label, t) }))]))
  );
}

/**
 * Labels of the active filters, for the share images' subtitle ("Makassar · Pendidikan").
 * @param {Filters} filters
 * @param {FilterOptions} [options]
 */
export function describeFilters(filters, options) {
  return SELECTS.filter((k) => filters[k]).map((k) => options?.[k]?.find((o) => o.key === filters[k])?.label ?? filters[k]);
}

/**
 * The filter form. A change applies at once: it goes into the address and `onChange` redraws.
 * Returns the form and a promise of the options (for labels).
 * @param {Campaign} campaign
 * @param {Filters} filters
 * @param {(next: Filters) => void} onChange
 */
export function filterForm(campaign, filters, onChange) {
  const window_ = {
    min: localDay(campaign.startsAt, campaign.timeZone),
    max: campaign.endsAt ? localDay(Date.parse(campaign.endsAt) - 1, campaign.timeZone) : undefined,
  };
  /** @param {'from' | 'to'} key */
  const dateField = (key) =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: `f-${key}` }, t(`filters.${key}`)),
      el('input', { id: `f-${key}`, name: key, type: 'date', value: filters[key] ?? '', min: window_.min, max: window_.max }),
    );
  const selects = SELECTS.map((key) => el('select', { id: `f-${key}`, name: key, disabled: true }, el('option', { value: '' }, t(`filters.all.${key}`))));
  const form = el(
    'form',
    { class: 'filters card folded', id: 'filters', 'aria-label': t('filters.label') },
    dateField('from'),
    dateField('to'),
    SELECTS.map((key, i) => el('div', { class: 'field' }, el('label', { for: `f-${key}` }, t(`filters.${key}`)), selects[i])),
    el('div', { class: 'field actions' }, el('button', { type: 'reset', class: 'secondary' }, t('filters.reset'))),
  );
  const apply = () => {
    const value = (/** @type {string} */ k) => /** @type {HTMLInputElement | HTMLSelectElement} */ (form.elements.namedItem(k)).value;
    const next = Object.fromEntries(FILTER_KEYS.map((k) => [k, value(k)]).filter(([, v]) => v));
    writeFilters(next);
    onChange(next);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply();
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    writeFilters({});
    onChange({});
  });

  const options = filterOptions(campaign.id).then((opts) => {
    SELECTS.forEach((key, i) => {
      const select = /** @type {HTMLSelectElement} */ (selects[i]);
      const list = [...opts[key]];
      // A shared link may name a key the campaign no longer lists: keep it selectable.
      if (filters[key] && !list.some((o) => o.key === filters[key])) list.push({ key: filters[key], label: filters[key] });
      select.append(...list.map((o) => el('option', { value: o.key, selected: o.key === filters[key] }, o.label)));
      select.disabled = false;
    });
    return opts;
  });
  options.catch(() => undefined);
  // On a phone the filters fold behind this button, so the first screen shows the key figures; on a
  // wider screen the style sheet hides the button and shows the form whatever its state.
  const toggle = el('button', {
    type: 'button',
    class: 'secondary filters-toggle',
    id: 'filters-toggle',
    'aria-expanded': 'false',
    'aria-controls': 'filters',
  });
  /** @param {Filters} current */
  const count = (current) => {
    const active = Object.keys(current).length;
    toggle.textContent = active ? t('filters.showActive', { count: fmt().number(active) }) : t('filters.label');
  };
  count(filters);
  form.addEventListener('change', () => count(readFilters()));
  form.addEventListener('reset', () => count({}));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    form.classList.toggle('folded', !open);
  });
  return { form, toggle, options };
}
