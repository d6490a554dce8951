import { eld } from 'eld/medium';
import { normalizeLanguageTag, type LanguageCode } from './language-tag.normalize.js';

/**
 * The statistical detector behind the word lists: Nito-ELD (`eld`, Apache-2.0), its medium
 * n-gram database, loaded with the module (no download, no asynchronous start). It knows 60
 * languages but not Indonesian, Javanese or Sundanese: the word lists decide those, and ELD's
 * Malay is Indonesian in an Indonesian time zone (METRICS.md). docs/sentiment.md gives the
 * measurements against franc, franc-min, cld3-asm, tinyld and lande.
 */
export function eldDetect(text: string): LanguageCode {
  return normalizeLanguageTag(eld.detect(text).language || undefined);
}
