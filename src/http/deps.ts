import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { CampaignService } from '../services/campaign.service.js';
import type { ImportService } from '../services/import.service.js';
import type { MetricsService } from '../services/metrics.service.js';
import type { PostsService } from '../services/posts.service.js';
import type { ShareImageService } from '../services/share-image.service.js';

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
  imports: ImportService;
  shareImages: ShareImageService;
  gazetteer: Gazetteer;
  log: Logger;
  /** The BullMQ queue board (observability/queue-board.ts), served to the operator at /admin/queues; absent on the inline runner. */
  queueBoard?: RequestHandler;
}
