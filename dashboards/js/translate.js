// Looking words up: shared by the dashboard (i18n.js) and the server's share images, so a chart
// says the same thing on a page and in a PNG.

/** @typedef {(key: string, vars?: Readonly<Record<string, string | number>>) => string} Translate */

/**
 * A lookup for one language: `{name}` placeholders filled from vars, the key itself when a word is missing.
 * @param {Readonly<Record<string, string>>} dictionary
 * @returns {Translate}
 */
export function translator(dictionary) {
  return (key, vars) => {
    const text = dictionary[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
