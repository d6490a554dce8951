import type { AlertLocale } from '../domain/alerts.js';
import { clip, oneLine, type Block, type Message, type MessageLink, type Segment } from './message.js';

/** A message written three ways: WhatsApp (its *bold*), plain text, and HTML with inline styles only. */

const segmentText = (segment: Segment): string => (typeof segment === 'string' ? segment : 'bold' in segment ? segment.bold : segment.link);

/** WhatsApp's bold; an empty run stays empty (`**` would show as two stars). */
const waBold = (text: string) => (text.trim() ? `*${text.trim()}*` : '');

/** Blocks of one kind on consecutive lines; a list or a table of figures set apart by blank lines. */
function joinBlocks(chunks: { text: string; apart: boolean }[]): string {
  let out = '';
  chunks.forEach((chunk, i) => {
    if (i > 0) out += chunk.apart || chunks[i - 1]!.apart ? '\n\n' : '\n';
    out += chunk.text;
  });
  return out;
}

function whatsAppBlock(block: Block): { text: string; apart: boolean } {
  const line = (segments: Segment[]) => segments.map((s) => (typeof s === 'object' && 'bold' in s ? waBold(s.bold) : segmentText(s))).join('');
  switch (block.type) {
    case 'line':
      return { text: line(block.segments), apart: false };
    case 'figures':
      return {
        text: [`_${block.note}_`, ...block.rows.map((r) => `${r.label}: ${waBold(r.value)}${r.change ? ` (${r.change})` : ''}`)].join('\n'),
        apart: true,
      };
    case 'list':
      return { text: [waBold(block.heading), ...block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${line(item)}`)].join('\n'), apart: true };
  }
}

/** The WhatsApp text: the headline in bold, the body, then the campaign's name and the link. */
export function whatsApp(message: Message, link: MessageLink, nameRoom: number): string {
  const head = `${message.emoji} ${waBold(message.title)}`;
  const body = joinBlocks(message.blocks.map(whatsAppBlock));
  const name = clip(link.campaignName, nameRoom);
  return `${head}\n${body}\n\n${name ? `${waBold(name)}\n` : ''}${link.url}`;
}

const FOOTER: Readonly<Record<AlertLocale, { open: string; why: string }>> = {
  id: {
    open: 'Buka dasbor',
    why: 'Email ini dikirim Kabar Kampanye karena alamat Anda tercantum pada peringatan kampanye ini. Pengelola kampanye dapat mengubahnya di halaman pengaturan.',
  },
  en: {
    open: 'Open the dashboard',
    why: 'Kabar Kampanye sent this e-mail because your address is on an alert of this campaign. The campaign’s managers can change that on its settings page.',
  },
};

function textBlock(block: Block): { text: string; apart: boolean } {
  const line = (segments: Segment[]) => segments.map(segmentText).join('');
  switch (block.type) {
    case 'line':
      return { text: line(block.segments), apart: false };
    case 'figures': {
      const width = Math.max(...block.rows.map((r) => r.label.length));
      return {
        text: [...block.rows.map((r) => `${`${r.label}:`.padEnd(width + 2)}${r.value}${r.change ? ` (${r.change})` : ''}`), block.note].join('\n'),
        apart: true,
      };
    }
    case 'list':
      return {
        text: [
          block.heading,
          ...block.items.map((item, i) => {
            const href = item.find((s): s is { link: string; href: string } => typeof s === 'object' && 'link' in s)?.href;
            const safe = href ? safeHref(href) : undefined;
            return `${block.ordered ? `${i + 1}.` : '-'} ${line(item)}${safe ? `\n   ${safe}` : ''}`;
          }),
        ].join('\n'),
        apart: true,
      };
  }
}

/** The plain-text e-mail: the same words as WhatsApp's without its marks, addresses spelled out. */
export function plainText(message: Message, link: MessageLink, locale: AlertLocale): string {
  const name = oneLine(link.campaignName);
  return [
    message.title,
    '',
    joinBlocks(message.blocks.map(textBlock)),
    '',
    `${name}`,
    `${FOOTER[locale].open}: ${link.url}`,
    '',
    '-- ',
    FOOTER[locale].why,
    '',
  ].join('\n');
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An address a mail reader may open: http(s) only (a post's address comes from outside); undefined otherwise. */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const STYLE = {
  body: 'margin:0;padding:0;background:#f3f4f6;',
  card: 'max-width:560px;margin:0 auto;padding:24px 20px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;',
  h1: 'font-size:20px;line-height:1.3;margin:0 0 16px;color:#111827;',
  p: 'margin:0 0 8px;',
  note: 'margin:0 0 8px;font-size:14px;color:#4b5563;font-style:italic;',
  table: 'border-collapse:collapse;margin:0 0 16px;',
  th: 'text-align:left;font-weight:normal;padding:4px 16px 4px 0;color:#4b5563;',
  td: 'text-align:right;font-weight:bold;padding:4px 12px 4px 0;',
  change: 'text-align:left;padding:4px 0;color:#4b5563;font-size:14px;',
  h2: 'font-size:16px;margin:16px 0 4px;color:#111827;',
  list: 'margin:0 0 12px;padding-left:24px;',
  li: 'margin:0 0 6px;',
  a: 'color:#0b5cad;',
  button: 'display:inline-block;background:#0b5cad;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold;',
  campaign: 'margin:24px 0 8px;font-weight:bold;',
  footer: 'margin:24px 0 0;font-size:12px;color:#6b7280;',
};

function htmlSegment(segment: Segment): string {
  if (typeof segment === 'string') return escapeHtml(segment);
  if ('bold' in segment) return `<strong>${escapeHtml(segment.bold)}</strong>`;
  const href = safeHref(segment.href);
  return href ? `<a href="${escapeHtml(href)}" style="${STYLE.a}">${escapeHtml(segment.link)}</a>` : escapeHtml(segment.link);
}

function htmlBlock(block: Block): string {
  const line = (segments: Segment[]) => segments.map(htmlSegment).join('');
  switch (block.type) {
    case 'line':
      return `<p style="${STYLE.p}">${line(block.segments)}</p>`;
    case 'figures':
      return [
        `<table role="presentation" style="${STYLE.table}">`,
        ...block.rows.map(
          (r) =>
            `<tr><th scope="row" style="${STYLE.th}">${escapeHtml(r.label)}</th><td style="${STYLE.td}">${escapeHtml(r.value)}</td><td style="${STYLE.change}">${r.change ? escapeHtml(r.change) : ''}</td></tr>`,
        ),
        '</table>',
        `<p style="${STYLE.note}">${escapeHtml(block.note)}</p>`,
      ].join('');
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<h2 style="${STYLE.h2}">${escapeHtml(block.heading)}</h2><${tag} style="${STYLE.list}">${block.items.map((item) => `<li style="${STYLE.li}">${line(item)}</li>`).join('')}</${tag}>`;
    }
  }
}

/** The HTML e-mail: a whole document, inline styles only (mail readers drop style sheets), every user text escaped. */
export function html(message: Message, link: MessageLink, locale: AlertLocale, subject: string): string {
  const name = escapeHtml(oneLine(link.campaignName));
  const href = safeHref(link.url);
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.card}">`,
    `<h1 style="${STYLE.h1}">${escapeHtml(message.emoji)} ${escapeHtml(message.title)}</h1>`,
    ...message.blocks.map(htmlBlock),
    `<p style="${STYLE.campaign}">${name}</p>`,
    href
      ? `<p style="${STYLE.p}"><a href="${escapeHtml(href)}" style="${STYLE.button}">${escapeHtml(FOOTER[locale].open)}</a></p>`
      : `<p style="${STYLE.p}">${escapeHtml(link.url)}</p>`,
    `<p style="${STYLE.footer}">${escapeHtml(FOOTER[locale].why)}</p>`,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}
