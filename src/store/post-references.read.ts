import type { PostReferences, PostTarget } from '../domain/post.js';
import { compact, fail, optStr, type Fields } from './field-read.js';

/**
 * A post's references as either store keeps them (SQLite: a JSON text column; MongoDB: a
 * sub-document), back to the domain type. Absent (a post stored before they were read): undefined.
 */
export function readReferences(value: unknown, field = 'references'): PostReferences | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(field, 'an object', raw);
  const d = raw as Fields;
  const mentions = d.mentions ?? [];
  if (!Array.isArray(mentions) || !mentions.every((m): m is string => typeof m === 'string')) return fail(`${field}.mentions`, 'an array of strings', mentions);
  const refs: PostReferences = { mentions: [...mentions] };
  const replyTo = readTarget(d.replyTo, `${field}.replyTo`);
  if (replyTo) refs.replyTo = replyTo;
  const quoteOf = readTarget(d.quoteOf, `${field}.quoteOf`);
  if (quoteOf) refs.quoteOf = quoteOf;
  return refs;
}

function readTarget(value: unknown, field: string): PostTarget | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return fail(field, 'an object', value);
  const d = value as Fields;
  const target: PostTarget = {};
  const authorId = optStr(d, 'authorId');
  const handle = optStr(d, 'handle');
  if (authorId !== undefined) target.authorId = authorId;
  if (handle !== undefined) target.handle = handle;
  return target;
}

/** What a store writes: only the parts that are there (no `undefined` in a document or JSON). */
export function referencesDoc(refs: PostReferences | undefined): PostReferences | undefined {
  if (refs === undefined) return undefined;
  const out: PostReferences = { mentions: [...refs.mentions] };
  if (refs.replyTo) out.replyTo = compact({ ...refs.replyTo });
  if (refs.quoteOf) out.quoteOf = compact({ ...refs.quoteOf });
  return out;
}
