import { z } from 'zod';
import { adminToken, bool, mailFrom, port, url } from './config-fields.js';
import { SOURCES, type SourceSettings } from './sources/registry.js';

/**
 * The one reader of the environment (DESIGN.md principle 1). Every setting is parsed and
 * checked here at start-up; a missing or malformed one stops the process with its name. The
 * sources' settings are declared by the sources (sources/registry.ts) and parsed here with the rest.
 */

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: url(['mongodb:', 'mongodb+srv:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, _ or -')
    .default('kk'),
  ADMIN_TOKEN: adminToken.optional(),
  DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How often the scheduler re-reads the campaigns to pick up new or changed schedules. */
  SCHEDULER_RELOAD_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(3600).default(60),
  /**
   * How often the outbox of follow-up work (pending re-attributions and rollup days) is turned into
   * jobs, and runs whose process is gone are closed; it also runs at start-up.
   */
  RECONCILE_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(5).max(3600).default(180),
  /** Port on which the worker and scheduler processes serve GET /metrics (the API serves it on PORT). */
  METRICS_PORT: port.optional(),
  /** Whether the session cookie is marked Secure; `auto`: unless the dashboard is opened over plain HTTP on a loopback address. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' }).default('auto'),
  /**
   * The address people open the service at (`https://kabar.example.org`), for the links it hands
   * out (share links): never the request's Host header, which the caller chooses. Unset: share
   * links can be created only over loopback (`npm start` on one machine).
   */
  PUBLIC_URL: url(['http:', 'https:'])
    .refine((v) => /^https?:\/\/[^/?#]+\/?$/i.test(v), { message: 'must be an origin such as https://kabar.example.org, without a path, query or fragment' })
    .optional(),
  /**
   * Express's `trust proxy`: how many reverse proxies stand in front of the API (`1` behind one TLS
   * proxy), so the client's address (for rate limits) and HTTPS (for Secure cookies) are read from
   * X-Forwarded-*. `false`: none, headers ignored.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d{1,2}|loopback|uniquelocal|linklocal)$/, 'must be false, a number of proxies, loopback, linklocal or uniquelocal')
    .default('false'),
  /** Whether requests to addresses users choose (Mastodon instances, webhooks) may reach loopback, private, link-local and metadata addresses. */
  ALLOW_PRIVATE_TARGETS: bool.default(false),
  /** The SMTP server alert e-mails go through (`smtp://user:pass@mail.example.org:587`, `smtps://…`); unset: e-mail channels are refused. */
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  /** The sender of alert e-mails (`Kabar Kampanye <alerts@example.org>` or an address). */
  MAIL_FROM: mailFrom.optional(),
  /** The first wait before a failed webhook or e-mail delivery is tried again, in ms; it doubles each time, for up to 24 hours. */
  DELIVERY_RETRY_BASE_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(10).max(3_600_000).default(30_000),
  PARTICIPANT_TOKENS: bool.default(false),
  /**
   * How long a BullMQ worker's hold on a job lasts without renewal, in ms (renewed every half of it):
   * a job whose worker died runs again on another worker within about twice this. Shorter: faster
   * recovery, but a worker stalled that long (CPU-bound, paused) has its jobs taken over.
   */
  JOB_LOCK_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1_000).max(600_000).default(30_000),
});

type Env = z.infer<typeof schema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly mongodbUri: string | undefined;
  readonly redisUrl: string | undefined;
  readonly queuePrefix: string;
  /** Unset only in embedded mode, where start-up generates one under DATA_DIR. */
  readonly adminToken: string | undefined;
  readonly demo: boolean;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Each source's settings, by type (`sources.x.bearerToken`), as its descriptor reads them. */
  readonly sources: SourceSettings;
  readonly schedulerReloadSeconds: number;
  /** How often the reconciler turns pending follow-up work into jobs (queue/reconciler.ts). */
  readonly reconcileSeconds: number;
  /** Where the worker and scheduler serve GET /metrics; unset: they serve none. */
  readonly metricsPort: number | undefined;
  readonly cookieSecure: 'auto' | 'always' | 'never';
  /** The service's public origin, without a trailing slash; unset: loopback only (PUBLIC_URL). */
  readonly publicUrl: string | undefined;
  /** Express's `trust proxy` value. */
  readonly trustProxy: boolean | number | string;
  /** ALLOW_PRIVATE_TARGETS: addresses users choose may be private (net/outbound-address.ts); off by default. */
  readonly allowPrivateTargets: boolean;
  /** SMTP_URL and MAIL_FROM: where alert e-mails go out; unset: e-mail channels are refused. */
  readonly smtp: { url: string; from: string } | undefined;
  /** DELIVERY_RETRY_BASE_MS: the first backoff of a failed delivery (doubling, within 24 hours). */
  readonly deliveryRetryBaseMs: number;
  /** PARTICIPANT_TOKENS: the account page offers workshop participants personal API tokens too; off by default. */
  readonly participantTokens: boolean;
  /** JOB_LOCK_MS: a BullMQ job's lock; a dead worker's jobs are taken back within about twice this. */
  readonly jobLockMs: number;
  /** 'sqlite' unless MONGODB_URI is set. */
  readonly store: 'sqlite' | 'mongodb';
  /** 'inline' (in-process runner) unless REDIS_URL is set. */
  readonly queue: 'inline' | 'bullmq';
  /** Started by an npm script (`npm start`): npm's own variable, not a setting; the process then stops with npm (process/boot.ts). */
  readonly startedByNpm: boolean;
}

/** Every setting the service reads, for the settings table (docs/operations.md) and the compose file test. */
export const SETTINGS: readonly string[] = [...Object.keys(schema.shape), ...SOURCES.flatMap((s) => s.settingNames)];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment-like record; throws ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty value means "not set", as in a compose file's `KEY=` or `KEY: ""`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const problems: string[] = [];
  const describe = (issues: readonly z.core.$ZodIssue[]) => problems.push(...issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const parsed = schema.safeParse(present);
  if (!parsed.success) describe(parsed.error.issues);
  const sources: Record<string, unknown> = {};
  for (const source of SOURCES) {
    const settings = source.settings.safeParse(present);
    if (settings.success) sources[source.type] = deepFreeze(settings.data);
    else describe(settings.error.issues);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  if (e.SMTP_URL !== undefined && e.MAIL_FROM === undefined) {
    throw new ConfigError(['MAIL_FROM: required when SMTP_URL is set: the sender of alert e-mails, like Kabar Kampanye <alerts@example.org>']);
  }
  if (e.MONGODB_URI && !e.ADMIN_TOKEN) {
    throw new ConfigError(['ADMIN_TOKEN: required when MONGODB_URI is set (production); generate one with `openssl rand -hex 32`']);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    adminToken: e.ADMIN_TOKEN,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    // The loop above parsed every registered source's settings under its type.
    sources: Object.freeze(sources) as SourceSettings,
    schedulerReloadSeconds: e.SCHEDULER_RELOAD_SECONDS,
    reconcileSeconds: e.RECONCILE_SECONDS,
    metricsPort: e.METRICS_PORT,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true' ? 'always' : 'never',
    publicUrl: e.PUBLIC_URL === undefined ? undefined : new URL(e.PUBLIC_URL).origin,
    trustProxy: e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY === 'true' ? true : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    allowPrivateTargets: e.ALLOW_PRIVATE_TARGETS,
    smtp: e.SMTP_URL !== undefined && e.MAIL_FROM !== undefined ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    deliveryRetryBaseMs: e.DELIVERY_RETRY_BASE_MS,
    participantTokens: e.PARTICIPANT_TOKENS,
    jobLockMs: e.JOB_LOCK_MS,
    store: e.MONGODB_URI ? 'mongodb' : 'sqlite',
    queue: e.REDIS_URL ? 'bullmq' : 'inline',
    startedByNpm: Boolean(env.npm_lifecycle_event),
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
