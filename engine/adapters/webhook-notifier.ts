import type { Notifier, OutboundNotice } from './notifier';

const TIMEOUT_MS = 10_000;

/**
 * Posts each notice as JSON to NOTIFIER_WEBHOOK_URL (a gateway to SMS or WeCom).
 * Delivery is at least once, so the notice id goes in an Idempotency-Key header
 * for the receiver to drop repeats.
 */
export class WebhookNotifier implements Notifier {
  readonly kind = 'webhook';

  constructor(private readonly url: string) {}

  async deliver(notice: OutboundNotice): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': notice.id },
      body: JSON.stringify(notice),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The body may echo personal data: only the status goes into the error.
    if (!res.ok) throw new Error(`notifier webhook answered ${res.status}`);
  }
}
