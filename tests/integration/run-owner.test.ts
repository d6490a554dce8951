import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CollectionRun } from '../../src/domain/campaign.js';
import { closeAbandonedRuns, endNotRecordedNote, INTERRUPTED_NOTE } from '../../src/jobs/abandoned-runs.js';
import { endNotRecorded, isAbandoned, STALE_MS, thisProcess, unrecordedEnd } from '../../src/jobs/run-owner.js';
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

  it("closes this process's runs whose end the store refused, once it writes again, without resuming them", async () => {
    const store = createSqliteStore({ file: ':memory:' });
    const queue = new InlineQueue(silentLog);
    try {
      const me = thisProcess();
      const [host] = me.split('/');
      const gone = `${host}/${spawnSync(process.execPath, ['-e', '0']).pid}/dead0000`;
      const base = (): Pick<CollectionRun, 'source' | 'kind' | 'status' | 'startedAt' | 'finishedAt' | 'error' | 'notes'> => ({
        source: 'x',
        kind: 'collect',
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        error: null,
        notes: [],
      });
      const counts = { pages: 1, postsRead: 100, usersRead: 0, newPosts: 100, updatedPosts: 0 };
      const ended: CollectionRun = {
        ...base(),
        ...counts,
        id: 'end-refused',
        campaignId: 'c1',
        jobId: 'j1',
        owner: me,
        heartbeatAt: '2030-01-01T00:00:00.000Z',
      };
      const live: CollectionRun = { ...base(), ...counts, id: 'live-run', campaignId: 'c2', jobId: 'j2', owner: me };
      const killed: CollectionRun = { ...base(), ...counts, id: 'killed-c1', campaignId: 'c1', jobId: 'j3', owner: gone };
      for (const r of [ended, live, killed]) await store.saveRun(r);
      endNotRecorded(ended.id, new Error('the SQLite store is full.'));

      // The refused run is no live run of c1's work: the killed one is resumed.
      expect(await closeAbandonedRuns({ store, queue, owner: me, now: () => new Date(), log: silentLog })).toEqual(['collect.c1.x.resume-killed-c1']);
      expect((await store.runningRuns()).map((r) => r.id)).toEqual(['live-run']);
      const closed = (await store.listRuns('c1', 5)).find((r) => r.id === ended.id);
      expect(closed).toMatchObject({ status: 'interrupted', pages: 1, newPosts: 100, finishedAt: '2030-01-01T00:00:00.000Z' });
      expect(closed!.notes).toEqual([endNotRecordedNote('the SQLite store is full.')]);
      expect(closed!.notes[0]).toBe(
        'Its end could not be recorded: the SQLite store is full. What it stored is kept, and the queue retries its job while attempts remain.',
      );
      expect(unrecordedEnd(ended.id)).toBeUndefined();
    } finally {
      await queue.close();
      await store.close();
    }
  });
});
