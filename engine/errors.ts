/**
 * Errors with stable codes. A UserError becomes a 4xx with its code, message and
 * problems; it is not logged as a failure. Anything else is a 500 whose details
 * stay in the log.
 */

/** One problem in a request or document, located by a path such as `nodes/2/activity`. */
export interface Problem {
  path: string;
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

export class UserError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class NotFoundError extends UserError {
  constructor(what: string, id: string | number) {
    super(404, 'not_found', `${what} '${id}' not found`);
  }
}

export class ConflictError extends UserError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class ValidationError extends UserError {
  constructor(code: string, message: string, problems: Problem[], status = 422) {
    super(status, code, message, problems);
  }
}

/** A service the app depends on is down. */
export class UnavailableError extends UserError {
  constructor(what: string, message: string) {
    super(503, `${what}_unavailable`, message);
  }
}

/** Turns zod-style issue paths into the API's slash-separated field paths. */
export function pathOf(parts: readonly PropertyKey[]): string {
  return parts.map(String).join('/');
}
