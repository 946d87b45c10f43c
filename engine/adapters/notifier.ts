/** Delivers a stored notice (SMS, WeCom, app message...). The outbox dispatcher calls it at least once per notice. */
import type { Recipient } from '../notices/notice.entity';

export interface OutboundNotice {
  id: string;
  caseId: string;
  channel: string;
  recipient: Recipient;
  template: string;
  params: Record<string, unknown>;
}

export interface Notifier {
  readonly kind: string;
  /** Resolves once the notice is handed over; throws to have the dispatcher try again later. */
  deliver(notice: OutboundNotice): Promise<void>;
}
