/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { serviceAndBrowser, watchPage } from '../helpers/browser.js';
import { TEST_TOKEN } from '../helpers/service.js';

/**
 * The alerts section against the real alerts API (issue 17): the rules editor's requests are
 * what the API takes, and the API's refusals land on the fields they name. Where the alerts API
 * is not part of the build (this branch before the merge), the test says so and is skipped.
 */

let available = false;
const ID = DEMO_CAMPAIGN_ID;
const path = `/api/v1/campaigns/${ID}/alerts`;

const e2e = serviceAndBrowser({
  demo: true,
  // E-mail rules need a mail server set; none is reached, since no event is raised here.
  env: { ALLOW_PRIVATE_TARGETS: 'false', SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'kabar@example.org' },
});
beforeAll(async () => {
  available = (await e2e.svc.api(path)).status === 200;
});

interface Rule {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  channels: unknown[];
  locale: string;
  cooldownMinutes: number;
  enabled: boolean;
}
const rules = async () => ((await (await e2e.svc.api(path)).json()) as { alerts: Rule[] }).alerts;

describe('the alerts section with the real API', { timeout: 180_000 }, () => {
  it('adds a rule the API takes, shows its refusal on the field it names, switches the rule off and deletes it', async (ctx) => {
    if (!available) return ctx.skip('the alerts API (GET …/alerts) is not in this build');
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    const problems = watchPage(page, e2e.svc.url);
    await page.goto(new URL(`/settings.html?id=${ID}#token=${TEST_TOKEN}`, e2e.svc.url).href);
    await page.click('#alerts > summary');
    await page.waitForSelector('#alert-rules .muted');
    expect(await page.textContent('#alert-rules')).toBe('No rule yet.');
    expect(await page.textContent('#alert-events')).toContain('No message yet.');
    expect(await page.textContent('#alert-deliveries')).toBe('Nothing sent yet.');

    // A literal loopback address: the API refuses it at creation and nothing is stored.
    await page.selectOption('#alert-p-cadence', 'weekly');
    await page.selectOption('#alert-p-weekday', '5');
    await page.fill('#alert-p-at', '07:30');
    await page.fill('#alert-webhook', 'http://127.0.0.1:9/hook');
    await page.fill('#alert-email', 'manager@example.org');
    await page.click('#alert-add');
    await page.waitForSelector('#alert-webhook-error:not([hidden])');
    expect(await page.textContent('#alert-webhook-error')).toMatch(/loopback/);
    expect(await rules()).toEqual([]);

    await page.fill('#alert-webhook', 'https://hooks.example.org/kabar');
    await page.fill('#alert-secret', 'a-secret-of-24-characters');
    await page.selectOption('#alert-locale', 'id');
    await page.fill('#alert-cooldown', '90');
    await page.click('#alert-add');
    await page.waitForSelector('#alert-rules .alert-rule');
    const [rule] = await rules();
    expect(rule).toMatchObject({
      kind: 'digest',
      params: { cadence: 'weekly', at: '07:30', weekday: 5 },
      locale: 'id',
      cooldownMinutes: 90,
      enabled: true,
    });
    expect(rule!.channels).toHaveLength(2);
    expect(await page.textContent('.alert-rule .rule-summary')).toBe('Weekly digest, Friday at 07:30');

    await page.click(`.alert-rule[data-alert-id="${rule!.id}"] .alert-toggle`);
    await page.waitForSelector(`.alert-rule[data-alert-id="${rule!.id}"].paused`);
    expect((await rules())[0]!.enabled).toBe(false);

    await page.click(`.alert-rule[data-alert-id="${rule!.id}"] .confirm-action button.danger`);
    await page.click(`.alert-rule[data-alert-id="${rule!.id}"] .confirm button.danger-solid`);
    await page.waitForSelector('#alert-rules .muted');
    expect(await rules()).toEqual([]);
    // The one refusal is the only failed request; nothing else went wrong.
    expect(problems.consoleErrors.filter((m) => !/status of 400/.test(m))).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
