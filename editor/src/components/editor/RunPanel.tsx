/**
 * "Start test case": runs the latest published version with the given input and lights up its
 * path on the graph as it runs (active node highlighted, visited nodes and edges marked).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startCase } from '../../api/cases';
import { processApi } from '../../api/processes';
import { useCasePolling } from '../../hooks/useCasePolling';
import { useTextSide } from '../../i18n/useLocalized';
import { nodeName } from '../../model/node-name';
import { toFlow } from '../../model/convert';
import { placed } from '../../layout/elk';
import { useEditor } from '../../store';
import { JsonField } from '../fields/JsonField';

interface RunPanelProps {
  processKey: string;
  latestVersion: number | null;
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function RunPanel({ processKey, latestVersion }: RunPanelProps) {
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState<Record<string, unknown>>({});
  const [caseId, setCaseId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const { snapshot, error } = useCasePolling(caseId);
  const setOverlay = useEditor((s) => s.setOverlay);
  const showing = useEditor((s) => s.overlay?.kind === 'run');
  const shownNodes = useEditor((s) => s.overlay?.nodes);
  const side = useTextSide();
  /** A step by its name in the UI language, its id on hover. */
  const step = (id: string) => (
    <span className="step-name" title={id}>
      {nodeName(shownNodes?.find((n) => n.id === id), id, side)}
    </span>
  );

  const start = async () => {
    if (latestVersion === null) return;
    setStarting(true);
    setStartError(null);
    try {
      const started = await startCase(processKey, input, latestVersion);
      const { definition } = await processApi.version(processKey, started.version);
      const { nodes, edges, positioned } = toFlow(definition);
      const laidOut = await placed(nodes, edges, positioned);
      setOverlay({ kind: 'run', label: t('run.overlay', { version: started.version }), nodes: laidOut, edges, marks: { nodes: {}, edges: {} } });
      setCaseId(started.caseId);
    } catch (err) {
      setStartError(err instanceof Error ? err.message : String(err));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className="panel-body" data-testid="run-panel">
      <h3>{t('run.title')}</h3>
      {latestVersion === null ? (
        <p className="muted">{t('run.publishFirst')}</p>
      ) : (
        <>
          <p className="muted">{t('run.explain', { version: latestVersion })}</p>
          <label className="field">
            <span className="field-label">{t('run.input')}</span>
            <JsonField value={input} onChange={(v) => setInput((v ?? {}) as Record<string, unknown>)} check={(v) => (isObject(v) ? null : t('run.inputObject'))} testId="case-input" rows={4} />
            <span className="field-hint">{t('run.inputHint')}</span>
          </label>
          <button type="button" className="primary" onClick={() => void start()} disabled={starting} data-testid="start-case">
            {t('run.start')}
          </button>
        </>
      )}
      {startError && <p className="field-error">{startError}</p>}
      {error && <p className="field-error">{t('run.pollError', { message: error })}</p>}
      {snapshot && showing && (
        <div className="case-state" data-testid="case-state">
          <p>
            <span className={`status status-${snapshot.status}`} data-testid="case-status" data-status={snapshot.status}>
              {t(`run.status.${snapshot.status}`)}
            </span>{' '}
            <code title={snapshot.caseId}>{snapshot.caseId}</code>
          </p>
          {snapshot.error && (
            <p className="field-error" data-testid="case-error">
              {snapshot.error.nodeId && step(snapshot.error.nodeId)} {snapshot.error.message}
            </p>
          )}
          {snapshot.outcome !== undefined && (
            <p>
              {t('run.outcome')}: <strong>{snapshot.outcome}</strong>
            </p>
          )}
          {snapshot.activeNodes.length > 0 && (
            <p data-testid="case-active">
              {t('run.active')}:{' '}
              {snapshot.activeNodes.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  {step(id)}
                </span>
              ))}
            </p>
          )}
          <h4>{t('run.variables')}</h4>
          <pre className="variables" data-testid="case-variables">
            {JSON.stringify(snapshot.variables, null, 2)}
          </pre>
          <h4>{t('run.history')}</h4>
          <ol className="history">
            {snapshot.history.map((h, i) => (
              <li key={i}>
                {step(h.nodeId)} {new Date(h.enteredAt).toLocaleTimeString(i18n.language)}
                {h.outcome !== undefined && ` → ${h.outcome}`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
