import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type EndFlowNode = FlowNodeOf<'end'>;

/** Where a case ends, optionally with an outcome. */
export const EndNode = memo(function EndNode({ id, data }: NodeProps<EndFlowNode>) {
  return <NodeShell id={id} kind="end" label={data.label} detail={data.outcome} outputs={false} />;
});
