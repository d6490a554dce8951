// What a campaign manager does besides editing: collect now and see the latest runs (importing a
// file is import-card.js).
import { apiFresh, apiSend, campaignPath } from './api.js';
import { el, scrollBox, stateBox } from './dom.js';
import { fmt, t } from './i18n.js';
/** @import { Campaign, ErrorDetail, Run } from './api-types.js' */

/**
 * @param {Run[]} runs
 * @param {Campaign} campaign
 */
function runsTable(runs, campaign) {
  if (runs.length === 0) return el('p', { class: 'muted' }, t('settings.runs.none'));
  const f = fmt();
  const head = [t('col.source'), t('settings.runs.kind'), t('settings.runs.status'), t('settings.runs.started'), t('settings.runs.new')];
  return scrollBox(
    t('settings.runs'),
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

/**
 * A failed request in words, with the fields it names (the collect and import cards).
 * @param {any} err what was thrown: an ApiError, or anything else
 */
export function errorBox(err) {
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

/** How long to wait between looks at running work: soon at first, then less often. */
const POLL_FIRST_MS = 1000;
const POLL_MAX_MS = 15_000;

/**
 * What each queued or running run is doing, in words; empty when nothing runs. A job this page
 * queued has no run until a worker takes it: it is waiting.
 * @param {Run[]} runs
 * @param {Map<string, string>} queued job id → source, of the jobs this page queued
 */
function progressText(runs, queued) {
  const f = fmt();
  const seen = new Set(runs.map((r) => r.jobId));
  for (const r of runs) if (r.jobId && r.status !== 'queued' && r.status !== 'running') queued.delete(r.jobId);
  const waiting = [...queued].filter(([job]) => !seen.has(job)).map(([, source]) => ({ source, status: 'queued', pages: 0, postsRead: 0 }));
  return [...runs.filter((r) => r.status === 'queued' || r.status === 'running'), ...waiting]
    .map((r) =>
      r.status === 'queued'
        ? t('settings.collect.waiting', { source: t(`source.${r.source}`) })
        : t('settings.collect.running', { source: t(`source.${r.source}`), pages: f.number(r.pages ?? 0), posts: f.number(r.postsRead ?? 0) }),
    )
    .join(' · ');
}

/**
 * The collect button and the runs list. While a run is queued or running the list looks again by
 * itself (sooner first, then less often) and says how far it got; when the work is done,
 * `onSettled` refreshes what depends on it.
 * @param {Campaign} campaign
 * @param {() => void} [onSettled]
 */
export function collectSection(campaign, onSettled) {
  const runs = el('div', { id: 'runs' }, stateBox('loading', t('state.loading')));
  const result = el('div', { id: 'collect-result', role: 'status' });
  const progress = el('p', { id: 'collect-progress', class: 'progress', role: 'status', hidden: true });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let wasRunning = false;
  /** @type {Map<string, string>} */
  const queued = new Map();
  /** @param {number} delay the wait before the next look, if work still runs */
  const loadRuns = async (delay = POLL_FIRST_MS) => {
    clearTimeout(timer);
    try {
      /** @type {{ runs: Run[] }} */
      const r = await apiFresh(campaignPath(campaign.id, 'runs?limit=10'));
      runs.replaceChildren(runsTable(r.runs, campaign));
      const text = progressText(r.runs, queued);
      progress.textContent = text;
      progress.hidden = text === '';
      // The page moved on: stop looking.
      if (!runs.isConnected && wasRunning) return;
      if (text) {
        wasRunning = true;
        timer = setTimeout(() => void loadRuns(Math.min(delay * 2, POLL_MAX_MS)), delay);
      } else if (wasRunning) {
        wasRunning = false;
        onSettled?.();
      }
    } catch (err) {
      runs.replaceChildren(errorBox(err));
    }
  };
  const button = el('button', { type: 'button', id: 'collect' }, t('settings.collect'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.textContent = t('state.working');
    try {
      /** @type {{ runs: Array<{ source: string, jobId: string }>, skipped?: Array<{ source: string, reason: string }> }} */
      const r = await apiSend('POST', campaignPath(campaign.id, 'collect'));
      const skipped = r.skipped ?? [];
      result.replaceChildren(
        el(
          'p',
          {},
          r.runs.length
            ? t('settings.collect.queued', { sources: r.runs.map((x) => t(`source.${x.source}`)).join(', ') })
            : skipped.length
              ? t('settings.collect.noneQueued')
              : t('settings.collect.nothing'),
        ),
        // A source this server has no credentials for is not queued: what to set instead of a failed run.
        ...skipped.map((s) =>
          el('p', { class: 'warning' }, el('strong', {}, t('settings.collect.skipped', { source: t(`source.${s.source}`) })), ' ', s.reason),
        ),
      );
      for (const x of r.runs) queued.set(x.jobId, x.source);
    } catch (err) {
      result.replaceChildren(errorBox(err));
    } finally {
      button.disabled = false;
      void loadRuns();
    }
  });
  void loadRuns();
  return {
    element: el(
      'section',
      { class: 'card block', 'aria-labelledby': 'collect-title' },
      el('h2', { id: 'collect-title' }, t('settings.collection')),
      el('p', { class: 'help' }, t('settings.collect.help')),
      button,
      result,
      progress,
      el('h3', {}, t('settings.runs')),
      runs,
    ),
    loadRuns: () => void loadRuns(),
  };
}
