/**
 * Answers only requests addressed to this server by a name it knows. A page on another site
 * can point its own DNS name at this machine (DNS rebinding) and then read the API as "same
 * origin"; its requests still carry that name in Host, so refusing unknown Hosts ends it.
 */
import type { RequestHandler } from 'express';
import { UserError } from '../errors';

/** host[:port], the host a name, an IPv4 or a bracketed IPv6 address (browsers send IDN names as punycode). */
const HOST_VALUE = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/;

/** The host name of a Host header value (lower case, port dropped), or undefined when it is not one. */
export function hostName(header: string | undefined): string | undefined {
  return HOST_VALUE.exec(header?.toLowerCase() ?? '')?.[1];
}

/** Refuses (421, JSON) every request whose Host is not in `allowed` (lower-case names, see Config.allowedHosts). */
export function hostCheck(allowed: readonly string[]): RequestHandler {
  const names = new Set(allowed);
  return (req, _res, next) => {
    const name = hostName(req.headers.host);
    if (name && names.has(name)) {
      next();
      return;
    }
    next(
      name
        ? new UserError(421, 'host_not_allowed', `this server does not answer for '${name}'; an administrator can add it to ALLOWED_HOSTS`)
        : new UserError(400, 'bad_host', 'the request has no valid Host header'),
    );
  };
}
