import { EntitySchema } from 'typeorm';
import type { LocalizedText } from '../../workflows/definition/schema';

/** What kind of versioned document: both share drafts, immutable versions, hashes and diffs. */
export type DocumentKind = 'process' | 'ruleset';

export interface DocumentRow {
  kind: DocumentKind;
  key: string;
  name: LocalizedText;
  draft: object | null;
  draftAuthor: string | null;
  draftUpdatedAt: Date | null;
  latestVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentVersionRow {
  kind: DocumentKind;
  key: string;
  version: number;
  content: object;
  hash: string;
  author: string;
  comment: string;
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
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
