import { z } from 'zod';
import { defineSource } from '../source.descriptor.js';

/**
 * Import: CSV or JSON files a person sends (services/import.service.ts). It collects nothing and
 * needs no setting; it is a source so that imported posts, runs and breakdowns name it.
 */
export const importSource = defineSource({
  type: 'import',
  label: 'Import',
  billed: false,
  settings: { env: z.object({}), read: () => ({}) },
});
