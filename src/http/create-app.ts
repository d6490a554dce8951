import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet from 'helmet';
import { bearerAuth } from './auth.js';
import type { HttpDeps } from './deps.js';
import { errorBody, HttpError } from './errors.js';
import { openApiDocument } from './openapi.js';
import type { RouteDef } from './route.js';
import { campaignRoutes } from './routes/campaign.routes.js';
import { IMPORT_BODY_LIMIT, IMPORT_CSV_TYPES, IMPORT_PATH, importRoutes } from './routes/import.routes.js';
import { metricsRoutes } from './routes/metrics.routes.js';
import { postsRoutes } from './routes/posts.routes.js';
import { parseOr400 } from './validate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The dashboard's files; the same path from src/ (tsx) and from dist/src/ (built). */
const DASHBOARD_DIR = path.join(root.endsWith('dist') ? path.dirname(root) : root, 'dashboards');
// chart.js does not export its UMD build; it sits beside the CommonJS entry.
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** Every API route, for the server, the OpenAPI document and tests. */
export function apiRoutes(deps: HttpDeps): RouteDef[] {
  return [...campaignRoutes(deps), ...metricsRoutes(deps), ...postsRoutes(deps), ...importRoutes(deps)];
}

/** Builds the Express app without listening (DESIGN.md principle 7). */
export function createApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"] } },
    }),
  );
  // An import carries a whole file, as JSON or CSV text: its own parsers and limit, ahead of the global one.
  app.use(IMPORT_PATH, express.json({ limit: IMPORT_BODY_LIMIT }), express.text({ type: IMPORT_CSV_TYPES, limit: IMPORT_BODY_LIMIT }));
  app.use(express.json({ limit: '1mb' }));

  const routes = apiRoutes(deps);
  const openapi = openApiDocument(routes, deps.version);
  const checkAuth = bearerAuth(deps.adminToken);

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.checkHealth();
      res.json({ status: 'ok', store: deps.storeKind, queue: deps.queueKind, version: deps.version });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', store: deps.storeKind, queue: deps.queueKind, version: deps.version, error: err instanceof Error ? err.message : String(err) });
    }
  });
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  for (const route of routes) {
    const handler: RequestHandler = async (req, res) => {
      if (route.auth) checkAuth(req.get('authorization'));
      const input = {
        params: route.params ? parseOr400(route.params, req.params, 'path') : {},
        query: route.query ? parseOr400(route.query, req.query, 'query') : {},
        body: route.body ? parseOr400(route.body, req.body ?? {}, 'body') : undefined,
        req,
        res,
      };
      const reply = await route.handle(input);
      if (!reply) return;
      res.status(reply.status ?? 200);
      if (reply.body === undefined) res.end();
      else res.json(reply.body);
    };
    app[route.method](route.path, handler);
  }
  app.use('/api', (req, _res, next) => next(new HttpError(404, 'not_found', `No route ${req.method} ${req.originalUrl.split('?')[0]}`)));

  app.get('/vendor/chart.umd.min.js', (_req, res) => {
    res.type('application/javascript').sendFile(CHART_JS, { maxAge: '7d' });
  });
  app.use(express.static(DASHBOARD_DIR, { index: 'index.html', maxAge: '1h' }));

  app.use(errorHandler(deps));
  return app;
}

function errorHandler(deps: HttpDeps): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let e: HttpError;
    if (err instanceof HttpError) e = err;
    else if (isBodyParserError(err) && err.type === 'entity.too.large') e = new HttpError(413, 'payload_too_large', `The request body is larger than ${sizeLimit(err)}.`);
    else if (isBodyParserError(err) && err.status === 415) e = new HttpError(415, 'unsupported_media_type', err instanceof Error ? err.message : 'Unsupported request body encoding.');
    else if (isBodyParserError(err) && err.status < 500) e = new HttpError(400, 'invalid_json', 'The request body is not valid JSON.', [{ field: 'body', message: 'is not valid JSON' }]);
    else {
      deps.log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
      e = new HttpError(500, 'internal_error', 'Something went wrong on our side; it has been logged.');
    }
    res.status(e.status).json(errorBody(e));
  };
}

/** A body parser's limit in bytes, as a person reads it. */
function sizeLimit(err: object): string {
  const limit = 'limit' in err && typeof err.limit === 'number' ? err.limit : 1024 * 1024;
  return `${Math.round((limit / 1024 / 1024) * 10) / 10} MB`;
}

function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as { status: unknown }).status === 'number';
}
