// Signing in (signin.html?next=…&why=…): e-mail and password for people, which sets the session
// cookie; folded away below it, an API token for the operator and for scripts' owners. Once
// signed in, the person goes back to the page they came from.
import { checkToken, setToken, signIn } from '../api.js';
import { el } from '../dom.js';
import { checkField, field, formErrors, formSummary } from '../forms.js';
import { t } from '../i18n.js';
import { startPage } from '../layout.js';
/** @import { ErrorDetail } from '../api-types.js' */

const params = new URLSearchParams(location.search);
/** @type {ReadonlyArray<string | null>} */
const WHY = ['signed-out', 'session_ended', 'password', 'token', 'credential_expired', 'credential_revoked', 'account_disabled'];
/** What was typed survives a change of language, which draws the page again. */
const typed = { email: '', password: '', show: false };

/** Where to go once signed in: a page of this dashboard, never another site, a share link or this page. */
function nextPage() {
  const next = params.get('next') ?? '';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  const url = new URL(next, location.origin);
  if (url.origin !== location.origin || url.pathname === '/signin.html' || url.pathname.startsWith('/share/')) return '/';
  return url.pathname + url.search;
}

function notice() {
  const why = params.get('why');
  if (!WHY.includes(why)) return null;
  return el('p', { class: why === 'signed-out' ? 'success' : 'warning', id: 'signin-notice', role: 'status' }, t(`signin.why.${why}`));
}

function passwordForm() {
  const email = field(
    'email',
    t('signin.email'),
    el('input', { type: 'email', name: 'email', autocomplete: 'username', inputmode: 'email', autocapitalize: 'off', spellcheck: 'false', required: true }),
  );
  const password = field(
    'password',
    t('signin.password'),
    el('input', { type: typed.show ? 'text' : 'password', name: 'password', autocomplete: 'current-password', required: true }),
  );
  email.control.value = typed.email;
  password.control.value = typed.password;
  const show = checkField('show-password', t('signin.showPassword'));
  show.control.checked = typed.show;
  show.control.addEventListener('change', () => {
    typed.show = show.control.checked;
    password.control.type = typed.show ? 'text' : 'password';
  });
  email.control.addEventListener('input', () => (typed.email = email.control.value));
  password.control.addEventListener('input', () => (typed.password = password.control.value));

  const summary = formSummary('password-error');
  const submit = el('button', { type: 'submit', id: 'signin-submit', class: 'wide' }, t('signin.submit'));
  const status = el('p', { class: 'muted', id: 'signin-status', role: 'status' });
  const form = el(
    'form',
    { id: 'password-form', novalidate: true, 'aria-labelledby': 'signin-title' },
    summary,
    email.element,
    password.element,
    show.element,
    el('p', { class: 'actions' }, submit),
    status,
  );
  const errors = formErrors({ email, password }, summary);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = { email: email.control.value.trim(), password: password.control.value };
    /** @type {Record<string, string>} */
    const problems = {};
    if (!value.email) problems.email = t('signin.email.missing');
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.email)) problems.email = t('signin.email.invalid');
    if (!value.password) problems.password = t('signin.password.missing');
    if (Object.keys(problems).length) {
      errors.show(problems);
      return;
    }
    errors.clear();
    submit.disabled = true;
    status.textContent = t('signin.working');
    try {
      await signIn(value.email, value.password);
      typed.password = '';
      location.assign(nextPage());
    } catch (err) {
      submit.disabled = false;
      status.textContent = '';
      if (err.status === 401) {
        password.control.value = '';
        typed.password = '';
        errors.fail(t('signin.wrong'));
      } else if (err.status === 429) {
        errors.fail(t('signin.tooMany', { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)) }));
      } else if (err.status === 400) {
        const fields = new Set(/** @type {ErrorDetail[]} */ (err.details).map((d) => String(d.field)));
        errors.show({ email: fields.has('email') ? t('signin.email.invalid') : null, password: fields.has('password') ? t('signin.password.missing') : null });
      } else {
        errors.fail(err.code === 'network' ? t('error.network') : t('error.load', { message: err.message }));
      }
    }
  });
  return form;
}

/** The operator's way in (and a personal token's): the token is checked, then kept in this browser. */
function tokenForm() {
  const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', required: true });
  const error = el('p', { class: 'error', id: 'signin-error', role: 'alert' });
  const form = el(
    'form',
    { id: 'signin-form', 'aria-labelledby': 'token-title' },
    el('label', { for: 'token' }, t('signin.token')),
    input,
    el('button', { type: 'submit', class: 'secondary' }, t('signin.token.submit')),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = input.value.trim();
    error.textContent = '';
    try {
      const who = await checkToken(value);
      if (who.kind === 'share') {
        error.textContent = t('signin.token.share');
        return;
      }
      setToken(value);
      location.assign(nextPage());
    } catch (err) {
      error.textContent = err.status === 401 ? t('signin.refused') : err.code === 'network' ? t('error.network') : t('error.load', { message: err.message });
    }
  });
  return form;
}

/** @param {HTMLElement} main */
function render(main) {
  document.title = `${t('signin.title')} — Kabar Kampanye`;
  main.replaceChildren(
    el(
      'div',
      { class: 'signin-page' },
      el(
        'section',
        { class: 'card signin', 'aria-labelledby': 'signin-title' },
        el('h1', { id: 'signin-title' }, t('signin.title')),
        el('p', { class: 'muted' }, t('signin.lead')),
        notice(),
        passwordForm(),
        el('p', { class: 'help' }, t('signin.forgot')),
      ),
      // For the person running the server and for scripts' owners; folded away so people meet e-mail and password only.
      el(
        'details',
        { class: 'card signin signin-token', id: 'token-details' },
        el('summary', { id: 'token-title' }, t('signin.token.title')),
        el('p', { class: 'help' }, t('signin.help')),
        tokenForm(),
      ),
    ),
  );
}

startPage({ page: 'signin.html', auth: false, render });
