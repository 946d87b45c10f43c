/** The frame every node kind draws: kind badge, title, one detail line and its handles. */
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeType } from '../../../workflows/definition/schema';
import { useLocalized } from '../i18n/useLocalized';
import { selectNodeMark, useEditor } from '../store';
import { kindIcons } from './kindIcons';

interface NodeShellProps {
  id: string;
  kind: NodeType;
  label?: { zh?: string; en?: string };
  /** Shown when the node has no label of its own. */
  fallbackTitle?: string;
  detail?: ReactNode;
  inputs?: boolean;
  outputs?: boolean;
}

/** Tells React Flow a node's handles moved when the layout's direction changes (it measured them where they were). */
export function useHandlesFollow(id: string, down: boolean): void {
  const updateNodeInternals = useUpdateNodeInternals();
  const drawn = useRef(down);
  useEffect(() => {
    if (drawn.current === down) return;
    drawn.current = down;
    updateNodeInternals(id);
  }, [down, id, updateNodeInternals]);
}

export const NodeShell = memo(function NodeShell({ id, kind, label, fallbackTitle, detail, inputs = true, outputs = true }: NodeShellProps) {
  const { t } = useTranslation();
  const mark = useEditor(selectNodeMark(id));
  // Connections enter where the layout comes from: the left of a left-to-right process, the top of a top-to-bottom one.
  const down = useEditor((s) => s.meta.layout?.direction === 'down');
  useHandlesFollow(id, down);
  const title = useLocalized(label) ?? fallbackTitle ?? t(`kind.${kind}`);
  return (
    <div className={`flow-node kind-${kind}${mark ? ` mark-${mark}` : ''}`} data-testid={`node-${id}`} data-mark={mark || undefined}>
      {inputs && <Handle type="target" position={down ? Position.Top : Position.Left} data-testid={`handle-in-${id}`} />}
      <div className="flow-node-kind">
        <span aria-hidden>{kindIcons[kind]}</span> {t(`kind.${kind}`)}
      </div>
      <div className="flow-node-title" title={title}>
        {title}
      </div>
      {detail !== undefined && detail !== '' && <div className="flow-node-detail">{detail}</div>}
      {outputs && <Handle type="source" position={down ? Position.Bottom : Position.Right} data-testid={`handle-out-${id}`} />}
    </div>
  );
});
