/** Plain ASCII has no diacritics to strip, and most post texts are plain ASCII. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Lower-case, strip diacritics (é → e), keep letters and digits. */
export function foldWord(word: string): string {
  if (isAscii(word)) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text, folded, in order; punctuation and emoji separate words. */
export function words(text: string): string[] {
  return foldWord(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** `KeamananDigital` → ['keamanan', 'digital']; `UMKMJambi` → ['umkm', 'jambi']; `SocMed4SocGood` → ['soc', 'med', '4', 'soc', 'good']. */
export function splitCamelCase(tag: string): string[] {
  const parts = tag.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu) ?? [];
  return parts.map(foldWord);
}
