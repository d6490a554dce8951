// The report's opening paragraph, written from the API's figures in the reader's language
// ("Between 13 January and 9 February 2015, 400 people in 6 cities wrote 3,000 posts…"), each figure
// marked with the definition it stands on (METRICS.md), which the page shows as a footnote. Pure:
// no DOM, so a unit test runs it as the page does.
/** @import { Format, Translate } from './format.js' */

/**
 * What the paragraph is written from: the summary, the by-city breakdown (the known cities with
 * posts) and the busiest day of the daily series.
 * @typedef {object} SummaryFigures
 * @property {{ posts: number, contributors: number, reach: number, engagement: number, impressions: number, engagementRate: number | null, from: string, to: string }} summary
 * @property {string[]} hashtags the campaign's hashtags, as written
 * @property {string} timeZone the campaign's zone, in which days are counted
 * @property {Array<{ label: string, posts: number }>} cities known cities with posts, most posts first
 * @property {{ bucket: string, posts: number } | null} peak the day with most posts
 */

/**
 * The figures the report names, each with a definition (`def.<key>` in strings/<lang>.js): the
 * paragraph's, then the support channel's.
 * @typedef {'posts' | 'contributors' | 'cities' | 'engagement' | 'reach' | 'impressions' | 'engagementRate' | 'peak' | ChatFigureKey} FigureKey
 * @typedef {'chatMessages' | 'chatMembers' | 'chatQuestions' | 'chatAnswered' | 'chatFirstResponse'} ChatFigureKey
 */

/** @typedef {string | { figure: FigureKey, text: string }} SummaryPart */

/**
 * A template's `{name}` placeholders replaced by parts: text stays text, a figure stays a figure.
 * @param {string} template
 * @param {Readonly<Record<string, SummaryPart>>} values
 * @returns {SummaryPart[]}
 */
function fill(template, values) {
  /** @type {SummaryPart[]} */
  const parts = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const value = values[/** @type {string} */ (m[1])];
    if (value === undefined) continue;
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(value);
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/**
 * The first and the last day of the period, without repeating what they share: "13 and 31 January
 * 2015", "13 January and 9 February 2015", "20 December 2014 and 9 January 2015".
 * @param {string} from ISO instant, inclusive
 * @param {string} to ISO instant, exclusive
 * @param {string} timeZone
 * @param {string} locale
 */
export function periodEnds(from, to, timeZone, locale) {
  const first = new Date(from);
  const lastDay = new Date(Date.parse(to) - 1);
  /** @param {Intl.DateTimeFormatOptions} o @param {Date} d */
  const f = (o, d) => new Intl.DateTimeFormat(locale, { ...o, timeZone }).format(d);
  /** @param {Date} d */
  const parts = (d) => f({ year: 'numeric', month: 'numeric' }, d);
  const year = (/** @type {Date} */ d) => f({ year: 'numeric' }, d);
  const full = f({ day: 'numeric', month: 'long', year: 'numeric' }, lastDay);
  if (parts(first) === parts(lastDay)) return { from: f({ day: 'numeric' }, first), to: full };
  if (year(first) === year(lastDay)) return { from: f({ day: 'numeric', month: 'long' }, first), to: full };
  return { from: f({ day: 'numeric', month: 'long', year: 'numeric' }, first), to: full };
}

/**
 * A large figure as a person says it: 1.97 million / 1,97 juta from a million up, every digit below.
 * @param {number} n
 * @param {Format} fmt
 */
export function sayNumber(n, fmt) {
  if (Math.abs(n) < 1_000_000) return fmt.number(n);
  return new Intl.NumberFormat(fmt.locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 }).format(n);
}

/**
 * The paragraph as parts (text and marked figures) and the figures it names, in order of first mention.
 * @param {SummaryFigures} figures
 * @param {Translate} t
 * @param {Format} fmt
 * @returns {{ parts: SummaryPart[], figures: FigureKey[] }}
 */
export function composeSummary(figures, t, fmt) {
  const { summary, hashtags, timeZone, cities, peak } = figures;
  const { from, to } = periodEnds(summary.from, summary.to, timeZone, fmt.locale);
  /** @param {FigureKey} figure @param {string} text @returns {SummaryPart} */
  const fig = (figure, text) => ({ figure, text });
  if (summary.posts === 0) return { parts: [t('summary.empty', { from, to, hashtags: hashtags.join(' ') })], figures: [] };
  const values = {
    from,
    to,
    hashtags: hashtags.join(' '),
    contributors: fig('contributors', fmt.number(summary.contributors)),
    posts: fig('posts', fmt.number(summary.posts)),
    cities: fig('cities', fmt.number(cities.length)),
    city: fig('cities', cities[0]?.label ?? ''),
    engagement: fig('engagement', fmt.number(summary.engagement)),
    reach: fig('reach', sayNumber(summary.reach, fmt)),
    impressions: fig('impressions', sayNumber(summary.impressions, fmt)),
    rate: fig('engagementRate', fmt.percent(summary.engagementRate)),
    peakDay: fig('peak', peak ? fmt.date(`${peak.bucket}T12:00:00Z`, 'UTC') : ''),
    peakPosts: peak ? fmt.number(peak.posts) : '',
    topCity: cities[0]?.label ?? '',
    topCityPosts: fmt.number(cities[0]?.posts ?? 0),
  };
  const lead = cities.length === 0 ? 'summary.leadNoCity' : cities.length === 1 ? 'summary.leadOneCity' : 'summary.lead';
  /** @type {SummaryPart[]} */
  const parts = fill(t(lead), values);
  if (summary.engagementRate !== null && summary.impressions > 0) parts.push(' ', ...fill(t('summary.rate'), values));
  if (peak && peak.posts > 0) parts.push(' ', ...fill(t(cities.length > 1 ? 'summary.peakCity' : 'summary.peak'), values));
  /** @type {FigureKey[]} */
  const named = [];
  for (const p of parts) if (typeof p !== 'string' && !named.includes(p.figure)) named.push(p.figure);
  return { parts, figures: named };
}

/**
 * The paragraph as plain text.
 * @param {SummaryPart[]} parts
 */
export const summaryText = (parts) => parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');

/**
 * One city's activation figures as `GET …/metrics/workshops?by=city` gives them (METRICS.md, "Per city").
 * @typedef {{ city: string, name: string, participants: number, active: number, activationRate: number | null }} CityActivation
 */

/**
 * "Of 84 participants in Kupang, 51 posted within 30 days: 60.71%": one sentence per city whose
 * workshops have participants, in the reader's language, with the page's number and percent formats.
 * @param {readonly CityActivation[]} cities
 * @param {number} days the window, 7 or 30
 * @param {Translate} t
 * @param {Format} fmt
 * @returns {string[]}
 */
export function activationSentences(cities, days, t, fmt) {
  return cities
    .filter((c) => c.participants > 0)
    .map((c) =>
      t('activation.sentence', {
        participants: fmt.number(c.participants),
        city: c.name,
        active: fmt.number(c.active),
        days: fmt.number(days),
        rate: fmt.percent(c.activationRate),
      }),
    );
}

/**
 * The change of the share of participants who posted, from the window before to the window after,
 * in percentage points ("+12 pts", "−3 poin"); a dash when either share is missing.
 * @param {number | null} after
 * @param {number | null} before
 * @param {Translate} t
 * @param {Format} fmt
 */
export function rateChange(after, before, t, fmt) {
  if (after === null || before === null) return '—';
  const points = Math.round((after - before) * 1000) / 10;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '± ';
  return t('report.workshops.points', { sign, n: fmt.number(Math.abs(points)) });
}

/**
 * Minutes as a person reads them: "45 min", "2 h 05 min"; a dash for none.
 * @param {number | null} m
 * @param {Translate} t
 * @param {Format} fmt
 */
export function sayMinutes(m, t, fmt) {
  if (m === null) return '—';
  if (m < 60) return t('chat.minutes', { n: fmt.number(m) });
  return t('chat.hours', { h: fmt.number(Math.floor(m / 60)), m: String(Math.round(m % 60)).padStart(2, '0') });
}

/**
 * The support channel's totals over a period as `GET …/chat-activity` gives them (METRICS.md, "Support channel").
 * @typedef {{ messages: number, members: number, questions: number, answered: number, medianFirstResponseMinutes: number | null }} ChatTotals
 */

/**
 * The report's support-channel figures, each with its label and its definition, in the reader's
 * language; counts only. None when the period has no message.
 * @param {ChatTotals} totals
 * @param {Translate} t
 * @param {Format} fmt
 * @returns {Array<{ figure: ChatFigureKey, label: string, value: string }>}
 */
export function chatFigures(totals, t, fmt) {
  if (totals.messages === 0) return [];
  const share = totals.questions > 0 ? totals.answered / totals.questions : null;
  return [
    { figure: 'chatMessages', label: t('report.chat.messages'), value: fmt.number(totals.messages) },
    { figure: 'chatMembers', label: t('report.chat.members'), value: fmt.number(totals.members) },
    { figure: 'chatQuestions', label: t('report.chat.questions'), value: fmt.number(totals.questions) },
    {
      figure: 'chatAnswered',
      label: t('report.chat.answered'),
      value:
        share === null
          ? '—'
          : t('report.chat.answeredValue', { share: fmt.percent(share), answered: fmt.number(totals.answered), questions: fmt.number(totals.questions) }),
    },
    { figure: 'chatFirstResponse', label: t('report.chat.firstResponse'), value: sayMinutes(totals.medianFirstResponseMinutes, t, fmt) },
  ];
}
