import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';

/**
 * The SHA-256 of every shipped migration's SQL. Databases in the field have run these exact
 * statements; a different text would build a different schema on a new database than the one
 * every old database has. A new migration gets its line here when it ships.
 */
const SHIPPED: Record<number, string> = {
  1: '2d8c34e9087b40be97e71bb7482e68f21a91f55d201fea6b091c7ad8dc58d37a',
  2: 'f76c9c1fcd0eb03690e665a36f13d82fe1651fee95b52607c49838a553d20830',
  3: 'e378c4fb07bbeb365a91056b7823248efd885dc5fdcd8232927f21e94c1214cf',
  4: '7ab46c7e781fc72c571008363f8a61295336c41fa32d5b5af334d2352b31f6cf',
  5: 'cc58fcb827712ed34271a6b66b5025132762979033d5bcddb543ac5189f6913c',
  6: '0ea6522b5fc5965de6cbf4832bd8158ce137c6972772e184e27e4342d25769e0',
  7: 'd67cc7b811db291c0309fbbf152c47ab1e0f5ebf674446c92b6ccd81b4d0d157',
  8: 'bf1565b2ff8ad647ff25b49870b73129da2f6ecf93df21aaa2eb857c97b8d06a',
  9: 'a205e2aef1e1e5065b7bd26af473787b01c7116b22bfabf252cf579f932e4c28',
  10: 'a5107c66a31c528e8f71bb13efd8bdb2abd66d61765598cb621dc00a801dd33f',
  11: 'be295eb6a678a0291aad1fb4669e395361773a604fe483813416159b52a191b4',
  12: '7dcb22cc26dbec9a1350be1e1fefa3dd3f4ad8473211af2c101d9b41ccf3141e',
  13: '6b07de3a419984ef33c48a0f6d87c7a0779cf092e67196234bc989e4aa518228',
  14: 'd5aed263d2b6133aad7288e8b7b3db8425b243cbcc7ebd65b7259bbf443e442a',
  15: 'ee3d99924c66b43a1e328a3e5552d4b028eb6fb4e4011c89791a8055d1f017ba',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sqlite migrations', () => {
  it('are numbered 1, 2, 3… without a gap or a repeat', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it.each(MIGRATIONS.map((m) => [m.version, m] as const))('%i: the SQL is the text it shipped with', (version, m) => {
    const pinned = SHIPPED[version];
    expect(pinned, `migration ${version} (${m.name}) has no pinned SHA-256: add ${sha256(m.sql)} to SHIPPED once it ships`).toBeDefined();
    expect(
      sha256(m.sql),
      `migration ${version} (${m.name}) was edited after it shipped; databases have already run the old text: add a new migration instead`,
    ).toBe(pinned);
  });
});
