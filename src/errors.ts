/** A failure with its place in the API's single error shape (API.md, Conventions). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldProblem {
  /** The field or parameter, as the caller named it (`hashtags.0`, `from`). */
  field: string;
  message: string;
}

export const badRequest = (message: string, details: FieldProblem[] = []) => new AppError(400, 'invalid_request', message, details);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const unauthorized = () =>
  new AppError(401, 'unauthorized', 'A credential is required: sign in on the dashboard, or send Authorization: Bearer <token>.');
export const forbidden = () => new AppError(403, 'forbidden', 'This credential does not allow that.');

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, details: err.details } };
}

/** Why the store cannot serve, as an operator acts on it. */
export type StorageProblem = 'disk_full' | 'read_only' | 'busy' | 'corrupt' | 'io';

const STORAGE_REASONS: Record<StorageProblem, string> = {
  disk_full: 'The disk of DATA_DIR is full: nothing can be stored until an operator frees some space.',
  read_only: 'The database in DATA_DIR is read-only: nothing can be stored until the service may write there again.',
  busy: 'The database is locked by another process and was not freed in time; retry in a moment.',
  corrupt: 'The database in DATA_DIR is damaged: an operator must restore it from a backup.',
  io: 'The disk of DATA_DIR could not be read or written: an operator must check it.',
};

/**
 * The store failed for a reason outside the request (a full disk, a read-only file, a lock held
 * too long, a damaged file). `message` is for the operator (file, driver code); clients get
 * `reason`, a 503 `storage_unavailable`, and /healthz says the same.
 */
export class StorageUnavailableError extends Error {
  readonly reason: string;
  constructor(
    readonly problem: StorageProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StorageUnavailableError';
    this.reason = STORAGE_REASONS[problem];
  }
}

export const storageUnavailable = (err: StorageUnavailableError) => new AppError(503, 'storage_unavailable', err.reason);

/**
 * The job queue (Redis) did not take a job in time. The request answers 503 `queue_unavailable`
 * instead of hanging while the client library waits for Redis to come back.
 */
export class QueueUnavailableError extends Error {
  constructor(
    readonly waitedMs: number,
    /** The request's change is stored with the work that follows it (the outbox): it must not be sent again. */
    readonly changeSaved = false,
  ) {
    super(
      changeSaved
        ? 'The change is saved, but the job queue (Redis) is unreachable: the work that follows it is recorded and runs once the queue is back. Do not send this request again.'
        : `The job queue (Redis) is unreachable: the work this request asks for could not be queued within ${Math.round(waitedMs / 1000)} seconds. Retry once the queue is back; /healthz reports it.`,
    );
    this.name = 'QueueUnavailableError';
  }

  /** The same outage, for a request whose change was stored before its job was asked for. */
  afterSaving(): QueueUnavailableError {
    return new QueueUnavailableError(this.waitedMs, true);
  }
}

/**
 * For the job asked for after a change the store recorded with its follow-up work (the outbox):
 * an unreachable queue does not undo the change, and the caller is told not to send it again.
 */
export function savedAnyway(err: unknown): never {
  throw err instanceof QueueUnavailableError ? err.afterSaving() : err;
}
