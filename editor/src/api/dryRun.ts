/** Dry runs of a process in the sandbox (POST /api/processes/:key/dry-run; workflows/dry-run.ts). */
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import type { DryRunResult } from '../../../workflows/dry-run';
import type { Problem } from '../../../language';
import { request, seg } from './client';

export interface DryRunAnswer extends DryRunResult {
  ran: 'draft' | 'definition' | number;
  problems: Problem[];
}

export const dryRun = (key: string, body: { definition: ProcessDefinition; input: Record<string, unknown>; stubs: Record<string, unknown> }) =>
  request<DryRunAnswer>('POST', `/processes/${seg(key)}/dry-run`, body);
