/** A bulk job's report as CSV (RFC 4180), one line per case, safe to open in a spreadsheet. */
import type { ItemRow } from './bulk-job.store';

/** Quotes a field when it must be; a leading =, +, - or @ is defused, so a spreadsheet shows a reason rather than runs it as a formula. */
function field(value: string): string {
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report is English, for every reader: the reason's words, not its code. */
export function reportCsv(items: readonly Pick<ItemRow, 'seq' | 'caseId' | 'status' | 'reason' | 'updatedAt'>[]): string {
  const lines = [['seq', 'caseId', 'status', 'reason', 'updatedAt'].join(',')];
  for (const i of items) lines.push([String(i.seq), i.caseId, i.status, i.reason ?? '', i.updatedAt ? new Date(i.updatedAt).toISOString() : ''].map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
