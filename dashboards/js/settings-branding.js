// The report's header in the campaign's settings: the organisation's name, whom the report is
// prepared for, and the organisation's logo (a PNG, JPEG or WebP of at most 200 KB, checked by the
// server by its bytes). Its own card, so the settings page wires it with one line.
import { apiDataUrl, apiSend, campaignPath } from './api.js';
import { el } from './dom.js';
import { checkField, confirmAction, detailMessages, failureText, field } from './forms.js';
import { t } from './i18n.js';
/** @import { Campaign } from './api-types.js' */

/**
 * @param {Campaign} campaign
 */
export function brandingSection(campaign) {
  let current = campaign;
  const organisation = field(
    'b-organisation',
    t('branding.organisation'),
    el('input', { type: 'text', name: 'organisation', maxlength: 120, value: campaign.organisation ?? '' }),
  );
  const preparedFor = field(
    'b-prepared-for',
    t('branding.preparedFor'),
    el('input', { type: 'text', name: 'preparedFor', maxlength: 200, value: campaign.preparedFor ?? '' }),
    t('branding.preparedFor.help'),
  );
  // Share links name every author by a pseudonym (docs/dashboard.md): for programmes with vulnerable participants.
  const mask = checkField('b-mask-handles', t('branding.maskHandles'));
  mask.control.checked = campaign.shareMaskHandles === true;
  mask.control.setAttribute('aria-describedby', 'b-mask-handles-help');
  const status = el('p', { class: 'muted', id: 'branding-status', role: 'status' });
  const form = el(
    'form',
    { id: 'branding-form' },
    el('p', { class: 'help' }, t('branding.help')),
    organisation.element,
    preparedFor.element,
    mask.element,
    el('p', { class: 'help', id: 'b-mask-handles-help' }, t('branding.maskHandles.help')),
    el('p', {}, el('button', { type: 'submit', id: 'branding-save' }, t('branding.save'))),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    organisation.clear();
    preparedFor.clear();
    const value = (/** @type {HTMLInputElement} */ input) => input.value.trim() || null;
    try {
      /** @type {{ campaign: Campaign }} */
      const r = await apiSend('PATCH', campaignPath(campaign.id), {
        json: { organisation: value(organisation.control), preparedFor: value(preparedFor.control), shareMaskHandles: mask.control.checked },
      });
      current = r.campaign;
      status.textContent = t('branding.saved');
    } catch (err) {
      const fields = detailMessages(err, ['organisation', 'preparedFor']);
      if (fields.organisation) organisation.show(fields.organisation);
      if (fields.preparedFor) preparedFor.show(fields.preparedFor);
      status.textContent = failureText(err);
    }
  });

  const preview = el('img', {
    class: 'logo-preview',
    id: 'branding-logo',
    alt: t('report.logoAlt', { name: campaign.organisation ?? campaign.name }),
    hidden: true,
  });
  const none = el('p', { class: 'muted', id: 'branding-no-logo' }, t('branding.logo.none'));
  // Removing the logo asks first, as every deletion does; a fresh question for each logo shown.
  const removeSlot = el('span', { id: 'branding-logo-remove' });
  const removeAction = () =>
    confirmAction({
      label: t('branding.logoRemove'),
      ariaLabel: t('branding.logoRemove'),
      question: t('branding.logoRemoveConfirm'),
      yes: t('branding.logoRemoveYes'),
      run: async () => {
        /** @type {{ campaign: Campaign }} */
        const r = await apiSend('DELETE', campaignPath(campaign.id, 'logo'));
        current = r.campaign;
        // Announced once the section shows it.
        await showLogo();
        logoStatus.textContent = t('branding.logoRemoved');
        file.control.focus();
      },
    });
  /** Shows the logo there is (resolves once it shows), or says there is none. */
  const showLogo = async () => {
    const has = Boolean(current.logo);
    none.hidden = has;
    removeSlot.replaceChildren(...(has ? [removeAction()] : []));
    preview.hidden = true;
    if (!has) return;
    try {
      preview.src = await apiDataUrl(campaignPath(campaign.id, 'logo') + `?v=${encodeURIComponent(current.logo?.updatedAt ?? '')}`);
      preview.hidden = false;
    } catch {
      preview.hidden = true;
    }
  };
  const file = field(
    'b-logo',
    t('branding.logo'),
    el('input', { type: 'file', name: 'logo', accept: 'image/png,image/jpeg,image/webp' }),
    t('branding.logo.help'),
  );
  const logoStatus = el('p', { class: 'muted', id: 'branding-logo-status', role: 'status' });
  const logoForm = el(
    'form',
    { id: 'branding-logo-form' },
    preview,
    none,
    file.element,
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'branding-logo-upload' }, t('branding.logoUpload')), removeSlot),
  );
  logoForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    file.clear();
    logoStatus.textContent = '';
    const chosen = /** @type {HTMLInputElement} */ (file.control).files?.[0];
    if (!chosen) return file.show(t('settings.import.choose'));
    try {
      /** @type {{ campaign: Campaign }} */
      const r = await apiSend('POST', campaignPath(campaign.id, 'logo'), { body: chosen, contentType: chosen.type || 'application/octet-stream' });
      current = r.campaign;
      // Announced once the new logo shows.
      await showLogo();
      logoStatus.textContent = t('branding.logoSaved');
    } catch (err) {
      const message = detailMessages(err, ['logo']).logo;
      file.show(message ?? failureText(err));
      logoStatus.textContent = failureText(err);
    }
  });
  void showLogo();
  return el(
    'section',
    { class: 'card block', id: 'branding', 'aria-labelledby': 'branding-title' },
    el('h2', { id: 'branding-title' }, t('branding.title')),
    form,
    status,
    logoForm,
    logoStatus,
  );
}
