// The top terms of the filtered posts (metrics/terms): hashtags as bars with the same figures in a
// table, and words as a list. Bars are spans sized from script (the CSP allows no inline style
// attribute) and hidden from screen readers, which read the names and counts beside them.
import { el, figureTable, scrollBox } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { TermRow } from './api-types.js' */

/**
 * The figures of the terms as a table: term, posts, contributors, engagement.
 * @param {TermRow[]} rows
 * @param {string} caption
 * @param {(term: string) => string} label
 */
export function termTable(rows, caption, label) {
  const f = fmt();
  return figureTable({
    className: 'terms-table',
    caption,
    head: [t('terms.term'), t('metric.posts'), t('metric.contributors'), t('metric.engagement')],
    rows: rows.map((r) => ({
      header: label(r.term),
      cells: [
        { value: f.number(r.posts), num: true },
        { value: f.number(r.contributors), num: true },
        { value: f.number(r.engagement), num: true },
      ],
    })),
  });
}

/**
 * Top hashtags: one bar per hashtag by posts, and the table of their figures under it.
 * @param {TermRow[]} rows
 */
export function hashtagBars(rows) {
  if (rows.length === 0) return el('p', { class: 'muted' }, t('terms.none'));
  const f = fmt();
  const max = Math.max(...rows.map((r) => r.posts), 1);
  const label = (/** @type {string} */ term) => `#${term}`;
  return el(
    'div',
    { class: 'terms' },
    el(
      'ol',
      { class: 'term-bars' },
      rows.map((r) => {
        const fill = el('span', { class: 'term-fill' });
        fill.style.width = `${Math.max(1, (r.posts / max) * 100)}%`;
        return el(
          'li',
          {},
          el('span', { class: 'term-name' }, label(r.term)),
          el('span', { class: 'term-bar', 'aria-hidden': 'true' }, fill),
          el('span', { class: 'term-count' }, f.number(r.posts)),
        );
      }),
    ),
    el('details', { class: 'chart-table' }, el('summary', {}, t('chart.table')), scrollBox(t('terms.hashtags'), termTable(rows, t('terms.hashtags'), label))),
  );
}

/**
 * Top words: each with its posts, most first; the table of their figures under it.
 * @param {TermRow[]} rows
 */
export function wordList(rows) {
  if (rows.length === 0) return el('p', { class: 'muted' }, t('terms.none'));
  const f = fmt();
  const label = (/** @type {string} */ term) => term;
  return el(
    'div',
    { class: 'terms' },
    el(
      'ol',
      { class: 'word-list' },
      rows.map((r) => el('li', {}, el('span', { class: 'word' }, r.term), ' ', el('span', { class: 'term-count' }, f.number(r.posts)))),
    ),
    el('details', { class: 'chart-table' }, el('summary', {}, t('chart.table')), scrollBox(t('terms.words'), termTable(rows, t('terms.words'), label))),
  );
}
