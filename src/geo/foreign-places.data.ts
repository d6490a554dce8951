/**
 * Places outside Indonesia that people near the campaigns' regions write as their location.
 *
 * A text naming one of these gives no location (METRICS.md: a foreign place gives none). They are
 * listed, rather than simply not matched, because some contain or sit next to an Indonesian name
 * that would otherwise win: "Metro Manila" (Kota Metro), "Papua New Guinea" (Papua), "Melaka"
 * (Kabupaten Malaka). Bare English words that are also common words ("US", "UK") stay out.
 */
export const FOREIGN_PLACES: readonly string[] = [
  'Malaysia', 'Kuala Lumpur', 'Johor', 'Johor Bahru', 'Penang', 'Melaka', 'Malacca', 'Sabah', 'Sarawak',
  'Kuching', 'Kota Kinabalu', 'Singapore', 'Singapura', 'Brunei', 'Brunei Darussalam',
  'Timor Leste', 'Dili', 'Papua New Guinea', 'Papua Nugini', 'Philippines', 'Filipina', 'Manila',
  'Metro Manila', 'Thailand', 'Bangkok', 'Vietnam', 'Australia', 'Darwin', 'Perth', 'Sydney', 'Melbourne',
  'Japan', 'Jepang', 'Tokyo', 'Korea', 'Korea Selatan', 'Seoul', 'China', 'Tiongkok', 'Hong Kong', 'Taiwan',
  'Taipei', 'India', 'Saudi Arabia', 'Arab Saudi', 'Jeddah', 'Mekkah', 'Makkah', 'Madinah', 'Dubai', 'Qatar',
  'Mesir', 'Egypt', 'Kairo', 'Cairo', 'Turki', 'Turkey', 'Istanbul', 'Netherlands', 'Belanda', 'Amsterdam',
  'Den Haag', 'Germany', 'Jerman', 'Berlin', 'London', 'United Kingdom', 'USA', 'United States', 'Amerika',
  'America', 'New York', 'Canada', 'Kanada',
];
