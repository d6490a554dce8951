// The account page's section for admins: everyone's accounts. An admin creates an account (the
// first password is made up by the server and shown once, or typed), sets its role, gives it a new
// password (shown once) and disables or enables it. Managers add existing people to a campaign on
// its settings page, by e-mail.
import { apiFresh, apiSend } from './api.js';
import { el, stateBox } from './dom.js';
import { confirmAction, detailMessages, failureText, field, formErrors, formSummary, secretBox } from './forms.js';
import { t } from './i18n.js';
/** @import { Role, User } from './api-types.js' */

/** @type {readonly Role[]} */
const ROLES = ['admin', 'manager', 'participant', 'viewer'];

/**
 * A role chooser, labelled for the person it is about.
 * @param {string} id
 * @param {Role} value
 */
function roleSelect(id, value) {
  return el(
    'select',
    { id },
    ROLES.map((r) => el('option', { value: r, selected: r === value }, t(`role.${r}`))),
  );
}

/**
 * @param {string | null} selfId the signed-in admin, whose own role and status are not offered (the API refuses them)
 */
export function peopleSection(selfId) {
  const list = el('div', { id: 'people-list', 'aria-live': 'polite' }, stateBox('loading', t('state.loading')));
  const status = el('p', { class: 'saved', id: 'people-status', role: 'status' });
  const fresh = el('div', { id: 'people-secret' });

  /**
   * A password to pass on once, to whom it belongs.
   * @param {string} message
   * @param {string} password
   */
  const showSecret = (message, password) => {
    fresh.replaceChildren(secretBox({ id: 'people-password', label: t('people.password.once'), value: password, message }));
    fresh.querySelector('input')?.focus();
  };

  /** @param {User & { id: string, status: 'active' | 'disabled' }} u */
  const item = (u) => {
    const self = u.id === selfId;
    const role = roleSelect(`role-${u.id}`, u.role);
    role.disabled = self;
    role.addEventListener('change', async () => {
      const next = /** @type {Role} */ (role.value);
      status.textContent = '';
      try {
        await apiSend('PATCH', `/users/${encodeURIComponent(u.id)}`, { json: { role: next } });
        status.textContent = t('people.roleSet', { name: u.name, role: t(`role.${next}`) });
        u.role = next;
      } catch (err) {
        role.value = u.role;
        status.textContent = failureText(err);
      }
    });
    const reset = confirmAction({
      label: t('people.reset'),
      ariaLabel: t('people.resetLabel', { name: u.name }),
      question: t('people.resetConfirm', { name: u.name }),
      yes: t('people.resetYes'),
      run: async () => {
        status.textContent = '';
        /** @type {{ password: string }} */
        const r = await apiSend('POST', `/users/${encodeURIComponent(u.id)}/password-reset`);
        // Said once the list is drawn again, so the message never runs ahead of the list.
        await load();
        showSecret(t('people.resetDone', { name: u.name, email: u.email }), r.password);
      },
    });
    reset.dataset.action = 'reset';
    const disabled = u.status === 'disabled';
    const setStatus = async () => {
      status.textContent = '';
      await apiSend('PATCH', `/users/${encodeURIComponent(u.id)}`, { json: { status: disabled ? 'active' : 'disabled' } });
      await load();
      status.textContent = t(disabled ? 'people.enabled' : 'people.disabled', { name: u.name });
    };
    /** @type {HTMLElement} */
    let toggle;
    if (disabled) {
      const enable = el('button', { type: 'button', class: 'secondary small', 'aria-label': t('people.enableLabel', { name: u.name }) }, t('people.enable'));
      enable.addEventListener('click', () => void setStatus().catch((err) => (status.textContent = failureText(err))));
      toggle = enable;
    } else {
      toggle = confirmAction({
        label: t('people.disable'),
        ariaLabel: t('people.disableLabel', { name: u.name }),
        question: t('people.disableConfirm', { name: u.name }),
        yes: t('people.disableYes'),
        run: setStatus,
      });
    }
    toggle.dataset.action = 'status';
    return el(
      'li',
      { class: `person${disabled ? ' is-disabled' : ''}`, 'data-user-id': u.id, 'data-email': u.email },
      el(
        'div',
        { class: 'person-who' },
        el('strong', { class: 'person-name' }, u.name),
        self ? el('span', { class: 'muted' }, ` (${t('people.you')})`) : null,
        el('br'),
        el('span', { class: 'muted' }, u.email),
        disabled ? el('span', { class: 'badge ended' }, t('people.statusDisabled')) : null,
      ),
      el(
        'div',
        { class: 'person-controls' },
        el('label', { for: `role-${u.id}`, class: 'visually-hidden' }, t('people.roleOf', { name: u.name })),
        role,
        reset,
        self ? null : toggle,
      ),
    );
  };

  const load = () =>
    apiFresh('/users').then(
      (/** @type {{ users: Array<User & { id: string, status: 'active' | 'disabled' }> }} */ r) =>
        list.replaceChildren(
          el(
            'ul',
            { class: 'item-list people' },
            r.users.map((u) => item(u)),
          ),
        ),
      (err) => list.replaceChildren(stateBox('error', t('error.load', { message: err.message }), { label: t('action.retry'), run: load })),
    );

  const fields = {
    name: field('person-name', t('account.name'), el('input', { type: 'text', maxlength: 100, autocomplete: 'off' })),
    email: field(
      'person-email',
      t('account.email'),
      el('input', { type: 'email', maxlength: 254, autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' }),
    ),
    role: field('person-role', t('account.role'), roleSelect('person-role', 'participant')),
    password: field(
      'person-password',
      t('people.firstPassword'),
      el('input', { type: 'text', maxlength: 200, autocomplete: 'new-password', autocapitalize: 'off', spellcheck: 'false' }),
      t('people.firstPassword.help'),
    ),
  };
  const summary = formSummary('person-error');
  const submit = el('button', { type: 'submit', id: 'person-create' }, t('people.create'));
  const form = el(
    'form',
    { id: 'person-form', class: 'sub-form', novalidate: true, 'aria-labelledby': 'person-form-title' },
    el('h3', { id: 'person-form-title' }, t('people.new')),
    summary,
    fields.name.element,
    fields.email.element,
    fields.role.element,
    fields.password.element,
    el('p', { class: 'actions' }, submit),
  );
  const errors = formErrors(fields, summary);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = {
      name: fields.name.control.value.trim(),
      email: fields.email.control.value.trim(),
      role: fields.role.control.value,
      password: fields.password.control.value,
    };
    /** @type {Record<string, string>} */
    const problems = {};
    if (!value.name) problems.name = t('people.name.missing');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.email)) problems.email = t('signin.email.invalid');
    if (Object.keys(problems).length) return errors.show(problems);
    errors.clear();
    status.textContent = '';
    submit.disabled = true;
    try {
      const { password, ...rest } = value;
      /** @type {{ user: User, password?: string }} */
      const r = await apiSend('POST', '/users', { json: password ? value : rest });
      form.reset();
      await load();
      if (r.password) showSecret(t('people.created', { name: r.user.name, email: r.user.email }), r.password);
      else status.textContent = t('people.createdTyped', { name: r.user.name });
    } catch (err) {
      const messages = err.status === 400 || err.status === 409 ? detailMessages(err, Object.keys(fields)) : {};
      if (Object.keys(messages).length) errors.show(messages);
      else errors.fail(failureText(err));
    } finally {
      submit.disabled = false;
    }
  });

  void load();
  return el(
    'section',
    { class: 'card block', id: 'people', 'aria-labelledby': 'people-title' },
    el('h2', { id: 'people-title' }, t('people.title')),
    el('p', { class: 'help' }, t('people.help')),
    fresh,
    status,
    list,
    form,
  );
}
