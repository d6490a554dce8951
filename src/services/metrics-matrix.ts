import { dimensionSpec, isCatchAll, type Dimension } from '../domain/dimensions.js';
import type { MatrixValue, MetricsRow } from '../domain/metrics-query.js';

/** One side of a matrix: its dimension, the keys it always shows, and each key's own total row. */
export interface MatrixAxis {
  by: Dimension;
  /** Keys shown even without posts (KeyCatalog.fixedKeys: every day of the range for `day`). */
  fixed: readonly string[];
  /** The store's rows grouped by this dimension alone, over the same filter as the cells. */
  totals: readonly MetricsRow[];
}

export interface Matrix {
  rows: string[];
  cols: string[];
  /** values[i][j]: the figure of the posts in row i and column j, 0 where there are none. */
  values: number[][];
  /**
   * The figure of each row's (column's) whole set. Reach and contributors count an author once
   * per row, and a post of a topic or hashtag row may sit in several columns, so a total is not
   * always the sum of its cells.
   */
  rowTotals: number[];
  colTotals: number[];
}

/**
 * Keys ordered by their total descending, ties by key, the catch-all (`unknown`, `other`) last;
 * time buckets (days) stay in calendar order, because a time axis read out of order misleads.
 */
function orderedKeys(axis: MatrixAxis, cellKeys: Iterable<string>, total: (key: string) => number): string[] {
  const keys = [...new Set([...axis.fixed, ...axis.totals.map((r) => r.keys[0] ?? ''), ...cellKeys])];
  if (dimensionSpec(axis.by).keys === 'range') return keys.sort();
  return keys.sort((a, b) => Number(isCatchAll(axis.by, a)) - Number(isCatchAll(axis.by, b)) || total(b) - total(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Lays out the rows of a two-dimension grouping (`groupBy: [rows.by, cols.by]`) as a dense
 * matrix of one figure. Pure: the service runs the queries, this arranges their rows.
 */
export function buildMatrix(
  cells: readonly MetricsRow[],
  rows: MatrixAxis,
  cols: MatrixAxis,
  value: MatrixValue,
  /** Called with the axes' sizes before the cells are laid out: throws to refuse a matrix too large. */
  limit: (rows: number, cols: number) => void = () => undefined,
): Matrix {
  const byCell = new Map(cells.map((c) => [JSON.stringify([c.keys[0], c.keys[1]]), c]));
  const totalOf = (axis: MatrixAxis) => {
    const totals = new Map(axis.totals.map((r) => [r.keys[0] ?? '', r[value]]));
    return (key: string) => totals.get(key) ?? 0;
  };
  const rowTotal = totalOf(rows);
  const colTotal = totalOf(cols);
  const rowKeys = orderedKeys(
    rows,
    cells.map((c) => c.keys[0] ?? ''),
    rowTotal,
  );
  const colKeys = orderedKeys(
    cols,
    cells.map((c) => c.keys[1] ?? ''),
    colTotal,
  );
  limit(rowKeys.length, colKeys.length);
  return {
    rows: rowKeys,
    cols: colKeys,
    values: rowKeys.map((r) => colKeys.map((c) => byCell.get(JSON.stringify([r, c]))?.[value] ?? 0)),
    rowTotals: rowKeys.map(rowTotal),
    colTotals: colKeys.map(colTotal),
  };
}
