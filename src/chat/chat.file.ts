import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

/**
 * The chat text out of what a manager uploads: the `.txt` itself, or the `.zip` WhatsApp makes
 * ("Export chat" → "Without media") holding `_chat.txt` (iOS) or `WhatsApp Chat with ….txt`
 * (Android). A zip is read as a stream with its real sizes counted, so a zip bomb stops at the
 * limit, whatever its headers claim. Pure: bytes in, text out.
 */

export const CHAT_LIMITS = {
  /** The upload itself (a zip or a text). */
  uploadBytes: 10 * 1024 * 1024,
  /** The chat text, unpacked. */
  textBytes: 20 * 1024 * 1024,
  /** Entries in a zip: an export without media holds one. */
  zipEntries: 50,
} as const;

/** Why an upload cannot be read: a status, a code and the field to name (always `file`). */
export class ChatFileError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'invalid_chat_file' | 'chat_file_too_large' | 'unsupported_media_type',
    message: string,
  ) {
    super(message);
    this.name = 'ChatFileError';
  }
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);

/** The entry that holds the chat: `_chat.txt`, else the one `.txt` at the top (never a folder's). */
function isChatText(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return !name.includes('/') && base.toLowerCase().endsWith('.txt') && !base.startsWith('.');
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ChatFileError(400, 'invalid_chat_file', 'The chat export is not UTF-8 text: send the .txt or .zip WhatsApp made.');
  }
}

function unzipChat(bytes: Uint8Array): Uint8Array {
  const entries: string[] = [];
  const chunks: Uint8Array[] = [];
  let size = 0;
  let chosen: string | null = null;
  let tooLarge = false;
  let failed: Error | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file: UnzipFile) => {
    entries.push(file.name);
    if (entries.length > CHAT_LIMITS.zipEntries || chosen !== null || !isChatText(file.name)) return;
    chosen = file.name;
    file.ondata = (err, data) => {
      if (err) {
        failed = err;
        return;
      }
      size += data.length;
      if (size > CHAT_LIMITS.textBytes) {
        tooLarge = true;
        file.terminate();
        return;
      }
      chunks.push(data);
    };
    file.start();
  };
  try {
    unzip.push(bytes, true);
  } catch {
    if (!tooLarge) throw new ChatFileError(400, 'invalid_chat_file', 'The zip file is damaged or incomplete.');
  }
  if (entries.length > CHAT_LIMITS.zipEntries)
    throw new ChatFileError(400, 'invalid_chat_file', `The zip holds more than ${CHAT_LIMITS.zipEntries} files: export the chat "without media".`);
  if (tooLarge) throw new ChatFileError(413, 'chat_file_too_large', `The chat text in the zip is larger than ${CHAT_LIMITS.textBytes / 1024 / 1024} MB.`);
  if (failed !== null) throw new ChatFileError(400, 'invalid_chat_file', 'The zip file is damaged or incomplete.');
  if (chosen === null) throw new ChatFileError(400, 'invalid_chat_file', 'The zip holds no chat text (_chat.txt or "WhatsApp Chat with ….txt").');
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The chat export's text from the uploaded bytes (a zip is told by its first bytes, never by its name). */
export function readChatExport(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ChatFileError(400, 'invalid_chat_file', 'The chat export is empty.');
  if (bytes.length > CHAT_LIMITS.uploadBytes)
    throw new ChatFileError(413, 'chat_file_too_large', `A chat export may be at most ${CHAT_LIMITS.uploadBytes / 1024 / 1024} MB.`);
  if (isZip(bytes)) return decode(unzipChat(bytes));
  if (bytes.includes(0)) throw new ChatFileError(415, 'unsupported_media_type', 'Send the chat export as the .txt or .zip WhatsApp made.');
  return decode(bytes);
}
