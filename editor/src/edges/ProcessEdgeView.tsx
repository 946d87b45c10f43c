/**
 * An edge drawn with what routes a case along it: outcome (in the UI language), default,
 * timeout/error, or its condition written out (shortened on the canvas, in full on hover).
 */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutcomeName } from '../i18n/outcomeName';
import { useLocalized } from '../i18n/useLocalized';
import { conditionText, shortened } from '../model/condition-text';
import type { FlowEdge } from '../model/types';
import { selectEdgeMark, useEditor } from '../store';

/** Characters of a condition written on the canvas; the rest is in the tooltip. */
const CONDITION_CHARS = 36;

export const ProcessEdgeView = memo(function ProcessEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd } = props;
  const { t } = useTranslation();
  const mark = useEditor(selectEdgeMark(id));
  const label = useLocalized(data?.label);
  const outcomeName = useOutcomeName();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
  const condition = data?.condition
    ? conditionText(data.condition, {
        and: t('edge.words.and'),
        or: t('edge.words.or'),
        not: t('edge.words.not'),
        operator: (op) => t(`operator.${op}`, { defaultValue: op }),
        reference: (name) => t('edge.words.reference', { name }),
      })
    : undefined;
  const routing = [data?.outcome && outcomeName(data.outcome), data?.default ? t('edge.default') : undefined, data?.on ? t(`edge.on.${data.on}`) : undefined];
  const text = [label, ...routing, condition && shortened(condition, CONDITION_CHARS)].filter(Boolean).join(' · ');
  const full = [label, ...routing, condition].filter(Boolean).join(' · ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`flow-edge${mark ? ` mark-${mark}` : ''}${selected ? ' selected' : ''}`} />
      {text && (
        <EdgeLabelRenderer>
          <div
            className={`flow-edge-label nodrag nopan${mark ? ` mark-${mark}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
            title={full === text ? undefined : full}
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
