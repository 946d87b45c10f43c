import type { Principal } from './principal';

/** What a request presents: an API token (Authorization: Bearer) and/or a session id (the session cookie). */
export interface Credentials {
  bearer?: string;
  session?: string;
}

/** A principal, and for a session the CSRF token its writes must carry. */
export interface Authenticated {
  principal: Principal;
  csrfToken?: string;
}

/** Turns credentials into a principal; undefined when they name no live session or token of an enabled account. */
export interface Authenticator {
  authenticate(credentials: Credentials): Promise<Authenticated | undefined>;
}
