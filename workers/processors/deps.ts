import type { Logger } from 'pino';
import type { SourceType } from '../../src/domain/post.js';
import type { Gazetteer } from '../../src/geo/gazetteer.js';
import type { JobQueue } from '../../src/queue/jobs.js';
import type { Source } from '../../src/sources/source.port.js';
import type { Store } from '../../src/store/store.port.js';

/** What every processor may use; built once by the composition root (src/app.ts). */
export interface ProcessorDeps {
  store: Store;
  queue: JobQueue;
  /** The sources this server has credentials for. */
  sources: ReadonlyMap<SourceType, Source>;
  gazetteer: Gazetteer;
  log: Logger;
  now: () => Date;
}
