/**
 * What a handler returns when the answer needs more than a JSON body with the
 * route's status: another status (health's 503) or headers (a draft's ETag).
 */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly status?: number,
    readonly headers: Record<string, string> = {},
  ) {}
}
