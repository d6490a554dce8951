import { closeAbandonedRuns, startRunHeartbeat } from './jobs/abandoned-runs.js';
import { thisProcess } from './jobs/run-owner.js';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { adminToken as adminTokenField } from './config-fields.js';
import { StorageUnavailableError } from './errors.js';
import type { SourceType } from './domain/post.js';
import { createOutboundFetch, type OutboundTestHooks } from './net/outbound-fetch.js';
import { createMailer } from './net/mailer.js';
import { createAlertsService } from './services/alerts.service.js';
import { createAlertEvaluator } from './services/alert-evaluation.service.js';
import type { DeliveryDeps } from './jobs/deliver.processor.js';
import { loadGazetteer, type Gazetteer } from './geo/gazetteer.js';
import type { HttpDeps } from './http/deps.js';
import { InlineQueue } from './queue/inline/inline.queue.js';
import { jobOptions, type JobQueue, type Processors } from './queue/jobs.js';
import { createAccessService } from './services/access.service.js';
import { createAuditService } from './services/audit.service.js';
import { createAuthenticator } from './services/auth/authenticator.js';
import { createCampaignService } from './services/campaign.service.js';
import { createSharingService } from './services/sharing.service.js';
import { createUsersService } from './services/users.service.js';
import { createImportService } from './services/import.service.js';
import { createMetricsService } from './services/metrics.service.js';
import { createPostsService } from './services/posts.service.js';
import { createPostSentimentService } from './services/post-sentiment.service.js';
import { createPostViews } from './services/post-view.js';
import { createTermsService } from './services/terms.service.js';
import { createNetworkService } from './services/network.service.js';
import { createSpikesService } from './services/spikes.service.js';
import { createShareImageService } from './services/share-image.service.js';
import { createAnswerCache } from './services/answer-cache.js';
import { createSourcesService } from './services/sources.service.js';
import { createWorkshopsService } from './services/workshops.service.js';
import { createChatService } from './services/chat.service.js';
import { createMeService } from './services/me.service.js';
import { createShareMasking } from './services/share-mask.js';
import { defaultSourceTypes, SOURCES } from './sources/registry.js';
import type { Source } from './sources/source.port.js';
import { telemetry } from './observability/telemetry.js';
import { withStoreTiming } from './observability/store-timing.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.port.js';
import { VERSION } from './version.js';
import { createProcessors } from './jobs/index.js';

/**
 * The composition root: builds the store, the queue, the sources and the services from the
 * configuration, once. The choice between embedded and production parts is made here only.
 */
export interface Runtime {
  config: Config;
  log: Logger;
  store: Store;
  queue: JobQueue;
  gazetteer: Gazetteer;
  sources: ReadonlyMap<SourceType, Source>;
  adminToken: string;
  http: HttpDeps;
  /** Starts running jobs in this process (inline runner, or BullMQ workers), and the heartbeat of its runs. */
  startProcessing(): void;
  /** Closes runs whose process is gone as interrupted and asks for their work again (jobs/abandoned-runs.ts); resolves to the jobs added. */
  closeAbandonedRuns(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * `sqliteCacheMb`: the embedded store's page cache for this process (store/sqlite/pragmas.ts).
 * `outbound`: tests' resolver and dispatcher for requests to servers users chose (net/outbound-fetch.ts).
 */
export async function createRuntime(
  config: Config,
  log: Logger,
  opts: { now?: () => Date; sqliteCacheMb?: number; outbound?: OutboundTestHooks } = {},
): Promise<Runtime> {
  const now = opts.now ?? (() => new Date());
  const adminToken = config.adminToken ?? embeddedAdminToken(config.dataDir, log);
  const [gazetteer, opened] = await Promise.all([loadGazetteer(), openStore(config, log, { cacheSizeMb: opts.sqliteCacheMb })]);
  // Every store call is timed (kk_store_operation_duration_seconds).
  const store = withStoreTiming(opened);
  const redis = config.redisUrl ? (await import('./queue/bullmq/redis.connection.js')).createRedis(config.redisUrl, log.child({ module: 'redis' })) : undefined;
  const { queue, runJobs, board } = await openQueue(config, redis, log);

  // Every source that collects and has what it needs here. A job's lines carry its source from
  // the job's log context (observability/job-context.ts).
  const sources = new Map<SourceType, Source>();
  const missingCredentials = new Map<SourceType, string>();
  for (const descriptor of SOURCES) {
    const source = descriptor.create(config, {
      log,
      redis,
      keyPrefix: config.queuePrefix,
      outbound: { allowPrivateTargets: config.allowPrivateTargets, ...opts.outbound },
    });
    if (source) sources.set(descriptor.type, source);
    const missing = descriptor.credentialsMissing(config);
    if (missing !== null) missingCredentials.set(descriptor.type, missing);
  }

  const audit = createAuditService({ accounts: store.accounts, now });
  const users = createUsersService({ accounts: store.accounts, audit, now, participantTokens: config.participantTokens });
  const sharing = createSharingService({ accounts: store.accounts, audit, now });
  const campaigns = createCampaignService({ store, queue, audit, owners: sharing, availableSources: defaultSourceTypes(config), missingCredentials, now });
  // The API's answers are kept by the campaign's data stamp, so they are never older than the data (services/answer-cache.ts).
  const metrics = createMetricsService({ store, gazetteer, now, answers: createAnswerCache({ onLookup: telemetry.cacheLookup }) });
  const posts = createPostsService({ store, gazetteer, now });
  const terms = createTermsService({ store, now, answers: createAnswerCache({ onLookup: telemetry.cacheLookup }) });
  const postSentiment = createPostSentimentService({ store, queue, audit, views: createPostViews(gazetteer) });
  const imports = createImportService({ store, queue, audit, gazetteer, now });
  const auth = createAuthenticator({ accounts: store.accounts, audit, adminToken, now });
  const workshops = createWorkshopsService({ workshops: store.workshops, posts: store, audit, now });
  const chat = createChatService({ chat: store.chat, audit, now });
  const access = createAccessService({ accounts: store.accounts, campaigns: store, now });
  const shareImages = createShareImageService({ metrics, gazetteer, now, log: log.child({ module: 'share-images' }) });
  // Alerts (issue 17): rules and deliveries for the API, judgement and delivery for the worker.
  const alerts = createAlertsService({
    alerts: store.alerts,
    audit,
    queue,
    now,
    targets: { allowPrivateTargets: config.allowPrivateTargets },
    emailEnabled: config.smtp !== undefined,
    origin: config.publicUrl ?? `http://localhost:${config.port}`,
    log: log.child({ module: 'alerts' }),
  });
  const alertEvaluator = createAlertEvaluator({ alerts: store.alerts, store, raise: alerts.raise, metrics, posts, now, log: log.child({ module: 'alerts' }) });
  const mailer = config.smtp ? createMailer(config.smtp) : undefined;
  const deliveryLog = log.child({ module: 'delivery' });
  const delivery: DeliveryDeps = {
    alerts: store.alerts,
    store,
    fetch: createOutboundFetch({ allowPrivateTargets: config.allowPrivateTargets, ...opts.outbound }),
    ...(mailer ? { mailer } : {}),
    // A digest's e-mail carries the posts-over-time share image of its period.
    digestImage: async (campaign, event, locale) => {
      if (event.facts.kind !== 'digest') return undefined;
      const { from, to } = event.facts;
      return shareImages.render(campaign, 'posts-over-time', { from, to: new Date(Date.parse(to) - 1).toISOString() }, { size: 'square', lang: locale });
    },
    maxAttempts: jobOptions(config.deliveryRetryBaseMs).deliver.attempts,
    now,
    log: deliveryLog,
    onAttempt: (channel, result) => telemetry.deliveryAttempt(channel, result),
  };
  const closers: Array<() => Promise<void>> = [];
  if (mailer) closers.push(async () => mailer.close());
  // Runs record the process running them, so one whose process is gone can be told apart.
  const owner = thisProcess();
  const unwatchQueue = telemetry.watchQueue(() => queue.counts());
  const unwatchDeliveries = telemetry.watchDeliveries(() => store.alerts.deliveryCounts());

  return {
    config,
    log,
    store,
    queue,
    gazetteer,
    sources,
    adminToken,
    http: {
      version: VERSION,
      adminToken,
      storeKind: store.kind,
      queueKind: queue.kind,
      checkHealth: async () => {
        await reachable(`store (${store.kind})`, store.ping());
        await reachable(`queue (${queue.kind})`, queue.ping());
      },
      campaigns,
      metrics,
      posts,
      postSentiment,
      terms,
      spikes: createSpikesService({ metrics, store, gazetteer, now }),
      network: createNetworkService({ store, now }),
      imports,
      shareImages,
      sources: createSourcesService({ config }),
      gazetteer,
      auth,
      access,
      users,
      sharing,
      workshops,
      chat,
      me: createMeService({ workshops: store.workshops, posts: store, gazetteer, now }),
      shareMask: createShareMasking({ store }),
      audit,
      alerts,
      cookieSecure: config.cookieSecure,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      allowPrivateTargets: config.allowPrivateTargets,
      log: log.child({ module: 'http' }),
      queueBoard: board,
    },
    startProcessing() {
      const workerLog = log.child({ module: 'worker' });
      closers.push(
        runJobs(createProcessors({ store, queue, sources, missingCredentials, gazetteer, log: workerLog, now, owner, alerts: alertEvaluator, delivery })),
      );
      const stopHeartbeat = startRunHeartbeat({ store, owner, now, log: workerLog });
      closers.push(async () => stopHeartbeat());
    },
    closeAbandonedRuns: () => closeAbandonedRuns({ store, queue, owner, now, log: log.child({ module: 'runs' }) }),
    async close() {
      unwatchQueue();
      unwatchDeliveries();
      for (const c of closers.splice(0).reverse()) await c();
      await queue.close();
      await store.close();
      // QUIT needs a live connection; an unreachable Redis is simply dropped.
      if (redis?.status === 'ready') await redis.quit().catch(() => undefined);
      else redis?.disconnect();
    },
  };
}

/**
 * The queue of the configuration, how this process runs its jobs (returning how to stop), and for
 * BullMQ the operators' queue board. Each branch holds its runner's own type, so nothing asks a
 * queue what it is. The board is built here rather than behind the JobQueue port: a port method
 * would carry BullMQ's queues or an Express handler into every runner and test double, and the
 * adapter would have to depend on Express and bull-board.
 */
async function openQueue(
  config: Config,
  redis: Redis | undefined,
  log: Logger,
): Promise<{ queue: JobQueue; runJobs(processors: Processors): () => Promise<void>; board?: RequestHandler }> {
  if (redis) {
    // Loaded only with Redis: BullMQ is nothing the embedded runner needs.
    const { BullmqQueue, startBullmqWorkers } = await import('./queue/bullmq/bullmq.queue.js');
    const queue = new BullmqQueue(redis, config.queuePrefix, undefined, jobOptions(config.deliveryRetryBaseMs));
    return {
      queue,
      runJobs(processors) {
        const workers = startBullmqWorkers(redis, config.queuePrefix, processors, log.child({ module: 'worker' }), { lockMs: config.jobLockMs });
        return () => workers.close();
      },
      // bull-board loads on the board's first request: only the API serves it, and the worker and
      // scheduler processes start faster without it.
      board: lazyHandler(async () => (await import('./observability/queue-board.js')).createQueueBoard(queue.bullQueues())),
    };
  }
  const queue = new InlineQueue(log.child({ module: 'inline-queue' }), jobOptions(config.deliveryRetryBaseMs));
  return {
    queue,
    runJobs(processors) {
      queue.start(processors);
      // queue.close() (in Runtime.close) waits for the job in hand.
      return async () => undefined;
    },
  };
}

/** A handler built on its first request (once, however many requests arrive meanwhile); a failure to build it is that request's error, and the next request tries again. */
function lazyHandler(build: () => Promise<RequestHandler>): RequestHandler {
  let handler: Promise<RequestHandler> | undefined;
  return (req, res, next) => {
    handler ??= build().catch((err: unknown) => {
      handler = undefined;
      throw err;
    });
    handler.then((h) => h(req, res, next)).catch(next);
  };
}

/** A health probe must answer even when a client waits forever for its server (ioredis retries). */
const HEALTH_TIMEOUT_MS = 2_000;

async function reachable(part: string, probe: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe, timeout]);
  } catch (err) {
    // Reachable but unable to serve (a full disk…): its own reason, for /healthz to say.
    if (err instanceof StorageUnavailableError) throw err;
    throw new Error(`${part} unreachable: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Embedded mode without ADMIN_TOKEN: generate one once and keep it under DATA_DIR. */
function embeddedAdminToken(dataDir: string, log: Logger): string {
  const file = path.join(dataDir, 'admin-token');
  if (existsSync(file)) return readAdminTokenFile(file);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  log.info({ file }, 'generated an admin token for embedded mode');
  return token;
}

/** The file is checked as the ADMIN_TOKEN setting is: a one-character or empty token must not become the operator's credential. */
function readAdminTokenFile(file: string): string {
  // One trailing line break is how the file is written (and how editors save it); nothing else is trimmed.
  const token = readFileSync(file, 'latin1').replace(/\r?\n$/, '');
  const checked = adminTokenField.safeParse(token);
  if (checked.success) return checked.data;
  throw new Error(
    `The admin token file ${file} is not a usable token: it ${checked.error.issues.map((i) => i.message).join(' and ')}. ` +
      'Delete the file to have a new token generated at start, write a valid token into it, or set ADMIN_TOKEN.',
  );
}
