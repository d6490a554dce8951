import type { RequestHandler } from 'express';
import { bearerAuth } from './auth.js';
import { errorBody, unauthorized } from '../errors.js';

/**
 * The operator's gate for pages a browser opens (the queue board): the API's Bearer token, or
 * HTTP Basic with the same token as the password (any user name), which a browser asks for by
 * itself. Both are checked in constant time by bearerAuth.
 */
export function adminGate(adminToken: string, realm: string): RequestHandler {
  const check = bearerAuth(adminToken);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const password = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
    try {
      check(password === undefined ? header : `Bearer ${password}`);
      next();
    } catch {
      res.set('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`).status(401).json(errorBody(unauthorized()));
    }
  };
}
