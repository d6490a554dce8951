/**
 * A campaign's WhatsApp support channel (API.md 1.1, chat-import; METRICS.md, "Support channel").
 * Pure types: what is stored of an imported chat export. Names and phone numbers never appear
 * here, only their keyed hashes.
 */

/** One message of the support channel as stored. */
export interface ChatMessage {
  campaignId: string;
  /**
   * Stable key (a keyed hash of the author, the minute, the text and the occurrence of that text
   * by that author in that minute): the same message read from an overlapping export has the same key.
   */
  key: string;
  /** Keyed hash of the author's name or phone number as the export shows it. */
  author: string;
  /** ISO instant: the export's local time read in the campaign's time zone. */
  at: string;
  /** `YYYY-MM-DD` in the campaign's time zone. */
  day: string;
  /** A question (METRICS.md, "Support channel"): ends in `?` or holds a question word. */
  question: boolean;
  /** A photo, video, sticker… left out of the export: a message of its author without text. */
  media: boolean;
  /** The text, only when the campaign keeps chat text (`chatKeepText`); null otherwise. */
  text: string | null;
  importedAt: string;
}

/** One day of support-channel activity (METRICS.md, "Support channel"). */
export interface ChatDay {
  day: string;
  messages: number;
  /** Distinct senders that day. */
  activeMembers: number;
  questions: number;
  /** Facilitator messages that followed an unanswered question of a non-facilitator. */
  answers: number;
  /** The day's questions (by a non-facilitator) that got a facilitator message after them. */
  answered: number;
  /** The day's questions still without a facilitator message after them. */
  unanswered: number;
  /** Median minutes from each of the day's answered questions to the first facilitator message after it; null when none. */
  medianFirstResponseMinutes: number | null;
}

export interface ChatTotals extends Omit<ChatDay, 'day'> {
  /** Distinct senders over the whole range (not the sum of the days'). */
  members: number;
  /** Days with at least one message. */
  days: number;
}
