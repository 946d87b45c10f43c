/** The editor's command bar: history, layout, import/export, save and publish, and what just happened. */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeText, type Notice } from '../NoticeText';
import { currentDefinition } from '../../hooks/processDocument';
import { useLocalized } from '../../i18n/useLocalized';
import { layoutPositions, placed, withPositions } from '../../layout/elk';
import { toFlow } from '../../model/convert';
import { parseImport } from '../../model/importExport';
import { processDefinition, type ProcessDefinition } from '../../../../workflows/definition/schema';
import { JsonFileButtons } from '../JsonFileButtons';
import { useEditor } from '../../store';
import type { PublishRequest } from '../../api/documents';
import { PublishDialog } from '../PublishDialog';
import { PublishChanges } from './PublishChanges';
import { ReadOnlyBadge } from '../ReadOnlyBadge';

interface ToolbarProps {
  canSave: boolean;
  /** The user may change the process (save, import); else those commands are not shown. */
  mayWrite: boolean;
  mayPublish: boolean;
  busy: boolean;
  notice: Notice;
  onSave(): Promise<unknown>;
  onPublish(request: PublishRequest): Promise<unknown>;
  onImportError(errors: string[]): void;
  /** The version in effect, which a publish summary compares the draft with; null before the first. */
  published: { version: number; definition: ProcessDefinition } | null;
}

export function Toolbar({ canSave, mayWrite, mayPublish, busy, notice, onSave, onPublish, onImportError, published }: ToolbarProps) {
  const { t } = useTranslation();
  const name = useLocalized(useEditor((s) => s.meta.name));
  const key = useEditor((s) => s.meta.key);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.past.length > 0 && s.overlay === null);
  const canRedo = useEditor((s) => s.future.length > 0 && s.overlay === null);
  const problems = useEditor((s) => s.problems.length);
  const readOnly = useEditor((s) => s.overlay !== null);
  const { undo, redo, replaceGraph } = useEditor.getState();
  const { fitView } = useReactFlow();
  const [publishing, setPublishing] = useState(false);

  const autoLayout = async () => {
    const { nodes, edges } = useEditor.getState();
    const positions = await layoutPositions(nodes, edges);
    // Edits made while ELK was loading or computing are kept: only positions are applied, to the current nodes.
    replaceGraph({ nodes: withPositions(useEditor.getState().nodes, positions) });
    requestAnimationFrame(() => void fitView({ duration: 300 }));
  };

  const importJson = async (text: string) => {
    const result = parseImport(text, processDefinition);
    if ('errors' in result) return onImportError(result.errors);
    // The file's graph replaces the draft's; the key stays the one being edited.
    const { nodes, edges, meta, positioned } = toFlow({ ...result.definition, key });
    replaceGraph({ meta, nodes: await placed(nodes, edges, positioned), edges });
    requestAnimationFrame(() => void fitView({ duration: 300 }));
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <a href="#/" className="back" title={t('nav.list')}>
        ←
      </a>
      <div className="doc-title">
        <strong data-testid="process-name">{name}</strong> <code>{key}</code>
        {dirty && (
          <span className="dirty" title={t('toolbar.unsaved')} data-testid="dirty">
            ●
          </span>
        )}
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={undo} disabled={!canUndo} title={`${t('toolbar.undo')} (Ctrl+Z)`} data-testid="undo">
          ↶
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`} data-testid="redo">
          ↷
        </button>
        <button type="button" onClick={() => void autoLayout()} disabled={readOnly} data-testid="auto-layout">
          {t('toolbar.layout')}
        </button>
        <JsonFileButtons fileName={key} exportValue={currentDefinition} onImportText={mayWrite ? (text) => void importJson(text) : undefined} importDisabled={readOnly} />
      </div>
      <NoticeText notice={notice} />
      <div className="toolbar-group">
        {mayWrite && (
          <button type="button" onClick={() => void onSave()} disabled={!canSave || busy || readOnly} data-testid="save-draft">
            {t('toolbar.save')}
          </button>
        )}
        {mayPublish && (
          <button
            type="button"
            className="primary"
            onClick={() => setPublishing(true)}
            disabled={!canSave || busy || readOnly || problems > 0}
            title={problems > 0 ? t('publish.blocked', { count: problems }) : undefined}
            data-testid="publish"
          >
            {t('toolbar.publish')}
          </button>
        )}
        {!mayWrite && !mayPublish && <ReadOnlyBadge />}
      </div>
      {publishing && (
        <PublishDialog problems={problems} busy={busy} onPublish={onPublish} onClose={() => setPublishing(false)} summary={<PublishChanges published={published} />} />
      )}
    </div>
  );
}
