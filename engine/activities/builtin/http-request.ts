import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { defineActivity } from '../define';
import { fieldText } from '../field-text';

/** Larger answers are refused: a case's variables are kept in every workflow history event that carries them. */
const MAX_RESPONSE_CHARS = 256 * 1024;

/** An entry of HTTP_ALLOWED_HOSTS is a host name (any port) or host:port. */
function hostAllowed(url: URL, allowed: readonly string[]): boolean {
  return allowed.includes(url.hostname) || allowed.includes(url.host);
}

/**
 * Calls a configured external system (a lab's API, the provincial platform...).
 * Only hosts listed in HTTP_ALLOWED_HOSTS can be reached, so a process definition
 * cannot be used to probe the internal network; redirects are not followed, as
 * they could lead elsewhere. 5xx and 429 answers are retried; others are returned.
 */
export const httpRequestActivity = defineActivity({
  name: 'httpRequest',
  title: { zh: '调用外部系统（HTTP）', en: 'Call an external system (HTTP)' },
  description: {
    zh: '向已配置的外部系统发送 HTTP 请求，仅允许 HTTP_ALLOWED_HOSTS 中的主机',
    en: 'Sends an HTTP request to a configured external system; only hosts in HTTP_ALLOWED_HOSTS are allowed',
  },
  category: 'integration',
  input: z.object({
    url: z.url({ protocol: /^https?$/ }).meta(fieldText({ zh: '地址', en: 'Address' }, { zh: '请求地址，主机须在 HTTP_ALLOWED_HOSTS 允许列表中', en: 'Address; its host must be in HTTP_ALLOWED_HOSTS' })),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET').meta(fieldText({ zh: '方法', en: 'Method' })),
    headers: z.record(z.string(), z.string()).default({}).meta(fieldText({ zh: '请求头', en: 'Headers' })),
    body: z.unknown().optional().meta(fieldText({ zh: '请求体', en: 'Body' }, { zh: '非文字时以 JSON 发送', en: 'Sent as JSON unless it is a string' })),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000).meta(fieldText({ zh: '超时（毫秒）', en: 'Timeout (ms)' })),
  }),
  output: z.object({ status: z.number().int(), ok: z.boolean(), body: z.unknown() }),
  timeout: 'PT70S',
  retry: { maxAttempts: 5, initialInterval: 'PT2S', backoff: 2 },
  async handler(input, ctx) {
    const url = new URL(input.url);
    if (!hostAllowed(url, ctx.config.httpAllowedHosts)) {
      throw ApplicationFailure.nonRetryable(`host '${url.host}' is not in HTTP_ALLOWED_HOSTS`, 'HostNotAllowed');
    }
    const raw = input.body;
    const json = raw !== undefined && typeof raw !== 'string';
    const body = raw === undefined || typeof raw === 'string' ? raw : JSON.stringify(raw);
    const res = await fetch(url, {
      method: input.method,
      // The receiver can drop a repeat sent by a retried attempt.
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), 'idempotency-key': ctx.idempotencyKey, ...input.headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    // Log the host and status only: paths and bodies may carry personal data.
    ctx.log.info({ host: url.host, status: res.status }, 'http request answered');
    if (res.status >= 500 || res.status === 429) throw ApplicationFailure.retryable(`${url.host} answered ${res.status}`, 'HttpUnavailable');
    const text = await res.text();
    if (text.length > MAX_RESPONSE_CHARS) throw ApplicationFailure.nonRetryable(`${url.host} answered more than ${MAX_RESPONSE_CHARS} characters`, 'HttpResponseTooLarge');
    let answer: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        answer = JSON.parse(text);
      } catch {
        // A server that labels text as JSON: hand the text over as it is.
      }
    }
    return { status: res.status, ok: res.ok, body: answer };
  },
});
