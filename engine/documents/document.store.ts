/**
 * Drafts and immutable published versions of a kind of document (process or rule
 * set). Every write records who made it in the audit log, in the same transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEntity } from '../audit/audit.entity';
import { ConflictError, NotFoundError, UserError } from '../errors';
import type { LocalizedText } from '../../workflows/definition/schema';
import { contentHash } from './canonical-hash';
import { DocumentEntity, DocumentVersionEntity, type DocumentKind, type DocumentRow, type DocumentVersionRow } from './document.entity';

const UNIQUE_VIOLATION = '23505';

export interface DocumentSummary {
  key: string;
  name: LocalizedText;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: Date;
}

export type VersionInfo = Omit<DocumentVersionRow, 'content' | 'kind'>;

/** A published version as the API shows it: its metadata and its definition. */
export function versionView<T>(v: DocumentVersionRow & { content: T }) {
  return { key: v.key, version: v.version, hash: v.hash, author: v.author, comment: v.comment, createdAt: v.createdAt, definition: v.content };
}

export class DocumentStore<T> {
  constructor(
    private readonly ds: DataSource,
    readonly kind: DocumentKind,
  ) {}

  private label(): string {
    return this.kind === 'process' ? 'process' : 'rule set';
  }

  private audit(m: EntityManager, actor: string, action: string, key: string, detail: Record<string, unknown>) {
    return m.getRepository(AuditEntity).insert({ actor, action, kind: this.kind, key, detail });
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
        await this.audit(m, actor, 'create', key, { hash: contentHash(draft) });
        return (await repo.findOneBy({ kind: this.kind, key }))!;
      });
    } catch (err) {
      // Two creates racing past the check: the primary key decides, and the loser gets a 409.
      if ((err as { code?: string }).code === UNIQUE_VIOLATION || (err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) throw exists();
      throw err;
    }
  }

  async saveDraft(key: string, draft: T, name: LocalizedText, actor: string): Promise<DocumentRow> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(DocumentEntity);
      const row = await repo.findOne({ where: { kind: this.kind, key }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError(this.label(), key);
      await repo.update({ kind: this.kind, key }, { draft: draft as object, name, draftAuthor: actor, draftUpdatedAt: new Date() });
      await this.audit(m, actor, 'save_draft', key, { hash: contentHash(draft) });
      return (await repo.findOneBy({ kind: this.kind, key }))!;
    });
  }

  /**
   * Publishes the current draft as the next version. The draft is read and checked
   * under the row lock, so a draft saved meanwhile is never published unchecked
   * or lost; `check` throws to refuse it (nothing is written then).
   */
  async publishDraft(key: string, comment: string, actor: string, check: (draft: unknown) => T): Promise<VersionInfo> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(DocumentEntity);
      // The row lock also serialises concurrent publishes of one key, so version numbers never collide.
      const row = await repo.findOne({ where: { kind: this.kind, key }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError(this.label(), key);
      if (row.draft === null) throw new UserError(409, 'no_draft', `${this.label()} '${key}' has no draft to publish`);
      const content = check(row.draft);
      const version = (row.latestVersion ?? 0) + 1;
      const hash = contentHash(content);
      await m.getRepository(DocumentVersionEntity).insert({ kind: this.kind, key, version, content: content as object, hash, author: actor, comment });
      await repo.update({ kind: this.kind, key }, { latestVersion: version, draft: null, draftAuthor: null, draftUpdatedAt: null });
      await this.audit(m, actor, 'publish', key, { version, hash, comment });
      const saved = await m.getRepository(DocumentVersionEntity).findOneByOrFail({ kind: this.kind, key, version });
      return { key, version, hash, author: saved.author, comment: saved.comment, createdAt: saved.createdAt };
    });
  }

  async versions(key: string): Promise<VersionInfo[]> {
    await this.get(key);
    const rows = await this.ds.getRepository(DocumentVersionEntity).find({
      where: { kind: this.kind, key },
      order: { version: 'DESC' },
      select: { key: true, version: true, hash: true, author: true, comment: true, createdAt: true },
    });
    return rows.map(({ key: k, version, hash, author, comment, createdAt }) => ({ key: k, version, hash, author, comment, createdAt }));
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
