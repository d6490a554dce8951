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
