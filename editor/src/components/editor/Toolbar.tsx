/** The editor's command bar: history, layout, import/export, save and publish, and what just happened. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { NoticeText, type Notice } from '../NoticeText';
import { currentDefinition } from '../../hooks/processDocument';
import { useTestNames } from '../../hooks/useTestNames';
import { failingTestText } from '../../i18n/testFailureText';
import { useLocalized } from '../../i18n/useLocalized';
import { layoutPositions, placed, withPositions } from '../../layout/elk';
import { toFlow } from '../../model/convert';
import { grouped } from '../../model/groups';
import { parseImport } from '../../model/importExport';
import { processDefinition, type LayoutDirection, type ProcessDefinition } from '../../../../workflows/definition/schema';
import { JsonFileButtons } from '../JsonFileButtons';
import { useEditor } from '../../store';
import type { PublishRequest } from '../../api/documents';
import { PublishDialog } from '../PublishDialog';
import { PublishChanges } from './PublishChanges';
import { useFrameReadably } from './viewport';
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
  const { t, i18n } = useTranslation();
  const name = useLocalized(useEditor((s) => s.meta.name));
  const key = useEditor((s) => s.meta.key);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.past.length > 0 && s.overlay === null);
  const canRedo = useEditor((s) => s.future.length > 0 && s.overlay === null);
  // A publish refused for failing process tests shows them as problems; they ask for an acknowledgement, they do not block.
  const testNames = useTestNames();
  const failingTests = useEditor(useShallow((s) => s.problems.filter((p) => p.code === 'process_test_failed'))).map((p) => failingTestText(p, t, testNames));
  const problems = useEditor((s) => s.problems.length) - failingTests.length;
  const readOnly = useEditor((s) => s.overlay !== null);
  const { undo, redo, replaceGraph } = useEditor.getState();
  const frameReadably = useFrameReadably();
  const [publishing, setPublishing] = useState(false);

  const direction = useEditor((s) => s.meta.layout?.direction ?? 'right');
  const selected = useEditor(useShallow((s) => (s.overlay ? [] : s.nodes.filter((n) => n.selected).map((n) => n.id))));

  /** The selected nodes as one group, named in both languages, open until collapsed. */
  const groupSelection = () => {
    const { meta } = useEditor.getState();
    const name = (n: number) => ({ zh: i18n.t('group.defaultName', { n, lng: 'zh-CN' }), en: i18n.t('group.defaultName', { n, lng: 'en' }) });
    replaceGraph({ meta: { ...meta, groups: grouped(meta.groups, selected, name) } });
  };

  /** Lays the process out in a direction, which the process keeps (one undoable edit with the new positions). */
  const autoLayout = async (to: LayoutDirection) => {
    const before = useEditor.getState();
    const positions = await layoutPositions(before.nodes, before.edges, to);
    // Edits made while ELK was loading or computing are kept: only positions and the direction are applied, to the current graph.
    const current = useEditor.getState();
    const { layout: _previous, ...meta } = current.meta;
    const nodes = withPositions(current.nodes, positions);
    replaceGraph({ meta: to === 'down' ? { ...meta, layout: { direction: to } } : meta, nodes });
    // Framed as the process first opens: fitted whole, a long process is specks.
    requestAnimationFrame(() => void frameReadably());
  };

  const importJson = async (text: string) => {
    const result = parseImport(text, processDefinition);
    if ('errors' in result) return onImportError(result.errors);
    // The file's graph replaces the draft's; the key stays the one being edited.
    const { nodes, edges, meta, positioned } = toFlow({ ...result.definition, key });
    replaceGraph({ meta, nodes: await placed(nodes, edges, positioned, meta.layout?.direction), edges });
    requestAnimationFrame(() => void frameReadably());
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
        <button type="button" onClick={() => void autoLayout(direction)} disabled={readOnly} data-testid="auto-layout">
          {t('toolbar.layout')}
        </button>
        <select value={direction} onChange={(e) => void autoLayout(e.target.value as LayoutDirection)} disabled={readOnly} aria-label={t('toolbar.direction')} title={t('toolbar.direction')} data-testid="layout-direction">
          <option value="right">{t('toolbar.directionRight')}</option>
          <option value="down">{t('toolbar.directionDown')}</option>
        </select>
        <button type="button" onClick={groupSelection} disabled={readOnly || selected.length < 2} title={t('group.makeHint')} data-testid="group-selected">
          {t('group.make')}
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
        <PublishDialog problems={problems} busy={busy} onPublish={onPublish} onClose={() => setPublishing(false)} failingTests={failingTests} summary={<PublishChanges published={published} />} />
      )}
    </div>
  );
}
