/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * What a region (a list) showed at each moment its status line (role="status") was given text:
 * a status announced before the list shows the change records the list as it was.
 */
export interface StatusMoment {
  text: string;
  region: string;
}

/**
 * Starts recording, for the status element `status`, the text of `region` each time the status
 * gets text. Both are looked up when the status changes, so a region drawn again is read fresh; the
 * status element itself must stay (a page drawn again needs a new recording).
 */
export function recordStatus(page: Page, status: string, region: string): Promise<void> {
  return page.evaluate(
    ([s, r]) => {
      const node = document.querySelector(s!);
      if (!node) throw new Error(`no ${s} to record`);
      const w = window as unknown as { statusMoments?: Record<string, Array<{ text: string; region: string }>> };
      const moments: Array<{ text: string; region: string }> = [];
      (w.statusMoments ??= {})[s!] = moments;
      new MutationObserver(() => {
        const text = node.textContent ?? '';
        if (text) moments.push({ text, region: document.querySelector(r!)?.textContent ?? '' });
      }).observe(node, { childList: true, characterData: true, subtree: true });
    },
    [status, region],
  );
}

/** What was recorded for `status`, oldest first. */
export function statusMoments(page: Page, status: string): Promise<StatusMoment[]> {
  return page.evaluate((s) => (window as unknown as { statusMoments?: Record<string, StatusMoment[]> }).statusMoments?.[s] ?? [], status);
}

/** The moment the status said `text` (the last such). */
export async function momentOf(page: Page, status: string, text: string): Promise<StatusMoment | undefined> {
  return (await statusMoments(page, status)).filter((m) => m.text === text).at(-1);
}
