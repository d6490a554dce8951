/** @typedef {(key: string, vars?: Readonly<Record<string, string | number>>) => string} Translate */
/**
 * A lookup for one language: `{name}` placeholders filled from vars, the key itself when a word is missing.
 * @param {Readonly<Record<string, string>>} dictionary
 * @returns {Translate}
 */
export function translator(dictionary: Readonly<Record<string, string>>): Translate;
export type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;
