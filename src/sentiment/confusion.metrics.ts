/**
 * How well a classifier agrees with labels people gave: accuracy, precision and recall per class
 * and the confusion matrix. Used for sentiment and language on the evaluation set, and usable
 * for automatic readings against people's corrections.
 */

export interface ClassFigures<L extends string> {
  label: L;
  /** Posts labelled with this class. */
  support: number;
  /** Posts the classifier put in this class. */
  predicted: number;
  /** Of the posts put in this class, the share that belong there; null when none were. */
  precision: number | null;
  /** Of the posts that belong to this class, the share put there; null when none do. */
  recall: number | null;
}

export interface Confusion<L extends string> {
  labels: readonly L[];
  total: number;
  correct: number;
  /** null for no posts. */
  accuracy: number | null;
  /** matrix[gold][predicted]: how many posts labelled `gold` were read as `predicted`. */
  matrix: Record<L, Record<L, number>>;
  classes: ClassFigures<L>[];
}

export interface Judged<L extends string> {
  gold: L;
  predicted: L;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Counts a classifier's answers against the labels; every label must be one of `labels`. */
export function confusion<L extends string>(labels: readonly L[], judged: Iterable<Judged<L>>): Confusion<L> {
  const matrix = Object.fromEntries(labels.map((gold) => [gold, Object.fromEntries(labels.map((predicted) => [predicted, 0]))])) as Record<
    L,
    Record<L, number>
  >;
  let total = 0;
  let correct = 0;
  for (const { gold, predicted } of judged) {
    const row = matrix[gold];
    if (row === undefined || row[predicted] === undefined) throw new Error(`label outside ${labels.join(', ')}: ${gold} → ${predicted}`);
    row[predicted]++;
    total++;
    if (gold === predicted) correct++;
  }
  const classes = labels.map((label) => {
    const support = labels.reduce((sum, predicted) => sum + matrix[label][predicted], 0);
    const predicted = labels.reduce((sum, gold) => sum + matrix[gold][label], 0);
    const hits = matrix[label][label];
    return { label, support, predicted, precision: share(hits, predicted), recall: share(hits, support) };
  });
  return { labels, total, correct, accuracy: share(correct, total), matrix, classes };
}
