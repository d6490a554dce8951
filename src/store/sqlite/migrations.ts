import type { Database } from 'better-sqlite3';
import { migration1 } from './migrations/0001-initial-schema.migration.js';
import { migration2 } from './migrations/0002-authors-clustered-pending-versions.migration.js';
import { migration3 } from './migrations/0003-accounts-and-access.migration.js';
import { migration4 } from './migrations/0004-attribution-figures-author-keys.migration.js';
import { migration5 } from './migrations/0005-no-platform-checks.migration.js';
import { migration6 } from './migrations/0006-runs-by-source.migration.js';
import { migration7 } from './migrations/0007-durable-follow-up.migration.js';
import { migration8 } from './migrations/0008-imported-posts-per-campaign.migration.js';
import { migration9 } from './migrations/0009-post-dimensions.migration.js';
import { migration10 } from './migrations/0010-alerts.migration.js';
import { migration11 } from './migrations/0011-workshops.migration.js';
import { migration12 } from './migrations/0012-post-references.migration.js';
import { migration13 } from './migrations/0013-campaign-logos.migration.js';
import { migration14 } from './migrations/0014-chat-messages.migration.js';
import { migration15 } from './migrations/0015-participant-emails.migration.js';
import type { Migration } from './migrations/migration.types.js';

/**
 * The schema, in order, one file per step (migrations/). Tables are STRICT so a wrong type fails
 * loudly instead of being coerced.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration1,
  migration2,
  migration3,
  migration4,
  migration5,
  migration6,
  migration7,
  migration8,
  migration9,
  migration10,
  migration11,
  migration12,
  migration13,
  migration14,
  migration15,
];

/** Applies the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const row: unknown = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
  const current = typeof row === 'object' && row !== null && 'v' in row && typeof row.v === 'number' ? row.v : 0;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.backfill?.(db);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
