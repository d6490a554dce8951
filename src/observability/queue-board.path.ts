/**
 * Where the queue board is served; the gate in front of it is the caller's (create-app.ts). Apart
 * from queue-board.ts so that the HTTP app knows the address without loading bull-board.
 */
export const QUEUE_BOARD_PATH = '/admin/queues';
