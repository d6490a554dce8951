// The campaign form: every field with its label, a help text and a place for the API's own
// validation message (a 400's `details[].field`), shown next to the field it names.
import { cityPicker } from './city-picker.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { topicsEditor } from './topics-editor.js';
import { dayInZone, nextDay, startOfDayIso } from './zoned-date.js';
/** @import { Campaign, ErrorDetail, SourceInfo } from './api-types.js' */
/** @import { Attrs } from './dom.js' */

const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];
const FIELDS = ['name', 'hashtags', 'startsAt', 'endsAt', 'timeZone', 'cities', 'topics', 'sources', 'schedule', 'monthlyReadBudget', 'sentimentWords'];

/**
 * A labelled field with its help text and error slot; the control points at both.
 * @param {string} name
 * @param {HTMLElement | { wrapper: HTMLElement, id?: undefined }} control a control, or a group of them
 * @param {{ labelFor?: string, wide?: boolean }} [layout]
 */
function field(name, control, { labelFor = control.id, wide = false } = {}) {
  if (control.id) control.setAttribute('aria-describedby', `help-${name} err-${name}`);
  const label = t(`settings.${name}`);
  return el(
    'div',
    { class: `field${wide ? ' wide' : ''}`, 'data-field': name },
    labelFor ? el('label', { for: labelFor }, label) : el('p', { class: 'label' }, label),
    'wrapper' in control ? control.wrapper : control,
    el('p', { class: 'help', id: `help-${name}` }, t(`settings.${name}.help`)),
    el('p', { class: 'field-error', id: `err-${name}`, role: 'alert', hidden: true }),
  );
}

/**
 * A source's name in the page's language, else as the server labels it.
 * @param {SourceInfo} source
 */
function sourceName(source) {
  const key = `source.${source.type}`;
  const name = t(key);
  return name === key ? source.label : name;
}

/**
 * A source's checkbox. One the server has no credentials for stays choosable (a campaign may be
 * set up before them) but says so, with what to set (the API's `setup`).
 * @param {SourceInfo} source
 * @param {boolean} checked
 */
function sourceChoice(source, checked) {
  const id = `s-source-${source.type}`;
  const setupId = `setup-${source.type}`;
  const box = el('input', { type: 'checkbox', id, name: 'source', value: source.type, checked, 'aria-describedby': source.setup ? setupId : null });
  const element = el(
    'div',
    { class: `source-choice${source.credentialsSet ? '' : ' unavailable'}`, 'data-source': source.type },
    el(
      'label',
      { class: 'check', for: id },
      box,
      ' ',
      sourceName(source),
      source.credentialsSet ? null : el('span', { class: 'badge unavailable' }, t('settings.sources.noCredentials')),
    ),
    source.setup ? el('p', { class: 'help source-setup', id: setupId }, source.setup) : null,
  );
  return { element, box };
}

/**
 * @param {Campaign | null} campaign null for a new one
 * @param {SourceInfo[]} known the server's sources (GET /api/v1/sources), in its order
 * @param {Record<string, string[]>} [defaultTopics] what a new campaign starts with (GET /api/v1/topics/defaults)
 */
export function campaignForm(campaign, known, defaultTopics) {
  /** @type {Partial<Campaign>} */
  const c = campaign ?? {};
  const zone = c.timeZone ?? 'Asia/Jakarta';
  /**
   * @param {string} name
   * @param {Attrs} [attrs]
   */
  const input = (name, attrs = {}) => el('input', { id: `s-${name}`, name, ...attrs });
  const name = input('name', { type: 'text', value: c.name ?? '', required: true, maxlength: 200, autocomplete: 'off' });
  const hashtags = input('hashtags', { type: 'text', value: (c.hashtags ?? []).join(' '), placeholder: '#SocMed4SocGood', autocomplete: 'off' });
  const startsAt = input('startsAt', { type: 'date', value: c.startsAt ? dayInZone(c.startsAt, zone) : '' });
  // The API's end is exclusive; people think in last days.
  const endsAt = input('endsAt', { type: 'date', value: c.endsAt ? dayInZone(Date.parse(c.endsAt) - 1, zone) : '' });
  const timeZone = el(
    'select',
    { id: 's-timeZone', name: 'timeZone' },
    [...new Set([...ZONES, zone])].map((z) =>
      el('option', { value: z, selected: z === zone }, t(`settings.zone.${z}`) === `settings.zone.${z}` ? z : t(`settings.zone.${z}`)),
    ),
  );
  const cities = cityPicker(c.cities ?? [], 'help-cities err-cities');
  // A new campaign starts from the default topics, so that adding one keeps them.
  const topics = topicsEditor(campaign ? c.topics : defaultTopics, 'help-topics err-topics');
  const chosen = new Set((c.sources ?? []).map((s) => s.type));
  const choices = known.map((source) => sourceChoice(source, chosen.has(source.type)));
  const instances = input('instances', {
    type: 'text',
    value: (c.sources?.find((s) => s.type === 'mastodon')?.instances ?? []).join(', '),
    placeholder: 'mastodon.social',
  });
  const sources = el(
    'fieldset',
    { class: 'sources-field', 'aria-describedby': 'help-sources err-sources' },
    el('legend', {}, t('settings.sources')),
    choices.map((c) => c.element),
    el('label', { for: 's-instances' }, t('settings.instances')),
    instances,
  );
  const schedule = input('schedule', { type: 'text', value: c.schedule ?? '', placeholder: '*/15 * * * *', autocomplete: 'off' });
  const budget = input('monthlyReadBudget', { type: 'number', min: 100, step: 1, inputmode: 'numeric', value: c.monthlyReadBudget ?? '' });
  // The campaign's own words of feeling: phrases may hold spaces, so commas separate them.
  const positiveWords = input('sentimentPositive', { type: 'text', value: (c.sentimentWords?.positive ?? []).join(', '), autocomplete: 'off' });
  const negativeWords = input('sentimentNegative', { type: 'text', value: (c.sentimentWords?.negative ?? []).join(', '), autocomplete: 'off' });
  for (const box of [positiveWords, negativeWords]) box.setAttribute('aria-describedby', 'help-sentimentWords err-sentimentWords');
  const sentimentWords = el(
    'div',
    { class: 'sentiment-words' },
    el('label', { for: 's-sentimentPositive' }, t('settings.sentimentWords.positive')),
    positiveWords,
    el('label', { for: 's-sentimentNegative' }, t('settings.sentimentWords.negative')),
    negativeWords,
  );

  const formError = el('div', { class: 'form-error', id: 'form-error', role: 'alert', tabindex: '-1', hidden: true });
  const form = el(
    'form',
    { class: 'campaign-form card', id: 'campaign-form', novalidate: true },
    formError,
    field('name', name),
    field('hashtags', hashtags),
    el('div', { class: 'row' }, field('startsAt', startsAt), field('endsAt', endsAt), field('timeZone', timeZone)),
    field('cities', { wrapper: cities.element }, { labelFor: 's-cities-search', wide: true }),
    field('topics', { wrapper: topics.element }, { wide: true }),
    el(
      'div',
      { class: 'field', 'data-field': 'sources' },
      sources,
      el('p', { class: 'help', id: 'help-sources' }, t('settings.sources.help')),
      el('p', { class: 'field-error', id: 'err-sources', role: 'alert', hidden: true }),
    ),
    el('div', { class: 'row' }, field('schedule', schedule), field('monthlyReadBudget', budget)),
    field('sentimentWords', { wrapper: sentimentWords }, { wide: true }),
    el(
      'p',
      { class: 'actions' },
      el('button', { type: 'submit', id: 'save' }, campaign ? t('settings.save') : t('settings.create')),
      el('span', { class: 'saved', id: 'save-status', role: 'status' }),
    ),
  );

  /** The form as a CampaignInput; on create, empty optional fields are left to the API's defaults. */
  const value = () => {
    /** @type {Record<string, unknown>} */
    const v = { name: name.value.trim(), hashtags: hashtags.value.split(/[\s,]+/).filter(Boolean) };
    const tz = timeZone.value;
    if (startsAt.value) v.startsAt = startOfDayIso(startsAt.value, tz);
    if (endsAt.value) v.endsAt = startOfDayIso(nextDay(endsAt.value), tz);
    else if (campaign) v.endsAt = null;
    v.timeZone = tz;
    v.cities = cities.value();
    if (campaign || !topics.isEmpty()) v.topics = topics.value();
    const types = choices.filter((c) => c.box.checked).map((c) => c.box.value);
    const hosts = instances.value.split(/[\s,]+/).filter(Boolean);
    if (campaign || types.length) v.sources = types.map((type) => (type === 'mastodon' ? { type, instances: hosts } : { type }));
    if (schedule.value.trim() || campaign) v.schedule = schedule.value.trim() || '*/15 * * * *';
    if (budget.value !== '') v.monthlyReadBudget = Number(budget.value);
    else if (campaign) v.monthlyReadBudget = null;
    const phrases = (/** @type {HTMLInputElement} */ box) =>
      box.value
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean);
    const words = { positive: phrases(positiveWords), negative: phrases(negativeWords) };
    if (campaign || words.positive.length || words.negative.length) v.sentimentWords = words;
    return v;
  };

  const clearErrors = () => {
    formError.hidden = true;
    for (const slot of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll('.field-error'))) {
      slot.hidden = true;
      slot.textContent = '';
    }
    for (const bad of form.querySelectorAll('[aria-invalid]')) bad.removeAttribute('aria-invalid');
  };

  /**
   * Puts each of the API's messages next to the field it names; returns the first such field.
   * @param {{ message: string, details: readonly ErrorDetail[] }} err
   * @param {Record<string, unknown>} sent
   */
  const showErrors = (err, sent) => {
    clearErrors();
    /** @type {HTMLElement | null | undefined} */
    let first;
    for (const d of err.details) {
      const [top = '', index] = String(d.field).split('.');
      const slot = FIELDS.includes(top) ? /** @type {HTMLElement | null} */ (form.querySelector(`#err-${top}`)) : null;
      if (!slot) continue;
      const item = Array.isArray(sent[top]) && index !== undefined ? sent[top][Number(index)] : undefined;
      // Name what is wrong: the bad hashtag or city code itself, or the topic.
      const what = typeof item === 'string' ? `“${item}”: ` : index !== undefined ? `${index}: ` : '';
      slot.append(el('span', { class: 'msg' }, what + d.message));
      slot.hidden = false;
      const control = /** @type {HTMLElement | null} */ (form.querySelector(`[data-field="${top}"] input, [data-field="${top}"] select`));
      control?.setAttribute('aria-invalid', 'true');
      first ??= control;
    }
    if (!first) {
      formError.textContent = err.message;
      formError.hidden = false;
    }
    (first ?? formError).focus();
  };

  return { form, value, showErrors, clearErrors, status: /** @type {HTMLElement} */ (form.querySelector('#save-status')) };
}
