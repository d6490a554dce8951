import type { Confusion } from './confusion.metrics.js';
import { SPLITS, type EvaluationReport, type LanguageGroup } from './sentiment.evaluate.js';

/**
 * The evaluation as the Markdown tables docs/sentiment.md publishes (`npm run sentiment:report`
 * prints them; a test checks that the published page shows the current figures).
 */

const NAMES: Readonly<Record<string, string>> = {
  id: 'Indonesian (id)',
  en: 'English (en)',
  jv: 'Javanese (jv)',
  su: 'Sundanese (su)',
  und: 'no words (und)',
  other: 'other',
  all: 'all',
};

const name = (code: string): string => NAMES[code] ?? code;

/** A share as a percentage with one decimal ("97.5 %"), "–" when there is nothing to count. */
export function percent(value: number | null): string {
  return value === null ? '–' : `${(Math.round(value * 1000) / 10).toFixed(1)} %`;
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function sentimentRow(group: LanguageGroup): string {
  const classes = group.sentiment.classes.map((c) => `${percent(c.precision)} / ${percent(c.recall)}`);
  const splits = SPLITS.map((split) => `${percent(group.splits[split].accuracy)} (${group.splits[split].total})`);
  return row([name(group.language), group.sentiment.total, percent(group.sentiment.accuracy), ...splits, ...classes]);
}

function matrix<L extends string>(title: string, result: Confusion<L>): string[] {
  const used = result.labels.filter((label) => result.classes.some((c) => c.label === label && (c.support > 0 || c.predicted > 0)));
  return [
    `**${title}**`,
    '',
    row(['label ↓ · read as →', ...used]),
    row(['---', ...used.map(() => '---:')]),
    ...used.map((gold) => row([gold, ...used.map((predicted) => result.matrix[gold][predicted])])),
    '',
  ];
}

/** The tables of docs/sentiment.md. */
export function renderReport(report: EvaluationReport): string {
  const groups = [...report.groups].sort((a, b) => b.sentiment.total - a.sentiment.total);
  const lines = [
    '#### Sentiment (three classes), per language',
    '',
    row(['language', 'posts', 'accuracy', 'tuned on (posts)', 'held out (posts)', 'fresh (posts)', 'positive P / R', 'neutral P / R', 'negative P / R']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...groups.map(sentimentRow),
    sentimentRow(report.all),
    '',
    `With the language detected from the text instead of the label: ${percent(report.endToEnd.accuracy)} of ${report.endToEnd.total} posts.`,
    '',
    '#### Confusion matrices (rows: the label people gave; columns: what was read)',
    '',
    ...groups.flatMap((group) => matrix(name(group.language), group.sentiment)),
    ...matrix('all', report.all.sentiment),
    '#### Language, detected from the text alone (no platform tag, campaign in Asia/Jakarta)',
    '',
    row(['language', 'posts', 'detected correctly', 'tuned on', 'held out', 'fresh']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...report.language.classes
      .filter((c) => c.support > 0)
      .map((c) => {
        const bySplit = SPLITS.map((split) => percent(report.languageSplits[split].classes.find((d) => d.label === c.label)?.recall ?? null));
        return row([name(c.label), c.support, percent(c.recall), ...bySplit]);
      }),
    row(['all', report.language.total, percent(report.language.accuracy), ...SPLITS.map((split) => percent(report.languageSplits[split].accuracy))]),
    '',
    ...matrix('language', report.language),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
