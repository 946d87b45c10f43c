/**
 * A document open in the editor, apart from React: what it opens with (the draft, else the
 * latest published version, else an empty document), and the draft revision its edits are
 * based on. Every save and publish names that revision in If-Match, so a draft someone else
 * saved meanwhile is never overwritten unseen: the server answers 412 `stale_draft` instead.
 */
import type { Problem } from '../../../language';
import { ApiError } from '../api/client';
import type { DocumentApi, DocumentDetail, Published, PublishRequest, SavedDraft } from '../api/documents';
import type { Notice } from '../components/NoticeText';

/** What a kind of document brings to the editor: where its content lives while it is edited. */
export interface DocumentAdapter<T> {
  api: DocumentApi<T>;
  /** Puts a content into the editor (the process editor lays it out first). */
  load(content: T): Promise<void> | void;
  /** The content as edited now. */
  current(): T;
  /** What is shown is now what the server holds. */
  markSaved(): void;
  /** The content of a document with neither a draft nor a published version. */
  empty(key: string, name: DocumentDetail<T>['name']): T;
  /** Problems the server gave for a refused write, shown where the kind shows problems. */
  showProblems?(problems: Problem[]): void;
}

export class DocumentSession<T> {
  /** The draft revision what is edited is based on: the loaded one, then each save's and publish's. */
  private revision = 0;

  constructor(
    readonly key: string,
    private readonly adapter: DocumentAdapter<T>,
  ) {}

  /** Loads the document into the editor, unless `wanted` says by then that it is no longer wanted; answers its detail. */
  async load(wanted: () => boolean = () => true): Promise<DocumentDetail<T> | null> {
    const detail = await this.adapter.api.get(this.key);
    if (!wanted()) return null;
    this.revision = detail.draftRevision;
    await this.adapter.load(detail.draft?.definition ?? detail.published?.definition ?? this.adapter.empty(this.key, detail.name));
    return detail;
  }

  /** The detail again, for its versions: what is edited stays based on the revision it was. */
  refresh(): Promise<DocumentDetail<T>> {
    return this.adapter.api.get(this.key);
  }

  async save(): Promise<SavedDraft> {
    const saved = await this.adapter.api.saveDraft(this.key, this.adapter.current(), this.revision);
    this.revision = saved.draftRevision;
    this.adapter.markSaved();
    return saved;
  }

  /** Saves what is edited, then publishes exactly that draft. */
  async publish(request: PublishRequest): Promise<Published> {
    await this.save();
    const published = await this.adapter.api.publish(this.key, request, this.revision);
    this.revision = published.draftRevision;
    return published;
  }
}

/** What a failed write says in the command bar: a stale draft offers `reload`. */
export function failureNotice(err: unknown, reload: () => void): Notice {
  if (err instanceof ApiError && err.code === 'stale_draft') return { kind: 'stale', error: err, reload };
  return { kind: 'error', error: err, problems: err instanceof ApiError ? err.problems : [] };
}
