// What a campaign manager does besides editing: collect now, see the latest runs, and import a
// file from a platform without an open API, with the result row by row.
import { apiGet, apiSend, campaignPath } from './api.js';
import { el, stateBox } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Campaign, ErrorDetail, ImportResult, Run } from './api-types.js' */

/**
 * @param {Run[]} runs
 * @param {Campaign} campaign
 */
function runsTable(runs, campaign) {
  if (runs.length === 0) return el('p', { class: 'muted' }, t('settings.runs.none'));
  const f = fmt();
  const head = [t('col.source'), t('settings.runs.kind'), t('settings.runs.status'), t('settings.runs.started'), t('settings.runs.new')];
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'runs' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          head.map((h, i) => el('th', { scope: 'col', class: i === 4 ? 'num' : null }, h)),
        ),
      ),
      el(
        'tbody',
        {},
        runs.map((r) =>
          el(
            'tr',
            { class: r.status },
            el('td', {}, t(`source.${r.source}`)),
            el('td', {}, t(`settings.runs.kind.${r.kind}`)),
            el('td', {}, el('span', { class: `badge ${r.status}` }, t(`status.${r.status}`)), r.error ? el('p', { class: 'run-error' }, r.error) : null),
            el('td', {}, f.dateTime(r.startedAt, campaign.timeZone)),
            el('td', { class: 'num' }, f.number(r.newPosts)),
          ),
        ),
      ),
    ),
  );
}

/** @param {any} err what was thrown: an ApiError, or anything else */
function errorBox(err) {
  // A refusal in words: a participant may change only the campaigns marked as theirs.
  const message = err.status === 403 ? t('settings.forbidden') : err.code === 'network' ? t('error.network') : err.message;
  /** @type {ErrorDetail[] | undefined} */
  const details = err.details;
  return el(
    'div',
    { class: 'state-box error', role: 'alert' },
    el('p', {}, message),
    details?.length
      ? el(
          'ul',
          {},
          details.map((d) => el('li', {}, `${d.field}: ${d.message}`)),
        )
      : null,
  );
}

/**
 * The collect button and the runs list.
 * @param {Campaign} campaign
 */
export function collectSection(campaign) {
  const runs = el('div', { id: 'runs' }, stateBox('loading', t('state.loading')));
  const result = el('p', { id: 'collect-result', role: 'status' });
  const loadRuns = () =>
    apiGet(campaignPath(campaign.id, 'runs?limit=10')).then(
      (r) => runs.replaceChildren(runsTable(r.runs, campaign)),
      (err) => runs.replaceChildren(errorBox(err)),
    );
  const button = el('button', { type: 'button', id: 'collect' }, t('settings.collect'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.textContent = t('state.working');
    try {
      /** @type {{ runs: Array<{ source: string }> }} */
      const r = await apiSend('POST', campaignPath(campaign.id, 'collect'));
      result.textContent = r.runs.length
        ? t('settings.collect.queued', { sources: r.runs.map((x) => t(`source.${x.source}`)).join(', ') })
        : t('settings.collect.nothing');
    } catch (err) {
      result.replaceChildren(errorBox(err));
    } finally {
      button.disabled = false;
      loadRuns();
    }
  });
  loadRuns();
  return {
    element: el(
      'section',
      { class: 'card block', 'aria-labelledby': 'collect-title' },
      el('h2', { id: 'collect-title' }, t('settings.collection')),
      el('p', { class: 'help' }, t('settings.collect.help')),
      button,
      result,
      el('h3', {}, t('settings.runs')),
      runs,
    ),
    loadRuns,
  };
}

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
    r.rejected.length
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { id: 'import-rejected' },
            el(
              'thead',
              {},
              el('tr', {}, el('th', { scope: 'col', class: 'num' }, t('settings.import.row')), el('th', { scope: 'col' }, t('settings.import.problem'))),
            ),
            el(
              'tbody',
              {},
              r.rejected.map((x) => el('tr', {}, el('td', { class: 'num' }, f.number(x.row)), el('td', {}, problemList(x.error)))),
            ),
          ),
        )
      : null,
  );
}

/**
 * The import form: a CSV or JSON file, sent as it is; the API reads and checks every row.
 * @param {Campaign} campaign
 * @param {() => void} afterImport
 */
export function importSection(campaign, afterImport) {
  const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,.json,text/csv,application/json', 'aria-describedby': 'import-help' });
  const result = el('div', { id: 'import-result', role: 'status' });
  const form = el(
    'form',
    { id: 'import-form' },
    el('label', { for: 'import-file' }, t('settings.import.file')),
    el('p', { class: 'help', id: 'import-help' }, t('settings.import.help')),
    file,
    el('p', {}, el('button', { type: 'submit', id: 'import-submit' }, t('settings.import.submit'))),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      result.replaceChildren(el('p', { class: 'error' }, t('settings.import.choose')));
      return;
    }
    result.replaceChildren(stateBox('loading', t('state.working')));
    const json = chosen.name.toLowerCase().endsWith('.json') || chosen.type === 'application/json';
    try {
      const r = await apiSend('POST', campaignPath(campaign.id, 'import'), { body: await chosen.text(), contentType: json ? 'application/json' : 'text/csv' });
      result.replaceChildren(importResult(r));
      afterImport();
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  });
  return el('section', { class: 'card block', 'aria-labelledby': 'import-title' }, el('h2', { id: 'import-title' }, t('settings.import')), form, result);
}
