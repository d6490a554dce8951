import { existsSync } from 'node:fs';

/** The family name the share images ask for, whichever file provides it. */
export const SHARE_FONT = 'Kabar Sans';

/**
 * Fonts shipped with the system, never downloaded: Debian's DejaVu Sans (`fonts-dejavu-core`,
 * installed in the Docker image) or Liberation Sans. Both cover Indonesian's Latin script.
 */
const FONT_FILES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf'],
] as const;

/** The first installed share font, its bold face when there is one; null when none is. */
export function findShareFont(): { regular: string; bold: string | null } | null {
  for (const [regular, bold] of FONT_FILES) {
    if (existsSync(regular)) return { regular, bold: existsSync(bold) ? bold : null };
  }
  return null;
}
