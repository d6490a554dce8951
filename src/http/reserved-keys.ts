import type { RequestHandler } from 'express';
import { badRequest } from '../errors.js';
import { RESERVED_KEYS } from '../contracts/text.schema.js';

/** No request of this API nests deeper; a body that does is an attack on whoever walks it. */
const MAX_DEPTH = 32;

/**
 * JSON.parse keeps `__proto__` as a plain key, but any later merge or copy of such an object can
 * reach a prototype. No field of this API has one of those names, so a body naming one anywhere is
 * refused whole, with the path to it, before any code sees it. Walked without recursion, so a body
 * of a hundred thousand nested brackets is a 400 and not a stack overflow.
 */
export const rejectReservedKeys: RequestHandler = (req, _res, next) => {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: req.body, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.path.length > MAX_DEPTH) {
      next(
        badRequest('Invalid request body: nested too deeply', [
          { field: item.path.slice(0, 3).join('.') || 'body', message: `nests deeper than ${MAX_DEPTH} levels` },
        ]),
      );
      return;
    }
    for (const [key, child] of Object.entries(item.value)) {
      const path = [...item.path, key];
      if (RESERVED_KEYS.has(key)) {
        next(badRequest(`Invalid request body: ${path.join('.')}`, [{ field: path.join('.'), message: 'is a reserved name' }]));
        return;
      }
      stack.push({ value: child, path });
    }
  }
  next();
};
