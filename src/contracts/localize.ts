import { z } from 'zod';
import { AppError, type FieldProblem } from '../errors.js';
import { ID_MESSAGES } from './messages.id.js';

/**
 * The API's messages in the caller's language (Accept-Language: `id` or `en`, default `en`). Code
 * throws English; the answer is translated when it is sent: messages by the catalog in
 * messages.id.ts, zod's own issues by zod's Indonesian locale. Codes and fields never change.
 */
export const MESSAGE_LANGS = ['en', 'id'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

type Issue = z.core.$ZodIssue;
const issues = new WeakMap<FieldProblem, Issue>();

/** Keeps the zod issue behind a field problem, for wording it in another language later. */
export function withIssue(problem: FieldProblem, issue: Issue): FieldProblem {
  issues.set(problem, issue);
  return problem;
}

const PLACEHOLDER = /\{(\w+)\}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Template {
  pattern: RegExp;
  names: string[];
  to: string;
  /** Characters outside placeholders: the more, the more specific. */
  weight: number;
}

function compile(catalog: Readonly<Record<string, string>>): { exact: Map<string, string>; templates: Template[] } {
  const exact = new Map<string, string>();
  const templates: Template[] = [];
  for (const [from, to] of Object.entries(catalog)) {
    exact.set(from, to);
    const names = [...from.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    if (names.length === 0) continue;
    const parts = from.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
    templates.push({ pattern: new RegExp(`^${parts.map(escape).join('([\\s\\S]*?)')}$`), names, to, weight: parts.join('').length });
  }
  templates.sort((a, b) => b.weight - a.weight);
  return { exact, templates };
}

const CATALOGS = { id: compile(ID_MESSAGES) };

/** A message in `lang`; one the catalog does not know stays English. */
export function localizeMessage(message: string, lang: MessageLang, depth = 0): string {
  if (lang === 'en' || depth > 2) return message;
  const { exact, templates } = CATALOGS[lang];
  const whole = exact.get(message);
  if (whole !== undefined) return whole;
  for (const t of templates) {
    const m = t.pattern.exec(message);
    if (!m) continue;
    const values = new Map(t.names.map((name, i) => [name, localizeMessage(m[i + 1] ?? '', lang, depth + 1)]));
    return t.to.replace(PLACEHOLDER, (all, name: string) => values.get(name) ?? all);
  }
  return message;
}

const EN_ERRORS = z.locales.en().localeError;
const LOCALE_ERRORS = { id: z.locales.id().localeError };

/** zod's own wording of an issue in `lang`; undefined when the schema gave its own message. */
function zodWording(issue: Issue, lang: Exclude<MessageLang, 'en'>): string | undefined {
  const text = (r: ReturnType<typeof EN_ERRORS>) => (typeof r === 'string' ? r : r?.message);
  const raw = issue as unknown as Parameters<typeof EN_ERRORS>[0];
  if (text(EN_ERRORS(raw)) !== issue.message) return undefined;
  return text(LOCALE_ERRORS[lang](raw));
}

/** A field problem in `lang`, its field as the caller named it. */
export function localizeProblem(problem: FieldProblem, lang: MessageLang): FieldProblem {
  if (lang === 'en') return problem;
  const issue = issues.get(problem);
  const zodText = issue ? zodWording(issue, lang) : undefined;
  return { ...problem, message: zodText ?? localizeMessage(problem.message, lang) };
}

/** An error as sent to a caller who reads `lang`: same status, code and fields. */
export function localizeError(err: AppError, lang: MessageLang): AppError {
  if (lang === 'en') return err;
  const details = err.details.map((d) => (isFieldProblem(d) ? localizeProblem(d, lang) : d));
  return new AppError(err.status, err.code, localizeMessage(err.message, lang), details);
}

/** An import rejection (`field: message; field: message`) in `lang`. */
export function localizeRowProblems(text: string, lang: MessageLang): string {
  if (lang === 'en') return text;
  return text
    .split('; ')
    .map((part) => {
      const whole = localizeMessage(part, lang);
      if (whole !== part) return whole;
      const at = part.indexOf(': ');
      return at < 0 ? part : `${part.slice(0, at)}: ${localizeMessage(part.slice(at + 2), lang)}`;
    })
    .join('; ');
}

function isFieldProblem(d: unknown): d is FieldProblem {
  return typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string' && typeof (d as FieldProblem).message === 'string';
}
