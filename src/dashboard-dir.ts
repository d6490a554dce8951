import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The dashboard's files; the same path from src/ (tsx) and from dist/src/ (built). The server
 * serves them and also runs their shared chart modules (src/charts/shared-modules.ts).
 */
export const DASHBOARD_DIR = path.join(root.endsWith('dist') ? path.dirname(root) : root, 'dashboards');
