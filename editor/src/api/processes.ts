/** The process endpoints: list, drafts, publishing, versions and diffs. */
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { request, seg, type Problem } from './client';

export interface ProcessSummary {
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
}

export interface ProcessDetail {
  key: string;
  name: { zh: string; en: string };
  draft: { definition: ProcessDefinition; updatedAt: string; author: string } | null;
  versions: VersionInfo[];
}

export interface ProcessVersion extends VersionInfo {
  definition: ProcessDefinition;
}

export const listProcesses = () => request<ProcessSummary[]>('GET', '/processes');
export const getProcess = (key: string) => request<ProcessDetail>('GET', `/processes/${seg(key)}`);
export const getProcessVersion = (key: string, version: number) =>
  request<ProcessVersion>('GET', `/processes/${seg(key)}/versions/${seg(version)}`);
export const createProcess = (definition: ProcessDefinition) =>
  request<unknown>('POST', '/processes', { key: definition.key, name: definition.name, definition });
/** Saves a draft; graph problems do not block a draft and come back in the body. */
export const saveProcessDraft = (key: string, definition: ProcessDefinition) =>
  request<{ problems?: Problem[] }>('PUT', `/processes/${seg(key)}/draft`, { definition });
export const publishProcess = (key: string, comment: string) =>
  request<{ version: number }>('POST', `/processes/${seg(key)}/publish`, { comment });
