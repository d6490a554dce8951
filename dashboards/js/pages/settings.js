// Campaign settings (settings.html?id=…, or settings.html for a new campaign): the campaign form,
// collecting now and importing a file.
import { apiGet, apiSend, campaignPath } from '../api.js';
import { el, pageHref, stateBox } from '../dom.js';
import { t } from '../i18n.js';
import { startPage } from '../layout.js';
import { campaignForm } from '../settings-form.js';
import { collectSection, importSection } from '../settings-actions.js';
import { failureWarnings, sourceStatusList } from '../status.js';

const campaignId = () => new URLSearchParams(location.search).get('id');
/** A message that survives the redraw after saving ("Saved"). */
let flash = '';

async function render(main, { isCurrent, rerender }) {
  const id = campaignId();
  main.replaceChildren(stateBox('loading', t('state.loading')));
  const campaign = id ? (await apiGet(campaignPath(id))).campaign : null;
  if (!isCurrent()) return;
  document.title = `${campaign ? t('settings.title.edit') : t('settings.title.new')} — Kabar Kampanye`;
  const ui = campaignForm(campaign);
  ui.status.textContent = flash;
  flash = '';
  ui.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ui.clearErrors();
    ui.status.textContent = t('state.working');
    const sent = ui.value();
    try {
      const r = campaign ? await apiSend('PATCH', campaignPath(campaign.id), { json: sent }) : await apiSend('POST', '/campaigns', { json: sent });
      flash = t('settings.saved');
      if (!campaign) history.replaceState(null, '', pageHref('settings.html', { id: r.campaign.id }));
      rerender();
    } catch (err) {
      ui.status.textContent = '';
      if (err.status === 400) ui.showErrors(err, sent);
      else ui.showErrors({ message: t('error.load', { message: err.message }), details: [] }, sent);
    }
  });

  const head = el(
    'div',
    { class: 'page-head' },
    el('h1', {}, campaign ? campaign.name : t('settings.title.new')),
    campaign ? el('a', { class: 'button secondary', href: pageHref('campaign.html', { id: campaign.id }) }, t('nav.overview')) : null,
  );
  if (!campaign) {
    main.replaceChildren(head, ui.form);
    return;
  }
  const collect = collectSection(campaign);
  main.replaceChildren(
    head,
    el('p', { class: 'hashtags' }, campaign.hashtags.join(' ')),
    failureWarnings(campaign),
    sourceStatusList(campaign),
    el('div', { class: 'settings-grid' }, el('section', { 'aria-labelledby': 'form-title' }, el('h2', { id: 'form-title' }, t('settings.campaign')), ui.form), el('div', { class: 'side' }, collect.element, importSection(campaign, collect.loadRuns))),
  );
}

startPage({ page: 'settings.html', campaignId, render });
