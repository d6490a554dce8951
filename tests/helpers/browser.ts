/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startService, type RunningService } from './service.js';

export const ARTIFACTS = 'test-artifacts';

export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } } as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Debian's Chromium, headless, with the background networking this closed machine refuses turned off. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The service and the browser of a Chromium test file, both set once the file's first `beforeAll` has run. */
export interface ServiceAndBrowser {
  svc: RunningService;
  browser: Browser;
}

/**
 * The set-up every Chromium test file shares: registers a `beforeAll` that starts the service
 * (`startService` with `options`) and the browser side by side, and an `afterAll` that closes the
 * browser, then the service. Call it at the top level of the file, before the file's own hooks:
 * Vitest runs `beforeAll` hooks in the order they were registered and `afterAll` hooks in the
 * reverse order, so the file's own `beforeAll` can use both, and its own `afterAll` closes what it
 * opened before the browser closes. `timeout` bounds the `beforeAll` (the tier's hook timeout by default).
 */
export function serviceAndBrowser(options: Parameters<typeof startService>[0] = {}, timeout?: number): ServiceAndBrowser {
  const running: Partial<ServiceAndBrowser> = {};
  beforeAll(async () => {
    // Both are awaited before a failure is thrown, so the afterAll closes whichever did start.
    const [svc, browser] = await Promise.allSettled([startService(options), launchBrowser()]);
    if (svc.status === 'fulfilled') running.svc = svc.value;
    if (browser.status === 'fulfilled') running.browser = browser.value;
    for (const started of [svc, browser]) if (started.status === 'rejected') throw started.reason;
  }, timeout);
  afterAll(async () => {
    await running.browser?.close();
    await running.svc?.close();
  });
  return running as ServiceAndBrowser;
}

/** Records console errors, page errors, dialogs and requests to any host but the service's. */
export function watchPage(page: Page, serviceUrl: string) {
  const origin = new URL(serviceUrl).origin;
  const problems = { consoleErrors: [] as string[], pageErrors: [] as string[], foreignRequests: [] as string[], dialogs: [] as string[] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:')) problems.foreignRequests.push(u);
  });
  return problems;
}

export interface Transfer {
  url: string;
  /** Bytes on the wire: the body as sent (gzip when compressed) plus the headers. */
  bytes: number;
  encoding: string | null;
}

/**
 * Records what the page downloads, from the browser's own accounting of each finished request
 * (the encoded body size, i.e. after gzip, and the response headers). `settled()` waits for the
 * sizes of the requests finished so far.
 */
export function trackTransfers(page: Page): { transfers: Transfer[]; settled(): Promise<Transfer[]> } {
  const transfers: Transfer[] = [];
  const pending: Array<Promise<void>> = [];
  page.on('requestfinished', (req) => {
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([req.sizes(), req.response()]);
        transfers.push({
          url: req.url(),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: (await response?.headerValue('content-encoding')) ?? null,
        });
      })(),
    );
  });
  return { transfers, settled: async () => (await Promise.all(pending), transfers) };
}

/**
 * Scrolls to a section until what it loads shows (`loaded`): the overview loads what is below its
 * charts (terms, connectors, workshops) only when the reader comes near it (dashboards/js/lazy.js).
 * It scrolls again while waiting, as a reader would: charts drawn above it move it down.
 */
export async function scrollToSection(page: Page, target: string, loaded: string): Promise<void> {
  await page.waitForFunction(
    ([t, l]) => {
      if (document.querySelector(l!)) return true;
      document.querySelector(t!)?.scrollIntoView();
      return false;
    },
    [target, loaded],
    { polling: 250 },
  );
}

/** How many pixels of a canvas are not fully transparent: a drawn chart has thousands. */
export function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

/** How far the page scrolls sideways: 0 when it fits its viewport. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A full-page screenshot under test-artifacts/, named for the page, viewport and language. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** The rows of a table as text, header row first. */
export function tableText(page: Page, selector: string): Promise<string[][]> {
  return page.$eval(selector, (table) =>
    Array.from(table.querySelectorAll('tr'), (tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent ?? '')),
  );
}

/** Form controls and buttons a screen reader could not name: no label, no aria-label, no text. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type="hidden"]), select, textarea, button', (els) =>
    els
      .filter((e) => {
        const labels = (e as HTMLInputElement).labels;
        return (
          !(labels && labels.length > 0) &&
          !e.getAttribute('aria-label') &&
          !e.getAttribute('aria-labelledby') &&
          !(e.tagName === 'BUTTON' && e.textContent?.trim())
        );
      })
      .map((e) => e.outerHTML.slice(0, 120)),
  );
}
