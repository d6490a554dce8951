import { z } from 'zod';
import { filterParams } from './metrics.schema.js';

/** Query of `network` and `network.gexf` (API.md 1.1): the filters, and how many nodes (top by degree). */
export const networkQuery = z.strictObject({
  ...filterParams,
  limit: z.coerce.number({ message: 'must be a whole number from 1 to 1000' }).int().min(1).max(1000).default(100),
});

export type NetworkParams = z.infer<typeof networkQuery>;
