import { createHmac, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { chatActivity, type ChatActivity } from '../chat/chat.activity.js';
import { ChatFileError, readChatExport } from '../chat/chat.file.js';
import { normalizeAuthor, parseChat, type DateOrder, type LocalTime } from '../chat/chat.parse.js';
import type { Campaign } from '../domain/campaign.js';
import type { ChatMessage } from '../domain/chat.js';
import { AppError } from '../errors.js';
import type { ChatStore } from '../store/chat-store.port.js';
import type { AuditService } from './audit.service.js';
import type { Principal } from './auth/principal.js';

/** The rejected lines an import answer names (the count is always whole). */
export const REJECTED_SAMPLE = 20;
/** Facilitators a campaign may mark. */
export const MAX_FACILITATORS = 100;

export interface ChatImportResult {
  /** Messages read from the file (media left out included; WhatsApp's own lines not). */
  messages: number;
  /** Distinct senders in the file. */
  members: number;
  /** Distinct days (campaign zone) with messages in the file. */
  days: number;
  rejectedLines: number;
  /** The first REJECTED_SAMPLE rejected line numbers (1-based). */
  rejectedSample: number[];
  systemLines: number;
  /** Messages stored now, and the ones already stored by an earlier (overlapping) import. */
  added: number;
  duplicates: number;
  from: string | null;
  to: string | null;
  format: 'android' | 'ios' | 'unknown';
  dateOrder: DateOrder;
  /** True when no date in the file told day from month, so `dateOrder` was assumed. */
  dateOrderAssumed: boolean;
  /** Facilitators the campaign has marked (after this import's). */
  facilitators: number;
  /** Whether the messages' text was stored (the campaign's `chatKeepText`). */
  textKept: boolean;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dayOf = (t: LocalTime) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
/** The minute as the export wrote it: the one resolution every export has (Android writes no seconds). */
const minuteOf = (t: LocalTime) => `${dayOf(t)}T${pad(t.hour)}:${pad(t.minute)}`;

/** The export's local time (the phone's, without a zone) read in the campaign's zone, to the minute. */
function instantOf(t: LocalTime, timeZone: string): string {
  const dt = DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute }, { zone: timeZone });
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)).toISOString();
}

const fileProblem = (err: ChatFileError, field = 'file') => new AppError(err.status, err.code, err.message, [{ field, message: err.message }]);

/** WhatsApp support-channel import and activity (API.md 1.1, chat-import; METRICS.md, "Support channel"). */
export function createChatService(deps: { chat: ChatStore; audit: AuditService; now: () => Date }) {
  const { chat, audit } = deps;

  /** A keyed hash (HMAC-SHA-256 with the campaign's secret) of one kind of value. */
  async function hasher(campaignId: string): Promise<(kind: string, value: string) => string> {
    const secret = await chat.chatSecret(campaignId, randomBytes(32).toString('base64url'));
    return (kind, value) => createHmac('sha256', secret).update(`${kind}\u0000${value}`).digest('base64url');
  }
  /** A sender as the export shows it (name or phone number), any case: one hash. */
  const authorHash = (hash: (kind: string, value: string) => string, name: string) => hash('author', normalizeAuthor(name).toLowerCase());

  async function addFacilitators(campaignId: string, hash: (kind: string, value: string) => string, names: readonly string[]): Promise<number> {
    const stored = await chat.chatFacilitators(campaignId);
    const next = new Set(stored);
    for (const n of names) if (normalizeAuthor(n) !== '') next.add(authorHash(hash, n));
    if (next.size > MAX_FACILITATORS)
      throw new AppError(400, 'invalid_request', `A campaign marks at most ${MAX_FACILITATORS} facilitators.`, [
        { field: 'facilitators', message: `at most ${MAX_FACILITATORS}` },
      ]);
    if (next.size !== stored.length) await chat.setChatFacilitators(campaignId, [...next]);
    return next.size;
  }

  return {
    /**
     * Reads an export (`.txt` or `.zip`) and stores its messages as keyed hashes, once each: a
     * message already stored by an earlier import (same sender, minute, text and occurrence) is
     * counted as a duplicate and left as it is.
     */
    async importExport(by: Principal, campaign: Campaign, bytes: Uint8Array, facilitatorNames: readonly string[]): Promise<ChatImportResult> {
      let text: string;
      try {
        text = readChatExport(bytes);
      } catch (err) {
        if (err instanceof ChatFileError) throw fileProblem(err);
        throw err;
      }
      const parsed = parseChat(text);
      if (parsed.messages.length === 0 && parsed.systemLines === 0)
        throw new AppError(400, 'invalid_chat_file', 'No WhatsApp message was found in the file: send the .txt or .zip of "Export chat".', [
          { field: 'file', message: 'holds no WhatsApp message' },
        ]);
      const hash = await hasher(campaign.id);
      const facilitators = await addFacilitators(campaign.id, hash, facilitatorNames);
      const importedAt = deps.now().toISOString();
      const seen = new Map<string, number>();
      const rows: ChatMessage[] = parsed.messages.map((m) => {
        const author = authorHash(hash, m.author);
        const minute = minuteOf(m.time);
        // The n-th identical text by one sender in one minute is its own message ("ok", "ok").
        const same = `${author}\u0000${minute}\u0000${m.text}`;
        const occurrence = seen.get(same) ?? 0;
        seen.set(same, occurrence + 1);
        return {
          campaignId: campaign.id,
          key: hash('message', `${same}\u0000${occurrence}`),
          author,
          at: instantOf(m.time, campaign.timeZone),
          day: dayOf(m.time),
          question: m.question,
          media: m.media,
          text: campaign.chatKeepText === true && !m.media ? m.text : null,
          importedAt,
        };
      });
      const added = await chat.addChatMessages(campaign.id, rows);
      const days = [...new Set(rows.map((r) => r.day))].sort();
      const result: ChatImportResult = {
        messages: rows.length,
        members: new Set(rows.map((r) => r.author)).size,
        days: days.length,
        rejectedLines: parsed.rejectedLines.length,
        rejectedSample: parsed.rejectedLines.slice(0, REJECTED_SAMPLE),
        systemLines: parsed.systemLines,
        added,
        duplicates: rows.length - added,
        from: days[0] ?? null,
        to: days.at(-1) ?? null,
        format: parsed.format,
        dateOrder: parsed.dateOrder,
        dateOrderAssumed: parsed.dateOrderAssumed,
        facilitators,
        textKept: campaign.chatKeepText === true,
      };
      await audit.record(by, 'chat.import', { type: 'campaign', id: campaign.id }, { messages: result.messages, added, rejectedLines: result.rejectedLines });
      return result;
    },

    /**
     * Per-day rows and totals for the days from `from` to `to` (both included; null: open). Every
     * message is read, so a day's row is the same whatever the range (a question answered after
     * `to` is answered).
     */
    async activity(campaignId: string, range: { from: string | null; to: string | null }): Promise<ChatActivity & { facilitators: number }> {
      const [messages, facilitators] = await Promise.all([chat.listChatMessages(campaignId), chat.chatFacilitators(campaignId)]);
      return { ...chatActivity(messages, new Set(facilitators), range), facilitators: facilitators.length };
    },

    /** How many facilitators the campaign marks (never who: only hashes are stored). */
    async facilitators(campaignId: string): Promise<{ facilitators: number }> {
      return { facilitators: (await chat.chatFacilitators(campaignId)).length };
    },

    /** Replaces the facilitators by these names or phone numbers, as the export shows them (stored as keyed hashes). */
    async setFacilitators(by: Principal, campaignId: string, names: readonly string[]): Promise<{ facilitators: number }> {
      const hash = await hasher(campaignId);
      const next = [...new Set(names.filter((n) => normalizeAuthor(n) !== '').map((n) => authorHash(hash, n)))];
      await chat.setChatFacilitators(campaignId, next);
      await audit.record(by, 'chat.facilitators.set', { type: 'campaign', id: campaignId }, { facilitators: next.length });
      return { facilitators: next.length };
    },

    /**
     * Removes the support channel's data (messages and facilitators) and rotates the campaign's
     * secret, so a hash made before can never be matched again; audited with the counts.
     */
    async deleteData(by: Principal, campaignId: string): Promise<{ messages: number; facilitators: number }> {
      const removed = await chat.deleteChat(campaignId, randomBytes(32).toString('base64url'));
      await audit.record(by, 'chat.delete', { type: 'campaign', id: campaignId }, removed);
      return removed;
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
