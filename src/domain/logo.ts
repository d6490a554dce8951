/**
 * An organisation's logo for the report's header (docs/report.md): a small raster image, told by
 * its first bytes rather than by what the uploader claims. SVG is refused: it is a document that
 * can carry scripts and links, not a picture.
 */

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** The largest logo stored, in bytes: enough for a sharp header logo, small enough for every share-link reader. */
export const LOGO_MAX_BYTES = 200 * 1024;

/** What a campaign records of its logo; the bytes are stored beside it (Store.saveLogo). */
export interface LogoInfo {
  contentType: LogoType;
  size: number;
  updatedAt: string;
}

/** A stored logo with its bytes. */
export interface StoredLogo {
  contentType: LogoType;
  bytes: Uint8Array;
  updatedAt: string;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes are, by their signature, or null when they are none of LOGO_TYPES. */
export function logoTypeOf(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 12 && startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
