/**
 * The endpoints every kind of document has (processes, rule sets): read it, save its draft and
 * publish, both with If-Match naming the draft revision the edit is based on, and its versions.
 */
import type { Problem } from '../../../language';
import { request, seg } from './client';

/** A document in a list: its latest version and whether a draft is waiting. */
export interface DocumentSummary {
  key: string;
  name: { zh: string; en: string };
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface VersionInfo {
  version: number;
  author: string;
  comment: string;
  hash: string;
  createdAt: string;
  /** A scheduled activation (rule sets): when the version takes effect, null when on publish. */
  effectiveAt?: string | null;
  /** Rule sets: whether it decides now, will from effectiveAt, or no longer (or never) will. */
  state?: 'in_effect' | 'scheduled' | 'superseded';
}

/** What a publish carries: the comment, and for a rule set an acknowledgement of failing tests and a scheduled activation. */
export interface PublishRequest {
  comment: string;
  acknowledgement?: string;
  /** An ISO instant in the future. */
  effectiveAt?: string;
}

/** A document as GET answers it: the draft, the latest published version, and all versions. */
export interface DocumentDetail<T> {
  key: string;
  name: { zh: string; en: string };
  latestVersion: number | null;
  /** The draft revision: what the next save or publish names in If-Match. */
  draftRevision: number;
  published: { version: number; definition: T; hash: string } | null;
  draft: { definition: T; updatedAt: string; author: string } | null;
  versions: VersionInfo[];
}

/** A saved draft: its new revision, and what the server found (a process draft may hold problems). */
export interface SavedDraft {
  draftRevision: number;
  problems: Problem[];
  warnings: Problem[];
}

export interface Published extends VersionInfo {
  draftRevision: number;
}

export interface DocumentApi<T> {
  get(key: string): Promise<DocumentDetail<T>>;
  version(key: string, version: number): Promise<VersionInfo & { definition: T }>;
  saveDraft(key: string, content: T, revision: number): Promise<SavedDraft>;
  publish(key: string, request: PublishRequest, revision: number): Promise<Published>;
}

/** The ETag the API gave out for a revision. */
const ifMatch = (revision: number) => ({ 'if-match': `"${revision}"` });

/** The API of the documents under `base` (`/processes`); `draftBody` is how a draft save carries the content. */
export function documentApi<T>(base: string, draftBody: (content: T) => unknown): DocumentApi<T> {
  return {
    get: (key) => request<DocumentDetail<T>>('GET', `${base}/${seg(key)}`),
    version: (key, version) => request<VersionInfo & { definition: T }>('GET', `${base}/${seg(key)}/versions/${seg(version)}`),
    saveDraft: (key, content, revision) => request<SavedDraft>('PUT', `${base}/${seg(key)}/draft`, draftBody(content), ifMatch(revision)),
    publish: (key, body, revision) => request<Published>('POST', `${base}/${seg(key)}/publish`, body, ifMatch(revision)),
  };
}
