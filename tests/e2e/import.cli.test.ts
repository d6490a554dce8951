import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/cli/import.command.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store.js';
import { makeCampaign } from '../helpers/campaigns.js';
import { startService } from '../helpers/service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const fixture = (name: string) => path.join(ROOT, 'tests/fixtures/import', name);

let dataDir: string;

type Run = { code: number | null; stdout: string; stderr: string };

/** The settings of a run: the embedded store under `dataDir`, whatever production settings a developer's shell carries. */
const settings = (env: Record<string, string>) => ({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', MONGODB_URI: '', REDIS_URL: '', ...env });

/** Runs the command as `npm run import` does, in this process (src/cli/import.ts only hands it the process's arguments, settings and streams). */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runImportCommand(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: settings(env) });
  return { code, stdout, stderr };
}

/** Runs the CLI as a person would: its own process, through src/cli/import.ts. */
function spawnCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/cli/import.ts', ...args], { cwd: ROOT, env: settings(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withStore<T>(use: (store: ReturnType<typeof createSqliteStore>) => Promise<T>, dir = dataDir): Promise<T> {
  const store = createSqliteStore({ file: path.join(dir, 'campaigns.sqlite') });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kk-import-cli-'));
  await withStore((s) => s.createCampaign(makeCampaign({ id: 'c-cli', name: 'Literasi Digital Kupang' })));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Two cases start a Node process of their own; a busy machine must not fail them.
describe('npm run import', { timeout: 90_000 }, () => {
  it('imports a CSV file, prints the summary and the rejected rows, runs the metrics job, exits 0 (its own process)', async () => {
    const run = await spawnCli(['--campaign', 'c-cli', fixture('posts.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Campaign:   Literasi Digital Kupang (c-cli)');
    expect(run.stdout).toContain('(csv, 8 rows)');
    expect(run.stdout).toContain('Imported:   4 new posts');
    expect(run.stdout).toContain('Duplicates: 0');
    expect(run.stdout).toContain('Rejected:   4 rows');
    expect(run.stdout).toMatch(/row 6: kind: /);
    expect(run.stdout).toMatch(/row 8: created_at: before the campaign starts/);
    expect(run.stdout).toContain('Metrics:    updated');
    await withStore(async (s) => {
      expect(await s.countPosts()).toBe(4);
      // The metrics job ran before the process ended: the rollups hold the imported days.
      expect([...new Set((await s.readRollups('c-cli')).map((r) => r.day))]).toEqual(['2015-01-20', '2015-01-21', '2015-01-22']);
      expect((await s.listRuns('c-cli', 5))[0]).toMatchObject({ source: 'import', newPosts: 4 });
    });
  });

  it('a second run of the same file stores nothing twice', async () => {
    const run = await cli(['--campaign', 'c-cli', fixture('posts.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported:   0 new posts');
    expect(run.stdout).toContain('Duplicates: 4');
    await withStore(async (s) => expect(await s.countPosts()).toBe(4));
  });

  it('takes JSON by the extension, or by --format', async () => {
    const run = await cli(['--campaign', 'c-cli', fixture('posts.json')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('(json, 3 rows)');
    expect(run.stdout).toContain('Imported:   2 new posts');
    expect(run.stdout).toMatch(/row 3: created_at: .*; likes: /);

    // Exported without an extension: the format has to be named, and the posts are then already stored.
    const noExt = path.join(dataDir, 'export');
    copyFileSync(fixture('posts.json'), noExt);
    expect((await cli(['--campaign', 'c-cli', noExt])).code).toBe(64);
    const named = await cli(['--campaign', 'c-cli', '--format', 'json', noExt]);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('Duplicates: 2');
  });

  it('exits 1 for an unknown campaign, a missing file or a file that is not an import, and says why on stderr', async () => {
    const unknown = await cli(['--campaign', 'nope', fixture('posts.csv')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no campaign with id "nope"');
    const missing = await cli(['--campaign', 'c-cli', fixture('missing.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*missing\.csv/);
    const columns = await cli(['--campaign', 'c-cli', fixture('unknown-columns.csv')]);
    expect(columns.code).toBe(1);
    expect(columns.stderr).toContain('Unknown columns: shares');
    expect(unknown.stdout + missing.stdout + columns.stdout).toBe('');
  });

  it('writes the audit entry an import over the API writes: the operator imported into the campaign', async () => {
    const campaign = makeCampaign({ id: 'c-audit', name: 'Audited' });
    const entry = {
      id: expect.any(String),
      at: expect.any(String),
      actor: { type: 'operator', userId: null, via: 'admin-token', label: 'operator' },
      action: 'campaign.import',
      target: { type: 'campaign', id: campaign.id },
      details: { imported: 4, duplicates: 0, rejected: 4 },
    };

    // Through POST /import with the operator's ADMIN_TOKEN.
    const svc = await startService();
    try {
      await svc.rt.store.createCampaign(campaign);
      const body = readFileSync(fixture('posts.csv'), 'utf8');
      const res = await svc.api(`/api/v1/campaigns/${campaign.id}/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
      expect(res.status).toBe(200);
      const { entries } = (await (await svc.api(`/api/v1/audit?targetId=${campaign.id}`)).json()) as { entries: unknown[] };
      expect(entries).toEqual([entry]);
    } finally {
      await svc.close();
    }

    // The same file into the same campaign on the command line, on a store of its own (the cases
    // above stored these posts already).
    const own = mkdtempSync(path.join(tmpdir(), 'kk-import-cli-audit-'));
    try {
      await withStore((s) => s.createCampaign(campaign), own);
      const run = await cli(['--campaign', campaign.id, fixture('posts.csv')], { DATA_DIR: own });
      expect(run.code, run.stderr).toBe(0);
      expect(await withStore((s) => s.accounts.listAudit({ limit: 10 }), own)).toEqual([entry]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('exits 78 on a bad setting (its own process) and 64 on wrong arguments', async () => {
    const bad = await spawnCli(['--campaign', 'c-cli', fixture('posts.csv')], { LOG_LEVEL: 'chatty' });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('LOG_LEVEL');
    const usage = await cli([fixture('posts.csv')]);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--campaign <id> is required');
    expect(usage.stderr).toContain('Usage: npm run import');
  });
});
