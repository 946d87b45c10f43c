import { EntitySchema } from 'typeorm';
import type { LocalizedText } from '../../language';

/** Which kind of versioned document a row holds (document-kind.ts says what each kind brings). */
export type DocumentKindId = 'process' | 'ruleset' | 'form';

export interface DocumentRow {
  kind: DocumentKindId;
  key: string;
  name: LocalizedText;
  draft: object | null;
  draftAuthor: string | null;
  draftUpdatedAt: Date | null;
  /** Counts saves and publishes: the draft's ETag, so a save based on an older draft is refused. */
  draftRevision: number;
  latestVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentVersionRow {
  kind: DocumentKindId;
  key: string;
  version: number;
  content: object;
  hash: string;
  author: string;
  comment: string;
  /** When the version takes effect if not on publish (a scheduled activation; rule sets only). */
  effectiveAt: Date | null;
  createdAt: Date;
}

export const DocumentEntity = new EntitySchema<DocumentRow>({
  name: 'Document',
  tableName: 'documents',
  columns: {
    kind: { type: 'text', primary: true },
    key: { type: 'text', primary: true },
    name: { type: 'jsonb' },
    draft: { type: 'jsonb', nullable: true },
    draftAuthor: { type: 'text', name: 'draft_author', nullable: true },
    draftUpdatedAt: { type: 'timestamptz', name: 'draft_updated_at', nullable: true },
    draftRevision: { type: 'integer', name: 'draft_revision', default: 0 },
    latestVersion: { type: 'integer', name: 'latest_version', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
});

export const DocumentVersionEntity = new EntitySchema<DocumentVersionRow>({
  name: 'DocumentVersion',
  tableName: 'document_versions',
  columns: {
    kind: { type: 'text', primary: true },
    key: { type: 'text', primary: true },
    version: { type: 'integer', primary: true },
    content: { type: 'jsonb' },
    hash: { type: 'text' },
    author: { type: 'text' },
    comment: { type: 'text' },
    effectiveAt: { type: 'timestamptz', name: 'effective_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
