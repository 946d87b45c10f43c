/**
 * Where the request being served came from, for the audit trail's "from where". The route
 * layer runs each handler inside `withRequestOrigin`, so an audit row written anywhere below
 * it (a service, a store, a transaction) carries the client's address without every service
 * signature passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The client of the request being served. */
export interface RequestOrigin {
  ip: string | null;
}

const origins = new AsyncLocalStorage<RequestOrigin>();

/** Runs `fn` (and everything it awaits) as serving a request from `origin`. */
export function withRequestOrigin<T>(origin: RequestOrigin, fn: () => T): T {
  return origins.run(origin, fn);
}

/** The origin of the request being served; undefined outside a request (a worker, a seed, a script). */
export function requestOrigin(): RequestOrigin | undefined {
  return origins.getStore();
}

/** A client address as the audit trail shows it: an IPv4 client on a dual-stack socket without its `::ffff:` prefix. */
export function clientAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  return raw.startsWith('::ffff:') && raw.includes('.') ? raw.slice('::ffff:'.length) : raw;
}
