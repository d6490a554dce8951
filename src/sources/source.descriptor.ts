import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OutboundOptions } from '../net/outbound-fetch.js';
import { z } from 'zod';
import type { Source } from './source.port.js';

/**
 * How a source declares itself, once, in its own folder (`x/x.descriptor.ts`…); registry.ts lists
 * the descriptors and everything else — the configuration schema, the campaign schema, the
 * composition root, GET /api/v1/sources, labels, billing — derives from them.
 */

/** What a source may use to build its client, besides its own settings. */
export interface SourceDeps {
  log: Logger;
  /** The production queue's Redis, to share request windows across workers; absent in embedded mode. */
  redis: Redis | undefined;
  /** The prefix of this deployment's Redis keys (QUEUE_PREFIX). */
  keyPrefix: string;
  /** For servers a user chose: ALLOW_PRIVATE_TARGETS (may they be on private, loopback or link-local addresses), and tests' hooks. */
  outbound: OutboundOptions;
}

/** The part of the configuration a descriptor reads: every source's settings, by type. */
export interface SourceConfigView {
  readonly sources: Readonly<Record<string, unknown>>;
}

/** What a source folder writes. */
export interface SourceSpec<T extends string, E extends z.ZodObject, S, O extends z.ZodRawShape> {
  type: T;
  /** What people read: `X`, `Mastodon`. */
  label: string;
  /** Whether the platform bills reads per post: a campaign's monthly read budget caps only these. */
  billed: boolean;
  /**
   * The environment settings it reads (their zod fields, with any rule across them), and its part
   * of the configuration made from them. config.ts, the one reader of the environment, parses them.
   */
  settings: { env: E; read(env: z.output<E>): S };
  /** Options a campaign gives this source (Mastodon's instances), as zod fields of its entry in `sources`. */
  campaignOptions?: O;
  /**
   * The URLs the server will request for these campaign options (Mastodon's instances), with where
   * each is in the options: a user chose them, so the campaign schema checks each address.
   */
  targets?(options: z.output<z.ZodObject<O>>): OutboundTarget[];
  /** Null when the server can use the source, else what a person must set. Absent: it needs none. */
  credentialsMissing?(settings: S): string | null;
  /** Builds the source. Absent on a source that collects nothing (import receives files). */
  create?(settings: S, deps: SourceDeps): Source;
}

/** A URL a campaign's options make the server request, and the path of the option that names it. */
export interface OutboundTarget {
  path: Array<string | number>;
  url: string;
}

/** A source as the rest of the service sees it. */
export interface SourceDescriptor<T extends string = string, S = unknown, O extends z.ZodRawShape = z.ZodRawShape> {
  readonly type: T;
  readonly label: string;
  /** Whether a schedule collects from it. */
  readonly collects: boolean;
  readonly billed: boolean;
  /** Parses its settings from the environment (config.ts runs it); `settingNames` are their names. */
  readonly settings: z.ZodType<S>;
  readonly settingNames: readonly string[];
  /** Its entry in a campaign's `sources`: the type and the options it declares; contracts/campaign.schema.ts unites them. */
  readonly campaignEntry: z.ZodObject<{ type: z.ZodLiteral<T> } & O, z.core.$strict>;
  /** A campaign cannot name it without options (Mastodon's instances): never one of a new campaign's defaults. */
  readonly needsCampaignOptions: boolean;
  /** The URLs an entry of a campaign's `sources` (already parsed by `campaignEntry`) makes the server request. */
  outboundTargets(entry: unknown): OutboundTarget[];
  credentialsMissing(config: SourceConfigView): string | null;
  /** The source, for a source that collects and has what it needs; else undefined. */
  create(config: SourceConfigView, deps: SourceDeps): Source | undefined;
}

/** No campaign options. */
type NoOptions = Record<never, z.ZodType>;

export function defineSource<const T extends string, E extends z.ZodObject, S, O extends z.ZodRawShape = NoOptions>(
  spec: SourceSpec<T, E, S, O>,
): SourceDescriptor<T, S, O> {
  const campaignEntry = z.strictObject({ type: z.literal(spec.type), ...(spec.campaignOptions ?? ({} as O)) });
  // config.ts put what `settings` parsed under the source's type; a descriptor reads only its own.
  const own = (config: SourceConfigView): S => config.sources[spec.type] as S;
  const credentialsMissing = (config: SourceConfigView): string | null => spec.credentialsMissing?.(own(config)) ?? null;
  return Object.freeze({
    type: spec.type,
    label: spec.label,
    collects: spec.create !== undefined,
    billed: spec.billed,
    settings: spec.settings.env.transform((env) => spec.settings.read(env)),
    settingNames: Object.freeze(Object.keys(spec.settings.env.shape)),
    campaignEntry,
    needsCampaignOptions: !campaignEntry.safeParse({ type: spec.type }).success,
    // The entry was parsed by campaignEntry, whose shape is the options'.
    outboundTargets: (entry: unknown) => spec.targets?.(entry as z.output<z.ZodObject<O>>) ?? [],
    credentialsMissing,
    create: (config: SourceConfigView, deps: SourceDeps) => (spec.create && credentialsMissing(config) === null ? spec.create(own(config), deps) : undefined),
  });
}
