import type { Migration } from './migration.types.js';

/** Not shipped yet: once it ships, never edit (tests/unit/sqlite-migrations.test.ts pins its text). */
export const migration15: Migration = {
  version: 15,
  name: 'participant emails',
  sql: `
      -- A participant may name the e-mail address of their user account (docs/API.md, "A
      -- participant's own page"), kept in the document; the signed-in participant's records are
      -- looked up by it. Most participants have none: the index holds only those that do.
      CREATE INDEX workshop_participants_by_email ON workshop_participants (campaign_id, json_extract(doc, '$.email'))
        WHERE json_extract(doc, '$.email') IS NOT NULL;
    `,
};
