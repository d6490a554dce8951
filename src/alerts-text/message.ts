import type { AlertKind } from '../domain/alerts.js';

/**
 * A message as structure, before it is written for WhatsApp, plain-text e-mail or HTML e-mail: the
 * three say the same thing because they are rendered from one of these.
 */

/** A run of text: plain, bold, or a link (a link shows its text; its address only where it can). */
export type Segment = string | { bold: string } | { link: string; href: string };

export type Block =
  /** One line of text. */
  | { type: 'line'; segments: Segment[] }
  /** Labelled figures, one per line: label, value, and the change against the previous period. */
  | { type: 'figures'; note: string; rows: { label: string; value: string; change?: string }[] }
  /** A titled list; numbered when `ordered`. */
  | { type: 'list'; heading: string; ordered: boolean; items: Segment[][] };

export interface Message {
  emoji: string;
  /** The headline: bold on WhatsApp, the e-mail's heading and (with the campaign) its subject. */
  title: string;
  blocks: Block[];
}

/** What a message ends with: whose campaign it is and where to look. */
export interface MessageLink {
  campaignName: string;
  url: string;
}

/** Whitespace (line breaks included) folded to single spaces: user text stays on its line. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** At most `max` characters (code points), an ellipsis marking a cut, at a word's end when one is near. */
export function clip(text: string, max: number): string {
  const chars = [...oneLine(text)];
  if (chars.length <= max) return chars.join('');
  if (max <= 1) return max <= 0 ? '' : '…';
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const kept = space >= (max - 1) * 0.6 ? cut.slice(0, space) : cut;
  return `${kept.trimEnd()}…`;
}

/** Length as people count it: code points, not UTF-16 units. */
export const charCount = (text: string): number => [...text].length;

/** The longest WhatsApp text, in characters: a digest has room for its figures, the rest stay short. */
export const TEXT_LIMIT: Readonly<Record<AlertKind, number>> = {
  source_failing: 280,
  volume_spike: 280,
  budget: 280,
  quiet: 280,
  negative_share: 280,
  digest: 600,
};
