import { z } from 'zod';

/**
 * Field types of environment settings, for src/config.ts and the sources' settings fragments
 * (src/sources/registry.ts). Declaring how a setting parses is not reading it: only config.ts
 * reads the environment.
 */

export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );

export const port = z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535);

/**
 * The operator's credential, from ADMIN_TOKEN or the DATA_DIR/admin-token file: long enough not to
 * be guessed, short enough for a header, and only visible ASCII (no space, control or binary byte
 * a person could not type back, or that a header would mangle).
 */
export const adminToken = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(512, 'must be at most 512 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII characters without spaces');

/** An e-mail sender: `alerts@example.org` or `Name <alerts@example.org>`, on one line. */
export const mailFrom = z
  .string()
  .max(300)
  .regex(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, 'must be an e-mail address, or Name <address>');
