import type { ErrorCode } from "../../domain/shared/errors";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 500 | 502 | 503;

/** A failure the client should hear about: the code is from the shared union, the message is for logs and API users. */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string, code: ErrorCode = "NOT_FOUND") => new AppError(404, code, `${what} not found`);
export const forbidden = (why = "Not allowed") => new AppError(403, "FORBIDDEN", why);
