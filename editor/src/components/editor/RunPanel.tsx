/**
 * "Start test case": runs the latest published version with the given input and lights up its
 * path on the graph as it runs (active node highlighted, visited nodes and edges marked).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startInstance } from '../../api/instances';
import { getProcessVersion } from '../../api/processes';
import { useCasePolling } from '../../hooks/useCasePolling';
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
  const [instanceId, setInstanceId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const { instance, error } = useCasePolling(instanceId);
  const setOverlay = useEditor((s) => s.setOverlay);
  const showing = useEditor((s) => s.overlay?.kind === 'run');

  const start = async () => {
    if (latestVersion === null) return;
    setStarting(true);
    setStartError(null);
    try {
      const started = await startInstance(processKey, input, latestVersion);
      const { definition } = await getProcessVersion(processKey, started.version);
      const { nodes, edges, positioned } = toFlow(definition);
      const laidOut = await placed(nodes, edges, positioned);
      setOverlay({ kind: 'run', label: t('run.overlay', { version: started.version }), nodes: laidOut, edges, marks: { nodes: {}, edges: {} } });
      setInstanceId(started.instanceId);
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
      {instance && showing && (
        <div className="case-state" data-testid="case-state">
          <p>
            <span className={`status status-${instance.status}`} data-testid="case-status" data-status={instance.status}>
              {t(`run.status.${instance.status}`)}
            </span>{' '}
            <code title={instance.instanceId}>{instance.instanceId}</code>
          </p>
          {instance.error && (
            <p className="field-error" data-testid="case-error">
              {instance.error.nodeId && <code>{instance.error.nodeId}</code>} {instance.error.message}
            </p>
          )}
          {instance.outcome !== undefined && (
            <p>
              {t('run.outcome')}: <strong>{instance.outcome}</strong>
            </p>
          )}
          {instance.activeNodes.length > 0 && (
            <p>
              {t('run.active')}: {instance.activeNodes.join(', ')}
            </p>
          )}
          <h4>{t('run.variables')}</h4>
          <pre className="variables" data-testid="case-variables">
            {JSON.stringify(instance.variables, null, 2)}
          </pre>
          <h4>{t('run.history')}</h4>
          <ol className="history">
            {instance.history.map((h, i) => (
              <li key={i}>
                <code>{h.nodeId}</code> {new Date(h.enteredAt).toLocaleTimeString(i18n.language)}
                {h.outcome !== undefined && ` → ${h.outcome}`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
