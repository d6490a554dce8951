import type { AlertFacts, AlertLocale } from '../domain/alerts.js';

/**
 * PLACEHOLDER (branch q-alerts): the real rendering is q-alerts-text's and replaces this file at
 * merge. Same signatures; a plain English rendering so that delivery has something to send.
 */

const n = (x: number) => x.toLocaleString('en-US');

function line(facts: AlertFacts): string {
  switch (facts.kind) {
    case 'source_failing':
      return `The last ${n(facts.runs)} runs of ${facts.source} failed${facts.lastError ? `: ${facts.lastError}` : ''}.`;
    case 'volume_spike':
      return `Spike: ${n(facts.posts)} posts in ${facts.bucket} (${facts.interval}), ${n(facts.expected)} expected.`;
    case 'budget':
      return `${facts.source} used ${n(facts.percent)}% of its monthly read budget (${n(facts.used)} of ${n(facts.budget)}).`;
    case 'quiet':
      return `No new post for ${n(facts.hours)} hours${facts.lastPostAt ? ` (last one ${facts.lastPostAt})` : ''}.`;
    case 'negative_share':
      return `${n(facts.percent)}% of ${n(facts.posts)} posts are negative (${n(facts.negative)}).`;
    case 'digest':
      return `${facts.cadence === 'daily' ? 'Daily' : 'Weekly'} digest ${facts.from} – ${facts.to}: ${n(facts.figures.posts)} posts (before: ${n(facts.previous.posts)}), ${n(facts.figures.engagement)} engagement, ${n(facts.figures.reach)} reach.`;
  }
}

/** The message ready to paste into a WhatsApp group. */
export function eventText(facts: AlertFacts, _locale: AlertLocale, link: { campaignName: string; url: string }): string {
  return `${link.campaignName}: ${line(facts)}\n${link.url}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const paragraph = (inner: string) => `<p>${inner}</p>`;
const anchor = (href: string, inner: string) => `<a href="${href}">${inner}</a>`;

/** The e-mail of one event: subject, plain text and HTML. */
export function emailMessage(
  facts: AlertFacts,
  locale: AlertLocale,
  link: { campaignName: string; url: string },
): { subject: string; text: string; html: string } {
  const text = eventText(facts, locale, link);
  return {
    subject: `${link.campaignName}: ${facts.kind.replace('_', ' ')}`,
    text,
    html: paragraph(escapeHtml(line(facts))) + paragraph(anchor(escapeHtml(link.url), escapeHtml(link.campaignName))),
  };
}
