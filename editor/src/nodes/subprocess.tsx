import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type SubprocessFlowNode = FlowNodeOf<'subprocess'>;

/** Runs another process as a child case. */
export const SubprocessNode = memo(function SubprocessNode({ id, data }: NodeProps<SubprocessFlowNode>) {
  return <NodeShell id={id} kind="subprocess" label={data.label} detail={data.process} />;
});
