import type { Request } from 'express';
import { z } from 'zod';
import { ImportFileError, parseCsvImport, parseJsonImport, type ImportFormat, type ParsedImport } from '../../import/import.parse.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type ImportColumn } from '../../import/import.schema.js';
import { idParams } from '../../contracts/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { AppError } from '../../errors.js';
import { defineRoute } from '../route.js';

/** The import path, for the route and for the body parsers create-app.ts mounts on it. */
export const IMPORT_PATH = '/api/v1/campaigns/:id/import';
/** Whole files: larger than the 1 MB of other JSON bodies (docs/import.md). */
export const IMPORT_BODY_LIMIT = '5mb';
export const IMPORT_CSV_TYPES = ['text/csv', 'text/plain'];

const cell = z.union([z.string(), z.number(), z.null()]);
const requiredInJson = new Set<ImportColumn>(REQUIRED_COLUMNS.filter((c) => c !== 'text'));
const columnSchema = (c: ImportColumn) => {
  const s = c === 'hashtags' ? z.union([cell, z.array(z.string())]) : cell;
  return requiredInJson.has(c) ? s : s.optional();
};
const jsonRow = z.strictObject(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, columnSchema(c)])));

/** What the OpenAPI document shows for each accepted content type; validation is the parser's. */
const requestContentTypes = {
  'text/csv': z.string().meta({
    description: `CSV, UTF-8, header row naming the columns (${IMPORT_COLUMNS.join(', ')}); cells separated by "," or ";"; at most ${MAX_IMPORT_ROWS} rows and 5 MB.`,
  }),
  'application/json': z.union([z.array(jsonRow), z.strictObject({ posts: z.array(jsonRow) })]).meta({
    description: `An array of rows, or {"posts": [rows]}; a row has the CSV columns as keys. At most ${MAX_IMPORT_ROWS} rows and 5 MB.`,
  }),
};

/** API.md, Collection: `POST /campaigns/:id/import`. */
export function importRoutes(deps: HttpDeps) {
  const { campaigns, imports, gazetteer } = deps;
  return [
    defineRoute({
      method: 'post',
      path: IMPORT_PATH,
      summary: 'Import posts from platforms without an open API (CSV or JSON); bad rows are reported, the rest stored',
      access: { kind: 'campaign', action: 'import' },
      params: idParams,
      query: z.strictObject({}),
      requestContentTypes,
      handle: async ({ params, req, principal }) => {
        const campaign = await campaigns.load(params.id);
        const format = formatOf(req);
        const ctx = { timeZone: campaign.timeZone, city: (code: string) => gazetteer.city(code) };
        const body: unknown = req.body;
        const parsed = fileOr4xx(() => (format === 'csv' ? parseCsvImport(typeof body === 'string' ? body : '', ctx) : parseJsonImport(body, ctx)));
        return { body: await imports.importPosts(principal, campaign, parsed) };
      },
    }),
  ];
}

function formatOf(req: Request): ImportFormat {
  // From the header itself: req.is() answers null for an empty body, which deserves a 400, not a 415.
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (IMPORT_CSV_TYPES.includes(type)) return 'csv';
  if (type === 'application/json') return 'json';
  throw new AppError(415, 'unsupported_media_type', `Send the file as text/csv or application/json (got ${req.get('content-type') ?? 'no content type'}).`, [
    { field: 'content-type', message: 'must be text/csv or application/json' },
  ]);
}

function fileOr4xx(parse: () => ParsedImport): ParsedImport {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ImportFileError) throw new AppError(err.status, err.code, err.message, err.details);
    throw err;
  }
}
