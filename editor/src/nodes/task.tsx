import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useLocalized } from '../i18n/useLocalized';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type TaskFlowNode = FlowNodeOf<'task'>;

/** A human task; its title stands in when the node has no label. */
export const TaskNode = memo(function TaskNode({ id, data }: NodeProps<TaskFlowNode>) {
  const title = useLocalized(data.title);
  return <NodeShell id={id} kind="task" label={data.label} fallbackTitle={title} detail={data.role ?? data.group} />;
});
