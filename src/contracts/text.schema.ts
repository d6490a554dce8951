import { z } from 'zod';

/**
 * Text a person types and others read (names, labels, topics). Escaping is the job of whatever
 * shows it; these rules keep out what no name needs and what disguises text: control characters
 * (NUL, newlines, escape sequences), bidirectional overrides and isolates (which make `gpj.exe`
 * read as `exe.jpg`), zero-width spaces and byte-order marks, and lone surrogates (half of a
 * character, which no UTF-8 store or CSV file can hold as sent). Zero-width joiners stay: emoji and
 * some scripts need them.
 */
const DISGUISING = /[\p{Cc}\p{Cs}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max)
    .refine((s) => !DISGUISING.test(s), 'must not contain control characters, direction overrides, invisible spaces or broken characters');

/** Names that reach into an object's prototype when used as keys. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A key of a map a caller sends (a topic name): plain text, and never a prototype's name. */
export const mapKey = (max: number) => plainText(max).refine((k) => !RESERVED_KEYS.has(k), 'is a reserved name');

/** Ids the service hands out (random base64url). */
export const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id');
