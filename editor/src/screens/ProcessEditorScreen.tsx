/** The process editor: palette, canvas with problems, side panel, and the command bar above. */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../catalog';
import { Canvas } from '../components/editor/Canvas';
import { OverlayBar } from '../components/editor/OverlayBar';
import { Palette } from '../components/editor/Palette';
import { ProblemsPanel } from '../components/editor/ProblemsPanel';
import { SidePanel } from '../components/editor/SidePanel';
import { Toolbar } from '../components/editor/Toolbar';
import { useLiveValidation } from '../hooks/useLiveValidation';
import { useProcessDocument } from '../hooks/useProcessDocument';
import { useShortcuts } from '../hooks/useShortcuts';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { useEditor } from '../store';

interface ProcessEditorScreenProps {
  /** null opens the offline sandbox with a generated process. */
  processKey: string | null;
  sandboxSize: number;
}

export function ProcessEditorScreen({ processKey, sandboxSize }: ProcessEditorScreenProps) {
  const { t } = useTranslation();
  const doc = useProcessDocument(processKey, sandboxSize);
  const loadCatalog = useCatalog((s) => s.load);
  useEffect(() => void loadCatalog(), [loadCatalog]);
  useLiveValidation();
  const save = useCallback(() => void doc.save(), [doc.save]);
  useShortcuts(save);
  // The sandbox cannot be saved, so leaving it loses nothing worth a question.
  useLeaveGuard(useEditor((s) => s.dirty) && processKey !== null, t('editor.leaveUnsaved'));

  if (doc.loadError) {
    return (
      <main className="screen-message" data-testid="load-error">
        <p className="field-error">{t('editor.loadFailed', { message: doc.loadError })}</p>
        <a href="#/">{t('nav.list')}</a>
      </main>
    );
  }
  const loading = !doc.loaded;
  return (
    <ReactFlowProvider>
      <Toolbar
        canSave={processKey !== null && !loading}
        busy={doc.busy}
        notice={doc.notice}
        onSave={doc.save}
        onPublish={doc.publish}
        onImportError={(errors) => doc.setNotice({ kind: 'error', message: `${t('notice.importFailed')} ${errors.join('; ')}`, problems: [] })}
      />
      <main className="editor-body">
        <Palette />
        <div className="canvas-column">
          <OverlayBar />
          {loading ? <p className="screen-message">{t('common.loading')}</p> : <Canvas />}
          <ProblemsPanel />
        </div>
        <SidePanel processKey={processKey} versions={doc.detail?.versions ?? []} />
      </main>
    </ReactFlowProvider>
  );
}
