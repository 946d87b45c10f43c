import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type ParallelFlowNode = FlowNodeOf<'parallel'>;

/** Forks along every outgoing edge. */
export const ParallelNode = memo(function ParallelNode({ id, data }: NodeProps<ParallelFlowNode>) {
  return <NodeShell id={id} kind="parallel" label={data.label} />;
});
