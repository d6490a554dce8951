// Workshops on the dashboard: on the settings page, the campaign's managers and admins create and
// delete workshops and register their participants (one by one, or the registration sheet as CSV);
// on the overview, everyone who reads the campaign sees who went on to post (the activation
// figures, METRICS.md "Workshops"), as sentences and a table.
import { apiGet, apiSend, campaignPath } from './api.js';
import { el, stateBox } from './dom.js';
import { confirmAction, detailMessages, failureText, field, formErrors, formSummary } from './forms.js';
import { fmt, t } from './i18n.js';
import { startOfDayIso } from './zoned-date.js';
/** @import { Campaign, City } from './api-types.js' */

/**
 * @typedef {{ id: string, name: string, city: string, startsAt: string, endsAt: string, venue: string | null, capacity: number | null, participants: number }} Workshop
 * @typedef {{ participants: number, active: number, activationRate: number | null, posts: number, engagement: number, reach: number }} Activation
 * @typedef {Activation & { workshopId: string, name: string, city: string, startsAt: string, endsAt: string, window: number, before: Activation }} ActivationRow
 * @typedef {{ row: number, error: string }} Rejected
 */

const GROUPS = ['ngo', 'teacher', 'student', 'entrepreneur', 'government', 'other'];
const PLATFORMS = ['instagram', 'facebook', 'tiktok', 'x', 'whatsapp', 'youtube', 'threads', 'mastodon', 'bluesky', 'linkedin', 'telegram', 'other'];

/** @type {Promise<Map<string, string>> | null} */
let cityNames = null;
/** City code → name, from the gazetteer (GET /cities), asked once per page. */
function cityNamesOnce() {
  cityNames ??= apiGet('/cities').then(
    (/** @type {{ cities: City[] }} */ r) => new Map(r.cities.map((c) => [c.code, c.name])),
    () => new Map(),
  );
  return cityNames;
}

/**
 * `2015-01-20` and `09:00` in the campaign's zone → `2015-01-20T09:00:00+08:00`.
 * @param {string} day
 * @param {string} time
 * @param {string} timeZone
 */
function instantIn(day, time, timeZone) {
  const midnight = startOfDayIso(day, timeZone);
  return `${day}T${time}:00${midnight.slice(-6)}`;
}

/**
 * The workshops section of the settings page (managers and admins).
 * @param {Campaign} campaign
 */
export function workshopsSection(campaign) {
  const path = campaignPath(campaign.id, 'workshops');
  const list = el('div', { id: 'workshop-list', 'aria-live': 'polite' }, stateBox('loading', t('state.loading')));
  const status = el('p', { class: 'saved', id: 'workshop-status', role: 'status' });
  const f = fmt();

  const load = async () => {
    try {
      const [{ workshops }, names] = await Promise.all([/** @type {Promise<{ workshops: Workshop[] }>} */ (apiGet(path)), cityNamesOnce()]);
      list.replaceChildren(
        workshops.length === 0
          ? el('p', { class: 'muted' }, t('workshops.none'))
          : el(
              'ul',
              { class: 'item-list' },
              workshops.map((w) => workshopItem(w, names.get(w.city) ?? w.city)),
            ),
      );
    } catch (err) {
      list.replaceChildren(stateBox('error', t('error.load', { message: failureText(err) }), { label: t('action.retry'), run: () => void load() }));
    }
  };

  /**
   * @param {Workshop} w
   * @param {string} cityName
   */
  const workshopItem = (w, cityName) => {
    const remove = confirmAction({
      label: t('workshops.delete'),
      ariaLabel: t('workshops.deleteLabel', { name: w.name }),
      question: t('workshops.deleteQuestion', { name: w.name }),
      yes: t('workshops.deleteYes'),
      run: async () => {
        await apiSend('DELETE', `${path}/${encodeURIComponent(w.id)}`);
        status.textContent = t('workshops.deleted', { name: w.name });
        await load();
      },
    });
    return el(
      'li',
      { class: 'item workshop', 'data-workshop': w.id },
      el('p', { class: 'item-name' }, el('strong', {}, w.name), ` · ${cityName}`),
      el(
        'p',
        { class: 'muted' },
        f.dateTime(w.startsAt, campaign.timeZone),
        ' – ',
        f.dateTime(w.endsAt, campaign.timeZone),
        w.venue ? ` · ${w.venue}` : '',
        ' · ',
        t('workshops.participantCount', { n: f.number(w.participants), capacity: w.capacity === null ? '—' : f.number(w.capacity) }),
      ),
      participantsPanel(campaign, w),
      el('div', { class: 'item-actions' }, remove),
    );
  };

  const form = createForm(campaign, async (name) => {
    status.textContent = t('workshops.created', { name });
    await load();
  });
  void load();
  return el(
    'section',
    { class: 'card block', id: 'workshops', 'aria-labelledby': 'workshops-title' },
    el('h2', { id: 'workshops-title' }, t('workshops.title')),
    el('p', { class: 'help' }, t('workshops.help')),
    list,
    status,
    form,
  );
}

/**
 * The form that creates a workshop.
 * @param {Campaign} campaign
 * @param {(name: string) => Promise<void>} created
 */
function createForm(campaign, created) {
  const today = new Date().toISOString().slice(0, 10);
  const name = field('w-name', t('workshops.name'), el('input', { type: 'text', required: true, maxlength: '200', autocomplete: 'off' }));
  const city = field('w-city', t('workshops.city'), el('select', { required: true }));
  const day = field('w-day', t('workshops.day'), el('input', { type: 'date', required: true, value: today }));
  const from = field('w-from', t('workshops.from'), el('input', { type: 'time', required: true, value: '09:00' }));
  const to = field('w-to', t('workshops.to'), el('input', { type: 'time', required: true, value: '16:00' }), t('workshops.zone', { zone: campaign.timeZone }));
  const venue = field('w-venue', t('workshops.venue'), el('input', { type: 'text', maxlength: '300' }));
  const capacity = field('w-capacity', t('workshops.capacity'), el('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric' }));
  const summary = formSummary('w-summary');
  const errors = formErrors({ name, city, startsAt: from, endsAt: to, venue, capacity }, summary);
  void cityNamesOnce().then((names) => {
    // The campaign's own cities first, then every other kota and kabupaten.
    const own = (campaign.cities ?? []).filter((c) => names.has(c));
    const rest = [...names].filter(([code]) => !own.includes(code)).sort((a, b) => a[1].localeCompare(b[1]));
    city.control.replaceChildren(
      ...own.map((code) => el('option', { value: code }, names.get(code) ?? code)),
      ...rest.map(([code, n]) => el('option', { value: code }, n)),
    );
  });
  const submit = el('button', { type: 'submit', id: 'w-submit' }, t('workshops.create'));
  const form = el(
    'form',
    { id: 'workshop-form', novalidate: true },
    el('h3', {}, t('workshops.new')),
    summary,
    name.element,
    city.element,
    el('div', { class: 'field-row' }, day.element, from.element, to.element),
    venue.element,
    capacity.element,
    el('p', {}, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    const input = /** @param {{ control: HTMLElement }} x */ (x) => /** @type {HTMLInputElement} */ (x.control).value.trim();
    /** @type {Record<string, unknown>} */
    const body = {
      name: input(name),
      city: input(city),
      startsAt: instantIn(input(day), input(from), campaign.timeZone),
      endsAt: instantIn(input(day), input(to), campaign.timeZone),
    };
    if (input(venue)) body.venue = input(venue);
    if (input(capacity)) body.capacity = Number(input(capacity));
    submit.disabled = true;
    try {
      await apiSend('POST', campaignPath(campaign.id, 'workshops'), { json: body });
      /** @type {HTMLInputElement} */ (name.control).value = '';
      await created(String(body.name));
    } catch (err) {
      if (!(err.status === 400 && errors.show(detailMessages(err, ['name', 'city', 'startsAt', 'endsAt', 'venue', 'capacity'])))) errors.fail(failureText(err));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * One workshop's participants: the list (names and handles: this section is for managers), a form
 * for one participant and the registration sheet.
 * @param {Campaign} campaign
 * @param {Workshop} w
 */
function participantsPanel(campaign, w) {
  const path = campaignPath(campaign.id, `workshops/${encodeURIComponent(w.id)}/participants`);
  const key = w.id.replace(/[^A-Za-z0-9_-]/g, '');
  const body = el('div', { class: 'participants' });
  const result = el('div', { role: 'status' });
  const summaryLine = el('summary', {}, t('participants.title', { n: fmt().number(w.participants) }));
  const details = el('details', { class: 'participants-panel' }, summaryLine, body);
  /** @type {Element | null} */
  let listNode = null;
  /** After a change: this workshop's list and count again, the forms and their messages left as they are. */
  const refresh = async () => {
    const next = await loadList();
    listNode?.replaceWith(next);
    listNode = next;
  };

  const loadList = async () => {
    try {
      /** @type {{ participants?: Array<{ id: string, name: string, group: string, accounts: Array<{ platform: string, handle: string }> }> }} */
      const r = await apiGet(path);
      const rows = r.participants ?? [];
      summaryLine.textContent = t('participants.title', { n: fmt().number(rows.length) });
      return rows.length === 0
        ? el('p', { class: 'muted' }, t('participants.none'))
        : el(
            'ul',
            { class: 'participant-list' },
            rows.map((p) =>
              el(
                'li',
                {},
                el('span', {}, p.name),
                ` · ${t(`participants.group.${p.group}`)}`,
                p.accounts.length > 0 ? ` · ${p.accounts.map((a) => `${a.platform}: @${a.handle}`).join(', ')}` : '',
              ),
            ),
          );
    } catch (err) {
      return el('p', { class: 'error' }, failureText(err));
    }
  };

  const pName = field(`p-name-${key}`, t('participants.name'), el('input', { type: 'text', maxlength: '200', autocomplete: 'off' }));
  const pGroup = field(
    `p-group-${key}`,
    t('participants.group'),
    el(
      'select',
      {},
      GROUPS.map((g) => el('option', { value: g }, t(`participants.group.${g}`))),
    ),
  );
  const pPlatform = field(
    `p-platform-${key}`,
    t('participants.platform'),
    el(
      'select',
      {},
      PLATFORMS.map((p) => el('option', { value: p }, p)),
    ),
  );
  const pHandle = field(`p-handle-${key}`, t('participants.handle'), el('input', { type: 'text', maxlength: '100', autocomplete: 'off', placeholder: '@' }));
  const consent = el('input', { type: 'checkbox', id: `p-consent-${key}` });
  const oneSummary = formSummary(`p-summary-${key}`);
  const oneForm = el(
    'form',
    { class: 'participant-form', novalidate: true },
    el('h4', {}, t('participants.addOne')),
    oneSummary,
    pName.element,
    el('div', { class: 'field-row' }, pGroup.element, pPlatform.element, pHandle.element),
    el('p', { class: 'check-field' }, el('label', { class: 'check', for: `p-consent-${key}` }, consent, ' ', t('participants.consent'))),
    el('p', {}, el('button', { type: 'submit' }, t('participants.add'))),
  );
  const oneErrors = formErrors({ name: pName, group: pGroup, accounts: pHandle }, oneSummary);
  oneForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    oneErrors.clear();
    const handle = /** @type {HTMLInputElement} */ (pHandle.control).value.trim();
    const json = {
      name: /** @type {HTMLInputElement} */ (pName.control).value.trim(),
      group: /** @type {HTMLSelectElement} */ (pGroup.control).value,
      accounts: handle ? [{ platform: /** @type {HTMLSelectElement} */ (pPlatform.control).value, handle }] : [],
      consent: consent.checked,
    };
    try {
      await apiSend('POST', path, { json });
      result.replaceChildren(el('p', { class: 'saved' }, t('participants.added', { n: fmt().number(1) })));
      await refresh();
    } catch (err) {
      const messages = detailMessages(err, ['name', 'group', 'accounts', 'consent']);
      // Consent has no field of its own to mark: its message goes to the top of the form.
      if (messages.consent) oneErrors.fail(messages.consent);
      else if (!(err.status === 400 && oneErrors.show(messages))) oneErrors.fail(failureText(err));
    }
  });

  const file = el('input', { type: 'file', id: `p-file-${key}`, accept: '.csv,text/csv', 'aria-describedby': `p-file-help-${key}` });
  const sheetForm = el(
    'form',
    { class: 'sheet-form' },
    el('h4', {}, t('participants.sheet')),
    el('label', { for: `p-file-${key}` }, t('participants.sheetFile')),
    el('p', { class: 'help', id: `p-file-help-${key}` }, t('participants.sheetHelp')),
    file,
    el('p', {}, el('button', { type: 'submit' }, t('participants.upload'))),
  );
  sheetForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      result.replaceChildren(el('p', { class: 'error' }, t('settings.import.choose')));
      return;
    }
    result.replaceChildren(stateBox('loading', t('state.working')));
    try {
      /** @type {{ added: number, rejected: Rejected[] }} */
      const r = await apiSend('POST', path, { body: await chosen.text(), contentType: 'text/csv' });
      result.replaceChildren(
        el('p', { class: 'saved' }, t('participants.added', { n: fmt().number(r.added) })),
        ...(r.rejected.length > 0
          ? [
              el('p', { class: 'error' }, t('participants.rejected', { n: fmt().number(r.rejected.length) })),
              el(
                'ul',
                { class: 'rejected-rows' },
                r.rejected.map((x) => el('li', {}, t('participants.row', { row: String(x.row), error: x.error }))),
              ),
            ]
          : []),
      );
      await refresh();
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert' }, failureText(err)));
    }
  });

  details.addEventListener('toggle', async () => {
    if (!details.open || body.childElementCount > 0) return;
    body.replaceChildren(stateBox('loading', t('state.loading')));
    listNode = await loadList();
    body.replaceChildren(listNode, result, oneForm, sheetForm);
  });
  return details;
}

/**
 * A bar as long as a share (CSSOM, which the page's CSP allows; a style attribute it would refuse).
 * @param {number | null} share
 */
function barFill(share) {
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = `${Math.round((share ?? 0) * 100)}%`;
  return fill;
}

/**
 * "Of 84 participants in Kupang, 51 posted within 30 days: 61 %", one sentence per workshop, and
 * the whole as a table with the window before: the overview's activation section. Nothing when the
 * campaign has no workshops.
 * @param {Campaign} campaign
 */
export function activationSection(campaign) {
  const section = el('section', { class: 'card block activation', id: 'activation', 'aria-labelledby': 'activation-title', hidden: true });
  const windowSelect = el(
    'select',
    { id: 'activation-window' },
    el('option', { value: '30' }, t('activation.window', { n: '30' })),
    el('option', { value: '7' }, t('activation.window', { n: '7' })),
  );
  const content = el('div', { 'aria-live': 'polite' });
  const f = fmt();

  const load = async () => {
    try {
      const [r, names] = await Promise.all([
        /** @type {Promise<{ window: number, workshops: ActivationRow[] }>} */ (
          apiGet(`${campaignPath(campaign.id, 'metrics/workshops')}?window=${windowSelect.value}`)
        ),
        cityNamesOnce(),
      ]);
      if (r.workshops.length === 0) {
        section.hidden = true;
        return;
      }
      section.hidden = false;
      const city = (/** @type {ActivationRow} */ w) => names.get(w.city) ?? w.city;
      const bars = el(
        'ul',
        { class: 'activation-bars', 'aria-hidden': 'true' },
        r.workshops.map((w) =>
          el(
            'li',
            {},
            el('span', { class: 'bar-label' }, `${w.name} (${city(w)})`),
            el('span', { class: 'bar-track' }, barFill(w.activationRate)),
            el('span', { class: 'bar-value' }, f.percent(w.activationRate)),
          ),
        ),
      );
      const sentences = el(
        'ul',
        { class: 'activation-sentences' },
        r.workshops.map((w) =>
          el(
            'li',
            {},
            t('activation.sentence', {
              participants: f.number(w.participants),
              city: city(w),
              active: f.number(w.active),
              days: String(r.window),
              rate: f.percent(w.activationRate),
            }),
          ),
        ),
      );
      const table = el(
        'table',
        { class: 'data-table activation-table' },
        el('caption', {}, t('activation.caption', { n: String(r.window) })),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            [
              'activation.col.workshop',
              'activation.col.participants',
              'activation.col.active',
              'activation.col.rate',
              'activation.col.before',
              'activation.col.posts',
              'activation.col.engagement',
            ].map((k) => el('th', { scope: 'col' }, t(k))),
          ),
        ),
        el(
          'tbody',
          {},
          r.workshops.map((w) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, `${w.name} (${city(w)})`),
              el('td', {}, f.number(w.participants)),
              el('td', {}, f.number(w.active)),
              el('td', {}, f.percent(w.activationRate)),
              el('td', {}, f.percent(w.before.activationRate)),
              el('td', {}, f.number(w.posts)),
              el('td', {}, f.number(w.engagement)),
            ),
          ),
        ),
      );
      content.replaceChildren(sentences, bars, el('div', { class: 'table-scroll' }, table));
    } catch (err) {
      section.hidden = false;
      content.replaceChildren(stateBox('error', t('error.load', { message: failureText(err) }), { label: t('action.retry'), run: () => void load() }));
    }
  };
  windowSelect.addEventListener('change', () => void load());
  section.append(
    el('h2', { id: 'activation-title' }, t('activation.title')),
    el('p', { class: 'help' }, t('activation.help')),
    el('p', { class: 'field inline' }, el('label', { for: 'activation-window' }, t('activation.windowLabel')), ' ', windowSelect),
    content,
  );
  void load();
  return section;
}
