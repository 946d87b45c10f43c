/** JSON over HTTP to the engine's API, with its error shape turned into an ApiError. */
import type { Problem } from '../../../language';

/** An API error with the stable code the server sent (or `network` / `http_<status>` when it sent none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
    /** Seconds the server asked to wait before trying again (Retry-After), e.g. a locked sign-in. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The session's CSRF token, sent with every write as X-CSRF-Token (set at sign-in and by GET /api/auth/me). */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => void (csrfToken = token);

/** Told of every 401: the session ended or expired (auth/session.ts returns to the sign-in page). */
let onUnauthenticated: () => void = () => undefined;
export const whenUnauthenticated = (listener: () => void): void => void (onUnauthenticated = listener);

/** `signal` aborts the request (a row's detail no longer on screen), which then rejects with code `aborted`. */
export async function request<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
  return (await requestWithHeaders<T>(method, path, body, headers, signal)).body;
}

/** As `request`, with the answer's headers too (a page's X-Next-Cursor). */
export async function requestWithHeaders<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<{ body: T; headers: Headers }> {
  // The server takes writes only as JSON (a cross-site form cannot send that), so a write without a body sends {}.
  const json = method === 'GET' ? undefined : JSON.stringify(body ?? {});
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: json === undefined ? headers : { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
      body: json,
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw new ApiError(0, 'aborted', 'the request was no longer needed');
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  const payload: unknown = text ? safeJson(text) : undefined;
  if (res.status === 401) onUnauthenticated();
  if (!res.ok) {
    const error = (payload as { error?: { code?: string; message?: string; problems?: Problem[] } } | undefined)?.error;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? res.statusText, error?.problems ?? [], retryAfter > 0 ? retryAfter : undefined);
  }
  return { body: payload as T, headers: res.headers };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Path segment for a key or id that came from data, never trusted to be URL-safe. */
export const seg = (value: string | number): string => encodeURIComponent(String(value));
