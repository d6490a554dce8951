import { describe, expect, it } from 'vitest';
import { confusion } from '../../src/sentiment/confusion.metrics.js';

const LABELS = ['positive', 'neutral', 'negative'] as const;
type Label = (typeof LABELS)[number];
const pairs = (list: Array<[Label, Label]>) => list.map(([gold, predicted]) => ({ gold, predicted }));

describe('confusion', () => {
  it('counts accuracy, precision, recall and the matrix by hand-checked example', () => {
    const result = confusion(
      LABELS,
      pairs([
        ['positive', 'positive'],
        ['positive', 'positive'],
        ['positive', 'neutral'],
        ['neutral', 'neutral'],
        ['neutral', 'negative'],
        ['negative', 'negative'],
      ]),
    );
    expect(result.total).toBe(6);
    expect(result.correct).toBe(4);
    expect(result.accuracy).toBeCloseTo(4 / 6);
    expect(result.matrix.positive).toEqual({ positive: 2, neutral: 1, negative: 0 });
    expect(result.matrix.neutral).toEqual({ positive: 0, neutral: 1, negative: 1 });
    const byLabel = Object.fromEntries(result.classes.map((c) => [c.label, c]));
    expect(byLabel.positive).toMatchObject({ support: 3, predicted: 2, precision: 1, recall: 2 / 3 });
    expect(byLabel.neutral).toMatchObject({ support: 2, predicted: 2, precision: 0.5, recall: 0.5 });
    expect(byLabel.negative).toMatchObject({ support: 1, predicted: 2, precision: 0.5, recall: 1 });
  });

  it('gives null, not 0 or NaN, where there is nothing to divide', () => {
    const result = confusion(LABELS, pairs([['positive', 'positive']]));
    const negative = result.classes.find((c) => c.label === 'negative');
    expect(negative).toMatchObject({ precision: null, recall: null });
    expect(confusion(LABELS, []).accuracy).toBeNull();
  });

  it('rejects a label outside the list', () => {
    expect(() => confusion(LABELS, [{ gold: 'positive', predicted: 'mixed' as Label }])).toThrow(/outside/);
  });
});
