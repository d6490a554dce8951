import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShareLink, User, UserRole } from '../../src/domain/account.js';
import { AppError } from '../../src/errors.js';
import { createAccessService, type AccessService } from '../../src/services/access.service.js';
import type { Principal } from '../../src/services/auth/principal.js';
import { newSecret } from '../../src/services/auth/secrets.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';
import { makeCampaign } from '../helpers/campaigns.js';

/** The access service on a real (in-memory) store, its clock in the test's hand. */

const T0 = '2030-01-01T00:00:00.000Z';
const userOf = (id: string, role: UserRole): User => ({
  id,
  email: `${id}@example.org`,
  name: id,
  role,
  passwordHash: 'scrypt$x',
  status: 'active',
  createdAt: T0,
  updatedAt: T0,
});
const asUser = (user: User): Principal => ({
  kind: 'user',
  user,
  via: 'session',
  session: { tokenHash: `s-${user.id}`, userId: user.id, csrfToken: 'c', createdAt: T0, expiresAt: T0, lastSeenAt: T0 },
});
const link = (id: string, campaignId: string, over: Partial<ShareLink> = {}): ShareLink => ({
  id,
  campaignId,
  tokenHash: `hash-${id}`,
  prefix: `kks_${id}`,
  label: id,
  from: null,
  to: null,
  expiresAt: '2030-02-01T00:00:00.000Z',
  allowExport: false,
  createdBy: 'operator',
  createdAt: T0,
  revokedAt: null,
  lastUsedAt: null,
  ...over,
});

/** The status an access check ends in: 200 when it passes. */
async function status(check: Promise<void>): Promise<number> {
  try {
    await check;
    return 200;
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe('access service', () => {
  let store: Store;
  let access: AccessService;
  let now: Date;
  const manager = userOf('u-manager', 'manager');
  const participant = userOf('u-participant', 'participant');
  const outsider = userOf('u-outsider', 'viewer');

  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    now = new Date(T0);
    access = createAccessService({ accounts: store.accounts, campaigns: store, now: () => now });
    for (const [i, id] of ['c-a', 'c-b', 'c-c'].entries()) await store.createCampaign(makeCampaign({ id, name: id, createdAt: `2030-01-01T00:00:0${i}.000Z` }));
    await store.accounts.putMembership({ campaignId: 'c-a', userId: manager.id, own: true, addedBy: 'operator', addedAt: T0 });
    await store.accounts.putMembership({ campaignId: 'c-b', userId: participant.id, own: false, addedBy: 'operator', addedAt: T0 });
    await store.accounts.putMembership({ campaignId: 'c-c', userId: participant.id, own: true, addedBy: 'operator', addedAt: T0 });
  });
  afterEach(async () => store.close());

  it('answers 401 without a credential, 403 for a rule that says no, and 404 to a user asking about a missing campaign', async () => {
    const share: Principal = { kind: 'share', link: link('l1', 'c-a') };
    expect(await status(access.authorize({ kind: 'anonymous' }, { kind: 'public' }))).toBe(200);
    expect(await status(access.authorize({ kind: 'anonymous' }, { kind: 'any' }))).toBe(401);
    expect(await status(access.authorize(asUser(outsider), { kind: 'roles', roles: ['admin'] }))).toBe(403);
    expect(await status(access.authorize({ kind: 'operator' }, { kind: 'campaign', action: 'manage' }, 'missing'))).toBe(200);
    expect(await status(access.authorize(asUser(manager), { kind: 'campaign', action: 'archive' }, 'c-a'))).toBe(200);
    expect(await status(access.authorize(asUser(manager), { kind: 'campaign', action: 'read' }, 'c-b'))).toBe(403);
    expect(await status(access.authorize(asUser(manager), { kind: 'campaign', action: 'read' }, 'missing'))).toBe(404);
    // A share link learns nothing about other ids.
    expect(await status(access.authorize(share, { kind: 'campaign', action: 'report' }, 'c-a'))).toBe(200);
    expect(await status(access.authorize(share, { kind: 'campaign', action: 'report' }, 'missing'))).toBe(403);
    expect(await status(access.authorize(share, { kind: 'campaign', action: 'export' }, 'c-a'))).toBe(403);
  });

  it('lists the campaigns each principal sees, in stored order', async () => {
    const ids = async (p: Principal) => (await access.visibleCampaigns(p)).map((c) => c.id);
    expect(await ids({ kind: 'operator' })).toEqual(['c-a', 'c-b', 'c-c']);
    expect(await ids(asUser(userOf('u-admin', 'admin')))).toEqual(['c-a', 'c-b', 'c-c']);
    expect(await ids(asUser(participant))).toEqual(['c-b', 'c-c']);
    expect(await ids(asUser(outsider))).toEqual([]);
    expect(await ids({ kind: 'share', link: link('l1', 'c-b') })).toEqual(['c-b']);
    expect(await ids({ kind: 'anonymous' })).toEqual([]);
  });

  it('says what a principal may do on a campaign, by role and by whether it is marked as theirs', async () => {
    // The raw CSV is a right a manager grants: a participant has it only when granted, own or not.
    expect(await access.permissions(asUser(participant), 'c-b')).toEqual({ edit: false, import: false, archive: false, manage: false, export: false });
    expect(await access.permissions(asUser(participant), 'c-c')).toEqual({ edit: true, import: true, archive: false, manage: false, export: false });
    expect(await access.permissions(asUser(manager), 'c-a')).toEqual({ edit: true, import: true, archive: true, manage: true, export: true });
    expect(await access.permissions(asUser(outsider), 'c-a')).toEqual({ edit: false, import: false, archive: false, manage: false, export: false });
  });

  it("opens a share link by its secret until the service's clock reaches its expiry, and says why it no longer opens", async () => {
    const active = newSecret('share');
    const revoked = newSecret('share');
    await store.accounts.createShareLink(link('l-active', 'c-a', { tokenHash: active.hash }));
    await store.accounts.createShareLink(link('l-revoked', 'c-a', { tokenHash: revoked.hash, revokedAt: T0 }));
    expect(await access.openShareLink(active.secret)).toMatchObject({ state: 'active', link: { id: 'l-active' } });
    expect(await access.openShareLink(revoked.secret)).toEqual({ state: 'revoked' });
    expect(await access.openShareLink(newSecret('share').secret)).toEqual({ state: 'unknown' });
    // Malformed: never looked up.
    expect(await access.openShareLink(`${active.secret}x`)).toEqual({ state: 'unknown' });
    expect(await access.openShareLink(newSecret('token').secret)).toEqual({ state: 'unknown' });
    now = new Date('2030-01-31T23:59:59.999Z');
    expect((await access.openShareLink(active.secret)).state).toBe('active');
    now = new Date('2030-02-01T00:00:00.000Z');
    expect(await access.openShareLink(active.secret)).toEqual({ state: 'expired' });
  });
});
