/**
 * How a group is drawn (model/groups.ts): open, a frame behind its members with its name and a
 * collapse button; collapsed, one box in their place with its size and an open button. The name
 * is edited in the frame, in the UI language; ungrouping leaves the nodes where they are.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized, useTextSide } from '../i18n/useLocalized';
import { opened, type GroupBoxNode, type GroupFrameNode } from '../model/groups';
import { useEditor, type EditorState } from '../store';

const changeGroup: EditorState['changeGroup'] = (id, change) => useEditor.getState().changeGroup(id, change);

export const GroupFrame = memo(function GroupFrame({ data }: NodeProps<GroupFrameNode>) {
  const { t } = useTranslation();
  const side = useTextSide();
  const name = useLocalized(data.group.name) ?? data.group.id;
  const readOnly = useEditor((s) => s.overlay !== null);
  return (
    <div className="group-frame" data-testid={`group-frame-${data.group.id}`}>
      <div className="group-header nodrag">
        <input
          value={data.group.name[side] ?? name}
          onChange={(e) => changeGroup(data.group.id, (g) => ({ ...g, name: { ...g.name, [side]: e.target.value } }))}
          readOnly={readOnly}
          aria-label={t('group.name')}
          data-testid={`group-name-${data.group.id}`}
        />
        <button type="button" onClick={() => changeGroup(data.group.id, (g) => ({ ...g, collapsed: true }))} disabled={readOnly} title={t('group.collapse')} aria-label={t('group.collapse')} data-testid={`group-collapse-${data.group.id}`}>
          ▾
        </button>
        <button type="button" onClick={() => changeGroup(data.group.id, () => null)} disabled={readOnly} title={t('group.ungroup')} aria-label={t('group.ungroup')} data-testid={`group-ungroup-${data.group.id}`}>
          ×
        </button>
      </div>
    </div>
  );
});

export const GroupBox = memo(function GroupBox({ data }: NodeProps<GroupBoxNode>) {
  const { t } = useTranslation();
  const name = useLocalized(data.group.name) ?? data.group.id;
  const down = useEditor((s) => s.meta.layout?.direction === 'down');
  const readOnly = useEditor((s) => s.overlay !== null);
  return (
    <div className="flow-node group-box" data-testid={`group-box-${data.group.id}`}>
      <Handle type="target" position={down ? Position.Top : Position.Left} isConnectable={false} />
      <div className="flow-node-kind">▣ {t('group.kind')}</div>
      <div className="flow-node-title" title={name}>
        {name}
      </div>
      <div className="flow-node-detail group-box-detail">
        {t('group.steps', { count: data.count })}
        <button type="button" className="link nodrag" onClick={() => changeGroup(data.group.id, opened)} disabled={readOnly} data-testid={`group-expand-${data.group.id}`}>
          {t('group.expand')}
        </button>
      </div>
      <Handle type="source" position={down ? Position.Bottom : Position.Right} isConnectable={false} />
    </div>
  );
});
