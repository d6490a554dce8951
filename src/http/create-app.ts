import compression from 'compression';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Principal } from '../services/auth/principal.js';
import helmet from 'helmet';
import { DASHBOARD_DIR } from '../dashboard-dir.js';
import type { HttpDeps } from './deps.js';
import { errorBody, AppError, QueueUnavailableError, StorageUnavailableError, storageUnavailable } from '../errors.js';
import { localizeError } from '../contracts/localize.js';
import { requestLang } from './language.js';
import { openApiDocument } from './openapi.js';
import type { RouteDef } from './route.js';
import { alertRoutes } from './routes/alerts.routes.js';
import { campaignRoutes } from './routes/campaign.routes.js';
import { chartRoutes } from './routes/charts.routes.js';
import { cityRoutes } from './routes/cities.routes.js';
import { IMPORT_PATH_PATTERN, importRoutes } from './routes/import.routes.js';
import { insightsRoutes } from './routes/insights.routes.js';
import { metricsRoutes } from './routes/metrics.routes.js';
import { postsRoutes } from './routes/posts.routes.js';
import { termsRoutes } from './routes/terms.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { sharingRoutes } from './routes/sharing.routes.js';
import { sourceRoutes } from './routes/sources.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { workshopRoutes } from './routes/workshops.routes.js';
import { chatRoutes } from './routes/chat.routes.js';
import { createGuard } from './guard.js';
import { rejectReservedKeys } from './reserved-keys.js';
import { createRateLimits, type RateLimits } from './rate-limits.js';
import { sessionCookie, type SessionCookie } from './session-cookie.js';
import { narrowToLink } from './share-scope.js';
import { sharePage } from './share-page.js';
import { assetBase, dashboardPages, VENDOR_FILES } from './pages/dashboard-pages.js';
import { assetFiles, precompressedAssets } from './pages/precompressed-assets.js';
import { parseOr400 } from '../contracts/validate.js';
import { jsonFormOf } from '../services/answer-cache.js';
import { adminGate } from './admin-auth.js';
import { sameOriginWrites } from './same-origin.js';
import { metricsEndpoint } from './metrics.endpoint.js';
import { httpMetrics } from '../observability/http-metrics.js';
import { QUEUE_BOARD_PATH } from '../observability/queue-board.path.js';

/** bull-board's page uses inline styles and Google's fonts; only its own path gets them. */
const queueBoardCsp: RequestHandler = (_req, res, next) => {
  res.set(
    'Content-Security-Policy',
    "default-src 'self'; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; font-src 'self' https://fonts.gstatic.com; img-src 'self' data:",
  );
  next();
};

const SECRET_IN_URL = /(kk[tsc]_)[\w-]+/g;

/** Every API route, for the server, the OpenAPI document and tests (the authorization matrix). */
export function apiRoutes(deps: HttpDeps, http: { cookie: SessionCookie; limits: RateLimits } = httpParts(deps)): RouteDef[] {
  return [
    ...sessionRoutes(deps, http),
    ...usersRoutes(deps),
    ...campaignRoutes(deps),
    ...sharingRoutes(deps),
    ...alertRoutes(deps),
    ...metricsRoutes(deps),
    ...insightsRoutes(deps),
    ...postsRoutes(deps),
    ...termsRoutes(deps),
    ...importRoutes(deps),
    ...chartRoutes(deps),
    ...cityRoutes(deps),
    ...sourceRoutes(deps),
    ...workshopRoutes(deps),
    ...chatRoutes(deps),
  ];
}

const httpParts = (deps: HttpDeps) => ({ cookie: sessionCookie(deps.cookieSecure), limits: createRateLimits(deps.rateLimits) });

/** Whether a route's query takes a date range (and so a share link's period narrows it). */
const takesRange = (route: RouteDef) =>
  route.query !== undefined && 'shape' in route.query && typeof route.query.shape === 'object' && route.query.shape !== null && 'from' in route.query.shape;

/** Builds the Express app without listening (DESIGN.md principle 7). */
export function createApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy);
  app.use(
    helmet({
      // Styles and fonts from our own files only: helmet's defaults would allow inline styles and any https site.
      // Scripts may still set element.style (CSSOM), which style-src does not govern; style="…" and <style> are refused.
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'font-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
        },
      },
    }),
  );
  // Latency per route pattern for GET /metrics; first, so it sees every request.
  app.use(httpMetrics());
  // gzip (or brotli) for the dashboard's scripts and the API's JSON: a phone on a slow connection is the common case.
  app.use(compression());
  // An import carries a whole file (up to 5 MB): its route reads the body itself, after authentication.
  const jsonBody = express.json({ limit: '256kb' });
  app.use((req, res, next) => (IMPORT_PATH_PATTERN.test(req.path) ? next() : jsonBody(req, res, next)));
  app.use(rejectReservedKeys);

  const http = httpParts(deps);
  const routes = apiRoutes(deps, http);
  const openapi = openApiDocument(routes, deps.version);
  const guard = createGuard({ auth: deps.auth, access: deps.access, limits: http.limits, cookie: http.cookie });

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.checkHealth();
      res.json({ status: 'ok', store: deps.storeKind, queue: deps.queueKind, version: deps.version });
    } catch (err) {
      const storage = err instanceof StorageUnavailableError;
      if (storage) deps.log.error({ err }, 'health: the store cannot serve');
      res.status(503).json({
        status: 'unavailable',
        store: deps.storeKind,
        queue: deps.queueKind,
        version: deps.version,
        error: storage ? `store (${deps.storeKind}): ${err.reason}` : err instanceof Error ? err.message : String(err),
        ...(storage ? { problem: err.problem } : {}),
      });
    }
  });
  app.get('/metrics', metricsEndpoint(deps.adminToken));
  if (deps.queueBoard) app.use(QUEUE_BOARD_PATH, queueBoardCsp, sameOriginWrites(), adminGate(deps.adminToken, 'Kabar Kampanye queues'), deps.queueBoard);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  /**
   * A refused request (401, 403) is logged without its secrets, and audited when the caller is a
   * known user; a failed sign-in is logged (and audited) by its own route.
   */
  const refused = async (req: Request, err: unknown, principal: Principal | undefined) => {
    if (!(err instanceof AppError) || (err.status !== 401 && err.status !== 403) || err.code === 'invalid_sign_in') return;
    const where = { method: req.method, path: req.originalUrl.split('?')[0]!.replace(SECRET_IN_URL, '$1[redacted]') };
    const user = principal?.kind === 'user' ? principal : undefined;
    deps.log.warn(
      { event: 'request-refused', status: err.status, code: err.code, ...where, address: req.ip, ...(user ? { userId: user.user.id } : {}) },
      'request refused',
    );
    if (user) await deps.audit.record(user, 'request.refused', { type: 'user', id: user.user.id }, { ...where, status: err.status, code: err.code });
  };

  /** A share link of a campaign that masks handles reads every JSON answer through its masker (services/share-mask.ts). */
  const maskedForShare = async (principal: Principal, body: unknown, req: Request, res: Response): Promise<unknown> => {
    if (principal.kind !== 'share') return body;
    const masker = await deps.shareMask.forAnswer(principal, await deps.campaigns.load(principal.link.campaignId), requestLang(req, res));
    return masker ? masker.json(body) : body;
  };

  for (const route of routes) {
    const ranged = takesRange(route);
    const handler: RequestHandler = async (req, res) => {
      let principal: Principal | undefined;
      try {
        await handle(req, res, (p) => (principal = p));
      } catch (err) {
        await refused(req, err, principal);
        throw err;
      }
    };
    const handle = async (req: Request, res: Response, identified: (p: Principal) => void) => {
      // Who, then may they, then what they sent: a caller without the right learns nothing from validation.
      const principal = route.access.kind === 'public' ? ({ kind: 'anonymous' } as const) : await guard.identify(req);
      identified(principal);
      const params: unknown = route.params ? parseOr400(route.params, req.params, 'path') : {};
      await guard.authorize(principal, route.access, params);
      let rawQuery: unknown = req.query;
      if (principal.kind === 'share' && ranged)
        rawQuery = narrowToLink(req.query, principal.link, (await deps.campaigns.load(principal.link.campaignId)).timeZone);
      const input = {
        params,
        query: route.query ? parseOr400(route.query, rawQuery, 'query') : {},
        body: route.body ? parseOr400(route.body, req.body ?? {}, 'body') : undefined,
        principal,
        req,
        res,
      };
      const reply = await route.handle(input);
      if (!reply) return;
      res.status(reply.status ?? 200);
      if (reply.body === undefined) res.end();
      else sendJson(res, await maskedForShare(principal, reply.body, req, res));
    };
    app[route.method](route.path, handler);
  }
  app.use('/api', (req, _res, next) => next(new AppError(404, 'not_found', `No route ${req.method} ${req.originalUrl.split('?')[0]}`)));

  app.get('/share/:secret', sharePage(deps, http.limits));
  // Versioned assets: the address changes with the content (assetVersion), so a browser keeps them
  // for a year and never re-checks them; another release's version is a 404, not today's files.
  const immutable = { maxAge: '365d', immutable: true } as const;
  // Compressed once at the strongest setting and kept (precompressed-assets.ts); the handlers below
  // answer a client that takes neither brotli nor gzip.
  const vendorAddresses = Object.fromEntries(Object.entries(VENDOR_FILES).map(([name, file]) => [`/vendor/${name}`, file]));
  app.use(assetBase(), precompressedAssets(assetFiles(DASHBOARD_DIR, vendorAddresses), 'public, max-age=31536000, immutable'));
  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    const send = (maxAge: object) => (_req: Request, res: Response) => res.type('application/javascript').sendFile(file, maxAge);
    app.get(`${assetBase()}/vendor/${name}`, send(immutable));
    app.get(`/vendor/${name}`, send({ maxAge: '7d' }));
  }
  app.use(assetBase(), express.static(DASHBOARD_DIR, { index: false, ...immutable }));
  // Pages are not fingerprinted: a browser asks again (a 304 by ETag when unchanged), so it never
  // runs one release's page with another's modules.
  for (const [address, html] of dashboardPages()) {
    app.get(address === '/index.html' ? ['/', address] : address, (_req, res) => {
      res.set('Cache-Control', 'no-cache').type('html').send(html);
    });
  }
  app.use(
    express.static(DASHBOARD_DIR, {
      index: false,
      maxAge: '1h',
      // Nor are modules, for the same reason.
      setHeaders: (res, file) => {
        if (/\.js$/.test(file)) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );

  app.use(errorHandler(deps));
  return app;
}

/**
 * res.json, but an answer the metrics answer cache keeps is sent as the bytes and ETag kept with
 * it (services/answer-cache.ts), made once. Conditional requests still get their 304.
 */
function sendJson(res: Response, body: unknown): void {
  const sent = jsonFormOf(body, (bytes) => {
    const etagOf: unknown = res.app.get('etag fn');
    return typeof etagOf === 'function' ? (etagOf as (b: Buffer) => string | undefined)(bytes) : undefined;
  });
  if (!sent) {
    res.json(body);
    return;
  }
  res.set('Content-Type', 'application/json; charset=utf-8');
  if (sent.etag) res.set('ETag', sent.etag);
  res.send(sent.bytes);
}

function errorHandler(deps: HttpDeps): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let e: AppError;
    if (err instanceof AppError) {
      e = err;
      if (e.status === 429 && 'retryAfter' in e && typeof e.retryAfter === 'number') res.set('Retry-After', String(e.retryAfter));
    } else if (err instanceof StorageUnavailableError) {
      // The operator's message (file, SQLite's code) goes to the log; the client gets what it means.
      deps.log.error({ err, method: req.method, url: req.originalUrl.replace(SECRET_IN_URL, '$1[redacted]') }, 'request failed: the store cannot serve');
      e = storageUnavailable(err);
      if (err.problem === 'busy') res.set('Retry-After', '5');
    } else if (err instanceof QueueUnavailableError) {
      deps.log.error({ err, method: req.method, url: req.originalUrl.replace(SECRET_IN_URL, '$1[redacted]') }, 'request failed: the job queue is unreachable');
      e = new AppError(503, 'queue_unavailable', err.message);
      res.set('Retry-After', '30');
    } else if (isBodyParserError(err) && err.type === 'entity.too.large')
      e = new AppError(413, 'payload_too_large', `The request body is larger than ${sizeLimit(err)}.`);
    else if (isBodyParserError(err) && err.status === 415)
      e = new AppError(415, 'unsupported_media_type', err instanceof Error ? err.message : 'Unsupported request body encoding.');
    else if (isBodyParserError(err) && err.status < 500)
      e = new AppError(400, 'invalid_json', 'The request body is not valid JSON.', [{ field: 'body', message: 'is not valid JSON' }]);
    // The router marks a path segment it cannot percent-decode (`%E0%A4%A`, `%C0%AF`) with status 400.
    else if (err instanceof URIError && hasClientStatus(err))
      e = new AppError(400, 'invalid_path', 'The address has a malformed %-escape.', [{ field: 'path', message: 'is not valid percent-encoding' }]);
    // A body whose Content-Encoding (gzip, deflate, br) does not match its bytes: zlib's error, given a 400 by the body parser.
    else if (hasClientStatus(err) && typeof (err as { errno?: unknown }).errno === 'number')
      e = new AppError(400, 'invalid_body', 'The request body could not be read: check its Content-Encoding.', [
        { field: 'body', message: 'could not be decoded' },
      ]);
    else {
      // A share link's address is its secret: the log gets the address without it.
      deps.log.error({ err, method: req.method, url: req.originalUrl.replace(SECRET_IN_URL, '$1[redacted]') }, 'request failed');
      e = new AppError(500, 'internal_error', 'Something went wrong on our side; it has been logged.');
    }
    res.status(e.status).json(errorBody(localizeError(e, requestLang(req, res))));
  };
}

/** A body parser's limit in bytes, as a person reads it. */
function sizeLimit(err: object): string {
  const limit = 'limit' in err && typeof err.limit === 'number' ? err.limit : 1024 * 1024;
  return limit < 1024 * 1024 ? `${Math.round(limit / 1024)} KB` : `${Math.round((limit / 1024 / 1024) * 10) / 10} MB`;
}

/** An error Express or a body parser raised for the caller's mistake (http-errors style: a 4xx `status`). */
function hasClientStatus(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('status' in err)) return false;
  const status = (err as { status: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as { status: unknown }).status === 'number';
}
