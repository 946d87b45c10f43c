/**
 * The one door personal data leaves the API through. Without `pii.read` an answer carries
 * masks; with it, the answer is in clear and the read is written to the audit trail (who, which
 * case, when), once per case per request. An answer holding nothing classified is neither
 * masked nor audited.
 */
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import type { Masked } from './mask';

/** The part of a principal the gate reads. */
export type PiiReader = Pick<Principal, 'username' | 'permissions'>;

/** One request's gate: masks for a reader without pii.read, clear answers audited for one with it. */
export class PiiGate {
  private readonly audited = new Set<string>();

  constructor(
    private readonly db: DataSource,
    private readonly reader: PiiReader,
  ) {}

  /** Whether this reader sees personal data in clear. */
  get clear(): boolean {
    return this.reader.permissions.has('pii.read');
  }

  /**
   * `value` as this reader may see it: `mask` gives the masked copy and whether there was
   * personal data at all; `what` says in the audit row what was read (variables, decisions, task).
   */
  async pass<T>(caseId: string, what: string, value: T, mask: (v: T) => Masked<T>): Promise<T> {
    const masked = mask(value);
    if (!masked.found) return value;
    if (!this.clear) return masked.value;
    if (!this.audited.has(caseId)) {
      this.audited.add(caseId);
      await appendAudit(this.db, { actor: this.reader.username, action: 'pii_read', kind: 'case', key: caseId, detail: { read: what } });
    }
    return value;
  }
}
