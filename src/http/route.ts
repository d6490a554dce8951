import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Access, Principal } from '../services/auth/principal.js';

/**
 * A route as data: its schemas validate requests and generate /api/v1/openapi.json, so the two
 * cannot drift (API.md). Handlers parse, call, respond (DESIGN.md principle 7).
 */
export interface RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path (`/api/v1/campaigns/:id`). */
  path: string;
  summary: string;
  /** Who may call it (services/auth/principal.ts); the server, OpenAPI and the authorization matrix read it. */
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Bodies by content type, for the OpenAPI document, on routes that read `req.body` themselves
   * (an import takes CSV or JSON); validating them is the handler's job.
   */
  requestContentTypes?: Readonly<Record<string, z.ZodType>>;
  /** Status of a success, for the OpenAPI document. */
  status?: number;
  /** Content type of a success when it is not JSON (a PNG), for the OpenAPI document; the handler writes it. */
  responseContentType?: string;
  handle(input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; principal: Principal; req: Request; res: Response }): Promise<Reply | undefined>;
}

/** What a handler answers; `undefined` means it wrote the response itself (streams). */
interface Reply {
  status?: number;
  /** Sent as JSON; an answer the metrics answer cache keeps is serialized once and its bytes reused. */
  body?: unknown;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(def: RouteDef<P, Q, B>): RouteDef {
  return def as unknown as RouteDef;
}
