import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { localizeError, localizeMessage, localizeProblem, localizeRowProblems } from '../../src/contracts/localize.js';
import { ID_MESSAGES } from '../../src/contracts/messages.id.js';
import { parseOr400 } from '../../src/contracts/validate.js';
import { z } from 'zod';
import { thrownMessages } from '../helpers/thrown-messages.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const shape = (key: string) => key.replace(/\{\w+\}/g, '{}');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every message the API sends has an Indonesian wording', () => {
  it('lists the messages thrown in src/ that messages.id.ts does not have (add yours there)', () => {
    const known = new Set(Object.keys(ID_MESSAGES).map(shape));
    const found = thrownMessages(ROOT);
    // The scan must see the messages, or it proves nothing.
    expect(found.length).toBeGreaterThan(100);
    const missing = found.filter((m) => !known.has(m.text)).map((m) => `${m.file}:${m.line} ${JSON.stringify(m.text)}`);
    expect(missing, 'messages without an entry in src/contracts/messages.id.ts').toEqual([]);
  });

  it('keeps every placeholder of its English key', () => {
    const bad = Object.entries(ID_MESSAGES).filter(([en, id]) => placeholders(en).join() !== placeholders(id).join());
    expect(bad).toEqual([]);
  });
});

describe('a message in the caller language', () => {
  it('fills placeholders, translating a value that is itself a message', () => {
    expect(localizeMessage('Campaign not found', 'id')).toBe('Kampanye tidak ditemukan.');
    expect(localizeMessage('Too many attempts; try again in 12 seconds.', 'id')).toBe('Terlalu banyak percobaan; coba lagi dalam 12 detik.');
    expect(localizeMessage('Campaign not found', 'en')).toBe('Campaign not found');
    expect(localizeMessage('Some message nobody wrote down', 'id')).toBe('Some message nobody wrote down');
  });

  it('words zod issues with zod Indonesian locale and a schema own message from the catalog, fields unchanged', () => {
    const schema = z.strictObject({ limit: z.number().max(5), email: z.email({ message: 'must be an e-mail address' }) });
    let err: AppError | undefined;
    try {
      parseOr400(schema, { limit: 9, email: 'x', extra: 1 }, 'body');
    } catch (e) {
      err = e as AppError;
    }
    const id = localizeError(err!, 'id');
    expect(id.code).toBe('invalid_request');
    expect(id.message).toBe('Isi permintaan tidak valid: limit, email, extra');
    expect(id.details).toEqual([
      { field: 'limit', message: 'Terlalu besar: diharapkan number menjadi <=5' },
      { field: 'email', message: 'harus berupa alamat e-mail' },
      { field: 'extra', message: 'kolom tidak dikenal' },
    ]);
    expect(localizeError(err!, 'en')).toBe(err);
    expect(localizeProblem({ field: 'to', message: 'must be after from' }, 'id')).toEqual({ field: 'to', message: 'harus setelah from' });
  });

  it('words each problem of an import row, fields kept apart by "; "', () => {
    expect(localizeRowProblems('created_at: is required; likes: must be text', 'id')).toBe('created_at: wajib diisi; likes: harus berupa teks');
    expect(localizeRowProblems('post_id: the same post (instagram 1) is already in row 2', 'id')).toBe(
      'post_id: postingan yang sama (instagram 1) sudah ada di baris 2',
    );
  });
});
