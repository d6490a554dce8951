import { parse } from 'cookie';
import type { Request, Response } from 'express';
import type { Config } from '../config.js';

const SESSION_COOKIE = 'kk_session';
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/;

/**
 * The dashboard's session cookie: HttpOnly (no script reads it), SameSite=Lax (no other site's
 * form or fetch sends it along with a write), Secure unless COOKIE_SECURE says otherwise. `auto`
 * leaves Secure off only for plain HTTP on a loopback address, where `npm start` runs.
 */
export function sessionCookie(mode: Config['cookieSecure']) {
  const secure = (req: Request) => mode === 'always' || (mode === 'auto' && !(req.protocol === 'http' && LOOPBACK.test(req.hostname)));
  const options = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: secure(req), path: '/' });
  return {
    read(req: Request): string | undefined {
      const header = req.headers.cookie;
      return header ? parse(header)[SESSION_COOKIE] : undefined;
    },
    set(req: Request, res: Response, secret: string, expiresAt: string): void {
      res.cookie(SESSION_COOKIE, secret, { ...options(req), expires: new Date(expiresAt) });
    },
    clear(req: Request, res: Response): void {
      res.clearCookie(SESSION_COOKIE, options(req));
    },
  };
}

export type SessionCookie = ReturnType<typeof sessionCookie>;
