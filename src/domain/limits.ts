/**
 * The caps on what one request may ask for, in one place (docs/limits.md explains each). Each keeps
 * an answer, and the work behind it, proportional to what a person can read: past a cap the API
 * answers 400 naming the field and the limit, instead of computing megabytes nobody asked to see.
 */
export const LIMITS = {
  /** Topics of a campaign: each is a breakdown row, a matrix column and a keyword list matched against every post. */
  topicsPerCampaign: 50,
  /** Keywords of one topic. */
  keywordsPerTopic: 200,
  /** Workshop cities of a campaign (Indonesia has 98 kota; the gazetteer's 514 include every kabupaten). */
  citiesPerCampaign: 100,
  /** Campaign hashtags, and the extra hashtags of one city. */
  hashtagsPerCampaign: 20,
  hashtagsPerCity: 20,
  /** A campaign's own positive words, and its negative ones (each list): each is looked up on every word of every post. */
  sentimentWordsPerList: 100,
  /** Values of one repeated filter parameter (`?topic=a&topic=b…`). */
  valuesPerFilter: 100,
  /** Cells of a matrix answer (rows × columns, the catch-all row or column included). */
  matrixCells: 50_000,
  /**
   * Buckets of a time series answer. Days and hours are one grouped query, so the cap is about the
   * answer's size (5,000 days is 13 years: the default range of a campaign running since 2015 fits).
   * A week is a query of its own, so weeks are capped lower.
   */
  seriesBuckets: { hour: 5_000, day: 5_000, week: 1_000 },
} as const;

export type SeriesInterval = keyof typeof LIMITS.seriesBuckets;

/** `50000` → `50,000`: limits appear in messages people read. */
export const formatLimit = (n: number): string => n.toLocaleString('en-US');
