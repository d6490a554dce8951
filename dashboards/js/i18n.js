// The page's language: Bahasa Indonesia or English, chosen with the switch in the header and
// remembered in localStorage; without a choice, the browser's language decides.
import { createFormat } from './format.js';
import { ACCOUNT_STRINGS } from './strings-account.js';
import { CHART_STRINGS, translator } from './strings-charts.js';
import { REPORT_STRINGS } from './strings-report.js';
import { SETTINGS_STRINGS } from './strings-settings.js';
import { UI_STRINGS } from './strings-ui.js';
/** @import { Format, Lang } from './format.js' */
/** @import { Translate } from './strings-charts.js' */

const LANG_KEY = 'kk.lang';
/** @type {readonly Lang[]} */
export const LANGS = ['id', 'en'];

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
  translate = translator({ ...CHART_STRINGS[lang], ...UI_STRINGS[lang], ...SETTINGS_STRINGS[lang], ...REPORT_STRINGS[lang], ...ACCOUNT_STRINGS[lang] });
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
