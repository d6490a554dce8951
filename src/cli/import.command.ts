import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Campaign } from '../domain/campaign.js';
import { AppError } from '../errors.js';
import { ImportFileError, parseImportFile, type ImportFormat, type ParsedImport } from '../import/import.parse.js';
import { MAX_IMPORT_BYTES } from '../import/import.schema.js';
import { createLogger } from '../logger.js';
import { OPERATOR } from '../services/auth/principal.js';
import type { ImportResult } from '../services/import.service.js';

/**
 * `npm run import -- --campaign <id> <file>`: imports a CSV or JSON file of posts into a campaign,
 * as `POST /api/v1/campaigns/:id/import` does, on the store and queue of the configuration.
 * The result goes to stdout, logs to stderr. The command itself, given its arguments, settings and
 * output streams; src/cli/import.ts runs it on the process's own.
 */

const USAGE = `Usage: npm run import -- --campaign <id> [--format csv|json] <file>

Imports posts from a CSV or JSON file into a campaign (docs/import.md).
The format comes from the file extension (.csv, .txt, .json) unless --format gives it.
Exit status: 0 the file was read (even with rejected rows); 1 unknown campaign or a file
that cannot be read or imported; 64 wrong arguments; 78 a bad setting.
`;

/** sysexits.h where one fits. */
const EXIT = { ok: 0, failed: 1, usage: 64, config: 78 } as const;

class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

interface Args {
  campaignId: string;
  file: string;
  format: ImportFormat;
}

function readArgs(argv: string[]): Args | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { campaign: { type: 'string', short: 'c' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), EXIT.usage);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (!values.campaign) throw new CliError('--campaign <id> is required', EXIT.usage);
  if (positionals.length !== 1) throw new CliError(positionals.length === 0 ? 'name the file to import' : 'import one file at a time', EXIT.usage);
  const file = positionals[0]!;
  const ext = path.extname(file).toLowerCase();
  const format = values.format ?? (ext === '.json' ? 'json' : ext === '.csv' || ext === '.txt' ? 'csv' : undefined);
  if (format !== 'csv' && format !== 'json') {
    throw new CliError(
      values.format ? '--format must be csv or json' : `cannot tell the format of ${file} from its extension: add --format csv or --format json`,
      EXIT.usage,
    );
  }
  return { campaignId: values.campaign, file, format };
}

async function readImportFile(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    // Checked before reading, so a huge file is not loaded only to be refused.
    if (info.size > MAX_IMPORT_BYTES) throw new Error(`larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files`);
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, EXIT.failed);
  }
}

function summary(campaign: Campaign, args: Args, parsed: ParsedImport, result: ImportResult, metrics: string): string {
  const rows = parsed.rows.length + parsed.rejected.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `Campaign:   ${campaign.name} (${campaign.id})`,
    `File:       ${args.file} (${args.format}, ${plural(rows, 'row')})`,
    `Imported:   ${plural(result.imported, 'new post')}`,
    `Duplicates: ${result.duplicates} (already stored; their counts are refreshed)`,
    `Rejected:   ${plural(result.rejected.length, 'row')}`,
    ...result.rejected.map((r) => `  row ${r.row}: ${r.error}`),
    metrics,
  ];
  return `${lines.join('\n')}\n`;
}

/** Where the command writes, and the settings it reads. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The settings; absent: the process's own, read by config.ts. */
  env?: Record<string, string | undefined>;
  /** Logs in colour for a person at a terminal. */
  prettyLogs?: boolean;
}

async function run(argv: string[], io: CommandIo): Promise<number> {
  const args = readArgs(argv);
  if (args === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.config);
    throw err;
  }
  const text = await readImportFile(args.file);
  const log = createLogger(config.logLevel, { pretty: io.prettyLogs, stderr: true }).child({ process: 'import' });
  const rt = await createRuntime(config, log);
  try {
    const campaign = await rt.store.getCampaign(args.campaignId);
    if (!campaign) throw new CliError(`no campaign with id "${args.campaignId}"`, EXIT.failed);
    let parsed: ParsedImport;
    try {
      parsed = parseImportFile(text, args.format, { timeZone: campaign.timeZone, city: (code) => rt.gazetteer.city(code) });
    } catch (err) {
      if (err instanceof ImportFileError) throw new CliError(`${args.file}: ${err.message}`, EXIT.failed);
      throw err;
    }
    // The embedded runner runs the metrics job here; BullMQ workers elsewhere pick it up themselves.
    const inline = rt.queue.kind === 'inline';
    if (inline) rt.startProcessing();
    let result: ImportResult;
    try {
      // The operator runs the command line: audited as an import over HTTP with ADMIN_TOKEN is.
      result = await rt.http.imports.importPosts(OPERATOR, campaign, parsed);
    } catch (err) {
      if (err instanceof AppError) throw new CliError(err.message, EXIT.failed);
      throw err;
    }
    if (inline) await rt.queue.onIdle();
    const metrics = inline ? 'Metrics:    updated' : 'Metrics:    queued for the workers';
    io.stdout(summary(campaign, args, parsed, result, metrics));
    return EXIT.ok;
  } finally {
    await rt.close();
  }
}

/** Runs `npm run import -- <argv>`; resolves to the exit status (never rejects: a failure is written to stderr). */
export async function runImportCommand(argv: string[], io: CommandIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`import: ${err.message}\n${err.code === EXIT.usage ? `\n${USAGE}` : ''}`);
      return err.code;
    }
    io.stderr(`import: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failed;
  }
}
