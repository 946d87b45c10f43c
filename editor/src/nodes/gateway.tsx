import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type GatewayFlowNode = FlowNodeOf<'gateway'>;

/** Exclusive choice by the conditions on its outgoing edges. */
export const GatewayNode = memo(function GatewayNode({ id, data }: NodeProps<GatewayFlowNode>) {
  return <NodeShell id={id} kind="gateway" label={data.label} />;
});
