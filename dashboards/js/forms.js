// The small forms of accounts and sharing: labelled fields with their own error slot, messages in
// words, a secret shown once with a copy button, and a two-step confirmation for what cannot be undone.
import { el } from './dom.js';
import { t } from './i18n.js';
/** @import { Attrs, Child } from './dom.js' */

/**
 * A labelled field: label, control, help text and an error slot that the control points at, so a
 * screen reader reads the help and the error when the control gets focus.
 * @template {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} C
 * @param {string} id
 * @param {string} label
 * @param {C} control
 * @param {string} [help]
 */
export function field(id, label, control, help) {
  const helpId = help ? `${id}-help` : null;
  const errId = `${id}-error`;
  control.id = id;
  control.setAttribute('aria-describedby', [helpId, errId].filter(Boolean).join(' '));
  const error = el('p', { class: 'field-error', id: errId, hidden: true });
  const element = el('div', { class: 'field' }, el('label', { for: id }, label), control, help ? el('p', { class: 'help', id: helpId }, help) : null, error);
  return {
    element,
    control,
    /** @param {string} message */
    show(message) {
      error.textContent = message;
      error.hidden = false;
      control.setAttribute('aria-invalid', 'true');
    },
    clear() {
      error.textContent = '';
      error.hidden = true;
      control.removeAttribute('aria-invalid');
    },
  };
}

/**
 * A checkbox with its label beside it.
 * @param {string} id
 * @param {string} label
 */
export function checkField(id, label) {
  const control = el('input', { type: 'checkbox', id, name: id });
  return { element: el('p', { class: 'check-field' }, el('label', { class: 'check', for: id }, control, ' ', label)), control };
}

/**
 * The errors of one form: `show({field: message})` marks those fields, says so at the top and puts
 * the focus on the first; `fail(message)` is a message for the whole form.
 * @param {Record<string, { control: HTMLElement, show(message: string): void, clear(): void }>} fields
 * @param {HTMLElement} summary
 */
export function formErrors(fields, summary) {
  const clear = () => {
    for (const f of Object.values(fields)) f.clear();
    summary.hidden = true;
    summary.textContent = '';
  };
  return {
    clear,
    /**
     * @param {Record<string, string | null | undefined>} messages by field; an empty one is no error
     * @returns {boolean} whether a field was marked
     */
    show(messages) {
      clear();
      /** @type {HTMLElement | undefined} */
      let first;
      for (const [name, message] of Object.entries(messages)) {
        const f = fields[name];
        if (!f || !message) continue;
        f.show(message);
        first ??= f.control;
      }
      summary.textContent = t('form.fix');
      summary.hidden = false;
      first?.focus();
      return Boolean(first);
    },
    /** @param {string} message */
    fail(message) {
      clear();
      summary.textContent = message;
      summary.hidden = false;
      summary.focus();
    },
  };
}

/**
 * The place for a form's errors, read out when it appears.
 * @param {string} id
 */
export const formSummary = (id) => el('div', { class: 'form-error', id, role: 'alert', tabindex: '-1', hidden: true });

/**
 * A failed write, in words: the network, a refusal, too many requests, or the API's own message.
 * @param {any} err what was thrown: an ApiError, or anything else
 */
export function failureText(err) {
  if (err?.code === 'network') return t('error.network');
  if (err?.status === 403) return t('error.forbidden');
  if (err?.status === 429) return t('error.tooMany');
  return t('error.save', { message: err?.message ?? String(err) });
}

/**
 * The API's field messages (`details[].field`) for the fields a form has.
 * @param {{ details?: ReadonlyArray<{ field: string | number, message: string }> } | null | undefined} err
 * @param {readonly string[]} names
 * @returns {Record<string, string>}
 */
export function detailMessages(err, names) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const d of err?.details ?? []) {
    const name = String(d.field).split('.')[0] ?? '';
    if (names.includes(name) && !out[name]) out[name] = d.message;
  }
  return out;
}

/**
 * A secret shown this once (a token, a share link's address): read-only, selected on focus, with a
 * copy button that says whether it worked.
 * @param {{ id: string, label: string, value: string, message: string }} secret
 */
export function secretBox({ id, label, value, message }) {
  const input = el('input', { id, type: 'text', readonly: true, value, class: 'secret', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off' });
  const status = el('p', { class: 'copy-status', id: `${id}-status`, role: 'status' });
  const copy = el('button', { type: 'button', class: 'secondary', id: `${id}-copy` }, t('action.copy'));
  input.addEventListener('focus', () => input.select());
  copy.addEventListener('click', async () => {
    input.focus();
    input.select();
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
    }
    status.textContent = ok ? t('action.copied') : t('action.copyFailed');
  });
  return el(
    'div',
    { class: 'secret-box' },
    el('p', { class: 'secret-message' }, message),
    el('label', { for: id }, label),
    el('div', { class: 'copy-row' }, input, copy),
    status,
  );
}

/**
 * One credential of a list (an API token, a sponsor link): its name and status badge, lines of
 * detail (`meta`: each an array of children), and while it is active, the revoke button that
 * asks first (`revoke`: confirmAction's options). `kind` classes the item, `nameClass` its name;
 * `attrs` are the item's own (its id).
 * @param {object} item
 * @param {string} item.kind
 * @param {Attrs} item.attrs
 * @param {string} item.nameClass
 * @param {string} item.name
 * @param {string} item.status
 * @param {Child[][]} item.meta lines of detail
 * @param {ConfirmOptions} item.revoke
 */
export function credentialItem({ kind, attrs, nameClass, name, status, meta, revoke }) {
  return el(
    'li',
    { class: `item ${kind} ${status}`, ...attrs },
    el(
      'div',
      { class: 'item-main' },
      el(
        'p',
        { class: 'item-title' },
        el('span', { class: nameClass }, name),
        ' ',
        el('span', { class: `badge ${status}`, 'data-status': status }, t(`credential.${status}`)),
      ),
      meta.map((children) => el('p', { class: 'item-meta' }, ...children)),
    ),
    status === 'active' ? confirmAction(revoke) : null,
  );
}

/**
 * A button for what cannot be undone (revoking a link or a token): the first press asks, in words,
 * with "yes" and "cancel"; only "yes" acts. An error is shown beside it.
 * @typedef {{ label: string, ariaLabel: string, question: string, yes: string, run: () => Promise<unknown> }} ConfirmOptions
 * @param {ConfirmOptions} options
 */
export function confirmAction({ label, ariaLabel, question, yes, run }) {
  const box = el('div', { class: 'confirm-action' });
  const error = el('p', { class: 'error', role: 'alert' });
  const start = el('button', { type: 'button', class: 'secondary small danger', 'aria-label': ariaLabel }, label);
  const ask = () => {
    const yesButton = el('button', { type: 'button', class: 'small danger-solid' }, yes);
    const cancel = el('button', { type: 'button', class: 'secondary small' }, t('action.cancel'));
    const prompt = el(
      'div',
      { class: 'confirm', role: 'group', 'aria-label': question },
      el('p', {}, question),
      el('p', { class: 'actions' }, yesButton, cancel),
      error,
    );
    cancel.addEventListener('click', () => {
      box.replaceChildren(start);
      start.focus();
    });
    yesButton.addEventListener('click', async () => {
      yesButton.disabled = true;
      cancel.disabled = true;
      error.textContent = '';
      try {
        await run();
      } catch (err) {
        error.textContent = failureText(err);
        yesButton.disabled = false;
        cancel.disabled = false;
      }
    });
    box.replaceChildren(prompt);
    yesButton.focus();
  };
  start.addEventListener('click', ask);
  box.append(start);
  return box;
}
