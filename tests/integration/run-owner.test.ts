import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAbandoned, STALE_MS, thisProcess } from '../../src/jobs/run-owner.js';

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
