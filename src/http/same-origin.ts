import type { RequestHandler } from 'express';
import { AppError, errorBody } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The content types a cross-site HTML form (or a "simple" fetch) can send without a CORS preflight. */
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * Refuses cross-site writes to a page whose credential a browser sends by itself (HTTP Basic on the
 * queue board): a write must come from the same origin (Origin and Sec-Fetch-Site, when the browser
 * sends them, which every current one does on a POST) and carry no form content type, which a page
 * elsewhere could submit without asking. Scripts without a browser (curl) send neither header.
 */
export function sameOriginWrites(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    let refusal: AppError | undefined;
    if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== own))
      refusal = new AppError(403, 'cross_site_refused', 'A change from another site is refused: use the queue board itself.', [
        { field: origin !== undefined && origin !== own ? 'Origin' : 'Sec-Fetch-Site', message: 'is not this site' },
      ]);
    else if (FORM_TYPES.test(req.get('content-type') ?? ''))
      refusal = new AppError(415, 'unsupported_media_type', 'A change is sent as application/json, or without a body.', [
        { field: 'Content-Type', message: 'must be application/json' },
      ]);
    if (!refusal) return next();
    res.status(refusal.status).json(errorBody(refusal));
  };
}
