import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useOutcomeName } from '../i18n/outcomeName';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type EndFlowNode = FlowNodeOf<'end'>;

/** Where a case ends, optionally with an outcome (in the UI language). */
export const EndNode = memo(function EndNode({ id, data }: NodeProps<EndFlowNode>) {
  const outcomeName = useOutcomeName();
  return <NodeShell id={id} kind="end" label={data.label} detail={data.outcome && outcomeName(data.outcome)} outputs={false} />;
});
