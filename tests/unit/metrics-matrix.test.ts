import { describe, expect, it } from 'vitest';
import { emptyRow, type MetricsRow } from '../../src/domain/metrics-query.js';
import { buildMatrix } from '../../src/services/metrics-matrix.js';

const row = (keys: string[], posts: number, reach = posts * 10): MetricsRow => ({ ...emptyRow(keys), posts, reach, contributors: posts });

describe('buildMatrix', () => {
  const cells = [row(['73.71', 'education'], 3), row(['73.71', 'other'], 1), row(['unknown', 'education'], 9), row(['53.71', 'environment'], 2)];
  const rowTotals = [row(['53.71'], 2), row(['73.71'], 4, 35), row(['unknown'], 9)];
  const colTotals = [row(['education'], 12), row(['environment'], 2), row(['other'], 1)];

  it('orders each axis by its totals, the catch-all last, fills zeros and keeps fixed keys', () => {
    const m = buildMatrix(
      cells,
      { by: 'city', fixed: ['73.71', '53.71', '15.71', 'unknown'], totals: rowTotals },
      { by: 'topic', fixed: ['environment', 'education', 'other'], totals: colTotals },
      'posts',
    );
    expect(m.rows).toEqual(['73.71', '53.71', '15.71', 'unknown']);
    expect(m.cols).toEqual(['education', 'environment', 'other']);
    expect(m.values).toEqual([
      [3, 0, 1],
      [0, 2, 0],
      [0, 0, 0],
      [9, 0, 0],
    ]);
    expect(m.rowTotals).toEqual([4, 2, 0, 9]);
    expect(m.colTotals).toEqual([12, 2, 1]);
  });

  it('takes totals of the figure shown, which for reach are not the sum of the cells', () => {
    const m = buildMatrix(cells, { by: 'city', fixed: [], totals: rowTotals }, { by: 'topic', fixed: [], totals: colTotals }, 'reach');
    expect(m.rows).toEqual(['73.71', '53.71', 'unknown']);
    expect(m.cols).toEqual(['education', 'environment', 'other']);
    expect(m.values[0]).toEqual([30, 0, 10]);
    expect(m.rowTotals[0]).toBe(35);
  });

  it('keeps days in calendar order, and breaks ties of totals by key', () => {
    const days = buildMatrix(
      [row(['2015-01-14', 'x'], 5)],
      { by: 'day', fixed: ['2015-01-13', '2015-01-14', '2015-01-15'], totals: [row(['2015-01-14'], 5)] },
      { by: 'source', fixed: ['x', 'bluesky'], totals: [row(['x'], 5)] },
      'posts',
    );
    expect(days.rows).toEqual(['2015-01-13', '2015-01-14', '2015-01-15']);
    expect(days.cols).toEqual(['x', 'bluesky']);
    expect(days.values).toEqual([
      [0, 0],
      [5, 0],
      [0, 0],
    ]);
    const tie = buildMatrix(
      [],
      { by: 'source', fixed: ['x', 'import', 'bluesky'], totals: [] },
      { by: 'city', fixed: ['unknown', '73.71'], totals: [] },
      'posts',
    );
    expect(tie.rows).toEqual(['bluesky', 'import', 'x']);
    expect(tie.cols).toEqual(['73.71', 'unknown']);
  });
});
