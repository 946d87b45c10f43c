/**
 * What a kind of versioned document (a process, a rule set, a task form) brings to the one
 * lifecycle in document.service.ts: how to check a content, what a draft may hold, where its
 * key and name are, and how two of its versions differ. Everything else is the same for all.
 */
import type { ApiErrorCode, Problem } from '../../language';
import type { DocumentKindId, DocumentRow } from './document.entity';

/** A kind's verdict on a candidate content. */
export interface KindCheck {
  problems: Problem[];
  /** The content is not a document of this kind at all (wrong shape, too large): never stored, not even as a draft. */
  structural: boolean;
}

export interface DocumentKind<T, D> {
  /** The kind's name in storage and in the audit log. */
  id: DocumentKindId;
  /** The kind in messages: "process", "rule set". */
  label: string;
  /** The code of the 422 that refuses a content (`invalid_definition`, `invalid_ruleset`). */
  invalidCode: ApiErrorCode;
  /** Where a request carries the key, for the problem when it differs from the document's key. */
  keyPath: string;
  check(content: unknown): KindCheck;
  /**
   * What only other documents can tell, asked of a content with no structural problem after
   * `check`: a process's task naming a form that is not published, or a field the form lacks.
   * Its problems count as the check's (a draft may hold them if the kind allows; a version never).
   */
  references?(content: T): Promise<Problem[]>;
  /** Processes: a draft with graph problems is saved and its problems answered. Rule sets: refused. */
  draftMayHoldProblems: boolean;
  keyOf(content: T): string;
  nameOf(content: T): DocumentRow['name'];
  /** What may go wrong when it runs, never a reason to refuse it; only asked of a content with no structural problem. */
  warnings?(content: T): Problem[];
  diff(before: T, after: T): D;
  /** Whether a version may be published to take effect later (activation.ts): rule sets, which decide as of now; not processes, which cases pin. */
  schedulable: boolean;
  /** The content's own tests (a rule set's), run on every draft save and on publish, where a failing one refuses it unless acknowledged. */
  test?(content: T): Promise<KindTests>;
}

/** What a kind's own tests found: the report a save answers, and a problem for each failing test. */
export interface KindTests {
  report: unknown;
  failing: Problem[];
}
