import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { jobLogFields } from './observability/job-context.js';

/**
 * JSON-lines logs (DESIGN.md principle 8); secrets are redacted wherever they appear. On a
 * terminal, when pino-pretty is installed (a development dependency), lines are made readable.
 */
export function createLogger(
  level: string,
  opts: {
    pretty?: boolean;
    /** For command-line tools whose stdout is their result. */ stderr?: boolean;
    /** Where the lines go instead (tests read them). */ stream?: DestinationStream;
  } = {},
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'kabar-kampanye' },
    // A logged configuration hides the admin token and every source's settings (tokens, app passwords).
    redact: {
      paths: ['*.authorization', '*.headers.authorization', 'config.adminToken', 'config.sources', '*.token', '*.password'],
      censor: '[redacted]',
    },
    // Every line logged while a job runs names it: campaign, source, job and job id.
    mixin: jobLogFields,
  };
  if (opts.pretty && isInstalled('pino-pretty')) {
    return pino(
      options,
      pino.transport({
        target: 'pino-pretty',
        options: { ignore: 'pid,hostname,service,process', translateTime: 'SYS:HH:MM:ss', destination: opts.stderr ? 2 : 1 },
      }),
    );
  }
  if (opts.stream) return pino(options, opts.stream);
  return opts.stderr ? pino(options, pino.destination({ dest: 2, sync: true })) : pino(options);
}

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
