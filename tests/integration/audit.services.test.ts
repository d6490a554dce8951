import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/account.js';
import type { AddResult, JobQueue } from '../../src/queue/jobs.js';
import { createAuditService } from '../../src/services/audit.service.js';
import { createAuthenticator } from '../../src/services/auth/authenticator.js';
import { hashPassword } from '../../src/services/auth/password.js';
import type { Principal } from '../../src/services/auth/principal.js';
import { createCampaignService } from '../../src/services/campaign.service.js';
import { createSharingService } from '../../src/services/sharing.service.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import type { Store } from '../../src/store/store.port.js';

/**
 * The services write the audit entries of the changes they make, whoever calls them (a route, the
 * command line, the demo loader): campaigns created, changed and archived, and sign-ins.
 */

const T0 = '2030-01-01T00:00:00.000Z';
const PASSWORD = 'a-long-enough-password';

/** A queue that takes jobs and runs none. */
const idleQueue: JobQueue = {
  kind: 'inline',
  add: async (name): Promise<AddResult> => ({ jobId: name, duplicate: false }),
  counts: async () => ({}),
  onIdle: async () => undefined,
  ping: async () => undefined,
  close: async () => undefined,
};

describe('audit written by the services', () => {
  let store: Store;
  let manager: User;
  let tick = 0;
  const now = () => new Date(Date.parse(T0) + 1000 * tick++);

  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    const passwordHash = await hashPassword(PASSWORD, { log2N: 10, r: 8, p: 1 });
    manager = { id: 'u-m', email: 'manager@example.org', name: 'M', role: 'manager', passwordHash, status: 'active', createdAt: T0, updatedAt: T0 };
    await store.accounts.createUser(manager);
  });
  afterEach(async () => store.close());

  const actions = async () =>
    (await store.accounts.listAudit({ limit: 50 })).reverse().map((e) => ({ action: e.action, actor: e.actor.label, target: e.target, details: e.details }));

  it('records a campaign created, changed and archived by its actor, and makes its creator its owner', async () => {
    const audit = createAuditService({ accounts: store.accounts, now });
    const sharing = createSharingService({ accounts: store.accounts, audit, now });
    const campaigns = createCampaignService({ store, queue: idleQueue, audit, owners: sharing, availableSources: ['x'], now });
    const by: Principal = {
      kind: 'user',
      user: manager,
      via: 'session',
      session: { tokenHash: 'h', userId: manager.id, csrfToken: 'c', createdAt: T0, expiresAt: T0, lastSeenAt: T0 },
    };
    const c = await campaigns.create(by, { name: 'Literasi', hashtags: ['#Literasi'] });
    await campaigns.update(by, c.id, { name: 'Literasi Digital', endsAt: '2031-01-01T00:00:00.000Z' });
    await campaigns.archive({ kind: 'operator' }, c.id);
    expect(await store.accounts.getMembership(c.id, manager.id)).toMatchObject({ own: true });
    const target = { type: 'campaign', id: c.id };
    expect(await actions()).toEqual([
      { action: 'campaign.create', actor: manager.email, target, details: { name: 'Literasi', hashtags: ['#Literasi'] } },
      { action: 'campaign.update', actor: manager.email, target, details: { fields: ['name', 'endsAt'] } },
      { action: 'campaign.archive', actor: 'operator', target, details: {} },
    ]);
  });

  it('records a sign-in, and a wrong password on the account it tried (never the password)', async () => {
    const audit = createAuditService({ accounts: store.accounts, now });
    const auth = createAuthenticator({ accounts: store.accounts, audit, adminToken: 'an-admin-token-0123456789', now });
    expect(await auth.signIn(manager.email, 'not the password')).toBeNull();
    expect(await auth.signIn(manager.email, PASSWORD)).not.toBeNull();
    expect(await actions()).toEqual([
      {
        action: 'session.sign-in-failed',
        actor: manager.email,
        target: { type: 'user', id: manager.id },
        details: { address: 'unknown', reason: 'wrong password' },
      },
      { action: 'session.sign-in', actor: manager.email, target: { type: 'session', id: manager.id }, details: {} },
    ]);
  });
});
