/** The frame every node kind draws: kind badge, title, one detail line and its handles. */
import { Handle, Position } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
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

export const NodeShell = memo(function NodeShell({ id, kind, label, fallbackTitle, detail, inputs = true, outputs = true }: NodeShellProps) {
  const { t } = useTranslation();
  const mark = useEditor(selectNodeMark(id));
  const title = useLocalized(label) ?? fallbackTitle ?? t(`kind.${kind}`);
  return (
    <div className={`flow-node kind-${kind}${mark ? ` mark-${mark}` : ''}`} data-testid={`node-${id}`} data-mark={mark || undefined}>
      {inputs && <Handle type="target" position={Position.Left} data-testid={`handle-in-${id}`} />}
      <div className="flow-node-kind">
        <span aria-hidden>{kindIcons[kind]}</span> {t(`kind.${kind}`)}
      </div>
      <div className="flow-node-title" title={title}>
        {title}
      </div>
      {detail !== undefined && detail !== '' && <div className="flow-node-detail">{detail}</div>}
      {outputs && <Handle type="source" position={Position.Right} data-testid={`handle-out-${id}`} />}
    </div>
  );
});
