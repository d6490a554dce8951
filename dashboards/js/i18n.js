// The page's language: Bahasa Indonesia or English, chosen with the switch in the header and
// remembered in localStorage; without a choice, the browser's language decides.
import { createFormat, translator } from './format.js';
import EN from './strings/en.js';
import ID from './strings/id.js';
/** @import { Format, Lang, Translate } from './format.js' */

const LANG_KEY = 'kk.lang';
/** @type {readonly Lang[]} */
export const LANGS = ['id', 'en'];

/**
 * Both languages' words are static imports, preloaded with the page's other modules. Importing only
 * the reader's would save about 8 KB but could start only once the modules had run: one more round
 * trip before the first request to the API, which costs a phone on a slow link more than the bytes.
 */
const WORDS = { id: ID, en: EN };

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
let translate;
/** @type {Format} */
let format;
/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();

function load() {
  translate = translator(WORDS[lang]);
  format = createFormat(lang);
  document.documentElement.lang = lang;
}
load();

export const getLang = () => lang;
/**
 * Looks a text up in the page's language; `{name}` placeholders are filled from vars.
 * @type {Translate}
 */
export const t = (key, vars) => translate(key, vars);
/** Number and date formats of the page's language. */
export const fmt = () => format;

/** @param {string} next */
export function setLang(next) {
  if (!isLang(next) || next === lang) return;
  lang = next;
  localStorage.setItem(LANG_KEY, lang);
  load();
  for (const fn of listeners) fn(lang);
}

/** @param {(lang: Lang) => void} fn */
export function onLangChange(fn) {
  listeners.add(fn);
}
