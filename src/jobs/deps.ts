import type { Logger } from 'pino';
import type { SourceType } from '../domain/post.js';
import type { Gazetteer } from '../geo/gazetteer.js';
import type { AlertEvaluator } from '../services/alert-evaluation.service.js';
import type { DeliveryDeps } from './deliver.processor.js';
import type { JobQueue } from '../queue/jobs.js';
import type { Source } from '../sources/source.port.js';
import type { ProcessorStore } from '../store/store.port.js';

/**
 * What the processors use; built once by the composition root (src/app.ts). Each processor names
 * the store view it needs (store.port.ts), e.g. `ProcessorDeps<CollectStore>`.
 */
export interface ProcessorDeps<S = ProcessorStore> {
  store: S;
  queue: JobQueue;
  /** The sources this server has credentials for. */
  sources: ReadonlyMap<SourceType, Source>;
  /** What a person must set for each source this server has no credentials for (SourceDescriptor.credentialsMissing). */
  missingCredentials?: ReadonlyMap<SourceType, string>;
  gazetteer: Gazetteer;
  log: Logger;
  now: () => Date;
  /** This process, as runs record it (jobs/run-owner.ts). */
  owner?: string;
  /** Judges the campaign's alert rules after runs and metrics jobs, and raises digests; absent: no alerts. */
  alerts?: AlertEvaluator;
  /** What alert deliveries are sent with; absent: deliver jobs fail (and stay pending in the store). */
  delivery?: DeliveryDeps;
}
