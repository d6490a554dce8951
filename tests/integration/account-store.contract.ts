import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiToken, AuditEntry, Membership, Session, ShareLink, User } from '../../src/domain/account.js';
import { DuplicateKeyError, type AccountStore, type AuditQuery } from '../../src/store/account-store.port.js';
import type { Store } from '../../src/store/store.port.js';

/**
 * The contract every Store adapter's `accounts` passes (src/store/account-store.port.ts).
 * Instants are in 2030: a MongoDB server drops sessions past their expiresAt on its own (TTL
 * index), and must not do so in the middle of a test. One is written with an offset, the way a
 * person might, to show that order is time order and the text still comes back as given.
 */

const at = (minute: number): string => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();
/** 00:30Z written in Jakarta time. */
const AT_30_WIB = '2030-01-01T07:30:00+07:00';

const user = (id: string, email: string, createdAt: string, over: Partial<User> = {}): User => ({
  id,
  email,
  name: `Name ${id}`,
  role: 'viewer',
  passwordHash: `scrypt$salt$${id}`,
  status: 'active',
  createdAt,
  updatedAt: createdAt,
  ...over,
});
const session = (tokenHash: string, userId: string, expiresAt: string): Session => ({
  tokenHash,
  userId,
  csrfToken: `csrf-${tokenHash}`,
  createdAt: at(0),
  expiresAt,
  lastSeenAt: at(0),
});
const token = (id: string, userId: string, createdAt: string, over: Partial<ApiToken> = {}): ApiToken => ({
  id,
  userId,
  name: `token ${id}`,
  tokenHash: `hash-${id}`,
  prefix: `kk_${id}`,
  createdAt,
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});
const member = (campaignId: string, userId: string, addedAt: string, over: Partial<Membership> = {}): Membership => ({
  campaignId,
  userId,
  own: false,
  addedBy: 'u-admin',
  addedAt,
  ...over,
});
const link = (id: string, campaignId: string, createdAt: string, over: Partial<ShareLink> = {}): ShareLink => ({
  id,
  campaignId,
  tokenHash: `hash-${id}`,
  prefix: `kks_${id}`,
  label: `sponsor ${id}`,
  from: null,
  to: null,
  expiresAt: at(60 * 24 * 30),
  allowExport: false,
  createdBy: 'u-admin',
  createdAt,
  revokedAt: null,
  lastUsedAt: null,
  ...over,
});
const entry = (id: string, when: string, target: AuditEntry['target'], over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: when,
  actor: { type: 'user', userId: 'u-admin', via: 'session', label: 'admin@example.id' },
  action: `${target.type}.update`,
  target,
  details: { fields: ['name'], name: `value ${id}` },
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable('expected a rejection'),
    (err: unknown) => err,
  );
}

/** Every page of the audit log, following `before` from the last entry of each. */
async function allPages(accounts: AccountStore, q: Omit<AuditQuery, 'before'>): Promise<AuditEntry[][]> {
  const pages: AuditEntry[][] = [];
  let before: AuditQuery['before'];
  for (;;) {
    const page = await accounts.listAudit({ ...q, ...(before ? { before } : {}) });
    if (page.length === 0) return pages;
    pages.push(page);
    const last = page[page.length - 1] as AuditEntry;
    before = { at: last.at, id: last.id };
  }
}

/**
 * `makeStore` returns a fresh, empty store; `cleanup` disposes of one (default: close it). Every
 * test gets its own store.
 */
export function accountStoreContract(name: string, makeStore: () => Promise<Store>, cleanup?: (store: Store) => Promise<void>): void {
  const dispose = cleanup ?? ((s: Store) => s.close());

  describe(`${name}: accounts`, () => {
    let store: Store;
    let accounts: AccountStore;
    beforeEach(async () => {
      store = await makeStore();
      accounts = store.accounts;
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('creates users, reads them by id and by address, lists them oldest first and counts them', async () => {
      expect(await accounts.countUsers()).toBe(0);
      expect(await accounts.listUsers()).toEqual([]);
      const u1 = user('u1', 'ani@example.id', at(10), { role: 'admin' });
      const u2 = user('u2', 'budi@example.id', at(40), { role: 'manager', status: 'disabled', updatedAt: at(50) });
      const u3 = user('u3', 'citra@example.id', AT_30_WIB, { role: 'participant' });
      for (const u of [u2, u3, u1]) await accounts.createUser(u);
      expect(await accounts.getUser('u1')).toEqual(u1);
      expect(await accounts.getUser('u3')).toEqual(u3);
      expect(await accounts.getUser('nobody')).toBeNull();
      expect(await accounts.getUserByEmail('budi@example.id')).toEqual(u2);
      expect(await accounts.getUserByEmail('nobody@example.id')).toBeNull();
      expect(await accounts.listUsers()).toEqual([u1, u3, u2]);
      expect(await accounts.countUsers()).toBe(3);
    });

    it('rejects a taken address with DuplicateKeyError, on create and on update', async () => {
      const u1 = user('u1', 'ani@example.id', at(1));
      const u2 = user('u2', 'budi@example.id', at(2));
      await accounts.createUser(u1);
      await accounts.createUser(u2);

      const onCreate = await rejection(accounts.createUser(user('u3', 'ani@example.id', at(3))));
      expect(onCreate).toBeInstanceOf(DuplicateKeyError);
      expect(onCreate).toMatchObject({ key: 'email' });
      expect(await accounts.getUser('u3')).toBeNull();
      expect(await accounts.countUsers()).toBe(2);

      const onUpdate = await rejection(accounts.updateUser({ ...u2, email: 'ani@example.id' }));
      expect(onUpdate).toBeInstanceOf(DuplicateKeyError);
      expect(onUpdate).toMatchObject({ key: 'email' });
      expect(await accounts.getUser('u2')).toEqual(u2);
      expect(await accounts.getUserByEmail('ani@example.id')).toEqual(u1);

      // Keeping one's own address is no conflict; changing it frees the old one.
      const renamed = { ...u2, name: 'Budi S.', role: 'manager' as const, updatedAt: at(5) };
      expect(await accounts.updateUser(renamed)).toBe(true);
      expect(await accounts.getUser('u2')).toEqual(renamed);
      const moved = { ...renamed, email: 'budi.s@example.id', updatedAt: at(6) };
      expect(await accounts.updateUser(moved)).toBe(true);
      expect(await accounts.getUserByEmail('budi@example.id')).toBeNull();
      expect(await accounts.getUserByEmail('budi.s@example.id')).toEqual(moved);
      const u3 = user('u3', 'budi@example.id', at(7));
      await accounts.createUser(u3);
      expect(await accounts.listUsers()).toEqual([u1, moved, u3]);
    });

    it('rejects a user id that exists, and updating an unknown user resolves false', async () => {
      const u1 = user('u1', 'ani@example.id', at(1));
      await accounts.createUser(u1);
      await expect(accounts.createUser(user('u1', 'other@example.id', at(2)))).rejects.toThrow();
      expect(await accounts.updateUser(user('ghost', 'ghost@example.id', at(3)))).toBe(false);
      expect(await accounts.updateUser(user('ghost', 'ani@example.id', at(3)))).toBe(false);
      expect(await accounts.getUser('ghost')).toBeNull();
      expect(await accounts.listUsers()).toEqual([u1]);
    });

    it('creates, reads, touches and deletes sessions', async () => {
      const s1 = session('sh1', 'u1', at(600));
      const s2 = session('sh2', 'u1', at(700));
      const s3 = session('sh3', 'u2', AT_30_WIB);
      for (const s of [s1, s2, s3]) await accounts.createSession(s);
      expect(await accounts.getSession('sh1')).toEqual(s1);
      expect(await accounts.getSession('sh3')).toEqual(s3);
      expect(await accounts.getSession('nope')).toBeNull();

      await accounts.touchSession('sh1', at(100));
      expect(await accounts.getSession('sh1')).toEqual({ ...s1, lastSeenAt: at(100) });
      await accounts.touchSession('nope', at(100));
      expect(await accounts.getSession('nope')).toBeNull();

      await accounts.deleteSession('sh1');
      await accounts.deleteSession('sh1');
      expect(await accounts.getSession('sh1')).toBeNull();
      expect(await accounts.getSession('sh2')).toEqual(s2);

      await accounts.createSession(session('sh4', 'u1', at(800)));
      await accounts.deleteUserSessions('u1');
      expect(await accounts.getSession('sh2')).toBeNull();
      expect(await accounts.getSession('sh4')).toBeNull();
      expect(await accounts.getSession('sh3')).toEqual(s3);
    });

    it('drops the sessions that expired before an instant, and counts them', async () => {
      await accounts.createSession(session('early', 'u1', at(10)));
      await accounts.createSession(session('wib', 'u1', AT_30_WIB));
      await accounts.createSession(session('edge', 'u2', at(40)));
      await accounts.createSession(session('late', 'u2', at(90)));
      expect(await accounts.deleteExpiredSessions(at(0))).toBe(0);
      // Expiring exactly at `now` is not "before" it.
      expect(await accounts.deleteExpiredSessions(at(40))).toBe(2);
      expect(await accounts.getSession('early')).toBeNull();
      expect(await accounts.getSession('wib')).toBeNull();
      expect(await accounts.getSession('edge')).toEqual(session('edge', 'u2', at(40)));
      expect(await accounts.deleteExpiredSessions(at(100))).toBe(2);
      expect(await accounts.deleteExpiredSessions(at(100))).toBe(0);
      expect(await accounts.getSession('late')).toBeNull();
    });

    it("creates, reads and lists API tokens newest first, every user's or one's", async () => {
      const t1 = token('t1', 'u1', at(10), { expiresAt: at(1000) });
      const t2 = token('t2', 'u2', at(40));
      const t3 = token('t3', 'u1', AT_30_WIB);
      const t4 = token('t4', 'u1', AT_30_WIB);
      for (const t of [t3, t1, t2, t4]) await accounts.createToken(t);
      expect(await accounts.getToken('t1')).toEqual(t1);
      expect(await accounts.getTokenByHash('hash-t3')).toEqual(t3);
      expect(await accounts.getToken('nope')).toBeNull();
      expect(await accounts.getTokenByHash('nope')).toBeNull();
      // Same instant: by id, descending.
      expect(await accounts.listTokens()).toEqual([t2, t4, t3, t1]);
      expect(await accounts.listTokens('u1')).toEqual([t4, t3, t1]);
      expect(await accounts.listTokens('nobody')).toEqual([]);
    });

    it('revokes a token once and records its last use', async () => {
      const t1 = token('t1', 'u1', at(10));
      await accounts.createToken(t1);
      expect(await accounts.revokeToken('t1', at(20))).toBe(true);
      expect(await accounts.getToken('t1')).toEqual({ ...t1, revokedAt: at(20) });
      expect(await accounts.revokeToken('t1', at(30))).toBe(false);
      expect(await accounts.getToken('t1')).toEqual({ ...t1, revokedAt: at(20) });
      expect(await accounts.revokeToken('nope', at(30))).toBe(false);

      const t2 = token('t2', 'u1', at(11));
      await accounts.createToken(t2);
      await accounts.touchToken('t2', at(15));
      await accounts.touchToken('t2', at(16));
      expect(await accounts.getTokenByHash('hash-t2')).toEqual({ ...t2, lastUsedAt: at(16) });
      await accounts.touchToken('nope', at(16));
      expect(await accounts.getToken('nope')).toBeNull();
      expect(await accounts.listTokens()).toEqual([
        { ...t2, lastUsedAt: at(16) },
        { ...t1, revokedAt: at(20) },
      ]);
    });

    it('puts, reads, lists and removes campaign memberships', async () => {
      const c1u1 = member('c1', 'u1', at(20));
      // The campaign's owner is kept as such (a field older records lack).
      const c1u2 = member('c1', 'u2', at(10), { own: true, owner: true, mayExport: true });
      const c1u3 = member('c1', 'u3', AT_30_WIB);
      const c2u1 = member('c2', 'u1', at(5));
      for (const m of [c1u1, c1u2, c1u3, c2u1]) await accounts.putMembership(m);
      expect(await accounts.getMembership('c1', 'u2')).toEqual(c1u2);
      expect(await accounts.getMembership('c2', 'u2')).toBeNull();
      expect(await accounts.listMembers('c1')).toEqual([c1u2, c1u1, c1u3]);
      expect(await accounts.listMembers('c3')).toEqual([]);
      expect(await accounts.membershipsOf('u1')).toEqual([c2u1, c1u1]);
      expect(await accounts.membershipsOf('nobody')).toEqual([]);

      // The same campaign and user again: replaced, not added.
      const mine = { ...c1u1, own: true, addedBy: 'u-manager' };
      await accounts.putMembership(mine);
      expect(await accounts.getMembership('c1', 'u1')).toEqual(mine);
      expect(await accounts.listMembers('c1')).toEqual([c1u2, mine, c1u3]);
      await accounts.putMembership(c1u1);
      expect(await accounts.getMembership('c1', 'u1')).toEqual(c1u1);

      expect(await accounts.removeMembership('c1', 'u1')).toBe(true);
      expect(await accounts.removeMembership('c1', 'u1')).toBe(false);
      expect(await accounts.removeMembership('c9', 'u9')).toBe(false);
      expect(await accounts.getMembership('c1', 'u1')).toBeNull();
      expect(await accounts.listMembers('c1')).toEqual([c1u2, c1u3]);
      expect(await accounts.membershipsOf('u1')).toEqual([c2u1]);
    });

    it('creates, reads and lists share links newest first', async () => {
      const l1 = link('l1', 'c1', at(10));
      const l2 = link('l2', 'c1', at(40), { from: '2030-01-01T00:00:00+07:00', to: at(60 * 24), allowExport: true });
      const l3 = link('l3', 'c2', at(20));
      const l4 = link('l4', 'c1', AT_30_WIB);
      for (const l of [l1, l2, l3, l4]) await accounts.createShareLink(l);
      expect(await accounts.getShareLink('l2')).toEqual(l2);
      expect(await accounts.getShareLinkByHash('hash-l1')).toEqual(l1);
      expect(await accounts.getShareLink('nope')).toBeNull();
      expect(await accounts.getShareLinkByHash('nope')).toBeNull();
      expect(await accounts.listShareLinks('c1')).toEqual([l2, l4, l1]);
      expect(await accounts.listShareLinks('c2')).toEqual([l3]);
      expect(await accounts.listShareLinks('c3')).toEqual([]);
    });

    it('revokes a share link once and records its last use', async () => {
      const l1 = link('l1', 'c1', at(10));
      const l2 = link('l2', 'c1', at(11));
      await accounts.createShareLink(l1);
      await accounts.createShareLink(l2);
      expect(await accounts.revokeShareLink('l1', at(20))).toBe(true);
      expect(await accounts.revokeShareLink('l1', at(30))).toBe(false);
      expect(await accounts.revokeShareLink('nope', at(30))).toBe(false);
      expect(await accounts.getShareLink('l1')).toEqual({ ...l1, revokedAt: at(20) });
      await accounts.touchShareLink('l2', at(25));
      await accounts.touchShareLink('nope', at(25));
      expect(await accounts.getShareLinkByHash('hash-l2')).toEqual({ ...l2, lastUsedAt: at(25) });
      expect(await accounts.getShareLink('nope')).toBeNull();
      expect(await accounts.listShareLinks('c1')).toEqual([
        { ...l2, lastUsedAt: at(25) },
        { ...l1, revokedAt: at(20) },
      ]);
    });

    describe('audit log', () => {
      const user1 = { type: 'user', id: 'u1' } as const;
      const campaign1 = { type: 'campaign', id: 'c1' } as const;
      const campaign2 = { type: 'campaign', id: 'c2' } as const;
      // Three entries share 00:20, two share 00:30 (one written in Jakarta time).
      const entries: AuditEntry[] = [
        entry('a01', at(10), campaign1, {
          actor: { type: 'operator', userId: null, via: 'admin-token', label: 'operator' },
          action: 'campaign.create',
          details: { name: 'Jakarta', hashtags: ['#a', '#b'], budget: 1500, demo: false, endsAt: null, nested: { 'a.b': 1, $x: 'y' } },
        }),
        entry('a02', at(20), user1, { action: 'user.create', details: {} }),
        entry('a04', at(20), campaign2),
        entry('a03', at(20), campaign1),
        entry('a05', AT_30_WIB, user1),
        entry('a06', at(30), { type: 'token', id: 't1' }, { actor: { type: 'user', userId: 'u1', via: 'token:t1', label: 'ani@example.id' } }),
        entry('a07', at(40), campaign1),
        entry('a08', at(50), { type: 'share-link', id: 'l1' }),
        entry('a09', at(50), { type: 'membership', id: 'c1:u1' }),
        entry('a10', at(60), { type: 'session', id: 'u1' }),
      ];
      const newestFirst = (xs: AuditEntry[]) => [...xs].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const NEWEST_FIRST_IDS = ['a10', 'a09', 'a08', 'a07', 'a06', 'a05', 'a04', 'a03', 'a02', 'a01'];

      beforeEach(async () => {
        // Written out of order: the listing sorts, it does not replay insertion.
        for (const i of [3, 0, 9, 5, 1, 7, 2, 8, 4, 6]) await accounts.appendAudit(entries[i] as AuditEntry);
      });

      it('lists entries newest first, ties by id, with a limit, as written', async () => {
        expect(newestFirst(entries).map((e) => e.id)).toEqual(NEWEST_FIRST_IDS);
        expect(await accounts.listAudit({ limit: 100 })).toEqual(newestFirst(entries));
        expect(await accounts.listAudit({ limit: 3 })).toEqual(newestFirst(entries).slice(0, 3));
        expect(await accounts.listAudit({ limit: 0 })).toEqual([]);
      });

      it.each([1, 2, 3, 4])('pages of %i follow `before` without overlap or gap, across equal instants', async (limit) => {
        const pages = await allPages(accounts, { limit });
        expect(pages.every((p) => p.length <= limit)).toBe(true);
        expect(pages.flat()).toEqual(newestFirst(entries));
      });

      it('starts a page strictly after the given entry', async () => {
        const page = await accounts.listAudit({ limit: 3, before: { at: at(20), id: 'a03' } });
        expect(page.map((e) => e.id)).toEqual(['a02', 'a01']);
        // The same instant written differently is the same position.
        const wib = await accounts.listAudit({ limit: 2, before: { at: '2030-01-01T07:30:00.000+07:00', id: 'a06' } });
        expect(wib.map((e) => e.id)).toEqual(['a05', 'a04']);
        expect(await accounts.listAudit({ limit: 5, before: { at: at(10), id: 'a01' } })).toEqual([]);
      });

      it('filters by target type, and by target type and id, paging within the filter', async () => {
        const campaigns = newestFirst(entries.filter((e) => e.target.type === 'campaign'));
        expect(await accounts.listAudit({ limit: 100, targetType: 'campaign' })).toEqual(campaigns);
        const c1 = campaigns.filter((e) => e.target.id === 'c1');
        expect(c1.map((e) => e.id)).toEqual(['a07', 'a03', 'a01']);
        expect(await accounts.listAudit({ limit: 100, targetType: 'campaign', targetId: 'c1' })).toEqual(c1);
        expect((await allPages(accounts, { limit: 1, targetType: 'campaign', targetId: 'c1' })).flat()).toEqual(c1);
        expect((await allPages(accounts, { limit: 2, targetType: 'user' })).flat().map((e) => e.id)).toEqual(['a05', 'a02']);
        expect(await accounts.listAudit({ limit: 100, targetType: 'user', targetId: 'c1' })).toEqual([]);
        expect(await accounts.listAudit({ limit: 100, targetId: 'c2' })).toEqual([entries[2]]);
      });
    });
  });
}
