// Workshops on the dashboard: on the settings page, the campaign's managers and admins create and
// delete workshops and register their participants (one by one, or the registration sheet as CSV);
// on the overview, everyone who reads the campaign sees who went on to post (the activation
// figures, METRICS.md "Workshops"), as sentences and a table.
import { apiGet, apiSend, campaignPath } from './api.js';
import { el, scrollBox, stateBox } from './dom.js';
import { confirmAction, detailMessages, failureText, field, formErrors, formSummary } from './forms.js';
import { fmt, t } from './i18n.js';
import { dayInZone, startOfDayIso } from './zoned-date.js';
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
    const edit = el(
      'button',
      { type: 'button', class: 'secondary small', 'aria-label': t('workshops.editLabel', { name: w.name }) },
      t('workshops.editButton'),
    );
    const item = el(
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
      el('div', { class: 'item-actions' }, edit, remove),
    );
    edit.addEventListener('click', () => {
      const editor = workshopForm(
        campaign,
        async (saved) => {
          if (saved) {
            status.textContent = t('workshops.saved', { name: saved });
            await load();
          } else {
            editing.replaceWith(item);
            edit.focus();
          }
        },
        w,
      );
      const editing = el('li', { class: 'item workshop-editing', 'data-editing': w.id }, editor);
      item.replaceWith(editing);
      /** @type {HTMLElement | null} */ (editor.querySelector('input'))?.focus();
    });
    return item;
  };

  const form = workshopForm(campaign, async (name) => {
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
 * `HH:mm` of an instant in the zone.
 * @param {string} instant
 * @param {string} timeZone
 */
function timeInZone(instant, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/**
 * The form that creates a workshop or, given one, changes it (PATCH with the fields that changed;
 * a workshop over several days keeps its days unless the day or a time is changed).
 * @param {Campaign} campaign
 * @param {(name: string) => Promise<void>} done
 * @param {Workshop} [existing]
 */
function workshopForm(campaign, done, existing) {
  const key = existing ? `-${existing.id.replace(/[^A-Za-z0-9_-]/g, '')}` : '';
  const id = (/** @type {string} */ name) => (existing ? `we-${name}${key}` : `w-${name}`);
  const zone = campaign.timeZone;
  const today = new Date().toISOString().slice(0, 10);
  const start = {
    name: existing?.name ?? '',
    city: existing?.city ?? '',
    day: existing ? dayInZone(existing.startsAt, zone) : today,
    from: existing ? timeInZone(existing.startsAt, zone) : '09:00',
    to: existing ? timeInZone(existing.endsAt, zone) : '16:00',
    venue: existing?.venue ?? '',
    capacity: existing?.capacity === null || existing?.capacity === undefined ? '' : String(existing.capacity),
  };
  const name = field(id('name'), t('workshops.name'), el('input', { type: 'text', required: true, maxlength: '200', autocomplete: 'off', value: start.name }));
  const city = field(id('city'), t('workshops.city'), el('select', { required: true }));
  const day = field(id('day'), t('workshops.day'), el('input', { type: 'date', required: true, value: start.day }));
  const from = field(id('from'), t('workshops.from'), el('input', { type: 'time', required: true, value: start.from }));
  const to = field(id('to'), t('workshops.to'), el('input', { type: 'time', required: true, value: start.to }), t('workshops.zone', { zone }));
  const venue = field(id('venue'), t('workshops.venue'), el('input', { type: 'text', maxlength: '300', value: start.venue }));
  const capacity = field(
    id('capacity'),
    t('workshops.capacity'),
    el('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', value: start.capacity }),
  );
  const summary = formSummary(id('summary'));
  const errors = formErrors({ name, city, startsAt: from, endsAt: to, venue, capacity }, summary);
  void cityNamesOnce().then((names) => {
    // The campaign's own cities first, then every other kota and kabupaten.
    const own = (campaign.cities ?? []).filter((c) => names.has(c));
    const rest = [...names].filter(([code]) => !own.includes(code)).sort((a, b) => a[1].localeCompare(b[1]));
    city.control.replaceChildren(
      ...own.map((code) => el('option', { value: code }, names.get(code) ?? code)),
      ...rest.map(([code, n]) => el('option', { value: code }, n)),
    );
    if (start.city) /** @type {HTMLSelectElement} */ (city.control).value = start.city;
  });
  const submit = el('button', { type: 'submit', id: id('submit') }, existing ? t('workshops.save') : t('workshops.create'));
  const cancel = existing ? el('button', { type: 'button', class: 'secondary', id: id('cancel') }, t('action.cancel')) : null;
  const form = el(
    'form',
    { id: existing ? `workshop-edit${key}` : 'workshop-form', class: existing ? 'workshop-edit' : null, novalidate: true },
    el('h3', {}, existing ? t('workshops.edit', { name: existing.name }) : t('workshops.new')),
    summary,
    name.element,
    city.element,
    el('div', { class: 'field-row' }, day.element, from.element, to.element),
    venue.element,
    capacity.element,
    el('p', { class: 'actions' }, submit, cancel ? ' ' : null, cancel),
  );
  cancel?.addEventListener('click', () => void done(''));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    const input = /** @param {{ control: HTMLElement }} x */ (x) => /** @type {HTMLInputElement} */ (x.control).value.trim();
    /** @type {Record<string, unknown>} */
    const body = {};
    const changed = (/** @type {keyof typeof start} */ k, /** @type {{ control: HTMLElement }} */ f) => !existing || input(f) !== start[k];
    if (changed('name', name)) body.name = input(name);
    if (changed('city', city)) body.city = input(city);
    if (changed('day', day) || changed('from', from) || changed('to', to)) {
      body.startsAt = instantIn(input(day), input(from), zone);
      body.endsAt = instantIn(input(day), input(to), zone);
    }
    if (changed('venue', venue)) body.venue = input(venue) || (existing ? null : undefined);
    if (changed('capacity', capacity)) body.capacity = input(capacity) ? Number(input(capacity)) : existing ? null : undefined;
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    submit.disabled = true;
    try {
      if (existing) await apiSend('PATCH', `${campaignPath(campaign.id, 'workshops')}/${encodeURIComponent(existing.id)}`, { json: body });
      else {
        await apiSend('POST', campaignPath(campaign.id, 'workshops'), { json: body });
        /** @type {HTMLInputElement} */ (name.control).value = '';
      }
      await done(existing ? input(name) : String(body.name));
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
                { 'data-participant': p.id },
                el(
                  'span',
                  { class: 'participant-text' },
                  el('span', {}, p.name),
                  ` · ${t(`participants.group.${p.group}`)}`,
                  p.accounts.length > 0 ? ` · ${p.accounts.map((a) => `${a.platform}: @${a.handle}`).join(', ')}` : '',
                ),
                confirmAction({
                  label: t('participants.remove'),
                  ariaLabel: t('participants.removeLabel', { name: p.name }),
                  question: t('participants.removeQuestion', { name: p.name }),
                  yes: t('participants.removeYes'),
                  run: async () => {
                    await apiSend('DELETE', `${path}/${encodeURIComponent(p.id)}`);
                    // Announced once the list shows it, so the status never runs ahead of the list.
                    await refresh();
                    result.replaceChildren(el('p', { class: 'saved' }, t('participants.removed', { name: p.name })));
                  },
                }),
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
      await refresh();
      result.replaceChildren(el('p', { class: 'saved' }, t('participants.added', { n: fmt().number(1) })));
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
      await refresh();
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
 * @typedef {Activation & { city: string, name: string, workshops: number, window: number, before: Activation }} CityRow
 * @typedef {{ key: string, label: string, after: Activation, before: Activation }} ActivationBar
 */

/**
 * Before and after side by side for each workshop or city: two bars a row, the share of
 * participants who posted in the window before and in the window after (the figures are in the
 * table under it, which a screen reader reads instead).
 * @param {ActivationBar[]} bars
 * @param {number} days
 */
function groupedBars(bars, days) {
  const f = fmt();
  /** @param {'before' | 'after'} side @param {Activation} a */
  const bar = (side, a) =>
    el(
      'span',
      { class: `bar-row ${side}` },
      el('span', { class: 'bar-side' }, t(`activation.${side}`)),
      el('span', { class: 'bar-track' }, barFill(a.activationRate)),
      el('span', { class: 'bar-value' }, f.percent(a.activationRate)),
    );
  return el(
    'figure',
    { class: 'activation-chart', id: 'activation-chart' },
    el(
      'ul',
      { class: 'activation-bars grouped', 'aria-hidden': 'true' },
      bars.map((b) =>
        el(
          'li',
          { 'data-key': b.key },
          el('span', { class: 'bar-label' }, b.label),
          el('span', { class: 'bar-pair' }, bar('before', b.before), bar('after', b.after)),
        ),
      ),
    ),
    el('figcaption', { class: 'muted' }, t('activation.chartCaption', { n: String(days) })),
  );
}

/**
 * "Of 84 participants in Kupang, 51 posted within 30 days: 61 %", one sentence per city; the share
 * who posted before and after each workshop (or each city) as grouped bars; and the whole as a
 * table: the overview's activation section. Counts only, so every reader of the campaign sees it.
 * Nothing when the campaign has no workshops.
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
  const bySelect = el(
    'select',
    { id: 'activation-by' },
    el('option', { value: 'workshop' }, t('activation.byWorkshop')),
    el('option', { value: 'city' }, t('activation.byCity')),
  );
  const content = el('div', { 'aria-live': 'polite' });
  const f = fmt();

  const load = async () => {
    try {
      const path = campaignPath(campaign.id, 'metrics/workshops');
      const [r, byCity, names] = await Promise.all([
        /** @type {Promise<{ window: number, workshops: ActivationRow[] }>} */ (apiGet(`${path}?window=${windowSelect.value}`)),
        /** @type {Promise<{ window: number, cities: CityRow[] }>} */ (apiGet(`${path}?window=${windowSelect.value}&by=city`)),
        cityNamesOnce(),
      ]);
      if (r.workshops.length === 0) {
        section.hidden = true;
        return;
      }
      section.hidden = false;
      const city = (/** @type {ActivationRow} */ w) => names.get(w.city) ?? w.city;
      const perCity = bySelect.value === 'city';
      /** @type {ActivationBar[]} */
      const bars = perCity
        ? byCity.cities.map((c) => ({ key: c.city, label: c.name, after: c, before: c.before }))
        : r.workshops.map((w) => ({ key: w.workshopId, label: `${w.name} (${city(w)})`, after: w, before: w.before }));
      const sentences = el(
        'ul',
        { class: 'activation-sentences' },
        byCity.cities
          .filter((c) => c.participants > 0)
          .map((c) =>
            el(
              'li',
              {},
              t('activation.sentence', {
                participants: f.number(c.participants),
                city: c.name,
                active: f.number(c.active),
                days: String(r.window),
                rate: f.percent(c.activationRate),
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
              perCity ? 'activation.col.city' : 'activation.col.workshop',
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
          bars.map((b) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, b.label),
              el('td', {}, f.number(b.after.participants)),
              el('td', {}, f.number(b.after.active)),
              el('td', {}, f.percent(b.after.activationRate)),
              el('td', {}, f.percent(b.before.activationRate)),
              el('td', {}, f.number(b.after.posts)),
              el('td', {}, f.number(b.after.engagement)),
            ),
          ),
        ),
      );
      content.replaceChildren(sentences, groupedBars(bars, r.window), scrollBox(t('activation.title'), table));
    } catch (err) {
      section.hidden = false;
      content.replaceChildren(stateBox('error', t('error.load', { message: failureText(err) }), { label: t('action.retry'), run: () => void load() }));
    }
  };
  windowSelect.addEventListener('change', () => void load());
  bySelect.addEventListener('change', () => void load());
  section.append(
    el('h2', { id: 'activation-title' }, t('activation.title')),
    el('p', { class: 'help' }, t('activation.help')),
    el(
      'div',
      { class: 'activation-controls' },
      el('p', { class: 'field inline' }, el('label', { for: 'activation-window' }, t('activation.windowLabel')), ' ', windowSelect),
      el('p', { class: 'field inline' }, el('label', { for: 'activation-by' }, t('activation.byLabel')), ' ', bySelect),
    ),
    content,
  );
  void load();
  return section;
}
