/**
 * The words that change the feeling of the words near them, by language, written for this
 * project. Slang spellings are listed as people write them ("gk", "ga", "ndak", "gak").
 */

/** Turn the next word of feeling around ("tidak bagus", "gak jelek", "ora apik", "teu alus"). */
export const NEGATORS = {
  id: 'tidak tdk tak gak ga gk g nggak ngga nggk enggak engga egk kagak ndak nda bukan bkn belum blm blom jangan jgn jngn tanpa kurang bebas anti',
  en: 'not no never dont doesnt didnt isnt wasnt arent werent cant cannot wont hardly barely nothing without neither nor aint',
  jv: 'ora ra mboten boten dudu durung ojo sanes dereng',
  su: 'teu henteu lain sanes moal ulah',
} as const;

/** Make the nearest word of feeling stronger, before or after it ("sangat", "banget", "very", "pisan", "tenan"). */
export const INTENSIFIERS = {
  id: 'sangat amat sekali sgt banget bgt bngt bgd bener beneran benar2 sungguh paling super terlalu asli sumpah kebangetan pake_banget parah abis gila gilak pol poll puol',
  en: 'very so really super extremely totally absolutely too truly highly incredibly deeply most soo sooo',
  jv: 'tenan temen nemen banget pol puol sanget',
  su: 'pisan kacida pohara teuing',
} as const;

/** Make the nearest word of feeling weaker ("agak panas", "rada telat", "a bit slow"). */
export const DIMINISHERS = {
  id: 'agak rada sedikit dikit sdikit',
  en: 'slightly somewhat kinda rather bit',
  jv: 'rada rodo sithik sitik',
  su: 'rada saeutik sakedik',
} as const;

/**
 * Intensifiers that are feelings of their own when nothing near them is ("parah sih ini" is a
 * complaint, "keren parah" praise; "gila" alone is an insult): their lexicon value counts only
 * when they intensify nothing.
 */
export const FEELING_INTENSIFIERS = 'parah gila gilak';

/** What follows these outweighs what came before ("bagus sih, tapi molor parah"). */
export const CONTRASTS = 'tapi tp tetapi namun but however nanging ananging nging';

/**
 * A negation after these is a purpose, not a judgement: "cara agar tidak tertipu" advises,
 * "biar gak kena hoaks" too; the negated word then counts for nothing.
 */
export const PURPOSES = 'agar supaya biar spy supados sangkan ambeh ben';

/** What nearly happened did not: "hampir kena tipu" is a relief, not a loss. */
export const AVERTERS = 'hampir nyaris almost nearly';

/** Requests and questions make a closing "terima kasih" a courtesy, not praise. */
export const REQUESTS = 'mohon tolong please pls plz nyuwun punten minta';
