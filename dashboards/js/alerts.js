// Alerts and digests of a campaign, on the settings page of its managers and admins (issue 17,
// API.md "Additions of version 1.1: alerts and digests"): the latest messages ready for a WhatsApp
// group (copy, a wa.me link, the share image of a digest), the deliveries of each to its channels
// with what to do when one fails, and the rules themselves: listed, added, switched off and on, deleted.
import { apiDownload, apiGet, apiSend, campaignPath } from './api.js';
import { el, safeUrl, stateBox } from './dom.js';
import { confirmAction, detailMessages, failureText, field, formErrors, formSummary } from './forms.js';
import { fmt, getLang, t } from './i18n.js';
import { addDays, dayInZone } from './zoned-date.js';
/** @import { Campaign, SourceInfo } from './api-types.js' */

/**
 * The shapes of API.md's alerts (src/domain/alerts.ts is their definition).
 * @typedef {'source_failing' | 'volume_spike' | 'budget' | 'quiet' | 'negative_share' | 'digest'} AlertKind
 * @typedef {{ type: 'webhook', url: string, secret?: string } | { type: 'email', to: string[] }} AlertChannel
 * @typedef {object} Alert
 * @property {string} id
 * @property {string} campaignId
 * @property {AlertKind} kind
 * @property {Record<string, string | number>} params
 * @property {AlertChannel[]} channels
 * @property {'id' | 'en'} locale
 * @property {number} cooldownMinutes
 * @property {boolean} enabled
 * @property {string} createdAt
 * @property {string} updatedAt
 * @typedef {object} DeliveryEvent
 * @property {string} id
 * @property {AlertKind} kind
 * @property {string} at
 * @property {string} text the message ready to paste into WhatsApp
 * @property {string} url
 * @typedef {object} Delivery
 * @property {string} id
 * @property {string} eventId
 * @property {string} alertId
 * @property {'webhook' | 'email'} channel
 * @property {string} target the webhook's origin, the e-mail addresses
 * @property {number} attempts
 * @property {'pending' | 'retrying' | 'delivered' | 'failed'} outcome
 * @property {string} [lastError]
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {string} [deliveredAt]
 * @property {DeliveryEvent} event
 */

/** @type {readonly AlertKind[]} */
const KINDS = ['digest', 'volume_spike', 'quiet', 'negative_share', 'source_failing', 'budget'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The shortest webhook secret the API takes. */
const SECRET_MIN = 16;
/** Messages shown: the newest events, however many channels each went to. */
const EVENTS_SHOWN = 10;
/** Deliveries shown, newest first. */
const DELIVERIES_SHOWN = 20;

/**
 * A weekday 1 (Monday) – 7 in the page's language.
 * @param {number} n
 */
const weekdayName = (n) => new Intl.DateTimeFormat(fmt().locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, n)));

/**
 * WhatsApp (app or web) with the text ready to send.
 * @param {string} text
 */
export const whatsAppShareUrl = (text) => `https://wa.me/?text=${encodeURIComponent(text)}`;

/**
 * Puts text on the clipboard: the Clipboard API, or where it is refused (an older phone browser, a
 * page not served over https) a selected, hidden text area and the copy command.
 * @param {string} text
 * @returns {Promise<boolean>} whether it worked
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    area.value = text;
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

/**
 * A rule in words: "Digest: weekly, Monday at 08:00".
 * @param {Alert} alert
 */
export function ruleSummary(alert) {
  const p = alert.params;
  const f = fmt();
  switch (alert.kind) {
    case 'source_failing':
      return t(Number(p.runs) === 1 ? 'alerts.rule.source_failing.one' : 'alerts.rule.source_failing', {
        source: t(`source.${p.source}`),
        runs: f.number(Number(p.runs)),
      });
    case 'volume_spike':
      return t(`alerts.rule.volume_spike.${p.interval === 'hour' ? 'hour' : 'day'}`, { factor: f.number(Number(p.factor)) });
    case 'budget':
      return t('alerts.rule.budget', { percent: f.number(Number(p.percent)) });
    case 'quiet':
      return t('alerts.rule.quiet', { hours: f.number(Number(p.hours)) });
    case 'negative_share':
      return t('alerts.rule.negative_share', { percent: f.number(Number(p.percent)), minPosts: f.number(Number(p.minPosts)) });
    case 'digest':
      return p.cadence === 'weekly'
        ? t('alerts.rule.digest.weekly', { day: weekdayName(Number(p.weekday ?? 1)), at: String(p.at) })
        : t('alerts.rule.digest.daily', { at: String(p.at) });
    default:
      return String(alert.kind);
  }
}

/** @param {AlertChannel} c */
const channelText = (c) => {
  if (c.type === 'email') return t('alerts.channel.email', { to: c.to.join(', ') });
  let origin = c.url;
  try {
    origin = new URL(c.url).origin;
  } catch {
    // Shown as it is.
  }
  return t('alerts.channel.webhook', { url: origin });
};

/**
 * What a failed or retried delivery needs from a person, read from its error: the webhook's status,
 * an address refused as private, a receiver out of reach, a mail server's refusal.
 * @param {Pick<Delivery, 'channel' | 'lastError' | 'outcome'>} d
 * @returns {string | null}
 */
export function deliveryAdvice(d) {
  const error = d.lastError ?? '';
  if (!error) return null;
  if (/private|loopback|link-local|metadata|not a public|internal address/i.test(error)) return t('alerts.advice.private');
  // "answered HTTP 404"; a bare 4xx/5xx only when no HTTP status is named (a port is not a status).
  const status = Number((/HTTP (\d{3})/.exec(error) ?? /(?<![:\d])\b([45]\d\d)\b/.exec(error))?.[1] ?? 0);
  if (d.channel === 'webhook') {
    if (status === 404 || status === 410 || status === 405) return t('alerts.advice.address', { status });
    if (status === 401 || status === 403) return t('alerts.advice.auth', { status });
    if (status >= 400 && status < 500) return t('alerts.advice.refused', { status });
    if (status >= 500) return t('alerts.advice.server', { status });
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|time(d)? ?out|network|socket|resolve/i.test(error)) return t('alerts.advice.unreachable');
    return t('alerts.advice.webhook');
  }
  if (/\b55[0-4]\b|recipient|mailbox|no such user|address/i.test(error)) return t('alerts.advice.mailbox');
  return t('alerts.advice.smtp');
}

/**
 * The days of a digest, for its share image: the day before it was sent, or the 7 days before it.
 * @param {string} at
 * @param {string} zone
 * @param {boolean} weekly
 */
function digestDays(at, zone, weekly) {
  const day = dayInZone(at, zone);
  return { from: addDays(day, weekly ? -7 : -1), to: addDays(day, -1) };
}

/**
 * One message: its kind and time, the text as it will look pasted, and what to do with it.
 * @param {Campaign} campaign
 * @param {DeliveryEvent} event
 * @param {Alert | undefined} rule
 */
function eventItem(campaign, event, rule) {
  const f = fmt();
  const status = el('p', { class: 'copy-status', role: 'status' });
  const textId = `alert-text-${event.id}`;
  const copy = el('button', { type: 'button', class: 'secondary small alert-copy', 'aria-describedby': textId }, t('alerts.copy'));
  copy.addEventListener('click', async () => {
    status.textContent = (await copyText(event.text)) ? t('action.copied') : t('action.copyFailed');
  });
  const url = safeUrl(event.url);
  /** @type {HTMLElement | null} */
  let image = null;
  if (event.kind === 'digest') {
    const weekly = rule?.params.cadence !== 'daily';
    const { from, to } = digestDays(event.at, campaign.timeZone, weekly);
    const chart = weekly ? 'posts-over-time' : 'by-city';
    const query = new URLSearchParams({ from, to, lang: getLang(), size: 'square' });
    image = el('button', { type: 'button', class: 'secondary small alert-image' }, t('alerts.image'));
    image.addEventListener('click', async () => {
      status.textContent = '';
      try {
        await apiDownload(`${campaignPath(campaign.id, `charts/${chart}.png`)}?${query}`, `${campaign.id}-${chart}-${from}.png`);
      } catch (err) {
        status.textContent = failureText(err);
      }
    });
  }
  return el(
    'li',
    { class: `item alert-event ${event.kind}`, 'data-event-id': event.id },
    el(
      'div',
      { class: 'item-main' },
      el('p', { class: 'item-title' }, t(`alerts.kind.${event.kind}`), ' ', el('span', { class: 'item-meta' }, f.dateTime(event.at, campaign.timeZone))),
      el('pre', { class: 'alert-text', id: textId, tabindex: '0', 'aria-label': t('alerts.textLabel') }, event.text),
      el(
        'p',
        { class: 'actions alert-actions' },
        copy,
        el('a', { class: 'button small wa-share', href: whatsAppShareUrl(event.text), target: '_blank', rel: 'noopener noreferrer' }, t('alerts.whatsapp')),
        image,
        url ? el('a', { class: 'alert-link', href: url }, t('alerts.open')) : null,
      ),
      status,
    ),
  );
}

/**
 * One delivery: channel and target, the message it carried, attempts, outcome, and for a failure
 * the error with what to do.
 * @param {Campaign} campaign
 * @param {Delivery} d
 */
function deliveryItem(campaign, d) {
  const f = fmt();
  const advice = d.outcome === 'failed' || d.outcome === 'retrying' ? deliveryAdvice(d) : null;
  return el(
    'li',
    { class: `item delivery ${d.outcome}`, 'data-delivery-id': d.id },
    el(
      'div',
      { class: 'item-main' },
      el(
        'p',
        { class: 'item-title' },
        t(`alerts.channelType.${d.channel}`),
        ' ',
        el('span', { class: `badge ${d.outcome}`, 'data-outcome': d.outcome }, t(`alerts.outcome.${d.outcome}`)),
      ),
      el('p', { class: 'item-meta' }, d.target),
      el(
        'p',
        { class: 'item-meta' },
        t(`alerts.kind.${d.event.kind}`),
        ' · ',
        f.dateTime(d.event.at, campaign.timeZone),
        ' · ',
        t(d.attempts === 1 ? 'alerts.attempts.one' : 'alerts.attempts', { n: f.number(d.attempts) }),
        d.deliveredAt ? [' · ', t('alerts.deliveredAt', { time: f.dateTime(d.deliveredAt, campaign.timeZone) })] : null,
      ),
      d.lastError && d.outcome !== 'delivered' ? el('p', { class: 'item-meta delivery-error' }, t('alerts.lastError', { error: d.lastError })) : null,
      advice ? el('p', { class: 'delivery-advice' }, advice) : null,
    ),
  );
}

/**
 * Channels whose latest delivery failed or is being retried: one warning each, with what to do.
 * @param {Delivery[]} deliveries newest first
 */
function failingChannels(deliveries) {
  /** @type {Map<string, Delivery>} */
  const latest = new Map();
  for (const d of deliveries) {
    const key = `${d.alertId} ${d.channel} ${d.target}`;
    if (!latest.has(key)) latest.set(key, d);
  }
  return [...latest.values()]
    .filter((d) => d.outcome === 'failed' || (d.outcome === 'retrying' && d.attempts > 1))
    .map((d) =>
      el(
        'div',
        { class: 'warning failing-channel', role: 'status' },
        el(
          'p',
          {},
          el(
            'strong',
            {},
            t(d.outcome === 'failed' ? 'alerts.failing.title' : 'alerts.retrying.title', { channel: t(`alerts.channelType.${d.channel}`), target: d.target }),
          ),
        ),
        el('p', {}, deliveryAdvice(d) ?? t('alerts.advice.check')),
      ),
    );
}

/**
 * The form's parameter fields for one kind.
 * @param {AlertKind} kind
 * @param {string[]} sources the campaign's source types
 */
function paramFields(kind, sources) {
  /**
   * @param {string} name
   * @param {Record<string, string | number>} attrs
   * @param {string} [help]
   */
  const number = (name, attrs, help) =>
    field(`alert-p-${name}`, t(`alerts.param.${name}`), el('input', { type: 'number', name, inputmode: 'decimal', ...attrs }), help);
  /**
   * @param {string} name
   * @param {Array<[string, string]>} options value, label
   * @param {string} [value]
   */
  const choice = (name, options, value) =>
    field(
      `alert-p-${name}`,
      t(`alerts.param.${name}`),
      el(
        'select',
        { name },
        options.map(([v, label]) => el('option', { value: v, selected: v === value }, label)),
      ),
    );
  /** @type {Record<string, ReturnType<typeof field>>} */
  const fields = {};
  switch (kind) {
    case 'source_failing':
      fields.source = choice(
        'source',
        sources.map((s) => [s, t(`source.${s}`)]),
        sources[0],
      );
      fields.runs = number('runs', { min: 1, max: 50, step: 1, value: 3 }, t('alerts.param.runs.help'));
      break;
    case 'volume_spike':
      fields.interval = choice(
        'interval',
        [
          ['day', t('alerts.interval.day')],
          ['hour', t('alerts.interval.hour')],
        ],
        'day',
      );
      fields.factor = number('factor', { min: 1.1, max: 100, step: 0.1, value: 3 }, t('alerts.param.factor.help'));
      break;
    case 'budget':
      fields.percent = number('percent', { min: 1, max: 100, step: 1, value: 80 }, t('alerts.param.budgetPercent.help'));
      break;
    case 'quiet':
      fields.hours = number('hours', { min: 1, max: 720, step: 1, value: 24 });
      break;
    case 'negative_share':
      fields.percent = number('percent', { min: 1, max: 100, step: 1, value: 30 }, t('alerts.param.negativePercent.help'));
      fields.minPosts = number('minPosts', { min: 1, max: 100000, step: 1, value: 20 });
      break;
    case 'digest':
      fields.cadence = choice(
        'cadence',
        [
          ['daily', t('alerts.cadence.daily')],
          ['weekly', t('alerts.cadence.weekly')],
        ],
        'weekly',
      );
      fields.at = field('alert-p-at', t('alerts.param.at'), el('input', { type: 'time', name: 'at', value: '08:00', step: 60 }), t('alerts.param.at.help'));
      fields.weekday = choice(
        'weekday',
        [1, 2, 3, 4, 5, 6, 7].map((n) => [String(n), weekdayName(n)]),
        '1',
      );
      break;
  }
  return fields;
}

/**
 * The rules: each with its channels, language and state, switched on and off, deleted after asking;
 * and the form that adds one.
 * @param {Campaign} campaign
 * @param {string[]} sources
 * @param {() => Promise<unknown>} changed after every change: draws the rules again (resolves once they show)
 */
function rulesPart(campaign, sources, changed) {
  const path = campaignPath(campaign.id, 'alerts');
  // Empty until the section is opened and asks (a loading box in a folded section would never clear).
  const list = el('div', { id: 'alert-rules', 'aria-live': 'polite' });
  const status = el('p', { class: 'saved', id: 'alert-status', role: 'status' });

  /** @param {Alert} a */
  const toggle = (a) => {
    const button = el(
      'button',
      {
        type: 'button',
        class: 'secondary small alert-toggle',
        'aria-label': t(a.enabled ? 'alerts.disableLabel' : 'alerts.enableLabel', { rule: ruleSummary(a) }),
      },
      t(a.enabled ? 'alerts.disable' : 'alerts.enable'),
    );
    const error = el('p', { class: 'error', role: 'alert' });
    button.addEventListener('click', async () => {
      button.disabled = true;
      error.textContent = '';
      try {
        await apiSend('PATCH', `${path}/${encodeURIComponent(a.id)}`, { json: { enabled: !a.enabled } });
        // Announced once the list shows it, so the status never runs ahead of the list.
        await changed();
        status.textContent = t(a.enabled ? 'alerts.disabled' : 'alerts.enabled', { rule: ruleSummary(a) });
      } catch (err) {
        button.disabled = false;
        error.textContent = failureText(err);
      }
    });
    return [button, error];
  };

  /** @param {{ alerts: Alert[] }} answer */
  const draw = ({ alerts }) => {
    if (alerts.length === 0) return el('p', { class: 'muted' }, t('alerts.none'));
    return el(
      'ul',
      { class: 'item-list' },
      alerts.map((a) =>
        el(
          'li',
          { class: `item alert-rule ${a.enabled ? 'active' : 'paused'}`, 'data-alert-id': a.id },
          el(
            'div',
            { class: 'item-main' },
            el(
              'p',
              { class: 'item-title' },
              el('span', { class: 'rule-summary' }, ruleSummary(a)),
              ' ',
              el('span', { class: `badge ${a.enabled ? 'active' : 'paused'}` }, t(a.enabled ? 'alerts.on' : 'alerts.off')),
            ),
            a.channels.map((c) => el('p', { class: 'item-meta' }, channelText(c))),
            el(
              'p',
              { class: 'item-meta' },
              t('alerts.localeIs', { language: t(`alerts.locale.${a.locale}`) }),
              ' · ',
              t('alerts.cooldownIs', { minutes: fmt().number(a.cooldownMinutes) }),
            ),
          ),
          el(
            'div',
            { class: 'item-actions rule-actions' },
            ...toggle(a),
            confirmAction({
              label: t('alerts.delete'),
              ariaLabel: t('alerts.deleteLabel', { rule: ruleSummary(a) }),
              question: t('alerts.deleteConfirm', { rule: ruleSummary(a) }),
              yes: t('alerts.deleteYes'),
              run: async () => {
                await apiSend('DELETE', `${path}/${encodeURIComponent(a.id)}`);
                await changed();
                status.textContent = t('alerts.deleted', { rule: ruleSummary(a) });
              },
            }),
          ),
        ),
      ),
    );
  };

  /** @param {Promise<{ alerts: Alert[] }>} answer */
  const show = (answer) =>
    answer.then(
      (r) => list.replaceChildren(draw(r)),
      (err) => list.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: changed })),
    );

  // The form: kind first, then its parameters, the channels, the language and the cooldown.
  const kind = field(
    'alert-kind',
    t('alerts.kind'),
    el(
      'select',
      { name: 'kind' },
      KINDS.map((k) => el('option', { value: k }, t(`alerts.kind.${k}`))),
    ),
  );
  const kindHelp = el('p', { class: 'help', id: 'alert-kind-about' });
  kind.control.setAttribute('aria-describedby', `alert-kind-about ${kind.control.getAttribute('aria-describedby') ?? ''}`.trim());
  const paramsBox = el('div', { class: 'alert-params', id: 'alert-params' });
  /** @type {Record<string, ReturnType<typeof field>>} */
  let params = {};
  const showParams = () => {
    const k = /** @type {AlertKind} */ (kind.control.value);
    params = paramFields(k, sources);
    kindHelp.textContent = t(`alerts.about.${k}`);
    paramsBox.replaceChildren(...Object.values(params).map((p) => p.element));
    const cadence = params.cadence?.control;
    const weekday = params.weekday;
    if (cadence && weekday) {
      const sync = () => (weekday.element.hidden = cadence.value !== 'weekly');
      cadence.addEventListener('change', sync);
      sync();
    }
  };
  kind.control.addEventListener('change', showParams);
  const webhook = field(
    'alert-webhook',
    t('alerts.webhook'),
    el('input', { type: 'url', name: 'webhook', inputmode: 'url', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', placeholder: 'https://' }),
    t('alerts.webhook.help'),
  );
  const secret = field(
    'alert-secret',
    t('alerts.secret'),
    el('input', { type: 'text', name: 'secret', autocomplete: 'off', spellcheck: 'false', maxlength: 200 }),
    t('alerts.secret.help'),
  );
  const email = field(
    'alert-email',
    t('alerts.email'),
    el('input', { type: 'text', name: 'email', inputmode: 'email', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' }),
    t('alerts.email.help'),
  );
  const locale = field(
    'alert-locale',
    t('alerts.locale'),
    el(
      'select',
      { name: 'locale' },
      ['id', 'en'].map((l) => el('option', { value: l, selected: l === getLang() }, t(`alerts.locale.${l}`))),
    ),
  );
  const cooldown = field(
    'alert-cooldown',
    t('alerts.cooldown'),
    el('input', { type: 'number', name: 'cooldown', min: 0, step: 1, value: 60, inputmode: 'numeric' }),
    t('alerts.cooldown.help'),
  );
  const summary = formSummary('alert-error');
  const submit = el('button', { type: 'submit', id: 'alert-add' }, t('alerts.add'));
  const form = el(
    'form',
    { id: 'alert-form', class: 'sub-form', novalidate: true, 'aria-labelledby': 'alert-form-title' },
    el('h3', { id: 'alert-form-title' }, t('alerts.new')),
    summary,
    kind.element,
    kindHelp,
    paramsBox,
    el('fieldset', { class: 'alert-channels' }, el('legend', {}, t('alerts.channels')), webhook.element, secret.element, email.element),
    el('div', { class: 'row' }, locale.element, cooldown.element),
    el('p', { class: 'actions' }, submit),
  );
  showParams();

  /** Every field the form can mark, the parameters' under their own names. */
  const allFields = () => ({ kind, webhook, secret, email, locale, cooldown, ...params });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors = formErrors(allFields(), summary);
    const k = /** @type {AlertKind} */ (kind.control.value);
    /** @type {Record<string, string>} */
    const problems = {};
    /** @type {Record<string, string | number>} */
    const p = {};
    for (const [name, fl] of Object.entries(params)) {
      if (fl.element.hidden) continue;
      const raw = fl.control.value.trim();
      if (fl.control.type === 'number') {
        const input = /** @type {HTMLInputElement} */ (fl.control);
        const n = Number(raw);
        const min = Number(input.min || '-Infinity');
        const max = Number(input.max || 'Infinity');
        if (raw === '' || !Number.isFinite(n) || n < min || n > max)
          problems[name] = t('alerts.number.range', { min: input.min || '0', max: input.max || '∞' });
        else p[name] = n;
      } else if (name === 'at') {
        if (!HH_MM.test(raw)) problems.at = t('alerts.param.at.bad');
        else p.at = raw;
      } else if (name === 'weekday') p.weekday = Number(raw);
      else p[name] = raw;
    }
    /** @type {AlertChannel[]} */
    const channels = [];
    const hook = webhook.control.value.trim();
    const key = secret.control.value.trim();
    if (key && key.length < SECRET_MIN) problems.secret = t('alerts.secret.short', { n: SECRET_MIN });
    if (hook) {
      const u = safeUrl(hook);
      if (!u) problems.webhook = t('alerts.webhook.bad');
      else channels.push(key ? { type: 'webhook', url: hook, secret: key } : { type: 'webhook', url: hook });
    }
    const to = email.control.value
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const badEmail = to.find((a) => !EMAIL.test(a));
    if (badEmail) problems.email = t('alerts.email.bad', { email: badEmail });
    else if (to.length) channels.push({ type: 'email', to });
    if (!hook && !to.length) problems.webhook = t('alerts.channels.missing');
    const minutes = Number(cooldown.control.value);
    if (cooldown.control.value.trim() === '' || !Number.isInteger(minutes) || minutes < 0) problems.cooldown = t('alerts.cooldown.bad');
    if (Object.keys(problems).length) return errors.show(problems);
    errors.clear();
    status.textContent = '';
    submit.disabled = true;
    const sent = { kind: k, params: p, channels, locale: locale.control.value, cooldownMinutes: minutes };
    try {
      await apiSend('POST', path, { json: sent });
      form.reset();
      showParams();
      await changed();
      status.textContent = t('alerts.added', { rule: ruleSummary(/** @type {Alert} */ (/** @type {unknown} */ ({ ...sent, id: '', enabled: true }))) });
    } catch (err) {
      const messages = err.status === 400 ? apiFieldMessages(err, sent) : {};
      if (!(Object.keys(messages).length && errors.show(messages)))
        errors.fail(err.status === 400 ? t('error.save', { message: err.message }) : failureText(err));
    } finally {
      submit.disabled = false;
    }
  });

  return { list, status, form, show };
}

/**
 * The API's field messages placed on the form's fields: `params.factor` on the factor,
 * `channels.0.url` on the webhook, `channels.1.to.0` on the e-mail addresses.
 * @param {{ details?: ReadonlyArray<{ field: string | number, message: string }> }} err
 * @param {{ channels: AlertChannel[] }} sent
 */
function apiFieldMessages(err, sent) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const d of err.details ?? []) {
    // `channels[0].url` (the API's form) or `channels.0.url`.
    const parts = String(d.field)
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.');
    let name = parts[0] ?? '';
    if (name === 'params' && parts[1]) name = parts[1];
    else if (name === 'channels') name = sent.channels[Number(parts[1])]?.type === 'email' ? 'email' : 'webhook';
    else if (name === 'cooldownMinutes') name = 'cooldown';
    out[name] ??= d.message;
  }
  const rest = detailMessages(err, ['kind', 'locale']);
  return { ...rest, ...out };
}

/**
 * The section: messages, deliveries and rules of one campaign. `sources`: the server's sources,
 * for the campaign's own when it lists none.
 * @param {Campaign} campaign
 * @param {SourceInfo[]} sources
 */
export function alertsSection(campaign, sources) {
  const own = (campaign.sources ?? []).map((s) => s.type);
  const sourceTypes = own.length ? own : sources.filter((s) => s.collects).map((s) => s.type);
  const warnings = el('div', { id: 'alert-failing' });
  const events = el('div', { id: 'alert-events', 'aria-live': 'polite' });
  const deliveries = el('div', { id: 'alert-deliveries' });
  const deliveriesPath = campaignPath(campaign.id, 'alerts/deliveries');

  const load = () => {
    for (const region of [events, deliveries, rulesUi.list]) region.replaceChildren(stateBox('loading', t('state.loading')));
    /** @type {Promise<{ alerts: Alert[] }>} */
    const rules = apiGet(campaignPath(campaign.id, 'alerts'));
    /** @type {Promise<{ deliveries: Delivery[] }>} */
    const sent = apiGet(deliveriesPath);
    const drawn = rulesUi.show(rules);
    void Promise.all([sent, rules.catch(() => ({ alerts: [] }))]).then(
      ([{ deliveries: all }, { alerts }]) => {
        const byId = new Map(alerts.map((a) => [a.id, a]));
        const newest = [...all].sort((a, b) => b.event.at.localeCompare(a.event.at) || b.createdAt.localeCompare(a.createdAt));
        warnings.replaceChildren(...failingChannels(newest));
        /** @type {Map<string, { event: DeliveryEvent, alertId: string }>} */
        const seen = new Map();
        for (const d of newest) if (!seen.has(d.event.id)) seen.set(d.event.id, { event: d.event, alertId: d.alertId });
        const shown = [...seen.values()].slice(0, EVENTS_SHOWN);
        events.replaceChildren(
          shown.length
            ? el(
                'ul',
                { class: 'item-list' },
                shown.map(({ event, alertId }) => eventItem(campaign, event, byId.get(alertId))),
              )
            : el('p', { class: 'muted' }, t('alerts.noEvents')),
        );
        deliveries.replaceChildren(
          newest.length
            ? el(
                'ul',
                { class: 'item-list' },
                newest.slice(0, DELIVERIES_SHOWN).map((d) => deliveryItem(campaign, d)),
              )
            : el('p', { class: 'muted' }, t('alerts.noDeliveries')),
        );
      },
      (err) => {
        const box = () => stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: load });
        events.replaceChildren(box());
        deliveries.replaceChildren();
      },
    );
    return drawn;
  };
  const rulesUi = rulesPart(campaign, sourceTypes, load);

  // Folded until opened, and asked for only then: the settings page's first view stays as light on
  // a slow connection as before.
  const section = el(
    'details',
    { class: 'card block alerts', id: 'alerts' },
    el('summary', {}, el('h2', { id: 'alerts-title' }, t('alerts.title'))),
    el('p', { class: 'help' }, t('alerts.help')),
    warnings,
    el('h3', { id: 'alert-events-title' }, t('alerts.events')),
    events,
    el('h3', { id: 'alert-deliveries-title' }, t('alerts.deliveries')),
    el('p', { class: 'help' }, t('alerts.deliveries.help')),
    deliveries,
    el('h3', { id: 'alert-rules-title' }, t('alerts.rules')),
    rulesUi.list,
    rulesUi.status,
    rulesUi.form,
  );
  let loaded = false;
  section.addEventListener('toggle', () => {
    if (section.open && !loaded) {
      loaded = true;
      void load();
    }
  });
  return section;
}
