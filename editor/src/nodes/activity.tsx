import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useCatalog } from '../catalog';
import { useLocalized } from '../i18n/useLocalized';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type ActivityFlowNode = FlowNodeOf<'activity'>;

/** Runs a registered activity; titled by the activity's own title when the node has no label. */
export const ActivityNode = memo(function ActivityNode({ id, data }: NodeProps<ActivityFlowNode>) {
  const registered = useCatalog((s) => s.activityByName[data.activity]?.title);
  const title = useLocalized(registered);
  return <NodeShell id={id} kind="activity" label={data.label} fallbackTitle={title ?? data.activity} detail={data.activity} />;
});
