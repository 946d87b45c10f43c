import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type DecisionFlowNode = FlowNodeOf<'decision'>;

/** Asks a rule set; outgoing edges are chosen by the event type the rules fire. */
export const DecisionNode = memo(function DecisionNode({ id, data }: NodeProps<DecisionFlowNode>) {
  return <NodeShell id={id} kind="decision" label={data.label} detail={data.ruleset} />;
});
