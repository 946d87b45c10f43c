import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type EventFlowNode = FlowNodeOf<'event'>;

/** Waits for a named event and keeps its payload. */
export const EventNode = memo(function EventNode({ id, data }: NodeProps<EventFlowNode>) {
  return <NodeShell id={id} kind="event" label={data.label} detail={data.event} />;
});
