import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type TimerFlowNode = FlowNodeOf<'timer'>;

/** Waits for a duration or until a time. */
export const TimerNode = memo(function TimerNode({ id, data }: NodeProps<TimerFlowNode>) {
  return <NodeShell id={id} kind="timer" label={data.label} detail={data.duration ?? data.until} />;
});
