import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CHAT_LIMITS, ChatFileError, readChatExport } from '../../src/chat/chat.file.js';

function failure(bytes: Uint8Array): ChatFileError {
  try {
    readChatExport(bytes);
  } catch (err) {
    if (err instanceof ChatFileError) return err;
    throw err;
  }
  throw new Error('expected a ChatFileError');
}

const LINE = '12/01/2024, 09.15 - Ani: halo\n';

describe('reading the uploaded export', () => {
  it('reads a .txt as it is, without its byte-order mark', () => {
    expect(readChatExport(strToU8(`\ufeff${LINE}`))).toBe(LINE);
  });

  it('finds the chat in an iPhone zip (_chat.txt) and an Android one, whatever else it holds', () => {
    expect(readChatExport(zipSync({ '_chat.txt': strToU8(LINE) }))).toBe(LINE);
    const android = zipSync({ 'IMG-20240112-WA0001.jpg': new Uint8Array([0xff, 0xd8, 0xff]), 'WhatsApp Chat with Pelatihan.txt': strToU8(LINE) });
    expect(readChatExport(android)).toBe(LINE);
  });

  it('refuses an empty file, a zip without a chat, binary data and text that is not UTF-8', () => {
    expect(failure(new Uint8Array())).toMatchObject({ status: 400 });
    expect(failure(zipSync({ 'media/photo.jpg': new Uint8Array([1, 2, 3]) }))).toMatchObject({ status: 400, code: 'invalid_chat_file' });
    expect(failure(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0, 0, 1]))).toMatchObject({ status: 415 });
    expect(failure(new Uint8Array([0x48, 0x61, 0xff, 0xfe, 0x6c]))).toMatchObject({ status: 400 });
  });

  it('stops a zip bomb at the unpacked limit and a crowded zip at the entry limit, by what it holds, not what it claims', () => {
    const bomb = zipSync({ '_chat.txt': new Uint8Array(CHAT_LIMITS.textBytes + 1).fill(0x61) }, { level: 9 });
    expect(failure(bomb)).toMatchObject({ status: 413, code: 'chat_file_too_large' });
    const crowded = zipSync(Object.fromEntries(Array.from({ length: CHAT_LIMITS.zipEntries + 1 }, (_, i) => [`${i}.txt`, strToU8('x')])));
    expect(failure(crowded)).toMatchObject({ status: 400 });
    // A damaged zip (its bytes cut short) is a 400, not a crash.
    expect(failure(zipSync({ '_chat.txt': strToU8(LINE.repeat(50)) }).slice(0, 40))).toMatchObject({ status: 400 });
  });
});
