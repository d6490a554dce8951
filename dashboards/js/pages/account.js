// One's own account (account.html): who one is, changing the password (which ends every session,
// so a cookie session signs in again), and personal API tokens: listed, created with the secret
// shown once, revoked (not for participants unless PARTICIPANT_TOKENS allows it). The operator's
// token has no account: the page says so. Admins and the operator also manage everyone's accounts
// here (people.js).
import { apiGet, apiSend, credentialKind, whoAmI } from '../api.js';
import { el, stateBox } from '../dom.js';
import { checkField, credentialItem, detailMessages, failureText, field, formErrors, formSummary, secretBox } from '../forms.js';
import { fmt, t } from '../i18n.js';
import { startPage } from '../layout.js';
import { peopleSection } from '../people.js';
/** @import { ApiToken, User } from '../api-types.js' */
/** @import { PageControl } from '../layout.js' */

const PASSWORD_MIN = 10;
/** The token created last, kept so that a change of language (a redraw) does not lose it. */
/** @type {{ id: string, name: string, secret: string } | null} */
let created = null;

/** The instant a chosen day ends in this browser's zone: a token "expires on" that day means through it. */
/** @param {string} day `YYYY-MM-DD` */
function endOfDay(day) {
  const [y, m, d] = /** @type {[number, number, number]} */ (day.split('-').map(Number));
  return new Date(y, m - 1, d + 1).toISOString();
}

const todayHere = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** @param {User} user */
function profile(user) {
  /**
   * @param {string} key
   * @param {string} value
   */
  const row = (key, value) => el('div', {}, el('dt', {}, t(key)), el('dd', {}, value));
  return el(
    'section',
    { class: 'card block', 'aria-labelledby': 'profile-title' },
    el('h2', { id: 'profile-title' }, t('account.profile')),
    el('dl', { class: 'facts', id: 'profile' }, row('account.name', user.name), row('account.email', user.email), row('account.role', t(`role.${user.role}`))),
  );
}

function passwordSection() {
  /** @param {string} autocomplete */
  const input = (autocomplete) => el('input', { type: 'password', autocomplete, autocapitalize: 'off', spellcheck: 'false', maxlength: 200 });
  const fields = {
    currentPassword: field('pw-current', t('password.current'), input('current-password')),
    newPassword: field('pw-new', t('password.new'), input('new-password'), t('password.new.help')),
    confirm: field('pw-confirm', t('password.confirm'), input('new-password')),
  };
  const show = checkField('pw-show', t('signin.showPassword'));
  show.control.addEventListener('change', () => {
    for (const f of Object.values(fields)) f.control.type = show.control.checked ? 'text' : 'password';
  });
  const summary = formSummary('pw-error');
  const status = el('p', { class: 'saved', id: 'pw-status', role: 'status' });
  const submit = el('button', { type: 'submit', id: 'pw-submit' }, t('password.submit'));
  const form = el(
    'form',
    { id: 'password-change', novalidate: true, 'aria-labelledby': 'password-title' },
    summary,
    fields.currentPassword.element,
    fields.newPassword.element,
    fields.confirm.element,
    show.element,
    el('p', { class: 'actions' }, submit),
    status,
  );
  const errors = formErrors(fields, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = /** @type {Record<keyof typeof fields, string>} */ (Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.control.value])));
    /** @type {Record<string, string>} */
    const problems = {};
    if (!v.currentPassword) problems.currentPassword = t('password.missing');
    if (v.newPassword.length < PASSWORD_MIN) problems.newPassword = t('password.tooShort');
    else if (v.confirm !== v.newPassword) problems.confirm = t('password.mismatch');
    if (Object.keys(problems).length) return errors.show(problems);
    errors.clear();
    status.textContent = '';
    submit.disabled = true;
    try {
      await apiSend('POST', '/me/password', { json: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      // Every session ended, this one too: sign in again with the new password.
      if (credentialKind() === 'cookie') {
        location.assign(`/signin.html?${new URLSearchParams({ why: 'password', next: '/account.html' })}`);
        return;
      }
      form.reset();
      status.textContent = t('password.changed');
    } catch (err) {
      if (err.code === 'wrong_password') errors.show({ currentPassword: t('password.wrong') });
      else if (err.status === 400 && Object.keys(detailMessages(err, ['newPassword', 'currentPassword'])).length) {
        const d = detailMessages(err, ['newPassword', 'currentPassword']);
        errors.show({ newPassword: d.newPassword ? t('password.tooShort') : null, currentPassword: d.currentPassword ? t('password.missing') : null });
      } else errors.fail(failureText(err));
    } finally {
      submit.disabled = false;
    }
  });
  return el(
    'section',
    { class: 'card block', id: 'password', 'aria-labelledby': 'password-title' },
    el('h2', { id: 'password-title' }, t('password.title')),
    el('p', { class: 'help' }, t('password.help')),
    form,
  );
}

function tokensSection() {
  const list = el('div', { id: 'token-list', 'aria-live': 'polite' }, stateBox('loading', t('state.loading')));
  const status = el('p', { class: 'saved', id: 'token-status', role: 'status' });
  const fresh = el('div', { id: 'token-new' });
  const showCreated = () => {
    if (created)
      fresh.replaceChildren(
        secretBox({ id: 'token-secret', label: t('tokens.secret'), value: created.secret, message: t('tokens.created', { name: created.name }) }),
      );
  };
  showCreated();
  const f = fmt();

  /** @param {{ tokens: ApiToken[] }} answer */
  const draw = ({ tokens }) => {
    if (tokens.length === 0) return el('p', { class: 'muted' }, t('tokens.none'));
    return el(
      'ul',
      { class: 'item-list' },
      tokens.map((tk) =>
        credentialItem({
          kind: 'api-token',
          attrs: { 'data-token-id': tk.id },
          nameClass: 'token-name',
          name: tk.name,
          status: tk.status,
          meta: [
            [el('code', {}, `${tk.prefix}…`), ' · ', t('tokens.createdAt', { time: f.date(tk.createdAt) })],
            [
              tk.revokedAt
                ? t('tokens.revokedAt', { time: f.dateTime(tk.revokedAt) })
                : tk.expiresAt
                  ? t('tokens.expiresAt', { time: f.date(Date.parse(tk.expiresAt) - 1) })
                  : t('tokens.noExpiry'),
              ' · ',
              tk.lastUsedAt ? t('tokens.lastUsed', { time: f.dateTime(tk.lastUsedAt) }) : t('tokens.neverUsed'),
            ],
          ],
          revoke: {
            label: t('tokens.revoke'),
            ariaLabel: t('tokens.revokeLabel', { name: tk.name }),
            question: t('tokens.revokeConfirm', { name: tk.name }),
            yes: t('tokens.revokeYes'),
            run: async () => {
              await apiSend('DELETE', `/tokens/${encodeURIComponent(tk.id)}`);
              if (created?.id === tk.id) {
                created = null;
                fresh.replaceChildren();
              }
              // Announced once the list shows it, so the status never runs ahead of the list.
              await load();
              status.textContent = t('tokens.revoked', { name: tk.name });
            },
          },
        }),
      ),
    );
  };
  const load = () =>
    apiGet('/tokens').then(
      (r) => list.replaceChildren(draw(r)),
      (err) => list.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: load })),
    );

  const today = todayHere();
  const fields = {
    name: field('token-name', t('tokens.name'), el('input', { type: 'text', name: 'name', maxlength: 60, autocomplete: 'off' }), t('tokens.name.help')),
    expiresAt: field('token-expires', t('tokens.expires'), el('input', { type: 'date', name: 'expiresAt', min: today }), t('tokens.expires.help')),
  };
  const summary = formSummary('token-error');
  const submit = el('button', { type: 'submit', id: 'token-create' }, t('tokens.create'));
  const form = el(
    'form',
    { id: 'token-form', class: 'sub-form', novalidate: true, 'aria-labelledby': 'token-form-title' },
    el('h3', { id: 'token-form-title' }, t('tokens.new')),
    summary,
    fields.name.element,
    fields.expiresAt.element,
    el('p', { class: 'actions' }, submit),
  );
  const errors = formErrors(fields, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = fields.name.control.value.trim();
    const day = fields.expiresAt.control.value;
    /** @type {Record<string, string>} */
    const problems = {};
    if (!name) problems.name = t('tokens.name.missing');
    if (day && day < todayHere()) problems.expiresAt = t('links.expires.range');
    if (Object.keys(problems).length) return errors.show(problems);
    errors.clear();
    status.textContent = '';
    submit.disabled = true;
    try {
      const { token } = await apiSend('POST', '/tokens', { json: { name, expiresAt: day ? endOfDay(day) : null } });
      created = { id: token.id, name: token.name, secret: token.token };
      form.reset();
      // The secret shows once the list holds the token.
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
    { class: 'card block', id: 'tokens', 'aria-labelledby': 'tokens-title' },
    el('h2', { id: 'tokens-title' }, t('tokens.title')),
    el('p', { class: 'help' }, t('tokens.help')),
    fresh,
    list,
    status,
    form,
  );
}

/**
 * @param {HTMLElement} main
 * @param {PageControl} page
 */
async function render(main, { isCurrent }) {
  main.replaceChildren(stateBox('loading', t('state.loading')));
  const who = await whoAmI();
  if (!isCurrent()) return;
  document.title = `${t('account.title')} — Kabar Kampanye`;
  const head = el('h1', {}, t('account.title'));
  if (who.kind !== 'user') {
    main.replaceChildren(
      head,
      el('section', { class: 'card block', id: 'operator-note' }, el('p', {}, t('account.operatorHelp'))),
      // replaceChildren would write a null out as the text "null": only what there is.
      ...(who.kind === 'operator' ? [peopleSection(null)] : []),
    );
    return;
  }
  // Personal API tokens are for scripts: workshop participants see them only where the operator allows it.
  const tokens = who.tokenControls === false ? null : tokensSection();
  main.replaceChildren(
    head,
    el('div', { class: 'account-grid' }, el('div', {}, profile(who.user), passwordSection()), tokens),
    ...(who.role === 'admin' ? [peopleSection(who.user.id ?? null)] : []),
  );
}

startPage({ page: 'account.html', render });
