import type { Request, Response } from 'express';
import type { MessageLang } from '../contracts/localize.js';

/** The language of the API's messages for this request: Accept-Language `id` or `en`, else English. */
export function requestLang(req: Request, res?: Response): MessageLang {
  // A cache between must keep the two languages apart.
  res?.vary('Accept-Language');
  return req.acceptsLanguages('en', 'id') === 'id' ? 'id' : 'en';
}
