import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type JoinFlowNode = FlowNodeOf<'join'>;

/** Waits for all (or any) of the branches a parallel node forked. */
export const JoinNode = memo(function JoinNode({ id, data }: NodeProps<JoinFlowNode>) {
  return <NodeShell id={id} kind="join" label={data.label} detail={data.mode} />;
});
