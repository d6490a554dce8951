import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { AccessService } from '../services/access.service.js';
import type { AlertsService } from '../services/alerts.service.js';
import type { AuditService } from '../services/audit.service.js';
import type { Authenticator } from '../services/auth/authenticator.js';
import type { SharingService } from '../services/sharing.service.js';
import type { UsersService } from '../services/users.service.js';
import type { RateLimitSettings } from './rate-limits.js';
import type { CampaignService } from '../services/campaign.service.js';
import type { ImportService } from '../services/import.service.js';
import type { MetricsService } from '../services/metrics.service.js';
import type { NetworkService } from '../services/network.service.js';
import type { PostsService } from '../services/posts.service.js';
import type { PostSentimentService } from '../services/post-sentiment.service.js';
import type { TermsService } from '../services/terms.service.js';
import type { ShareImageService } from '../services/share-image.service.js';
import type { SourcesService } from '../services/sources.service.js';
import type { WorkshopsService } from '../services/workshops.service.js';
import type { ChatService } from '../services/chat.service.js';
import type { MeService } from '../services/me.service.js';
import type { ShareMasking } from '../services/share-mask.js';
import type { SpikesService } from '../services/spikes.service.js';

/** What the HTTP layer may call; built by the composition root (src/app.ts). */
export interface HttpDeps {
  version: string;
  adminToken: string;
  storeKind: 'sqlite' | 'mongodb';
  queueKind: 'inline' | 'bullmq';
  /** Rejects with the name of the failing part when the store or the queue cannot be reached. */
  checkHealth(): Promise<void>;
  campaigns: CampaignService;
  metrics: MetricsService;
  posts: PostsService;
  /** A person's reading of a post's sentiment (PATCH …/posts/:platform/:postId). */
  postSentiment: PostSentimentService;
  /** Top hashtags, words and mentions (GET …/metrics/terms). */
  terms: TermsService;
  /** metrics/spikes (services/spikes.service.ts). */
  spikes: SpikesService;
  /** network and network.gexf (services/network.service.ts). */
  network: NetworkService;
  imports: ImportService;
  shareImages: ShareImageService;
  /** The sources this server knows (GET /api/v1/sources). */
  sources: SourcesService;
  gazetteer: Gazetteer;
  /** Credentials and sign-in (services/auth). */
  auth: Authenticator;
  /** Who may see and do what: the access gate, the campaign list, permissions, share links. */
  access: AccessService;
  users: UsersService;
  sharing: SharingService;
  audit: AuditService;
  /** A campaign's alert rules and deliveries (issue 17). */
  alerts: AlertsService;
  /** Workshops, participants and their activation figures (API.md 1.1). */
  workshops: WorkshopsService;
  /** The WhatsApp support channel: chat import and activity (API.md 1.1). */
  chat: ChatService;
  /** A signed-in participant's own posts and figures in a campaign (GET …/me). */
  me: MeService;
  /** Pseudonyms instead of handles in what a share link reads, when its campaign asks for them. */
  shareMask: ShareMasking;
  cookieSecure: Config['cookieSecure'];
  /** PUBLIC_URL: the origin of the links the service hands out. */
  publicUrl?: Config['publicUrl'];
  trustProxy: Config['trustProxy'];
  /** ALLOW_PRIVATE_TARGETS: campaigns may name servers on private addresses. Absent: refused. */
  allowPrivateTargets?: boolean;
  /** Defaults to http/rate-limits.ts DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimitSettings;
  log: Logger;
  /** The BullMQ queue board (observability/queue-board.ts), served to the operator at /admin/queues; absent on the inline runner. */
  queueBoard?: RequestHandler;
}
