/** Reading a database error: pg's error, or TypeORM's wrapping of it (`driverError`). */

/** The error's code: a SQLSTATE from the server, or a socket error code (ECONNREFUSED...) from the driver. */
export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The driver's own message (TypeORM's wrapper may reword it). */
export function errorMessage(err: unknown): string | undefined {
  const e = err as { message?: unknown; driverError?: { message?: unknown } } | null;
  const message = e?.driverError?.message ?? e?.message;
  return typeof message === 'string' ? message : undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return errorCode(err) === '23505';
}

/** Class 08 (connection exception) and the server shutting down or starting up. */
const LOST_SQLSTATE = /^(08...|57P0[1-3])$/;

/** How a node socket reports a server that cannot be reached. */
const SOCKET_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg's and TypeORM's words for a connection that is gone or never came (they carry no code). */
const LOST_CONNECTION = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Driver not Connected/;

/** The database cannot be reached (down, restarting, the network gone): trying again later can help. */
export function isDatabaseUnreachable(err: unknown): boolean {
  const code = errorCode(err);
  if (code && (LOST_SQLSTATE.test(code) || SOCKET_FAILURES.has(code))) return true;
  const message = errorMessage(err);
  return Boolean(message && LOST_CONNECTION.test(message));
}
