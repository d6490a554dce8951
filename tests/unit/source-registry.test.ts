import { describe, expect, it } from 'vitest';
import { loadConfig, SETTINGS } from '../../src/config.js';
import { sourceConfigSchema } from '../../src/contracts/campaign.schema.js';
import { pino } from 'pino';
import { defaultSourceTypes, isBilled, isCollected, SOURCE_LABELS, SOURCE_TYPES, SOURCES } from '../../src/sources/registry.js';

const silentLog = pino({ level: 'silent' });

/** The sources are declared once; the configuration, the campaign schema and the defaults follow. */

const withAll = loadConfig({ X_BEARER_TOKEN: 'token', BLUESKY_HANDLE: 'kabar.bsky.social', BLUESKY_APP_PASSWORD: 'app-pass' });
const withNone = loadConfig({});
const deps = { log: silentLog, redis: undefined, keyPrefix: 'test', outbound: { allowPrivateTargets: false } };

describe('source registry', () => {
  it('lists the four sources, in the order people see them, with what each is', () => {
    expect(SOURCES.map(({ type, label, collects, billed }) => ({ type, label, collects, billed }))).toEqual([
      { type: 'x', label: 'X', collects: true, billed: true },
      { type: 'mastodon', label: 'Mastodon', collects: true, billed: false },
      { type: 'bluesky', label: 'Bluesky', collects: true, billed: false },
      { type: 'import', label: 'Import', collects: false, billed: false },
    ]);
    expect(SOURCE_TYPES).toEqual(['x', 'mastodon', 'bluesky', 'import']);
    expect(SOURCE_LABELS).toEqual({ x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky', import: 'Import' });
    expect([isCollected('import'), isCollected('bluesky'), isCollected('myspace')]).toEqual([false, true, false]);
    expect([isBilled('x'), isBilled('mastodon'), isBilled('myspace')]).toEqual([true, false, false]);
  });

  it('says what a person must set for a source without credentials, and nothing for one that needs none', () => {
    expect(SOURCES.map((s) => s.credentialsMissing(withNone))).toEqual([
      'No X credentials on this server: set X_BEARER_TOKEN.',
      null,
      'No Bluesky account on this server: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD.',
      null,
    ]);
    expect(SOURCES.map((s) => s.credentialsMissing(withAll))).toEqual([null, null, null, null]);
  });

  it('builds a source only when it collects and has its credentials', () => {
    expect(SOURCES.map((s) => s.create(withNone, deps)?.type)).toEqual([undefined, 'mastodon', undefined, undefined]);
    expect(SOURCES.map((s) => s.create(withAll, deps)?.type)).toEqual(['x', 'mastodon', 'bluesky', undefined]);
  });

  it('defaults a new campaign to the sources with credentials, except one that needs options (Mastodon)', () => {
    expect(defaultSourceTypes(withAll)).toEqual(['x', 'bluesky']);
    expect(defaultSourceTypes(withNone)).toEqual([]);
    expect(SOURCES.filter((s) => s.needsCampaignOptions).map((s) => s.type)).toEqual(['mastodon']);
  });

  it('declares every setting the sources read in the configuration', () => {
    for (const s of SOURCES) for (const name of s.settingNames) expect(SETTINGS).toContain(name);
    expect(SOURCES.flatMap((s) => s.settingNames)).toEqual([
      'X_BEARER_TOKEN',
      'X_API_BASE_URL',
      'MASTODON_ACCESS_TOKENS',
      'BLUESKY_HANDLE',
      'BLUESKY_APP_PASSWORD',
      'BLUESKY_API_BASE_URL',
    ]);
  });
});

describe('a campaign’s sources, from the registry', () => {
  const issues = (value: unknown) => {
    const parsed = sourceConfigSchema.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('takes each registered type with the options it declares', () => {
    expect(issues({ type: 'x' })).toEqual([]);
    expect(issues({ type: 'import' })).toEqual([]);
    expect(sourceConfigSchema.parse({ type: 'mastodon', instances: ['mastodon.social', 'http://127.0.0.1:8080'] })).toEqual({
      type: 'mastodon',
      instances: ['mastodon.social', 'http://127.0.0.1:8080'],
    });
  });

  it('names what is wrong, with the messages people read', () => {
    expect(issues({ type: 'myspace' }).map((i) => i.path)).toEqual(['type']);
    expect(issues({ type: 'mastodon' })).toEqual([{ path: 'instances', message: 'a Mastodon source needs at least one instance, like mastodon.social' }]);
    expect(issues({ type: 'mastodon', instances: [] })).toEqual([
      { path: 'instances', message: 'a Mastodon source needs at least one instance, like mastodon.social' },
    ]);
    expect(issues({ type: 'mastodon', instances: ['not a host'] })).toEqual([
      { path: 'instances.0', message: 'must be a host name like mastodon.social or an http(s) URL' },
    ]);
  });
});
