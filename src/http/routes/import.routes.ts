import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { ImportFileError, parseCsvImportInSlices, parseJsonImportInSlices, type ImportFormat, type ParsedImport } from '../../import/import.parse.js';
import { importColumnGuide, importTemplateCsv } from '../../import/import.guide.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type ImportColumn } from '../../import/import.schema.js';
import { idParams } from '../../contracts/campaign.schema.js';
import type { HttpDeps } from '../deps.js';
import { AppError } from '../../errors.js';
import { defineRoute } from '../route.js';
import { localizeRowProblems } from '../../contracts/localize.js';
import { requestLang } from '../language.js';
import { rejectReservedKeys } from '../reserved-keys.js';

/** The import path, for the route and for the body parsers create-app.ts mounts on it. */
export const IMPORT_PATH = '/api/v1/campaigns/:id/import';
/** Whole files: larger than the 1 MB of other JSON bodies (docs/import.md). */
export const IMPORT_BODY_LIMIT = '5mb';
export const IMPORT_CSV_TYPES = ['text/csv', 'text/plain'];
/**
 * The import path as the router matches it (any case, an optional trailing slash): the global body
 * parser leaves these requests alone, so their body is read only after the credential and the
 * access rule passed (a 5 MB body from nobody is refused unread).
 */
export const IMPORT_PATH_PATTERN = /^\/api\/v1\/campaigns\/[^/]+\/import\/?$/i;

const jsonBody = express.json({ limit: IMPORT_BODY_LIMIT });
const textBody = express.text({ type: IMPORT_CSV_TYPES, limit: IMPORT_BODY_LIMIT });

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
      query: z.strictObject({
        dryRun: z
          .enum(['true', 'false'])
          .default('false')
          .meta({ description: 'true: read and check the file, store nothing, answer with the first rows and every problem' }),
      }),
      requestContentTypes,
      handle: async ({ params, query, req, res, principal }) => {
        const campaign = await campaigns.load(params.id);
        const format = formatOf(req);
        // Only now, with the caller known and allowed, is the body read.
        await run(format === 'csv' ? textBody : jsonBody, req, res);
        if (format === 'json') await run(rejectReservedKeys, req, res);
        const ctx = { timeZone: campaign.timeZone, city: (code: string) => gazetteer.city(code) };
        const body: unknown = req.body;
        const parsed = await fileOr4xx(() =>
          format === 'csv' ? parseCsvImportInSlices(typeof body === 'string' ? body : '', ctx) : parseJsonImportInSlices(body, ctx),
        );
        const lang = requestLang(req, res);
        const words = (r: { error?: string }) => (r.error === undefined ? {} : { error: localizeRowProblems(r.error, lang) });
        if (query.dryRun === 'true') {
          const preview = await imports.previewPosts(campaign, parsed);
          return {
            body: { ...preview, rejected: preview.rejected.map((r) => ({ ...r, ...words(r) })), preview: preview.preview.map((r) => ({ ...r, ...words(r) })) },
          };
        }
        const result = await imports.importPosts(principal, campaign, parsed);
        return { body: { ...result, rejected: result.rejected.map((r) => ({ ...r, ...words(r) })) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/import/columns',
      summary: "The import file's columns: whether a CSV header needs each, what it means (in the caller's language) and an example cell",
      access: { kind: 'public' },
      query: z.strictObject({}),
      handle: async ({ req, res }) => ({ body: { columns: importColumnGuide(requestLang(req, res)) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/import/template.csv',
      summary: 'A CSV file to fill in: the header row with every column and one example row',
      access: { kind: 'public' },
      query: z.strictObject({}),
      responseContentType: 'text/csv',
      handle: async ({ res }) => {
        res.status(200);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="kabar-kampanye-import.csv"');
        res.end(importTemplateCsv());
        return undefined;
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

async function fileOr4xx(parse: () => Promise<ParsedImport>): Promise<ParsedImport> {
  try {
    return await parse();
  } catch (err) {
    if (err instanceof ImportFileError) throw new AppError(err.status, err.code, err.message, err.details);
    throw err;
  }
}

/** A middleware (a body parser) run inside a handler, as a promise. */
function run(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (err?: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  });
}
