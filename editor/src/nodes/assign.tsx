import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type AssignFlowNode = FlowNodeOf<'assign'>;

/** Sets case variables from expressions. */
export const AssignNode = memo(function AssignNode({ id, data }: NodeProps<AssignFlowNode>) {
  return <NodeShell id={id} kind="assign" label={data.label} detail={Object.keys(data.assign ?? {}).join(', ')} />;
});
