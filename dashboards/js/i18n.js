// The page's language: Bahasa Indonesia or English, chosen with the switch in the header and
// remembered in localStorage; without a choice, the browser's language decides. A page fetches the
// words of its language only (strings/<lang>.js), and the other language's when the reader switches.
import { createFormat } from './format.js';
import { translator } from './translate.js';
/** @import { Lang } from './format.js' */
/** @import { Translate } from './translate.js' */

const LANG_KEY = 'kk.lang';
/** @type {readonly Lang[]} */
export const LANGS = ['id', 'en'];

/**
 * Each language's words, imported on demand: not part of the page's static imports, so the page
 * does not preload them.
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
// Every module that shows words imports this one, so none runs before the words are here.
let translate = translator((await WORDS[lang]()).default);
let format = createFormat(lang);
document.documentElement.lang = lang;
/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();
/** The language asked for last: a slower earlier switch must not win over it. */
let wanted = lang;

export const getLang = () => lang;
/**
 * Looks a text up in the page's language; `{name}` placeholders are filled from vars.
 * @type {Translate}
 */
export const t = (key, vars) => translate(key, vars);
/** Number and date formats of the page's language. */
export const fmt = () => format;

/**
 * Switches the page's language once its words have arrived, remembers it, and tells the listeners.
 * @param {string} next
 */
export async function setLang(next) {
  if (!isLang(next) || next === wanted) return;
  wanted = next;
  const words = (await WORDS[next]()).default;
  if (wanted !== next) return;
  lang = next;
  localStorage.setItem(LANG_KEY, lang);
  translate = translator(words);
  format = createFormat(lang);
  document.documentElement.lang = lang;
  for (const fn of listeners) fn(lang);
}

/** @param {(lang: Lang) => void} fn */
export function onLangChange(fn) {
  listeners.add(fn);
}
