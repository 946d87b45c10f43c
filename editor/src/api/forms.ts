/** The task form endpoints: the list, a create, and the lifecycle every document has (drafts, publishing, versions). */
import type { FormDefinition } from '../../../language/forms';
import { request } from './client';
import { documentApi, type DocumentSummary, type SavedDraft } from './documents';

export type { FormDefinition, FormField, FormFieldType } from '../../../language/forms';

export const listForms = () => request<DocumentSummary[]>('GET', '/forms');
/** A new form, as a draft (the body is its definition). */
export const createForm = (definition: FormDefinition) => request<SavedDraft>('POST', '/forms', definition);
/** Drafts (a draft may hold problems, answered with it), publishing and versions. */
export const formApi = documentApi<FormDefinition>('/forms', (definition) => definition);
