/** Test cases started from the editor, and their state for the live path. */
import { request, seg } from './client';

export type InstanceStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated';

export interface NodeVisit {
  nodeId: string;
  type: string;
  enteredAt: string;
  leftAt?: string;
  outcome?: string;
  edgeId?: string;
}

export interface InstanceState {
  instanceId: string;
  processKey: string;
  version: number;
  status: InstanceStatus;
  activeNodes: string[];
  variables: Record<string, unknown>;
  history: NodeVisit[];
  outcome?: string;
  /** Why a failed case failed, and where. */
  error?: { nodeId?: string; message: string };
}

export const startInstance = (processKey: string, input: Record<string, unknown>, version?: number) =>
  request<{ instanceId: string; version: number }>('POST', '/instances', { processKey, version, input });
export const getInstance = (id: string) => request<InstanceState>('GET', `/instances/${seg(id)}`);
