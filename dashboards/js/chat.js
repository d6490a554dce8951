// The WhatsApp support channel (docs/whatsapp.md): on the overview, its activity per day (counts
// only, for everyone who reads the report); on the settings page, the import form for managers.
import { apiGet, apiSend, campaignPath } from './api.js';
import { el, scrollBox, stateBox } from './dom.js';
import { confirmAction, detailMessages, failureText, field } from './forms.js';
import { fmt, t } from './i18n.js';
import { sayMinutes } from './report-summary.js';
/** @import { Campaign } from './api-types.js' */

/**
 * @typedef {{ day: string, messages: number, activeMembers: number, questions: number, answers: number,
 *   answered: number, unanswered: number, medianFirstResponseMinutes: number | null }} ChatDay
 * @typedef {{ days: ChatDay[], totals: Omit<ChatDay, 'day'> & { members: number, days: number } }} ChatActivity
 * @typedef {{ messages: number, members: number, days: number, rejectedLines: number, rejectedSample: number[],
 *   added: number, duplicates: number, from: string | null, to: string | null, dateOrder: 'dmy' | 'mdy',
 *   dateOrderAssumed: boolean, facilitators: number, textKept: boolean }} ChatImport
 */

/** Minutes as a person reads them: "45 min", "2 h 05 min". */
const minutes = (/** @type {number | null} */ m) => sayMinutes(m, t, fmt());

/**
 * Support-channel activity per day for the overview; hidden while the campaign has no chat.
 * @param {Campaign} campaign
 */
export function chatActivitySection(campaign) {
  const section = el('section', { class: 'card block chat-activity', id: 'chat-activity', 'aria-labelledby': 'chat-activity-title', hidden: true });
  const content = el('div', { 'aria-live': 'polite' });
  const load = async () => {
    try {
      /** @type {ChatActivity} */
      const r = await apiGet(campaignPath(campaign.id, 'chat-activity'));
      if (r.days.length === 0) {
        section.hidden = true;
        return;
      }
      section.hidden = false;
      const f = fmt();
      const total = r.totals;
      const summary = el(
        'p',
        { id: 'chat-summary' },
        t('chat.summary', {
          messages: f.number(total.messages),
          members: f.number(total.members),
          days: f.number(total.days),
          questions: f.number(total.questions),
          unanswered: f.number(total.unanswered),
          median: minutes(total.medianFirstResponseMinutes),
        }),
      );
      const cols = [
        'chat.col.day',
        'chat.col.messages',
        'chat.col.members',
        'chat.col.questions',
        'chat.col.answers',
        'chat.col.unanswered',
        'chat.col.median',
      ];
      const table = el(
        'table',
        { class: 'data-table chat-table' },
        el('caption', {}, t('chat.caption')),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            cols.map((k) => el('th', { scope: 'col' }, t(k))),
          ),
        ),
        el(
          'tbody',
          {},
          r.days.map((d) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, f.day(d.day)),
              el('td', {}, f.number(d.messages)),
              el('td', {}, f.number(d.activeMembers)),
              el('td', {}, f.number(d.questions)),
              el('td', {}, f.number(d.answers)),
              el('td', {}, f.number(d.unanswered)),
              el('td', {}, minutes(d.medianFirstResponseMinutes)),
            ),
          ),
        ),
      );
      content.replaceChildren(summary, scrollBox(t('chat.caption'), table));
    } catch (err) {
      section.hidden = false;
      content.replaceChildren(stateBox('error', t('error.load', { message: failureText(err) }), { label: t('action.retry'), run: () => void load() }));
    }
  };
  section.append(el('h2', { id: 'chat-activity-title' }, t('chat.title')), el('p', { class: 'help' }, t('chat.help')), content);
  void load();
  return section;
}

/**
 * The import form for managers: the export (.txt or .zip) and the facilitators' names as the chat shows them.
 * @param {Campaign} campaign
 */
export function chatImportSection(campaign) {
  const file = field(
    'chat-file',
    t('chat.import.file'),
    el('input', { type: 'file', name: 'file', accept: '.txt,.zip,text/plain,application/zip' }),
    t('chat.import.fileHelp'),
  );
  const facilitators = field(
    'chat-facilitators',
    t('chat.import.facilitators'),
    el('input', { type: 'text', name: 'facilitators', maxlength: 2000, autocomplete: 'off' }),
    t('chat.import.facilitatorsHelp'),
  );
  const status = el('p', { class: 'muted', id: 'chat-import-status', role: 'status' });
  const result = el('div', { id: 'chat-import-result', 'aria-live': 'polite' });
  const form = el(
    'form',
    { id: 'chat-import-form' },
    el('p', { class: 'help' }, t('chat.import.help')),
    file.element,
    facilitators.element,
    el('p', {}, el('button', { type: 'submit', id: 'chat-import-send' }, t('chat.import.send'))),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    file.clear();
    facilitators.clear();
    result.replaceChildren();
    const chosen = /** @type {HTMLInputElement} */ (file.control).files?.[0];
    if (!chosen) return file.show(t('settings.import.choose'));
    const names = /** @type {HTMLInputElement} */ (facilitators.control).value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const query = names.length > 0 ? `?${new URLSearchParams(names.map((n) => ['facilitators', n])).toString()}` : '';
    const zip = /\.zip$/i.test(chosen.name);
    status.textContent = t('chat.import.sending');
    try {
      /** @type {ChatImport} */
      const r = await apiSend('POST', campaignPath(campaign.id, 'chat-import') + query, { body: chosen, contentType: zip ? 'application/zip' : 'text/plain' });
      const f = fmt();
      status.textContent = t('chat.import.done');
      result.replaceChildren(
        el(
          'ul',
          { class: 'chat-result' },
          el('li', {}, t('chat.import.messages', { n: f.number(r.messages), added: f.number(r.added), duplicates: f.number(r.duplicates) })),
          el('li', {}, t('chat.import.members', { n: f.number(r.members), facilitators: f.number(r.facilitators) })),
          el('li', {}, t('chat.import.days', { n: f.number(r.days) })),
          el(
            'li',
            { id: 'chat-rejected' },
            t('chat.import.rejected', { n: f.number(r.rejectedLines) }),
            r.rejectedSample.length > 0 ? ` ${t('chat.import.rejectedLines', { lines: r.rejectedSample.join(', ') })}` : '',
          ),
          r.dateOrderAssumed ? el('li', {}, t(r.dateOrder === 'dmy' ? 'chat.import.assumedDmy' : 'chat.import.assumedMdy')) : null,
          el('li', {}, t(r.textKept ? 'chat.import.textKept' : 'chat.import.textNotKept')),
        ),
      );
    } catch (err) {
      const fields = detailMessages(err, ['file', 'facilitators', 'content-type']);
      if (fields.file || fields['content-type']) file.show(fields.file ?? fields['content-type'] ?? '');
      if (fields.facilitators) facilitators.show(fields.facilitators);
      status.textContent = failureText(err);
    }
  });
  const removal = el('div', { class: 'chat-delete', id: 'chat-delete' });
  const removalStatus = el('p', { class: 'muted', id: 'chat-delete-status', role: 'status' });
  // Asked first (it cannot be undone); once done, the button is back for a later import.
  const removeButton = () =>
    confirmAction({
      label: t('chat.delete'),
      ariaLabel: t('chat.delete'),
      question: t('chat.delete.question'),
      yes: t('chat.delete.yes'),
      run: async () => {
        /** @type {{ messages: number, facilitators: number }} */
        const r = await apiSend('DELETE', campaignPath(campaign.id, 'chat-messages'));
        const f = fmt();
        result.replaceChildren();
        removalStatus.textContent = t('chat.delete.done', { messages: f.number(r.messages), facilitators: f.number(r.facilitators) });
        removal.replaceChildren(removeButton());
      },
    });
  removal.append(removeButton());
  return el(
    'section',
    { class: 'card block', id: 'chat-import', 'aria-labelledby': 'chat-import-title' },
    el('h2', { id: 'chat-import-title' }, t('chat.import.title')),
    form,
    status,
    result,
    el('p', { class: 'help' }, t('chat.delete.help')),
    removal,
    removalStatus,
  );
}
