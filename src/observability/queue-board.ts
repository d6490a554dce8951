import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { QUEUE_BOARD_PATH } from './queue-board.path.js';

/**
 * The BullMQ queue board (bull-board) for operators: every job queue, its jobs, and buttons to
 * retry or remove them. Only the BullMQ runtime has one; the inline runner keeps nothing to show.
 */
export function createQueueBoard(queues: readonly Queue[]): RequestHandler {
  const server = new ExpressAdapter();
  server.setBasePath(QUEUE_BOARD_PATH);
  // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1 beside our 9.10.2: the same
  // interface, declared twice, which TypeScript will not unify (a private field). Same at runtime.
  const serverAdapter = server as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Kabar Kampanye jobs' } } });
  const router: unknown = server.getRouter();
  if (typeof router !== 'function') throw new TypeError('bull-board did not return an Express router');
  return router as RequestHandler;
}
