/// <reference lib="dom" />
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/demo/demo.loader.js';
import { screenshot, serviceAndBrowser } from '../helpers/browser.js';
import { createShareLink } from '../helpers/workshop-fixture.js';

/**
 * axe-core on every page of the dashboard, at 360 and 1366 px, in Indonesian and English: no
 * serious or critical finding. axe's own file is injected from node_modules (never a CDN: the
 * pages' CSP allows 'self' only, and a script tag Playwright adds is outside it).
 *
 * Each page is loaded once per language: axe runs at 360 px, then on the same page widened to
 * 1366 px (the dashboard's layout is CSS only: no script reads the width), and each size has its
 * own case below. (Two pages loading side by side were no faster on two cores.)
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SIZES = { 360: { width: 360, height: 740 }, 1366: { width: 1366, height: 900 } } as const;
type Size = keyof typeof SIZES;
/** The order each page is checked in: loaded at the first size, resized to the next. */
const SIZE_ORDER = Object.keys(SIZES).map(Number) as Size[];
const LANGS = ['id', 'en'] as const;
type Lang = (typeof LANGS)[number];
const PASSWORD = 'kata-sandi-rahasia-1';

let shareUrl: string;
const demo = DEMO_CAMPAIGN_ID;

/** Each page, where it is and what shows it is drawn; `signedIn: false` opens it with no credential. */
const PAGES: Record<string, { path: () => string; ready: string; signedIn: boolean }> = {
  signin: { path: () => '/signin.html', ready: '#password-form', signedIn: false },
  campaigns: { path: () => '/', ready: '.campaigns', signedIn: true },
  overview: { path: () => `/campaign.html?id=${demo}`, ready: '#kpis .kpi', signedIn: true },
  settings: { path: () => `/settings.html?id=${demo}`, ready: '#runs :is(table, p)', signedIn: true },
  report: { path: () => `/report.html?id=${demo}`, ready: '#report[data-ready]', signedIn: true },
  account: { path: () => '/account.html', ready: '#people-list .people', signedIn: true },
  // The admin is no participant of the demo campaign: the page's empty state.
  me: { path: () => `/me.html?id=${demo}`, ready: '#me-empty', signedIn: true },
  share: { path: () => new URL(shareUrl).pathname, ready: '#report[data-ready]', signedIn: false },
};

const e2e = serviceAndBrowser({ demo: true }, 120_000);
beforeAll(async () => {
  const created = await e2e.svc.api('/api/v1/users', {
    method: 'POST',
    json: { email: 'admin@axe.test', name: 'Admin Axe', role: 'admin', password: PASSWORD },
  });
  expect(created.status).toBe(201);
  shareUrl = (await createShareLink(e2e.svc, demo)).url;
}, 120_000);
afterAll(async () => {
  // A check whose case timed out finishes before the browser closes.
  await Promise.allSettled(checks.values());
  for (const c of contexts.values()) await (await c).close();
});

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const contexts = new Map<string, Promise<BrowserContext>>();
/**
 * A context in the given language, signed in as an admin through the API (its cookie) when asked;
 * one for each kind, shared by the pages. The CSP is bypassed for axe's script tag only: the
 * pages' own CSP is dashboard-csp.test.ts's subject.
 */
function contextFor(lang: Lang, signedIn: boolean): Promise<BrowserContext> {
  const key = `${lang} ${signedIn}`;
  let context = contexts.get(key);
  if (!context) contexts.set(key, (context = newContext(lang, signedIn)));
  return context;
}

async function newContext(lang: Lang, signedIn: boolean): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport: SIZES[SIZE_ORDER[0]!], locale: lang === 'id' ? 'id-ID' : 'en-US', bypassCSP: true });
  await context.addInitScript((l) => localStorage.setItem('kk.lang', l), lang);
  if (signedIn) {
    const res = await context.request.post(new URL('/api/v1/session', e2e.svc.url).href, { data: { email: 'admin@axe.test', password: PASSWORD } });
    expect(res.status()).toBe(200);
  }
  return context;
}

/** Every region drawn: no "loading" box left (the overview keeps polling, so the network is never idle). */
async function drawn(page: Page): Promise<void> {
  // Scrolled to the end on the way, so the overview's sections that load when scrolled near are checked too.
  await page.waitForFunction(
    () => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return document.querySelector('.state-box.loading, [aria-busy="true"]') === null;
    },
    undefined,
    { polling: 250 },
  );
}

/** axe's serious and critical findings on the page as it is. */
async function seriousFindings(page: Page): Promise<Finding[]> {
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<Record<string, unknown>> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: String(v.id),
      impact: (v.impact as string | null) ?? null,
      help: String(v.help),
      targets: (v.nodes as Array<{ target: unknown[] }>).slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
  return findings.filter((f: Finding) => f.impact === 'serious' || f.impact === 'critical');
}

/** One page in one language: loaded once, axe's serious findings at each size (a screenshot of any size that has some). */
async function checkPage(name: string, lang: Lang): Promise<Record<Size, Finding[]>> {
  const spec = PAGES[name]!;
  const context = await contextFor(lang, spec.signedIn);
  const page = await context.newPage();
  try {
    await page.goto(new URL(spec.path(), e2e.svc.url).href);
    await page.waitForSelector(`html[lang="${lang}"] ${spec.ready}`);
    await drawn(page);
    await page.addScriptTag({ path: AXE });
    const out = {} as Record<Size, Finding[]>;
    for (const size of SIZE_ORDER) {
      await page.setViewportSize(SIZES[size]);
      await drawn(page);
      out[size] = await seriousFindings(page);
      if (out[size].length > 0) await screenshot(page, `axe-${name}-${size}-${lang}`);
    }
    return out;
  } finally {
    await page.close();
  }
}

/** The pages in the order their cases run; each is checked once, by its first case, and its other case reads the result. */
const pairs = Object.keys(PAGES).flatMap((name) => LANGS.map((lang) => [name, lang] as const));
const checks = new Map<number, Promise<Record<Size, Finding[]>>>();
function checked(i: number): Promise<Record<Size, Finding[]>> {
  let check = checks.get(i);
  if (!check) checks.set(i, (check = checkPage(...pairs[i]!)));
  return check;
}

const cases = pairs.flatMap(([name, lang], i) => SIZE_ORDER.map((size) => [name, size, lang, i] as const));

describe('accessibility of every page (axe-core)', () => {
  it.each(cases)(
    '%s at %s px in %s: no serious or critical finding',
    async (name, size, lang, i) => {
      expect((await checked(i))[size], `${name} ${size} ${lang}`).toEqual([]);
    },
    90_000,
  );
});
