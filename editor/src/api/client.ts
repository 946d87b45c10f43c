/** JSON over HTTP to the engine's API, with its error shape turned into an ApiError. */

/** One problem the validator found, shaped like the server's `problems` entries. */
export interface Problem {
  path: string;
  nodeId?: string;
  edgeId?: string;
  code: string;
  message: string;
}

/** An API error with the stable code the server sent (or `network` / `http_<status>` when it sent none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  const payload: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (payload as { error?: { code?: string; message?: string; problems?: Problem[] } } | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? res.statusText, error?.problems ?? []);
  }
  return payload as T;
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
