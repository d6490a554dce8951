// The settings page's import card: a template to download, the columns with an example in the
// reader's language, and a check of the chosen file (the API's dry run: the first rows with their
// problems, nothing stored) before the person confirms the import.
import { apiGet, apiSend, campaignPath } from './api.js';
import { el, scrollBox, stateBox } from './dom.js';
import { fmt, t } from './i18n.js';
import { errorBox } from './settings-actions.js';
/** @import { Campaign, ImportColumn, ImportPreview, ImportPreviewRow, ImportResult } from './api-types.js' */

/** The template's address: a public file of the API, made from the same columns the import reads. */
export const TEMPLATE_HREF = '/api/v1/import/template.csv';

/**
 * A row's problems (`field: message; field: message`), one line each.
 * @param {string} text
 */
function problemList(text) {
  const parts = text.split('; ');
  if (parts.length === 1) return text;
  return el(
    'ul',
    { class: 'problems' },
    parts.map((p) => el('li', {}, p)),
  );
}

const scrollTable = scrollBox;

/** The columns, each with whether it is needed, what it means and an example, from the API: a list that reads at any width. */
function columnsList() {
  // Empty until opened: most visits to the page never need it.
  const body = el('div', { id: 'import-columns-list' });
  let asked = false;
  const load = () => {
    asked = true;
    body.replaceChildren(stateBox('loading', t('state.loading')));
    return apiGet('/import/columns').then(
      (/** @type {{ columns: ImportColumn[] }} */ r) =>
        body.replaceChildren(
          el(
            'dl',
            { class: 'import-columns', id: 'import-columns-dl' },
            r.columns.flatMap((c) => [
              el(
                'dt',
                { 'data-column': c.name },
                el('code', {}, c.name),
                c.required ? el('span', { class: 'required' }, ` · ${t('settings.import.required')}`) : null,
              ),
              el('dd', {}, c.meaning, el('br'), el('span', { class: 'muted' }, `${t('settings.import.example')}: `), el('code', {}, c.example)),
            ]),
          ),
        ),
      (err) => body.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: load })),
    );
  };
  const details = el('details', { id: 'import-columns' }, el('summary', {}, t('settings.import.columns')), body);
  details.addEventListener('toggle', () => {
    if (details.open && !asked) void load();
  });
  return details;
}

/**
 * What a row held, in a few words: platform, post id, author and time (in the campaign's zone).
 * @param {ImportPreviewRow} r
 * @param {string} timeZone
 */
function rowFacts(r, timeZone) {
  const f = fmt();
  if (!r.platform) return el('p', { class: 'muted' }, t('settings.import.unreadable'));
  return el(
    'p',
    { class: 'item-meta' },
    el('strong', {}, r.platform),
    ` ${r.postId ?? ''}`,
    r.author ? ` · @${r.author}` : null,
    r.createdAt ? ` · ${f.dateTime(r.createdAt, timeZone)}` : null,
  );
}

/** @param {ImportPreviewRow} r */
function rowCounts(r) {
  const f = fmt();
  const c = r.counts ?? {};
  /** @type {Array<[string, number | undefined]>} */
  const shown = [
    ['likes', c.likes],
    ['reposts', c.reposts],
    ['replies', c.replies],
    ['views', r.views],
  ];
  const known = shown.filter(([, v]) => v !== undefined);
  return known.length ? known.map(([k, v]) => `${k} ${f.number(/** @type {number} */ (v))}`).join(' · ') : '';
}

/**
 * The dry run's answer: how many rows would come in, the first rows as cards (they read at any
 * width: no table to scroll on a phone), and the problems of later rows.
 * @param {ImportPreview} p
 * @param {string} timeZone
 */
function previewView(p, timeZone) {
  const f = fmt();
  const bad = p.rejected.length;
  const firstRows = new Set(p.preview.map((r) => r.row));
  const later = p.rejected.filter((r) => !firstRows.has(r.row));
  return el(
    'div',
    { class: 'import-preview', id: 'import-preview' },
    el(
      'p',
      { class: bad ? 'warning' : 'success', id: 'import-preview-summary' },
      t('settings.import.previewSummary', { rows: f.number(p.rows), accepted: f.number(p.accepted), rejected: f.number(bad) }),
    ),
    p.preview.length ? el('h3', { id: 'import-preview-title' }, t('settings.import.previewTitle', { n: f.number(p.preview.length) })) : null,
    p.preview.length
      ? el(
          'ol',
          { class: 'import-rows', id: 'import-preview-rows', 'aria-labelledby': 'import-preview-title' },
          p.preview.map((r) => {
            const counts = rowCounts(r);
            return el(
              'li',
              { class: `import-row ${r.ok ? 'ok' : 'bad'}`, 'data-row': r.row },
              el(
                'p',
                { class: 'item-title' },
                el('span', { class: 'row-number' }, t('settings.import.rowN', { n: f.number(r.row) })),
                ' ',
                el('span', { class: `badge ${r.ok ? 'succeeded' : 'failed'}` }, r.ok ? t('settings.import.rowOk') : t('settings.import.rowBad')),
              ),
              rowFacts(r, timeZone),
              r.text ? el('p', { class: 'import-text' }, r.text) : null,
              counts ? el('p', { class: 'muted' }, counts) : null,
              r.ok ? null : el('div', { class: 'row-problems' }, problemList(r.error ?? '')),
            );
          }),
        )
      : null,
    later.length ? rejectedTable(later, t('settings.import.laterProblems'), 'import-later') : null,
  );
}

/**
 * @param {Array<{ row: number, error: string }>} rows
 * @param {string} label
 * @param {string} [id]
 */
function rejectedTable(rows, label, id = 'import-rejected') {
  const f = fmt();
  return scrollTable(
    label,
    el(
      'table',
      { id },
      el('caption', {}, label),
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col', class: 'num' }, t('settings.import.row')), el('th', { scope: 'col' }, t('settings.import.problem'))),
      ),
      el(
        'tbody',
        {},
        rows.map((x) => el('tr', {}, el('th', { scope: 'row', class: 'num' }, f.number(x.row)), el('td', {}, problemList(x.error)))),
      ),
    ),
  );
}

/** @param {ImportResult} r */
function importResult(r) {
  const f = fmt();
  return el(
    'div',
    { class: 'import-result' },
    el(
      'p',
      { class: r.rejected.length ? 'warning' : 'success' },
      t('settings.import.summary', { imported: f.number(r.imported), duplicates: f.number(r.duplicates), rejected: f.number(r.rejected.length) }),
    ),
    r.rejected.length ? rejectedTable(r.rejected, t('settings.import.rejectedTitle')) : null,
  );
}

/**
 * The import card: template, columns, a file checked first and imported once confirmed.
 * @param {Campaign} campaign
 * @param {() => void} afterImport
 */
export function importSection(campaign, afterImport) {
  const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,.json,text/csv,application/json', 'aria-describedby': 'import-help' });
  const result = el('div', { id: 'import-result', role: 'status' });
  const check = el('button', { type: 'submit', id: 'import-check' }, t('settings.import.check'));
  const form = el(
    'form',
    { id: 'import-form' },
    el('label', { for: 'import-file' }, t('settings.import.file')),
    el('p', { class: 'help', id: 'import-help' }, t('settings.import.help')),
    file,
    el('p', {}, check),
  );
  /** The file checked last and its text, sent again as it is when the person confirms. */
  /** @type {{ body: string, contentType: string } | null} */
  let checked = null;
  const send = (/** @type {boolean} */ dryRun) => {
    if (!checked) throw new Error('no file checked');
    return apiSend('POST', `${campaignPath(campaign.id, 'import')}${dryRun ? '?dryRun=true' : ''}`, checked);
  };
  file.addEventListener('change', () => {
    checked = null;
    result.replaceChildren();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      result.replaceChildren(el('p', { class: 'error' }, t('settings.import.choose')));
      return;
    }
    result.replaceChildren(stateBox('loading', t('state.working')));
    const json = chosen.name.toLowerCase().endsWith('.json') || chosen.type === 'application/json';
    checked = { body: await chosen.text(), contentType: json ? 'application/json' : 'text/csv' };
    check.disabled = true;
    try {
      /** @type {ImportPreview} */
      const preview = await send(true);
      const confirm = el('button', { type: 'button', id: 'import-confirm' }, t('settings.import.confirm', { n: fmt().number(preview.accepted) }));
      const cancel = el('button', { type: 'button', class: 'secondary', id: 'import-cancel' }, t('settings.import.cancel'));
      cancel.addEventListener('click', () => {
        checked = null;
        form.reset();
        result.replaceChildren();
        file.focus();
      });
      confirm.addEventListener('click', async () => {
        confirm.disabled = true;
        cancel.disabled = true;
        result.append(stateBox('loading', t('state.working')));
        try {
          const r = await send(false);
          checked = null;
          form.reset();
          result.replaceChildren(importResult(r));
          afterImport();
        } catch (err) {
          result.replaceChildren(errorBox(err));
        }
      });
      result.replaceChildren(
        previewView(preview, campaign.timeZone),
        el('p', { class: 'actions' }, preview.accepted > 0 ? confirm : el('span', { class: 'warning' }, t('settings.import.nothing')), ' ', cancel),
      );
    } catch (err) {
      checked = null;
      result.replaceChildren(errorBox(err));
    } finally {
      check.disabled = false;
    }
  });
  return el(
    'section',
    { class: 'card block', 'aria-labelledby': 'import-title', id: 'import' },
    el('h2', { id: 'import-title' }, t('settings.import')),
    el(
      'p',
      { class: 'help' },
      el('a', { href: TEMPLATE_HREF, download: 'kabar-kampanye-import.csv', id: 'import-template' }, t('settings.import.template')),
      ' ',
      t('settings.import.templateHelp'),
    ),
    columnsList(),
    form,
    result,
  );
}
