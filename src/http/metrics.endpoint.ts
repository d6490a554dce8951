import type { RequestHandler } from 'express';
import { registry } from '../observability/telemetry.js';
import { bearerAuth } from './auth.js';
import { errorBody, AppError } from '../errors.js';

/** GET /metrics in the Prometheus text format, behind the operator's Bearer token like the API. */
export function metricsEndpoint(adminToken: string): RequestHandler {
  const check = bearerAuth(adminToken);
  return async (req, res) => {
    try {
      check(req.get('authorization'));
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError(401, 'unauthorized', 'A credential is required.');
      res.status(e.status).json(errorBody(e));
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
