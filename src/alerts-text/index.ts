import type { AlertFacts, AlertLocale } from '../domain/alerts.js';
import { FULL_ROOM, messageOf, type Room } from './kinds.js';
import { charCount, clip, oneLine, TEXT_LIMIT } from './message.js';
import { html, plainText, whatsApp } from './render.js';

/**
 * What alerts say (issue 17): the WhatsApp-ready `text` of every event and the e-mail of it, in the
 * alert's locale, from the event's facts. Pure: the services record the text with the event, the
 * delivery sends the e-mail, the dashboard shows the text with a copy button and a wa.me link.
 */

/** Quoted text shrinks first, then a digest lists fewer posts, then the campaign's name is shortened. */
const ROOMS: readonly Room[] = [
  FULL_ROOM,
  { quote: 80, items: 3 },
  { quote: 50, items: 3 },
  { quote: 32, items: 3 },
  { quote: 32, items: 2 },
  { quote: 24, items: 1 },
  { quote: 0, items: 1 },
];
const NAME_ROOMS = [80, 48, 24, 12, 0];

/** The room the e-mail has: it quotes more, since nobody pastes it. */
const MAIL_ROOM: Room = { quote: 200, items: 3 };

/**
 * The message ready to paste into a WhatsApp group: headline in *bold*, the figures in the locale's
 * format, dates as the facts give them (the campaign's zone), the campaign's name and the link last.
 * At most TEXT_LIMIT characters (the link is never cut: a very long one can only make it longer).
 */
export function eventText(facts: AlertFacts, locale: AlertLocale, link: { campaignName: string; url: string }): string {
  const limit = TEXT_LIMIT[facts.kind];
  let text = '';
  for (const nameRoom of NAME_ROOMS) {
    for (const room of ROOMS) {
      text = whatsApp(messageOf(facts, locale, room), link, nameRoom);
      if (charCount(text) <= limit) return text;
    }
  }
  return text;
}

/** The e-mail of an event: a subject, a plain-text body and an HTML body (inline styles, every user text escaped), saying what eventText says. */
export function emailMessage(
  facts: AlertFacts,
  locale: AlertLocale,
  link: { campaignName: string; url: string },
): { subject: string; text: string; html: string } {
  const message = messageOf(facts, locale, MAIL_ROOM);
  const name = clip(link.campaignName, 80);
  const subject = oneLine(name ? `${message.title} · ${name}` : message.title);
  return { subject, text: plainText(message, link, locale), html: html(message, link, locale, subject) };
}

/** A link that opens WhatsApp (app or web) with the text ready to send: `https://wa.me/?text=<encoded>`. */
export function whatsAppShareUrl(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}
