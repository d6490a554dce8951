import type { Database } from 'better-sqlite3';

/**
 * One schema step. Versions only grow. Its SQL is one literal string, the statements exactly as
 * they shipped: nothing is spliced in, so no later edit of a shared constant can change a
 * migration that databases have already run. A shipped migration is never edited, only followed.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /**
   * Runs after the SQL, in the same transaction: values only code computes (a post's language),
   * for the rows the SQL left without them. The SQL stays the frozen, pinned text.
   */
  readonly backfill?: (db: Database) => void;
}
