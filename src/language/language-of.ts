import { eldDetect } from './eld.detector.js';
import { detectLanguage } from './language.detect.js';
import { normalizeLanguageTag, UNKNOWN_LANGUAGE, type LanguageCode } from './language-tag.normalize.js';

/** What the language of a post is read from: its text and the platform's own tag, if any. */
export interface LanguageInput {
  text: string;
  /** The platform's tag as the source mapped it (X `lang`, Mastodon `language`, Bluesky `langs[0]`). */
  lang?: string | null | undefined;
}

export interface LanguageContext {
  /** The campaign's IANA time zone: in Indonesia's (WIB, WITA, WIT), detected Malay is Indonesian. */
  timeZone?: string | undefined;
}

/**
 * The language of a post (METRICS.md, "Platform, language and sentiment"): the platform's tag
 * normalised to ISO 639-1 where it names a language (X's `in` is `id`; `und`, `qme`, `zxx` name
 * none), otherwise detected offline from the text without its hashtags, mentions and links;
 * `und` when the text is too short to tell.
 */
export function languageOf(post: LanguageInput, context: LanguageContext = {}): LanguageCode {
  const tagged = normalizeLanguageTag(post.lang);
  if (tagged !== UNKNOWN_LANGUAGE) return tagged;
  return detectLanguage(post.text, eldDetect, context.timeZone);
}
