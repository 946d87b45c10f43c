/**
 * Why a bulk action acts on a case, skips it or failed on it, in the UI language: worded from the
 * reason's code (`bulkReason.<code>`, language/bulk-reasons.ts) and its values; a refusal of the
 * services as the single-case route's refusal is worded (`apiError.<code>`). The server's English
 * words are shown only for an item settled before reasons had codes.
 */
import type { TFunction } from 'i18next';
import type { BulkReason } from '../api/bulk';

export function bulkReasonText(r: BulkReason, t: TFunction): string {
  const english = r.reason ?? '';
  if (!r.reasonCode) return english;
  const params = r.reasonParams ?? {};
  if (r.reasonCode === 'refused') return t('bulkReason.refused', { why: t(`apiError.${params.apiCode}`, { defaultValue: english }) });
  return t(`bulkReason.${r.reasonCode}`, { ...params, defaultValue: english });
}
