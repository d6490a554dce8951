// Who is in a campaign and its sponsors' read-only links, on the settings page of the campaign's
// managers and admins: members added by e-mail (marked "own" or not) and removed; links created
// for a label, a period and an expiry, their address shown once with a copy button, and revoked.
import { apiGet, apiSend, campaignPath } from './api.js';
import { el, stateBox } from './dom.js';
import { checkField, confirmAction, credentialItem, detailMessages, failureText, field, formErrors, formSummary, secretBox } from './forms.js';
import { fmt, t } from './i18n.js';
import { addDays, dayInZone } from './zoned-date.js';
/** @import { Campaign, Member, ShareLink } from './api-types.js' */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/**
 * The link created last on this page, kept so that a change of language (a redraw) does not lose it.
 * @type {{ campaignId: string, id: string, url: string, label: string } | null}
 */
let created = null;

/**
 * A list that loads, shows an error with "try again", and loads again after a change.
 * @template T
 * @param {HTMLElement} container
 * @param {string} path
 * @param {(answer: T) => Node} draw
 * @returns {(first?: Promise<T>) => Promise<void>}
 */
function loader(container, path, draw) {
  /**
   * @param {Promise<T>} [first]
   * @returns {Promise<void>}
   */
  const load = (first) =>
    (first ?? /** @type {Promise<T>} */ (apiGet(path))).then(
      (r) => container.replaceChildren(draw(r)),
      (err) => container.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: () => load() })),
    );
  return load;
}

/**
 * The members of a campaign. `first`: the page's own request for them (it asked to learn whether the caller manages).
 * @param {Campaign} campaign
 * @param {Promise<{ members: Member[] }>} first
 */
export function membersSection(campaign, first) {
  const path = campaignPath(campaign.id, 'members');
  const list = el('div', { id: 'member-list', 'aria-live': 'polite' }, stateBox('loading', t('state.loading')));
  const status = el('p', { class: 'saved', id: 'member-status', role: 'status' });
  const f = fmt();

  /** @param {Member} m */
  const removeButton = (m) => {
    const name = m.name || m.email;
    return el(
      'div',
      { class: 'item-actions' },
      confirmAction({
        label: t('members.remove'),
        ariaLabel: t('members.removeLabel', { name }),
        question: t('members.removeConfirm', { name }),
        yes: t('members.removeYes'),
        run: async () => {
          await apiSend('DELETE', campaignPath(campaign.id, `members/${encodeURIComponent(m.userId)}`));
          // Announced once the list shows it, so the status never runs ahead of the list.
          await load();
          status.textContent = t('members.removed', { name });
        },
      }),
    );
  };

  /** @param {{ members: Member[] }} answer */
  const draw = ({ members }) => {
    if (members.length === 0) return el('p', { class: 'muted' }, t('members.none'));
    return el(
      'ul',
      { class: 'item-list' },
      members.map((m) =>
        el(
          'li',
          { class: 'item member', 'data-email': m.email },
          el(
            'div',
            { class: 'item-main' },
            el(
              'p',
              { class: 'item-title' },
              el('span', { class: 'member-name' }, m.name || m.email),
              ' ',
              el('span', { class: 'badge' }, t(`role.${m.role}`)),
              m.own ? [' ', el('span', { class: 'badge active own' }, t('members.ownBadge'))] : null,
              m.mayExport ? [' ', el('span', { class: 'badge export' }, t('members.exportBadge'))] : null,
            ),
            el('p', { class: 'item-meta' }, m.email),
            el('p', { class: 'item-meta' }, t('members.addedBy', { who: m.addedBy, time: f.dateTime(m.addedAt, campaign.timeZone) })),
          ),
          // The campaign's owner cannot be removed (the API refuses it): no button to fail.
          m.owner ? null : removeButton(m),
        ),
      ),
    );
  };
  const load = loader(list, path, draw);

  const email = field(
    'member-email',
    t('members.email'),
    el('input', { type: 'email', name: 'email', autocomplete: 'off', inputmode: 'email', autocapitalize: 'off', spellcheck: 'false', maxlength: 254 }),
    t('members.email.help'),
  );
  const own = checkField('member-own', t('members.own'));
  const mayExport = checkField('member-export', t('members.mayExport'));
  const summary = formSummary('member-error');
  const submit = el('button', { type: 'submit', id: 'member-add' }, t('members.add'));
  const form = el(
    'form',
    { id: 'member-form', class: 'sub-form', novalidate: true, 'aria-labelledby': 'member-form-title' },
    el('h3', { id: 'member-form-title' }, t('members.add')),
    summary,
    email.element,
    own.element,
    mayExport.element,
    el('p', { class: 'actions' }, submit),
  );
  const errors = formErrors({ email }, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = email.control.value.trim();
    if (!value) return errors.show({ email: t('signin.email.missing') });
    if (!EMAIL.test(value)) return errors.show({ email: t('signin.email.invalid') });
    errors.clear();
    status.textContent = '';
    submit.disabled = true;
    try {
      // The answer is the same whether or not the address has an account: the list shows who is in.
      await apiSend('POST', path, { json: { email: value, own: own.control.checked, mayExport: mayExport.control.checked } });
      form.reset();
      await load();
      status.textContent = t('members.added', { email: value });
    } catch (err) {
      if (err.status === 400 && detailMessages(err, ['email']).email) errors.show({ email: t('signin.email.invalid') });
      else errors.fail(failureText(err));
    } finally {
      submit.disabled = false;
    }
  });

  load(first);
  return el(
    'section',
    { class: 'card block', id: 'members', 'aria-labelledby': 'members-title' },
    el('h2', { id: 'members-title' }, t('members.title')),
    el('p', { class: 'help' }, t('members.help')),
    list,
    status,
    form,
  );
}

/**
 * "Period: 1 January 2015 – 31 January 2015", or the whole campaign.
 * @param {ShareLink} link
 * @param {string} zone
 */
function linkPeriod(link, zone) {
  const f = fmt();
  if (link.from && link.to) return t('links.period', { period: f.period(link.from, link.to, zone) });
  if (link.from) return t('links.period', { period: t('links.period.from', { date: f.date(link.from, zone) }) });
  if (link.to) return t('links.period', { period: t('links.period.to', { date: f.date(Date.parse(link.to) - 1, zone) }) });
  return t('links.period.all');
}

/**
 * The sponsors' links of a campaign.
 * @param {Campaign} campaign
 */
export function linksSection(campaign) {
  const zone = campaign.timeZone;
  const path = campaignPath(campaign.id, 'share-links');
  const list = el('div', { id: 'link-list', 'aria-live': 'polite' }, stateBox('loading', t('state.loading')));
  const status = el('p', { class: 'saved', id: 'link-status', role: 'status' });
  // The new link's address: shown once, until the page is left.
  const fresh = el('div', { id: 'link-new' });
  const showCreated = () => {
    if (created?.campaignId === campaign.id)
      fresh.replaceChildren(secretBox({ id: 'link-url', label: t('links.url'), value: created.url, message: t('links.created', { label: created.label }) }));
  };
  showCreated();
  const f = fmt();

  /** @param {{ links: ShareLink[] }} answer */
  const draw = ({ links }) => {
    if (links.length === 0) return el('p', { class: 'muted' }, t('links.none'));
    return el(
      'ul',
      { class: 'item-list' },
      links.map((l) =>
        credentialItem({
          kind: 'share-link',
          attrs: { 'data-link-id': l.id },
          nameClass: 'link-label',
          name: l.label,
          status: l.status,
          meta: [
            [linkPeriod(l, zone)],
            [
              l.revokedAt
                ? t('links.revokedAt', { time: f.dateTime(l.revokedAt, zone) })
                : t('links.expiresAt', { date: f.date(Date.parse(l.expiresAt) - 1, zone) }),
              ' · ',
              l.allowExport ? t('links.exportYes') : t('links.exportNo'),
            ],
            [l.lastUsedAt ? t('links.lastUsed', { time: f.dateTime(l.lastUsedAt, zone) }) : t('links.neverUsed'), ' · ', el('code', {}, `${l.prefix}…`)],
            [t('links.createdBy', { who: l.createdBy, time: f.dateTime(l.createdAt, zone) })],
          ],
          revoke: {
            label: t('links.revoke'),
            ariaLabel: t('links.revokeLabel', { label: l.label }),
            question: t('links.revokeConfirm', { label: l.label }),
            yes: t('links.revokeYes'),
            run: async () => {
              await apiSend('DELETE', `${path}/${encodeURIComponent(l.id)}`);
              if (created?.id === l.id) {
                created = null;
                fresh.replaceChildren();
              }
              await load();
              status.textContent = t('links.revoked', { label: l.label });
            },
          },
        }),
      ),
    );
  };
  const load = loader(list, path, draw);

  // The campaign's days for the period, and an expiry from today to two years on (90 days by default).
  const today = dayInZone(Date.now(), zone);
  const first = dayInZone(campaign.startsAt, zone);
  const last = campaign.endsAt ? dayInZone(Date.parse(campaign.endsAt) - 1, zone) : undefined;
  /**
   * @param {string} name
   * @param {{ min?: string, max?: string, value?: string }} extra
   */
  const dateInput = (name, extra) => el('input', { type: 'date', name, ...extra });
  const fields = {
    label: field('link-label', t('links.label'), el('input', { type: 'text', name: 'label', maxlength: 100, autocomplete: 'off' }), t('links.label.help')),
    from: field('link-from', t('links.from'), dateInput('from', { min: first, max: last })),
    to: field('link-to', t('links.to'), dateInput('to', { min: first, max: last }), t('links.period.help')),
    expiresAt: field(
      'link-expires',
      t('links.expires'),
      dateInput('expiresAt', { min: today, max: addDays(today, 730), value: addDays(today, 90) }),
      t('links.expires.help'),
    ),
  };
  const allowExport = checkField('link-export', t('links.allowExport'));
  const summary = formSummary('link-error');
  const submit = el('button', { type: 'submit', id: 'link-create' }, t('links.create'));
  const form = el(
    'form',
    { id: 'link-form', class: 'sub-form', novalidate: true, 'aria-labelledby': 'link-form-title' },
    el('h3', { id: 'link-form-title' }, t('links.new')),
    summary,
    fields.label.element,
    el('div', { class: 'row' }, fields.from.element, fields.to.element),
    fields.expiresAt.element,
    allowExport.element,
    el('p', { class: 'actions' }, submit),
  );
  const errors = formErrors(fields, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(Object.entries(fields).map(([k, fl]) => [k, fl.control.value.trim()]));
    /** @type {Record<string, string>} */
    const problems = {};
    if (!v.label) problems.label = t('links.label.missing');
    if (!v.expiresAt) problems.expiresAt = t('links.expires.missing');
    else if (v.expiresAt < today || v.expiresAt > addDays(today, 730)) problems.expiresAt = t('links.expires.range');
    if (v.from && v.to && v.to < v.from) problems.to = t('links.to.beforeFrom');
    if (Object.keys(problems).length) return errors.show(problems);
    errors.clear();
    status.textContent = '';
    submit.disabled = true;
    try {
      const { link } = await apiSend('POST', path, {
        json: { label: v.label, from: v.from || null, to: v.to || null, expiresAt: v.expiresAt, allowExport: allowExport.control.checked },
      });
      // The address as this browser reaches the service (the server's own idea of its host may be a proxy's).
      const url = link.token ? `${location.origin}/share/${encodeURIComponent(link.token)}` : link.url;
      created = { campaignId: campaign.id, id: link.id, url, label: link.label };
      form.reset();
      // The new address shows once the list holds the link.
      await load();
      showCreated();
      fresh.querySelector('input')?.focus();
    } catch (err) {
      const messages = err.status === 400 ? detailMessages(err, Object.keys(fields)) : {};
      if (Object.keys(messages).length) errors.show(messages);
      else errors.fail(failureText(err));
    } finally {
      submit.disabled = false;
    }
  });

  load();
  return el(
    'section',
    { class: 'card block', id: 'share-links', 'aria-labelledby': 'links-title' },
    el('h2', { id: 'links-title' }, t('links.title')),
    el('p', { class: 'help' }, t('links.help')),
    fresh,
    list,
    status,
    form,
  );
}
