/**
 * Drafts and immutable published versions of a kind of document (process, rule set
 * or form). Every write records who made it in the audit log, in the same transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/append';
import { isUniqueViolation } from '../db/pg-errors';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors';
import type { LocalizedText } from '../../language';
import { versionInEffect } from './activation';
import { contentHash } from './canonical-hash';
import { DocumentEntity, DocumentVersionEntity, type DocumentKindId, type DocumentRow, type DocumentVersionRow } from './document.entity';

/** Each kind in the store's messages (its 404s and 409s). */
const KIND_LABELS: Record<DocumentKindId, string> = { process: 'process', ruleset: 'rule set', form: 'form' };

/** How long a save or publish waits for another one on the same document before answering 409. */
const LOCK_TIMEOUT = '3s';

export interface DocumentSummary {
  key: string;
  name: LocalizedText;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: Date;
}

export type VersionInfo = Omit<DocumentVersionRow, 'content' | 'kind'>;

/** A version's metadata as the API shows it. */
function infoOf(v: VersionInfo): VersionInfo {
  return { key: v.key, version: v.version, hash: v.hash, author: v.author, comment: v.comment, effectiveAt: v.effectiveAt, createdAt: v.createdAt };
}

/** A published version as the API shows it: its metadata and its definition. */
export function versionView<T>(v: DocumentVersionRow & { content: T }) {
  return { ...infoOf(v), definition: v.content };
}

/** What a publish brings besides the draft. */
export interface PublishOptions {
  /** A scheduled activation: the version decides from then on, the one in effect until then. */
  effectiveAt?: Date;
  /** More for the publish's audit row, read after the check (which may have found it). */
  auditDetail?: () => Record<string, unknown>;
}


export class DocumentStore<T> {
  constructor(
    private readonly ds: DataSource,
    readonly kind: DocumentKindId,
  ) {}

  private label(): string {
    return KIND_LABELS[this.kind];
  }

  /** In the write's transaction, as its last step (the audit chain's lock is held to the commit). */
  private audit(m: EntityManager, actor: string, action: string, key: string, detail: Record<string, unknown>) {
    return appendAudit(m, { actor, action, kind: this.kind, key, detail });
  }

  async list(): Promise<DocumentSummary[]> {
    const rows = await this.ds.getRepository(DocumentEntity).find({ where: { kind: this.kind }, order: { key: 'ASC' } });
    return rows.map((r) => ({ key: r.key, name: r.name, latestVersion: r.latestVersion, hasDraft: r.draft !== null, updatedAt: r.updatedAt }));
  }

  async find(key: string): Promise<DocumentRow | null> {
    return this.ds.getRepository(DocumentEntity).findOneBy({ kind: this.kind, key });
  }

  async get(key: string): Promise<DocumentRow> {
    const row = await this.find(key);
    if (!row) throw new NotFoundError(this.label(), key);
    return row;
  }

  async create(key: string, name: LocalizedText, draft: T, actor: string): Promise<DocumentRow> {
    const exists = () => new ConflictError('already_exists', `${this.label()} '${key}' already exists`);
    try {
      return await this.ds.transaction(async (m) => {
        const repo = m.getRepository(DocumentEntity);
        if (await repo.findOneBy({ kind: this.kind, key })) throw exists();
        await repo.insert({ kind: this.kind, key, name, draft: draft as object, draftAuthor: actor, draftUpdatedAt: new Date(), latestVersion: null });
        await this.audit(m, actor, 'create', key, { before: null, after: contentHash(draft) });
        return (await repo.findOneBy({ kind: this.kind, key }))!;
      });
    } catch (err) {
      // Two creates racing past the check: the primary key decides, and the loser gets a 409.
      if (isUniqueViolation(err)) throw exists();
      throw err;
    }
  }

  /** Locks the document's row for this transaction, waiting a bounded time (a 409 with Retry-After beyond it). */
  private async lockRow(m: EntityManager, key: string, ifMatch: number | undefined): Promise<DocumentRow> {
    await m.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const row = await m.getRepository(DocumentEntity).findOne({ where: { kind: this.kind, key }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundError(this.label(), key);
    if (ifMatch !== undefined && row.draftRevision !== ifMatch) {
      throw new PreconditionFailedError('stale_draft', `the ${this.label()} '${key}' changed since revision ${ifMatch}: it is at revision ${row.draftRevision} (by ${row.draftAuthor ?? 'a publish'}); reload it and apply your change again`);
    }
    return row;
  }

  async saveDraft(key: string, draft: T, name: LocalizedText, actor: string, ifMatch?: number): Promise<DocumentRow> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(DocumentEntity);
      const row = await this.lockRow(m, key, ifMatch);
      await repo.update({ kind: this.kind, key }, { draft: draft as object, name, draftAuthor: actor, draftUpdatedAt: new Date(), draftRevision: row.draftRevision + 1 });
      await this.audit(m, actor, 'save_draft', key, { before: row.draft === null ? null : contentHash(row.draft), after: contentHash(draft) });
      return (await repo.findOneBy({ kind: this.kind, key }))!;
    });
  }

  /**
   * Publishes the current draft as the next version. The draft is read and checked
   * under the row lock, so a draft saved meanwhile is never published unchecked
   * or lost; `check` throws to refuse it (nothing is written then). Answers the version and the
   * draft's revision after it, which a save based on the published content names in If-Match.
   */
  async publishDraft(
    key: string,
    comment: string,
    actor: string,
    check: (draft: unknown) => T | Promise<T>,
    ifMatch?: number,
    options: PublishOptions = {},
  ): Promise<VersionInfo & { draftRevision: number }> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(DocumentEntity);
      // The row lock also serialises concurrent publishes of one key, so version numbers never collide.
      const row = await this.lockRow(m, key, ifMatch);
      if (row.draft === null) throw new ConflictError('no_draft', `${this.label()} '${key}' has no draft to publish`);
      const content = await check(row.draft);
      const version = (row.latestVersion ?? 0) + 1;
      const hash = contentHash(content);
      const effectiveAt = options.effectiveAt ?? null;
      await m.getRepository(DocumentVersionEntity).insert({ kind: this.kind, key, version, content: content as object, hash, author: actor, comment, effectiveAt });
      const draftRevision = row.draftRevision + 1;
      await repo.update({ kind: this.kind, key }, { latestVersion: version, draft: null, draftAuthor: null, draftUpdatedAt: null, draftRevision });
      await this.audit(m, actor, 'publish', key, { version, hash, comment, ...(effectiveAt ? { effectiveAt: effectiveAt.toISOString() } : {}), ...options.auditDetail?.() });
      const saved = await m.getRepository(DocumentVersionEntity).findOneByOrFail({ kind: this.kind, key, version });
      return { ...infoOf(saved), draftRevision };
    });
  }

  async versions(key: string): Promise<VersionInfo[]> {
    await this.get(key);
    const rows = await this.ds.getRepository(DocumentVersionEntity).find({
      where: { kind: this.kind, key },
      order: { version: 'DESC' },
      select: { key: true, version: true, hash: true, author: true, comment: true, effectiveAt: true, createdAt: true },
    });
    return rows.map(infoOf);
  }

  /** The version in effect at `at` (activation.ts says which); a 404 when none is yet. */
  async inEffect(key: string, at: Date): Promise<DocumentVersionRow & { content: T }> {
    // Two reads on a decision's path: the versions' times (no content), then the one in effect.
    const repo = this.ds.getRepository(DocumentVersionEntity);
    const times = await repo.find({ where: { kind: this.kind, key }, select: { version: true, effectiveAt: true, createdAt: true } });
    const version = versionInEffect(times, at);
    if (version === null) {
      await this.get(key);
      throw new NotFoundError(`version in effect of ${this.label()}`, key);
    }
    return (await repo.findOneByOrFail({ kind: this.kind, key, version })) as DocumentVersionRow & { content: T };
  }

  /** A published version; the latest when `version` is absent. */
  async version(key: string, version?: number): Promise<DocumentVersionRow & { content: T }> {
    const doc = await this.get(key);
    const wanted = version ?? doc.latestVersion;
    if (wanted === null || wanted === undefined) throw new NotFoundError(`published version of ${this.label()}`, key);
    const row = await this.ds.getRepository(DocumentVersionEntity).findOneBy({ kind: this.kind, key, version: wanted });
    if (!row) throw new NotFoundError(`version of ${this.label()} ${key}`, wanted);
    return row as DocumentVersionRow & { content: T };
  }
}
