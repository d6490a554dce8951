import type { Request, RequestHandler } from 'express';
import { telemetry } from './telemetry.js';

/**
 * Times every request into kk_http_request_duration_seconds, labelled with the route PATTERN
 * (`/api/v1/campaigns/:id/metrics/summary`), never the raw URL: one series per route, not one
 * per campaign id or query string.
 */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => telemetry.httpRequest(req.method, routeOf(req, res.statusCode), res.statusCode, (performance.now() - started) / 1000));
    next();
  };
}

function routeOf(req: Request, status: number): string {
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  // Mounted routers (the queue board) and static files have no route of their own.
  if (req.baseUrl) return `${req.baseUrl}/*`;
  if (req.path.startsWith('/api/')) return 'unmatched';
  return status < 400 ? 'static' : 'unmatched';
}
