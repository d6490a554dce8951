import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { closeAbandonedRuns, INTERRUPTED_NOTE } from '../../src/jobs/abandoned-runs.js';
import { isAbandoned, STALE_MS, thisProcess } from '../../src/jobs/run-owner.js';
import { InlineQueue } from '../../src/queue/inline/inline.queue.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { recordingProcessors, silentLog } from '../helpers/queues.js';

describe('whether a run is abandoned by its process', () => {
  const me = thisProcess();
  const [host, pid] = me.split('/');
  const now = new Date('2030-01-01T12:00:00Z');
  const fresh = new Date(now.getTime() - 1_000).toISOString();
  const stale = new Date(now.getTime() - STALE_MS - 1_000).toISOString();
  // A pid that existed and is gone: a child that has exited.
  const gonePid = spawnSync(process.execPath, ['-e', '0']).pid;

  it('never is when this process runs it, whatever its heartbeat', () => {
    expect(isAbandoned({ owner: me, heartbeatAt: stale, startedAt: stale }, me, now)).toBe(false);
  });
  it('is when its process on this host is gone, however fresh its heartbeat', () => {
    expect(isAbandoned({ owner: `${host}/${gonePid}/abcd1234`, heartbeatAt: fresh, startedAt: fresh }, me, now)).toBe(true);
  });
  it('is when this very pid belongs to another boot (a restarted container)', () => {
    expect(isAbandoned({ owner: `${host}/${pid}/other000`, heartbeatAt: fresh, startedAt: fresh }, me, now)).toBe(true);
  });
  it('on another host, is only once its heartbeat is stale', () => {
    expect(isAbandoned({ owner: 'elsewhere/1/abcd1234', heartbeatAt: fresh, startedAt: stale }, me, now)).toBe(false);
    expect(isAbandoned({ owner: 'elsewhere/1/abcd1234', heartbeatAt: stale, startedAt: stale }, me, now)).toBe(true);
  });
  it('without an owner (recorded before runs had one), is once it started longer ago than the staleness', () => {
    expect(isAbandoned({ startedAt: fresh }, me, now)).toBe(false);
    expect(isAbandoned({ startedAt: stale }, me, now)).toBe(true);
  });
});

describe('closing runs whose process is gone', () => {
  it('closes them as interrupted with their counts, and resumes each one only when no live run does its work', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    const queue = new InlineQueue(silentLog);
    const { calls, processors } = recordingProcessors();
    queue.start(processors);
    try {
      const me = thisProcess();
      const [host] = me.split('/');
      const gone = `${host}/${spawnSync(process.execPath, ['-e', '0']).pid}/dead0000`;
      const run = (id: string, over: Partial<CollectionRun>): CollectionRun => ({
        id,
        campaignId: 'c1',
        source: 'x',
        kind: 'collect',
        jobId: `job-${id}`,
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        pages: 3,
        postsRead: 300,
        usersRead: 0,
        newPosts: 250,
        updatedPosts: 0,
        error: null,
        notes: [],
        owner: gone,
        ...over,
      });
      const runs = [
        run('killed', {}),
        run('mine', { campaignId: 'c2', owner: me }),
        run('killed-too', { campaignId: 'c2' }),
        run('import', { campaignId: 'c3', kind: 'import', source: 'import' }),
      ];
      for (const r of runs) await store.saveRun(r);
      const added = await closeAbandonedRuns({ store, queue, owner: me, now: () => new Date(), log: silentLog });
      // c2's work is done by this process's live run.
      expect(added).toEqual(['collect.c1.x.resume-killed']);
      expect((await store.runningRuns()).map((r) => r.id)).toEqual(['mine']);
      const [closed] = await store.listRuns('c1', 1);
      expect(closed).toMatchObject({ status: 'interrupted', pages: 3, postsRead: 300, newPosts: 250 });
      expect(closed!.notes).toEqual([INTERRUPTED_NOTE]);
      expect((await store.listRuns('c3', 1))[0]?.status).toBe('interrupted');
      // A second sweep finds nothing more.
      expect(await closeAbandonedRuns({ store, queue, owner: me, now: () => new Date(), log: silentLog })).toEqual([]);
      await queue.onIdle();
      expect(calls.map((c) => c.jobId)).toEqual(['collect.c1.x.resume-killed']);
    } finally {
      await queue.close();
      await store.close();
    }
  });
});
