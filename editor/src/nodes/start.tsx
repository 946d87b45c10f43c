import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type StartFlowNode = FlowNodeOf<'start'>;

/** Where a case begins. */
export const StartNode = memo(function StartNode({ id, data }: NodeProps<StartFlowNode>) {
  return <NodeShell id={id} kind="start" label={data.label} inputs={false} />;
});
