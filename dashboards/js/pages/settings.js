// Campaign settings (settings.html?id=…, or settings.html for a new campaign): the campaign form,
// collecting now and importing a file; for the campaign's managers and admins also its members and
// its sponsors' links and its alerts and digests. Whoever may not edit it (a viewer, a participant on a campaign not theirs)
// sees the campaign's state and no control.
import { apiFresh, apiGet, apiSend, campaignPath, whoAmI } from '../api.js';
import { el, pageHref, stateBox } from '../dom.js';
import { t } from '../i18n.js';
import { startPage } from '../layout.js';
import { campaignForm } from '../settings-form.js';
import { importSection } from '../import-card.js';
import { collectSection } from '../settings-actions.js';
import { alertsSection } from '../alerts.js';
import { brandingSection } from '../settings-branding.js';
import { linksSection, membersSection } from '../sharing.js';
import { failureWarnings, sourceStatusList } from '../status.js';
import { workshopsSection } from '../workshops.js';
import { chatImportSection } from '../chat.js';
/** @import { Campaign, Member, Who } from '../api-types.js' */
/** @import { PageControl } from '../layout.js' */

const campaignId = () => new URLSearchParams(location.search).get('id');
/** A message that survives the redraw after saving ("Saved"). */
let flash = '';

/**
 * The campaign's members as a settled answer, when the caller may manage them: the API decides (a
 * 403 hides members and links; another failure shows in the section, with "try again").
 * Participants and viewers never may, so they are not asked.
 * @param {string | null} id
 * @param {Promise<Who>} who
 * @returns {Promise<{ answer: { members: Member[] }, err?: undefined } | { err: Error } | null>}
 */
function membersIfManager(id, who) {
  return who.then((w) => {
    if (!id || w.role === 'participant' || w.role === 'viewer') return null;
    return apiGet(campaignPath(id, 'members')).then(
      (answer) => ({ answer }),
      (err) => (err.status === 403 ? null : { err }),
    );
  });
}

/**
 * @param {HTMLElement} main
 * @param {PageControl} page
 */
async function render(main, { isCurrent, rerender }) {
  const id = campaignId();
  main.replaceChildren(stateBox('loading', t('state.loading')));
  const who = whoAmI();
  const [campaign, role, members, sources, defaultTopics] = await Promise.all([
    id ? apiGet(campaignPath(id)).then((/** @type {{ campaign: Campaign }} */ r) => r.campaign) : null,
    who.then((w) => w.role),
    membersIfManager(id, who),
    // The sources the form offers are the server's, with what each still needs.
    apiGet('/sources').then((r) => r.sources),
    id ? undefined : apiGet('/topics/defaults').then((/** @type {{ topics: Record<string, string[]> }} */ r) => r.topics),
  ]);
  if (!isCurrent()) return;
  document.title = `${campaign ? t('settings.title.edit') : t('settings.title.new')} — Kabar Kampanye`;
  if (!campaign && role !== 'admin' && role !== 'manager') {
    main.replaceChildren(
      el('h1', {}, t('settings.title.new')),
      stateBox('empty', t('settings.newNotAllowed')),
      el('p', {}, el('a', { href: '/' }, t('nav.back'))),
    );
    return;
  }
  // The API says what the caller may do here: without the right to edit, the page shows the state only.
  if (campaign && campaign.permissions && !campaign.permissions.edit) {
    main.replaceChildren(
      el(
        'div',
        { class: 'page-head' },
        el('h1', {}, campaign.name),
        el('a', { class: 'button secondary', href: pageHref('campaign.html', { id: campaign.id }) }, t('nav.overview')),
      ),
      el('p', { class: 'hashtags' }, campaign.hashtags.join(' ')),
      ...failureWarnings(campaign),
      sourceStatusList(campaign),
      stateBox('empty', t('settings.readOnly')),
    );
    return;
  }
  const ui = campaignForm(campaign, sources, defaultTopics);
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
      else if (err.status === 403) ui.showErrors({ message: t('settings.forbidden'), details: [] }, sent);
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
  let warnings = failureWarnings(campaign);
  let statusList = sourceStatusList(campaign);
  // When collection work ends, the warnings and the per-source line say how it went, without a reload.
  const refreshStatus = async () => {
    try {
      /** @type {{ campaign: Campaign }} */
      const r = await apiFresh(campaignPath(campaign.id));
      if (!isCurrent()) return;
      const nextWarnings = failureWarnings(r.campaign);
      const nextList = sourceStatusList(r.campaign);
      statusList.before(...nextWarnings);
      for (const w of warnings) w.remove();
      statusList.replaceWith(nextList);
      warnings = nextWarnings;
      statusList = nextList;
    } catch {
      // The runs list already says what happened; the line stays as it was.
    }
  };
  const collect = collectSection(campaign, () => void refreshStatus());
  main.replaceChildren(
    head,
    el('p', { class: 'hashtags' }, campaign.hashtags.join(' ')),
    ...warnings,
    statusList,
    el(
      'div',
      { class: 'settings-grid' },
      el('section', { 'aria-labelledby': 'form-title' }, el('h2', { id: 'form-title' }, t('settings.campaign')), ui.form),
      el('div', { class: 'side' }, collect.element, importSection(campaign, collect.loadRuns), brandingSection(campaign)),
    ),
    // Only for those who manage the campaign (replaceChildren would write a null out as the text "null").
    ...(members
      ? [
          el(
            'div',
            { class: 'sharing-grid' },
            membersSection(campaign, members.err ? Promise.reject(members.err) : Promise.resolve(members.answer)),
            linksSection(campaign),
          ),
          workshopsSection(campaign),
          chatImportSection(campaign),
          alertsSection(campaign, sources),
        ]
      : []),
  );
}

startPage({ page: 'settings.html', campaignId, render });
