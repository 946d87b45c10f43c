/**
 * One lifecycle for every kind of versioned document: create, save a draft, publish, read, diff
 * and seed. Every write passes the same steps in this order: the storage check (text and numbers
 * PostgreSQL cannot keep, which a seed file or any caller but the HTTP API brings past the input
 * gate), the kind's check, then the store (versions, hashes, audit row, draft revision, lock).
 */
import { firstUnstorable } from '../db/unstorable';
import type { Problem } from '../../language';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { versionStates } from './activation';
import { contentHash } from './canonical-hash';
import type { DocumentKind } from './document-kind';
import { versionView, type DocumentStore } from './document.store';

/** What the checks find in a content: its problems (structural: not a document of the kind at all) and its warnings. */
export interface Inspection {
  problems: Problem[];
  structural: boolean;
  warnings: Problem[];
}

/** A content that may be stored, with what the kind found in it. */
interface Admitted<T> {
  content: T;
  problems: Problem[];
  warnings: Problem[];
}

/** What a publish asks besides the draft. */
export interface PublishRequest {
  comment: string;
  /** Written by whoever publishes although some of the document's own tests fail; it goes to the audit log. */
  acknowledgement?: string;
  /** A scheduled activation (schedulable kinds only): the version takes effect then, not on publish. */
  effectiveAt?: Date;
}

export class DocumentService<T, D> {
  constructor(
    private readonly store: DocumentStore<T>,
    readonly kind: DocumentKind<T, D>,
  ) {}

  /** The storage check, then the kind's and its references; warnings only for a content of the kind. Writes nothing. */
  async inspect(content: unknown, checkedReferences?: Problem[]): Promise<Inspection> {
    const unstorable = firstUnstorable(content, '');
    if (unstorable) return { problems: [unstorable], structural: true, warnings: [] };
    const { problems, structural } = this.kind.check(content);
    if (structural) return { problems, structural, warnings: [] };
    const references = checkedReferences ?? (await this.kind.references?.(content as T)) ?? [];
    return { problems: [...problems, ...references], structural, warnings: this.kind.warnings?.(content as T) ?? [] };
  }

  /**
   * The content, when it may be stored under `key` (any key when undefined) as a draft, or as a
   * published version when `version`; otherwise the kind's 422 naming every problem, and nothing
   * is written. `what` names the content in that answer's message.
   */
  private async admit(content: unknown, key: string | undefined, version: boolean, what = `the ${this.kind.label}`, checkedReferences?: Problem[]): Promise<Admitted<T>> {
    const { problems, structural, warnings } = await this.inspect(content, checkedReferences);
    if (structural || (problems.length > 0 && (version || !this.kind.draftMayHoldProblems))) {
      throw new ValidationError(this.kind.invalidCode, `${what} has ${problems.length} problem(s)`, problems);
    }
    const own = this.kind.keyOf(content as T);
    if (key !== undefined && own !== key) {
      throw new ValidationError(this.kind.invalidCode, `the ${this.kind.label} key must be the key it is saved under`, [
        { path: this.kind.keyPath, code: 'key_mismatch', message: `'${own}' differs from '${key}'` },
      ]);
    }
    return { content: content as T, problems, warnings };
  }

  /**
   * The references of the draft as it stands (a process's forms: other documents), read before a
   * publish takes the row lock. On the embedded database the publish transaction holds the one
   * session, so a read from the pool inside it would wait for the transaction itself. The draft
   * found under the lock reuses them when it is this draft (same hash), and reads its own if not.
   */
  private async draftReferences(key: string): Promise<{ hash: string; problems: Problem[] } | undefined> {
    if (!this.kind.references) return undefined;
    const { draft } = await this.store.get(key);
    if (draft === null || firstUnstorable(draft, '') || this.kind.check(draft).structural) return undefined;
    return { hash: contentHash(draft), problems: await this.kind.references(draft as T) };
  }

  list() {
    return this.store.list();
  }

  /** Creates the document with `content` as its first draft; `key`, when the request names one, must be the content's. */
  async create(content: unknown, actor: string, key?: string) {
    const admitted = await this.admit(content, key, false);
    const row = await this.store.create(this.kind.keyOf(admitted.content), this.kind.nameOf(admitted.content), admitted.content, actor);
    return { key: row.key, name: row.name, draftRevision: row.draftRevision, problems: admitted.problems, warnings: admitted.warnings, ...(await this.tested(admitted)) };
  }

  /** The report of the content's own tests, for a save's answer; nothing for a kind without tests or a draft with problems. */
  private async tested(admitted: Admitted<T>): Promise<{ tests?: unknown }> {
    if (!this.kind.test || admitted.problems.length > 0) return {};
    return { tests: (await this.kind.test(admitted.content)).report };
  }

  /** Saves the draft; with `ifMatch`, only if the draft is still at that revision (else 412). */
  async saveDraft(key: string, content: unknown, actor: string, ifMatch?: number) {
    await this.store.get(key);
    const admitted = await this.admit(content, key, false);
    const row = await this.store.saveDraft(key, admitted.content, this.kind.nameOf(admitted.content), actor, ifMatch);
    return { key: row.key, updatedAt: row.draftUpdatedAt, draftRevision: row.draftRevision, problems: admitted.problems, warnings: admitted.warnings, ...(await this.tested(admitted)) };
  }

  /**
   * Publishes the draft as the next version; it is checked again, under the row lock, against
   * today's checks, and its own tests run: a failing one refuses the publish (422 rule_tests_failed
   * naming each) unless the request acknowledges it, and then the acknowledgement and the failing
   * tests go into the publish's audit row.
   */
  async publish(key: string, request: PublishRequest, actor: string, ifMatch?: number) {
    if (request.effectiveAt && !this.kind.schedulable) {
      throw new ValidationError(this.kind.invalidCode, `a ${this.kind.label} takes effect when published`, [{ path: 'effectiveAt', code: 'not_schedulable', message: 'cannot be scheduled' }]);
    }
    // Until a scheduled first version took effect, decisions would find no rules at all.
    if (request.effectiveAt && (await this.store.get(key)).latestVersion === null) {
      throw new ValidationError(this.kind.invalidCode, `the first version of a ${this.kind.label} takes effect when published`, [
        { path: 'effectiveAt', code: 'first_version_scheduled', message: 'cannot be given for the first version' },
      ]);
    }
    let warnings: Problem[] = [];
    let failingTests: string[] = [];
    const checked = await this.draftReferences(key);
    const published = await this.store.publishDraft(
      key,
      request.comment,
      actor,
      async (draft) => {
        const admitted = await this.admit(draft, key, true, `the draft of '${key}'`, checked && checked.hash === contentHash(draft) ? checked.problems : undefined);
        warnings = admitted.warnings;
        const failing = (await this.kind.test?.(admitted.content))?.failing ?? [];
        if (failing.length > 0 && !request.acknowledgement) {
          throw new ValidationError('rule_tests_failed', `${failing.length} test(s) of '${key}' fail; publish with a written acknowledgement to publish anyway`, failing);
        }
        failingTests = failing.map((p) => p.message);
        return admitted.content;
      },
      ifMatch,
      {
        effectiveAt: request.effectiveAt,
        auditDetail: () => (request.acknowledgement ? { acknowledgement: request.acknowledgement, failingTests } : {}),
      },
    );
    return { ...published, warnings };
  }

  /** The document: its draft (with the revision a save must name in If-Match), its latest version and all versions. */
  async get(key: string) {
    const doc = await this.store.get(key);
    const latest = doc.latestVersion === null ? null : await this.store.version(key, doc.latestVersion);
    return {
      key: doc.key,
      name: doc.name,
      latestVersion: doc.latestVersion,
      draftRevision: doc.draftRevision,
      published: latest && { version: latest.version, definition: latest.content, hash: latest.hash },
      draft: doc.draft ? { definition: doc.draft as T, author: doc.draftAuthor, updatedAt: doc.draftUpdatedAt } : null,
      versions: await this.versions(key),
    };
  }

  /** Newest first; for a schedulable kind each says whether it is in effect, scheduled or superseded. */
  async versions(key: string) {
    const versions = await this.store.versions(key);
    return this.kind.schedulable ? versionStates(versions, new Date()) : versions;
  }

  /** A published version with its content; the latest when `version` is absent. */
  async version(key: string, version?: number) {
    return versionView(await this.store.version(key, version));
  }

  /** What changed from version `from` to version `to`, or to the draft. */
  async diff(key: string, from: number, to: number | 'draft'): Promise<D> {
    const before = (await this.store.version(key, from)).content;
    return this.kind.diff(before, to === 'draft' ? await this.draft(key) : (await this.store.version(key, to)).content);
  }

  private async draft(key: string): Promise<T> {
    const doc = await this.store.get(key);
    if (!doc.draft) throw new NotFoundError(`draft of ${this.kind.label}`, key);
    return doc.draft as T;
  }

  /**
   * Creates and publishes a built-in, unless a document with its key exists (administrators may
   * have changed it since). Answers whether it did; a built-in that fails a check (as a published
   * version must pass them all) is the kind's 422, and nothing is written.
   */
  async seed(content: unknown, comment: string, actor: string): Promise<boolean> {
    const { content: doc } = await this.admit(content, undefined, true);
    const key = this.kind.keyOf(doc);
    if (await this.store.find(key)) return false;
    try {
      await this.store.create(key, this.kind.nameOf(doc), doc, actor);
    } catch (err) {
      // Another API process seeding at the same moment got there first.
      if (err instanceof ConflictError) return false;
      throw err;
    }
    await this.publish(key, { comment }, actor);
    return true;
  }
}
