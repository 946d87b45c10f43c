/** An edge drawn with what routes a case along it: outcome, default, timeout/error, or a condition. */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../i18n/useLocalized';
import type { FlowEdge } from '../model/types';
import { selectEdgeMark, useEditor } from '../store';

export const ProcessEdgeView = memo(function ProcessEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd } = props;
  const { t } = useTranslation();
  const mark = useEditor(selectEdgeMark(id));
  const label = useLocalized(data?.label);
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
  const routing = [
    data?.outcome,
    data?.default ? t('edge.default') : undefined,
    data?.on ? t(`edge.on.${data.on}`) : undefined,
    data?.condition ? t('edge.conditional') : undefined,
  ].filter(Boolean);
  const text = [label, ...routing].filter(Boolean).join(' · ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`flow-edge${mark ? ` mark-${mark}` : ''}${selected ? ' selected' : ''}`} />
      {text && (
        <EdgeLabelRenderer>
          <div
            className={`flow-edge-label nodrag nopan${mark ? ` mark-${mark}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
            // The label is outside the edge's SVG hit area: clicking it selects the edge too.
            onClick={() => useEditor.getState().selectOnly({ edgeId: id })}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes = { process: ProcessEdgeView };
