/**
 * The default topics of a new campaign (METRICS.md, "Attribution to topics"); the campaign's
 * owner can edit them. Keys are the topic names the API and the dashboard show.
 */
const DEFAULT_TOPICS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  environment: ['lingkungan', 'hutan', 'satwa', 'konservasi', 'sampah', 'air'],
  education: ['pendidikan', 'sekolah', 'guru', 'literasi'],
  entrepreneurship: ['UMKM', 'UKM', 'usaha', 'bisnis', 'jualan', 'wirausaha'],
  'digital safety': ['keamanan digital', 'hoaks', 'penipuan', 'privasi', 'scam'],
  'digital literacy': ['literasi digital', 'internet sehat'],
  'freedom of expression': ['kebebasan berekspresi'],
});

export function defaultTopics(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(DEFAULT_TOPICS).map(([k, v]) => [k, [...v]]));
}
