import type { AlertFacts, AlertLocale, DigestFigures } from '../domain/alerts.js';
import { dayBefore, isMidnight, messageFormat, sameDay, wallOf, type MessageFormat, type Wall } from './format.js';
import { clip, oneLine, type Block, type Message, type Segment } from './message.js';

/**
 * What each kind of alert says, in Bahasa Indonesia and in English. The Indonesian is written as a
 * programme officer would write to a WhatsApp group, not translated word for word.
 */

/** How much user-written text (an error, a post) a message quotes; shrunk until the message fits. */
export interface Room {
  /** Characters of a quoted text (the last error, each top post). */
  quote: number;
  /** Top posts and cities listed in a digest. */
  items: number;
}

export const FULL_ROOM: Room = { quote: 120, items: 3 };

type Facts<K extends AlertFacts['kind']> = Extract<AlertFacts, { kind: K }>;

/** `x` → `X`, `mastodon` → `Mastodon`: the source's type as a name (labels live in the source registry, out of a pure stage's reach). */
const sourceName = (source: string) => {
  const name = oneLine(source);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** How many times the usual level, to one decimal: 8 / 2,5; undefined without a usual level. */
const times = (f: MessageFormat, posts: number, expected: number) => (expected > 0 ? f.number(Math.round((posts / expected) * 10) / 10) : undefined);

/** A share of a whole in percent, from the counts when there are any (so a fact's scale cannot mislead). */
const share = (part: number, whole: number, given: number) => (whole > 0 ? (part / whole) * 100 : given);

function sourceFailing(facts: Facts<'source_failing'>, locale: AlertLocale, room: Room): Message {
  const source = sourceName(facts.source);
  const f = messageFormat(locale);
  const blocks: Block[] = [];
  const error = facts.lastError ? clip(facts.lastError, room.quote) : '';
  if (locale === 'id') {
    blocks.push({
      type: 'line',
      segments: facts.runs > 1 ? [`Sudah ${f.number(facts.runs)} kali berturut-turut gagal.`] : ['Pengambilan terakhir tidak berhasil.'],
    });
    if (error) blocks.push({ type: 'line', segments: ['Pesan kesalahan: ', error] });
    blocks.push({ type: 'line', segments: ['Cek pengaturan sumber ini di dasbor.'] });
    return { emoji: '⚠️', title: `Pengambilan data dari ${source} gagal`, blocks };
  }
  blocks.push({ type: 'line', segments: facts.runs > 1 ? [`The last ${f.number(facts.runs)} runs failed in a row.`] : ['The last run failed.'] });
  if (error) blocks.push({ type: 'line', segments: ['Error: ', error] });
  blocks.push({ type: 'line', segments: ['Check this source’s settings on the dashboard.'] });
  return { emoji: '⚠️', title: `Collecting from ${source} failed`, blocks };
}

/** When a spike bucket was, from its digits: a day, or an hour of a day. */
function bucketWhen(bucket: string, interval: 'hour' | 'day', f: MessageFormat): string {
  const wall = wallOf(bucket);
  if (!wall) return oneLine(bucket);
  if (interval === 'day' || wall.hour === undefined) return f.date(wall);
  const end: Wall = { ...wall, hour: ((wall.hour ?? 0) + 1) % 24, minute: wall.minute ?? 0 };
  return f.locale === 'id' ? `${f.date(wall)}, pukul ${f.time(wall)}–${f.time(end)}` : `${f.date(wall)}, ${f.time(wall)}–${f.time(end)}`;
}

function volumeSpike(facts: Facts<'volume_spike'>, locale: AlertLocale): Message {
  const f = messageFormat(locale);
  const when = bucketWhen(facts.bucket, facts.interval, f);
  const ratio = times(f, facts.posts, facts.expected);
  if (locale === 'id') {
    const usual = facts.interval === 'hour' ? 'per jam' : 'per hari';
    return {
      emoji: '📈',
      title: 'Lonjakan postingan',
      blocks: [
        { type: 'line', segments: [`${when}: `, { bold: `${f.number(facts.posts)} postingan` }] },
        { type: 'line', segments: [`Biasanya sekitar ${f.number(facts.expected)} ${usual}${ratio ? `, kini ${ratio} kali lipat` : ''}.`] },
        { type: 'line', segments: ['Yuk cek apa yang sedang ramai.'] },
      ],
    };
  }
  const usual = facts.interval === 'hour' ? 'an hour' : 'a day';
  return {
    emoji: '📈',
    title: 'Spike in posts',
    blocks: [
      { type: 'line', segments: [`${when}: `, { bold: `${f.number(facts.posts)} posts` }] },
      { type: 'line', segments: [`Usually about ${f.number(facts.expected)} ${usual}${ratio ? `: ${ratio} times as many` : ''}.`] },
      { type: 'line', segments: ['Have a look at what people are talking about.'] },
    ],
  };
}

function budget(facts: Facts<'budget'>, locale: AlertLocale): Message {
  const f = messageFormat(locale);
  const source = sourceName(facts.source);
  const percent = share(facts.used, facts.budget, facts.percent);
  const spent = percent >= 100;
  if (locale === 'id') {
    return {
      emoji: '📊',
      title: spent ? `Kuota baca ${source} bulan ini habis` : `Kuota baca ${source} hampir habis`,
      blocks: [
        {
          type: 'line',
          segments: [
            { bold: f.percent(Math.round(percent * 10) / 10) },
            ` kuota bulanan sudah terpakai (${f.number(facts.used)} dari ${f.number(facts.budget)}).`,
          ],
        },
        {
          type: 'line',
          segments: [spent ? 'Pengambilan berhenti sampai kuota bulan depan.' : 'Kalau habis, pengambilan berhenti sampai bulan depan.'],
        },
      ],
    };
  }
  return {
    emoji: '📊',
    title: spent ? `${source} read budget used up this month` : `${source} read budget nearly used up`,
    blocks: [
      {
        type: 'line',
        segments: [{ bold: f.percent(Math.round(percent * 10) / 10) }, ` of the monthly budget used (${f.number(facts.used)} of ${f.number(facts.budget)}).`],
      },
      { type: 'line', segments: [spent ? 'Collecting stops until next month’s budget.' : 'Once it is used up, collecting stops until next month.'] },
    ],
  };
}

function quiet(facts: Facts<'quiet'>, locale: AlertLocale): Message {
  const f = messageFormat(locale);
  const last = facts.lastPostAt ? wallOf(facts.lastPostAt) : undefined;
  const lastText = last ? (last.hour === undefined ? f.date(last) : `${f.date(last)}${locale === 'id' ? ', pukul ' : ', '}${f.time(last)}`) : undefined;
  if (locale === 'id') {
    return {
      emoji: '🔕',
      title: 'Kampanye sedang sepi',
      blocks: [
        { type: 'line', segments: ['Belum ada postingan baru selama ', { bold: `${f.number(facts.hours)} jam` }, '.'] },
        { type: 'line', segments: [lastText ? `Postingan terakhir: ${lastText}.` : 'Belum ada postingan sama sekali.'] },
        { type: 'line', segments: ['Mungkin saatnya mengingatkan peserta untuk berbagi.'] },
      ],
    };
  }
  return {
    emoji: '🔕',
    title: 'The campaign has gone quiet',
    blocks: [
      { type: 'line', segments: ['No new post for ', { bold: `${f.number(facts.hours)} hours` }, '.'] },
      { type: 'line', segments: [lastText ? `Last post: ${lastText}.` : 'No post at all yet.'] },
      { type: 'line', segments: ['Maybe time to remind participants to share.'] },
    ],
  };
}

function negativeShare(facts: Facts<'negative_share'>, locale: AlertLocale): Message {
  const f = messageFormat(locale);
  const percent = f.percent(Math.round(share(facts.negative, facts.posts, facts.percent) * 10) / 10);
  if (locale === 'id') {
    return {
      emoji: '😟',
      title: 'Banyak postingan bernada negatif',
      blocks: [
        { type: 'line', segments: [{ bold: percent }, ` postingan bernada negatif (${f.number(facts.negative)} dari ${f.number(facts.posts)}).`] },
        { type: 'line', segments: ['Sebaiknya baca isinya dan siapkan tanggapan.'] },
      ],
    };
  }
  return {
    emoji: '😟',
    title: 'Many negative posts',
    blocks: [
      { type: 'line', segments: [{ bold: percent }, ` of posts are negative (${f.number(facts.negative)} of ${f.number(facts.posts)}).`] },
      { type: 'line', segments: ['Worth reading them and preparing a response.'] },
    ],
  };
}

/**
 * The digest's period from `from` to the exclusive `to`, in the digits the facts give: one day
 * ("13 Januari 2015"), days ("12–18 Januari 2015"), or times when the period does not run from
 * midnight to midnight.
 */
export function periodText(from: string, to: string, f: MessageFormat): string {
  const start = wallOf(from);
  const end = wallOf(to);
  if (!start || !end) return `${oneLine(from)} – ${oneLine(to)}`;
  const at = (w: Wall) => `${f.shortDate(w)} ${f.time(w)}`;
  if (!isMidnight(start) || !isMidnight(end)) return `${at(start)} – ${at(end)} ${end.year}`;
  const last = dayBefore(end);
  if (sameDay(start, last) || sameDay(start, end)) return f.date(start);
  return f.dateRange(start, last);
}

function digest(facts: Facts<'digest'>, locale: AlertLocale, room: Room): Message {
  const f = messageFormat(locale);
  const id = locale === 'id';
  const period = periodText(facts.from, facts.to, f);
  const rows = (
    [
      ['posts', id ? 'Postingan' : 'Posts'],
      ['contributors', id ? 'Kontributor' : 'Contributors'],
      ['reach', id ? 'Jangkauan' : 'Reach'],
      ['engagement', id ? 'Interaksi' : 'Engagement'],
    ] as const
  ).map(([key, label]: readonly [keyof DigestFigures, string]) => {
    const change = f.change(facts.figures[key], facts.previous[key]);
    return { label, value: f.big(facts.figures[key]), ...(change === undefined ? {} : { change }) };
  });
  const daily = facts.cadence === 'daily';
  const blocks: Block[] = [
    {
      type: 'figures',
      note: id
        ? daily
          ? 'Dalam kurung: dibanding hari sebelumnya.'
          : 'Dalam kurung: dibanding minggu sebelumnya.'
        : daily
          ? 'In brackets: change on the day before.'
          : 'In brackets: change on the week before.',
      rows,
    },
  ];
  const posts = facts.topPosts.slice(0, room.items);
  if (posts.length > 0 && room.quote > 0) {
    blocks.push({
      type: 'list',
      heading: id ? 'Postingan teratas' : 'Top posts',
      ordered: true,
      items: posts.map((post): Segment[] => {
        const author = clip(post.author, 30);
        const text = clip(post.text, room.quote);
        const figure = id ? `(${f.big(post.engagement)} interaksi)` : `(${f.big(post.engagement)} engagements)`;
        return [{ link: author, href: post.url }, text ? `: “${text}” ` : ' ', figure];
      }),
    });
  }
  const cities = facts.cities.slice(0, room.items);
  if (cities.length > 0) {
    blocks.push({
      type: 'line',
      segments: [{ bold: id ? 'Kota teratas:' : 'Top cities:' }, ' ', cities.map((c) => `${clip(c.name, 30)} (${f.number(c.posts)})`).join(', ')],
    });
  }
  if (facts.figures.posts === 0) {
    blocks.push({ type: 'line', segments: [id ? 'Tidak ada postingan baru pada periode ini.' : 'No new posts in this period.'] });
  }
  return {
    emoji: '🗞️',
    title: id ? `Ringkasan ${daily ? 'harian' : 'mingguan'} ${period}` : `${daily ? 'Daily' : 'Weekly'} digest ${period}`,
    blocks,
  };
}

/** The message of an event's facts, with `room` for quoted text. */
export function messageOf(facts: AlertFacts, locale: AlertLocale, room: Room = FULL_ROOM): Message {
  switch (facts.kind) {
    case 'source_failing':
      return sourceFailing(facts, locale, room);
    case 'volume_spike':
      return volumeSpike(facts, locale);
    case 'budget':
      return budget(facts, locale);
    case 'quiet':
      return quiet(facts, locale);
    case 'negative_share':
      return negativeShare(facts, locale);
    case 'digest':
      return digest(facts, locale, room);
  }
}
