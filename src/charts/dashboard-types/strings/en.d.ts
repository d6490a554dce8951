export default WORDS;
/** @type {Readonly<Record<string, string>>} */
declare const WORDS: Readonly<Record<string, string>>;
