/**
 * Errors with stable codes. A UserError becomes a 4xx with its code, message and
 * problems; it is not logged as a failure. Anything else is a 500 whose details
 * stay in the log.
 */
import type { ApiErrorCode, Problem } from '../language';

/** A refusal the client can act on: its status, a stable code, a message and the problems found. */
export class UserError extends Error {
  /** Seconds after which a retry may succeed (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** 404, code `not_found`: "<what> '<id>' not found", or a message of its own. */
export class NotFoundError extends UserError {
  constructor(what: string, id: string | number);
  constructor(message: string);
  constructor(what: string, id?: string | number) {
    super(404, 'not_found', id === undefined ? what : `${what} '${id}' not found`);
  }
}

/** 409: the request clashes with the state it would change. */
export class ConflictError extends UserError {
  constructor(code: ApiErrorCode, message: string) {
    super(409, code, message);
  }
}

/** 412: an If-Match names a revision the document has moved on from. */
export class PreconditionFailedError extends UserError {
  constructor(code: ApiErrorCode, message: string) {
    super(412, code, message);
  }
}

/** 422 (a body or a document) or 400 (path parameters, query), with every problem found. */
export class ValidationError extends UserError {
  constructor(code: ApiErrorCode, message: string, problems: Problem[], status: 400 | 422 = 422) {
    super(status, code, message, problems);
  }
}

/** 429: too many attempts; try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends UserError {
  override readonly retryAfterSeconds: number;

  constructor(code: ApiErrorCode, message: string, retryAfterSeconds: number) {
    super(429, code, message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** A service the app depends on is down. */
export class UnavailableError extends UserError {
  constructor(what: 'database' | 'temporal' | 'oidc', message: string) {
    super(503, `${what}_unavailable`, message);
  }
}
