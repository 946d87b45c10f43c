/** The process editor: palette, canvas with problems, side panel, and the command bar above. */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/session';
import { useCatalog } from '../catalog';
import { Canvas } from '../components/editor/Canvas';
import { OverlayBar } from '../components/editor/OverlayBar';
import { Palette } from '../components/editor/Palette';
import { ProblemsPanel } from '../components/editor/ProblemsPanel';
import { SidePanel } from '../components/editor/SidePanel';
import { Toolbar } from '../components/editor/Toolbar';
import { useLiveValidation } from '../hooks/useLiveValidation';
import { processAdapter } from '../hooks/processDocument';
import { useDocument } from '../hooks/useDocument';
import { useShortcuts } from '../hooks/useShortcuts';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { generateDefinition } from '../model/generate';
import { ProcessVocabulary } from '../components/fields/ExpressionVocabulary';
import { useEditor } from '../store';

interface ProcessEditorScreenProps {
  /** null opens the offline sandbox with a generated process. */
  processKey: string | null;
  sandboxSize: number;
}

export function ProcessEditorScreen({ processKey, sandboxSize }: ProcessEditorScreenProps) {
  const { t } = useTranslation();
  const sandbox = useCallback(() => generateDefinition(sandboxSize), [sandboxSize]);
  const doc = useDocument(processKey, processAdapter, sandbox);
  const can = useCan();
  const loadCatalog = useCatalog((s) => s.load);
  const [activities, rulesets] = [can('activity.read'), can('ruleset.read')];
  useEffect(() => void loadCatalog({ activities, rulesets, processes: true }), [loadCatalog, activities, rulesets]);
  // Reading is enough to open a process; changing it, publishing it and running test cases each take their own permission.
  const mayWrite = can('process.write');
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
        mayWrite={mayWrite}
        mayPublish={can('process.publish')}
        busy={doc.busy}
        notice={doc.notice}
        onSave={doc.save}
        onPublish={doc.publish}
        published={doc.detail?.published ?? null}
        onImportError={(errors) => doc.setNotice({ kind: 'error', message: `${t('notice.importFailed')} ${errors.join('; ')}`, problems: [] })}
      />
      <ProcessVocabulary>
        <main className="editor-body">
          <Palette />
          <div className="canvas-column">
            <OverlayBar />
            {loading ? <p className="screen-message">{t('common.loading')}</p> : <Canvas />}
            <ProblemsPanel />
          </div>
          <SidePanel processKey={processKey} versions={doc.detail?.versions ?? []} latestVersion={doc.detail?.latestVersion ?? null} readOnly={!mayWrite} mayRun={can('case.start') && can('case.read')} />
        </main>
      </ProcessVocabulary>
    </ReactFlowProvider>
  );
}
