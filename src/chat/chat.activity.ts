import type { ChatDay, ChatMessage, ChatTotals } from '../domain/chat.js';

/**
 * Support-channel activity per day (METRICS.md, "Support channel"), from the stored messages and
 * the campaign's facilitators (keyed hashes). Pure.
 *
 * - a question is a question message by a member who is not a facilitator;
 * - a facilitator answer is a facilitator's message while at least one such question is unanswered:
 *   it answers every question still open (one answer, however many questions it closes);
 * - first-response time is the minutes from a question to the first facilitator message after it,
 *   counted on the question's day; a question with no facilitator message after it is unanswered.
 */

type Messages = ReadonlyArray<Pick<ChatMessage, 'author' | 'at' | 'day' | 'question' | 'key'>>;

export interface ChatActivity {
  days: ChatDay[];
  totals: ChatTotals;
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const MINUTE = 60_000;

/**
 * Per-day rows (days with messages, ascending) and totals for the days from `from` to `to`
 * (`YYYY-MM-DD`, both included; null: open). Every message is read in time order, the ones before
 * `from` too, so a question asked before the range and answered in it is an answer in it.
 */
export function chatActivity(messages: Messages, facilitators: ReadonlySet<string>, range: { from: string | null; to: string | null }): ChatActivity {
  const inRange = (day: string) => (range.from === null || day >= range.from) && (range.to === null || day <= range.to);
  const ordered = [...messages].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = new Map<string, ChatDay & { senders: Set<string>; minutes: number[] }>();
  const row = (day: string) => {
    let r = rows.get(day);
    if (!r) {
      r = {
        day,
        messages: 0,
        activeMembers: 0,
        questions: 0,
        answers: 0,
        answered: 0,
        unanswered: 0,
        medianFirstResponseMinutes: null,
        senders: new Set(),
        minutes: [],
      };
      rows.set(day, r);
    }
    return r;
  };
  let open: Array<{ day: string; at: number }> = [];
  for (const m of ordered) {
    const r = row(m.day);
    r.messages++;
    r.senders.add(m.author);
    if (facilitators.has(m.author)) {
      if (open.length > 0) {
        r.answers++;
        const at = Date.parse(m.at);
        for (const q of open) {
          const qr = row(q.day);
          qr.answered++;
          qr.minutes.push(Math.round((at - q.at) / MINUTE));
        }
        open = [];
      }
    } else if (m.question) {
      r.questions++;
      open.push({ day: m.day, at: Date.parse(m.at) });
    }
  }
  for (const q of open) row(q.day).unanswered++;

  const days: ChatDay[] = [];
  const members = new Set<string>();
  const allMinutes: number[] = [];
  const totals: ChatTotals = {
    messages: 0,
    activeMembers: 0,
    members: 0,
    days: 0,
    questions: 0,
    answers: 0,
    answered: 0,
    unanswered: 0,
    medianFirstResponseMinutes: null,
  };
  for (const r of [...rows.values()].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    if (!inRange(r.day)) continue;
    const { senders, minutes, ...figures } = r;
    for (const s of senders) members.add(s);
    allMinutes.push(...minutes);
    days.push({ ...figures, activeMembers: senders.size, medianFirstResponseMinutes: median(minutes) });
    totals.messages += r.messages;
    totals.questions += r.questions;
    totals.answers += r.answers;
    totals.answered += r.answered;
    totals.unanswered += r.unanswered;
  }
  totals.members = members.size;
  totals.activeMembers = members.size;
  totals.days = days.filter((d) => d.messages > 0).length;
  totals.medianFirstResponseMinutes = median(allMinutes);
  return { days, totals };
}
