import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { FlowNodeOf } from '../model/types';
import { NodeShell } from './NodeShell';

export type JoinFlowNode = FlowNodeOf<'join'>;

/** Waits for all (or any) of the branches a parallel node forked. */
export const JoinNode = memo(function JoinNode({ id, data }: NodeProps<JoinFlowNode>) {
  const { t } = useTranslation();
  return <NodeShell id={id} kind="join" label={data.label} detail={t(`join.${data.mode ?? 'all'}`)} />;
});
