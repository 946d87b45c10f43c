/**
 * Writes only from this site. A browser names the page that sent a request in Origin (and,
 * in current browsers, how it relates to the target in Sec-Fetch-Site); a write another site
 * sent is refused before anything reads it. Clients other than browsers send neither and pass.
 */
import type { RequestHandler } from 'express';
import { UserError } from '../errors';
import { isWrite } from './input-gate';

/** Whether `origin` (scheme://host[:port]) names the server the request was sent to (its Host header). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const from = new URL(origin);
    // Compared as URLs of the Origin's scheme, so a default port written or left out is the same port.
    return from.origin === origin.toLowerCase() && new URL(`${from.protocol}//${host}`).host === from.host;
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or not a URL
  }
}

/** Refuses (403) a write whose Origin is another site's, or that the browser says crossed sites. */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (!isWrite(req.method)) {
    next();
    return;
  }
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if ((origin !== undefined && !sameOrigin(origin, req.headers.host)) || site === 'cross-site' || site === 'same-site') {
    next(new UserError(403, 'cross_origin', 'a change sent from another site is refused; use the epi-flow editor on this server'));
    return;
  }
  next();
};
