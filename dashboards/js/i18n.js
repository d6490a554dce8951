// The page's language: Bahasa Indonesia or English, chosen with the switch in the header and
// remembered in localStorage; without a choice, the browser's language decides.
import { createFormat, translator } from './format.js';
/** @import { Format, Lang, Translate } from './format.js' */

const LANG_KEY = 'kk.lang';
/** @type {readonly Lang[]} */
export const LANGS = ['id', 'en'];

/**
 * Only the reader's language is fetched (about 13 KB compressed each), when this module runs:
 * in parallel with the page's first request to the API (startPage waits for both), so it costs
 * the first view no round trip of its own. The other language is fetched when the switch asks.
 * Literal addresses, so they resolve under the page's versioned prefix like any import.
 * @type {Record<Lang, () => Promise<{ default: Readonly<Record<string, string>> }>>}
 */
const WORDS = { id: () => import('./strings/id.js'), en: () => import('./strings/en.js') };

/**
 * @param {unknown} value
 * @returns {value is Lang}
 */
const isLang = (value) => LANGS.includes(/** @type {Lang} */ (value));

/** @returns {Lang} */
function initialLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (isLang(saved)) return saved;
  return (navigator.language || '').toLowerCase().startsWith('id') ? 'id' : 'en';
}

let lang = initialLang();
/** @type {Translate} */
let translate = (key) => key;
/** @type {Format} */
let format = createFormat(lang);
/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();

/**
 * Fetches a language's words and makes them the page's, unless another language was chosen meanwhile.
 * @param {Lang} next
 * @returns {Promise<boolean>} whether they became the page's
 */
async function load(next) {
  const words = (await WORDS[next]()).default;
  if (next !== lang) return false;
  translate = translator(words);
  format = createFormat(next);
  document.documentElement.lang = next;
  return true;
}

/** Resolves once the reader's words are here: nothing is drawn before (layout.js startPage waits). */
export const wordsReady = load(lang);

export const getLang = () => lang;
/**
 * Looks a text up in the page's language; `{name}` placeholders are filled from vars.
 * @type {Translate}
 */
export const t = (key, vars) => translate(key, vars);
/** Number and date formats of the page's language. */
export const fmt = () => format;

/**
 * Switches the page's language once its words are here; resolves then.
 * @param {string} next
 */
export async function setLang(next) {
  if (!isLang(next) || next === lang) return;
  const previous = lang;
  lang = next;
  try {
    // A second click may have chosen again while these words were on their way: that one wins.
    if (!(await load(next))) return;
  } catch (err) {
    if (lang === next) lang = previous;
    throw err;
  }
  localStorage.setItem(LANG_KEY, lang);
  for (const fn of listeners) fn(lang);
}

/** @param {(lang: Lang) => void} fn */
export function onLangChange(fn) {
  listeners.add(fn);
}
