// The campaign form's city picker: search the gazetteer's 514 kota and kabupaten by name (served
// by GET /api/v1/cities), add with a button or Enter, remove with the chip's button.
import { apiGet } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
/** @import { City } from './api-types.js' */

/** @param {string} s */
const fold = (s) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
const MAX_RESULTS = 12;

/**
 * @param {readonly string[]} initial city codes
 * @param {string} describedBy the ids of the field's help and error
 */
export function cityPicker(initial, describedBy) {
  const selected = [...initial];
  /** @type {City[]} */
  let cities = [];
  const byCode = () => new Map(cities.map((c) => [c.code, c]));
  const chips = el('ul', { class: 'chips-list', id: 'city-chips', 'aria-label': t('settings.cities.selected') });
  const results = el('ul', { class: 'city-results', id: 'city-results' });
  const search = el('input', {
    id: 's-cities-search',
    type: 'search',
    autocomplete: 'off',
    placeholder: t('settings.cities.placeholder'),
    'aria-describedby': describedBy,
    'aria-controls': 'city-results',
  });

  const drawChips = () => {
    const names = byCode();
    chips.replaceChildren(
      ...selected.map((code) => {
        const c = names.get(code);
        const name = c ? `${c.name} (${c.province.name})` : code;
        return el(
          'li',
          { class: 'chip' },
          name,
          el('button', { type: 'button', class: 'chip-remove', 'aria-label': t('settings.cities.remove', { name }), 'on:click': () => remove(code) }, '×'),
        );
      }),
    );
    if (selected.length === 0) chips.append(el('li', { class: 'muted' }, t('settings.cities.none')));
  };
  const matches = () => {
    const q = fold(search.value);
    if (!q) return [];
    // Best first: names that start with the search, then names that contain it, then provinces; a kota before a kabupaten.
    /** @param {City} c */
    const rank = (c) =>
      fold(c.name).startsWith(q) ? 0 : fold(c.name).includes(q) || fold(c.officialName).includes(q) ? 1 : fold(c.province.name).includes(q) ? 2 : -1;
    return cities
      .filter((c) => !selected.includes(c.code) && rank(c) >= 0)
      .sort((a, b) => rank(a) - rank(b) || Number(a.kind !== 'kota') - Number(b.kind !== 'kota') || a.name.localeCompare(b.name, 'id'))
      .slice(0, MAX_RESULTS);
  };
  const drawResults = () => {
    const found = matches();
    results.replaceChildren(
      ...found.map((c) =>
        el(
          'li',
          {},
          el(
            'button',
            { type: 'button', class: 'link-button', 'on:click': () => add(c.code) },
            `${c.name} — ${c.kind === 'kota' ? 'Kota' : 'Kabupaten'}, ${c.province.name}`,
          ),
        ),
      ),
    );
    if (search.value && found.length === 0) results.append(el('li', { class: 'muted' }, t('settings.cities.noMatch')));
  };
  /** @param {string} code */
  const add = (code) => {
    if (!selected.includes(code)) selected.push(code);
    search.value = '';
    drawChips();
    drawResults();
    search.focus();
  };
  /** @param {string} code */
  const remove = (code) => {
    selected.splice(selected.indexOf(code), 1);
    drawChips();
    search.focus();
  };
  search.addEventListener('input', drawResults);
  // Enter adds the first match instead of submitting the whole form.
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const first = matches()[0];
    if (first) add(first.code);
  });

  drawChips();
  apiGet('/cities').then(
    (r) => {
      cities = r.cities;
      drawChips();
      drawResults();
    },
    () => results.replaceChildren(el('li', { class: 'error' }, t('settings.cities.loadFailed'))),
  );
  return { element: el('div', { class: 'city-picker' }, chips, search, results), input: search, value: () => [...selected] };
}
