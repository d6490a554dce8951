import { pino, type Logger } from 'pino';

/** JSON-lines logs (DESIGN.md principle 8); secrets are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'kabar-kampanye' },
    redact: { paths: ['*.authorization', '*.headers.authorization', 'config.adminToken', 'config.x.bearerToken', '*.token', '*.password'], censor: '[redacted]' },
  });
}
