/**
 * The one registry of question words (METRICS.md, "Support channel"): a message is a question when
 * it ends in a question mark or holds one of these words. Words in `anywhere` count wherever they
 * stand; words in `leading` only as the message's first words (`can` in "I can come" asks nothing,
 * "Can I come" does). Lower case; a phrase is its words separated by one space.
 */
export const QUESTION_WORDS = {
  id: {
    anywhere: [
      'apa',
      'apakah',
      'bagaimana',
      'bagaimanakah',
      'gimana',
      'gmn',
      'kapan',
      'di mana',
      'dimana',
      'kemana',
      'ke mana',
      'kenapa',
      'knp',
      'mengapa',
      'siapa',
      'berapa',
      'bisakah',
      'bolehkah',
      'adakah',
    ],
    leading: ['ada yang tahu', 'tolong jelaskan', 'mohon info'],
  },
  en: {
    anywhere: ['what', 'how', 'when', 'where', 'why', 'who', 'which', 'whom', 'whose', 'is there', 'are there', 'anyone know'],
    leading: ['can', 'could', 'would', 'should', 'do', 'does', 'did', 'is', 'are', 'will', 'may', 'any idea'],
  },
} as const;
