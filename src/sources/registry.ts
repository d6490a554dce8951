import { blueskySource } from './bluesky/bluesky.descriptor.js';
import { importSource } from './import/import.descriptor.js';
import { mastodonSource } from './mastodon/mastodon.descriptor.js';
import type { SourceConfigView, SourceDescriptor } from './source.descriptor.js';

export type { SourceConfigView } from './source.descriptor.js';
import { xSource } from './x/x.descriptor.js';

/**
 * Every source this server knows, in the order people see them. A new source is its own folder
 * with a descriptor (source.descriptor.ts) and one line here: the configuration schema
 * (config.ts), the campaign schema (contracts/campaign.schema.ts), the composition root (app.ts),
 * GET /api/v1/sources, the labels of breakdowns and the read budget all derive from this list.
 */
export const SOURCES = [xSource, mastodonSource, blueskySource, importSource] as const;

type Registered = (typeof SOURCES)[number];
export type RegisteredSourceType = Registered['type'];

/** Every source's type; the domain keeps `SourceType` a plain string, checked against this at the edges. */
export const SOURCE_TYPES = SOURCES.map((s) => s.type) as [RegisteredSourceType, ...RegisteredSourceType[]];

/** Every source's settings by type: `Config.sources` (config.ts). */
export type SourceSettings = {
  readonly [D in Registered as D['type']]: D extends SourceDescriptor<string, infer S> ? S : never;
};

const BY_TYPE: ReadonlyMap<string, SourceDescriptor> = new Map(SOURCES.map((s) => [s.type, s]));

export function sourceDescriptor(type: string): SourceDescriptor | undefined {
  return BY_TYPE.get(type);
}

/** Sources a schedule collects from; `import` only receives files. */
export function isCollected(type: string): boolean {
  return BY_TYPE.get(type)?.collects ?? false;
}

/** Platforms that bill reads per post; the campaign's monthly budget caps only these. */
export function isBilled(type: string): boolean {
  return BY_TYPE.get(type)?.billed ?? false;
}

/** What people read for each source type. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(SOURCES.map((s) => [s.type, s.label])));

/**
 * What a new campaign collects from when it names no source: every source that collects and has
 * its credentials here, except those a campaign must give options to (Mastodon's instances, which
 * only the campaign's owner can name).
 */
export function defaultSourceTypes(config: SourceConfigView): RegisteredSourceType[] {
  return SOURCES.filter((s) => s.collects && !s.needsCampaignOptions && s.credentialsMissing(config) === null).map((s) => s.type);
}
