/** The process endpoints: list, drafts, publishing, versions, diffs and the heatmap. */
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import type { HeatmapNode } from '../model/heatmap';
import { request, seg } from './client';
import { documentApi, type DocumentSummary } from './documents';

export type ProcessSummary = DocumentSummary;

export const listProcesses = () => request<ProcessSummary[]>('GET', '/processes');
export const createProcess = (definition: ProcessDefinition) =>
  request<unknown>('POST', '/processes', { key: definition.key, name: definition.name, definition });
/** Drafts (graph problems do not block a draft and come back in the answer), publishing and versions. */
export const processApi = documentApi<ProcessDefinition>('/processes', (definition) => ({ definition }));

/** Where a process's running cases are and how long visits took, per node (GET /api/processes/:key/heatmap). */
export const processHeatmap = (key: string, q: { version?: number; from: string; to: string }) => {
  const query = new URLSearchParams({ from: q.from, to: q.to });
  if (q.version) query.set('version', String(q.version));
  return request<{ processKey: string; version: number | null; from: string; to: string; nodes: HeatmapNode[] }>('GET', `/processes/${seg(key)}/heatmap?${query}`);
};
