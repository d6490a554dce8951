import type { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import { badRequest, type FieldProblem } from '../errors.js';
import { withIssue } from './localize.js';

/** Parses request data with a schema; a failure becomes a 400 naming every bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query' | 'path'): z.infer<S> {
  const res = schema.safeParse(data);
  if (res.success) return res.data;
  const details: FieldProblem[] = res.error.issues.flatMap(unwrapUnion).flatMap((i) => {
    // Unknown keys are one issue naming several keys: report each by name.
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: k, message: where === 'query' ? 'unknown parameter' : 'unknown field' }));
    // The issue goes with its problem, so that the answer can be worded in the caller's language.
    return [withIssue({ field: i.path.length ? i.path.join('.') : where, message: i.message }, i)];
  });
  const names = [...new Set(details.map((d) => d.field))].join(', ');
  return badRequestThrow(
    where === 'query' ? `Invalid query parameter: ${names}` : where === 'body' ? `Invalid request body: ${names}` : `Invalid path: ${names}`,
    details,
  );
}

function badRequestThrow(message: string, details: FieldProblem[]): never {
  throw badRequest(message, details);
}

/**
 * A union that failed reports every branch; when the value had the type of exactly one branch (a
 * repeated parameter is an array, not a string), that branch's problems are the ones to report:
 * "A filter takes at most 100 values." rather than "Invalid input".
 */
function unwrapUnion(issue: $ZodIssue): $ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const typed = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
  if (typed.length !== 1) return [issue];
  return typed[0]!.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as $ZodIssue);
}
