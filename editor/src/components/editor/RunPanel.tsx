/**
 * "Start test case": runs the latest published version with the input filled in its variables'
 * form (or written as JSON) and lights up its path on the graph as it runs (active node
 * highlighted, visited nodes and edges marked); while it runs, what it waits for is a button
 * (RunWaits: complete its task, send its event, cancel it).
 */
import type { ErrorSchema } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { ApiError } from '../../api/client';
import { startCase } from '../../api/cases';
import { processApi } from '../../api/processes';
import { useCasePolling } from '../../hooks/useCasePolling';
import { apiErrorText, problemText } from '../../i18n/apiErrorText';
import { caseFailureText } from '../../i18n/caseFailureText';
import { useOutcomeName } from '../../i18n/outcomeName';
import { useTextSide } from '../../i18n/useLocalized';
import { nodeName } from '../../model/node-name';
import { toFlow } from '../../model/convert';
import { errorSchemaOf } from '../../model/taskFormValidator';
import { placed } from '../../layout/elk';
import { useEditor } from '../../store';
import { CaseInputForm } from './CaseInputForm';
import { RunWaits } from './RunWaits';
import '../../styles/run.css';

interface RunPanelProps {
  processKey: string;
  latestVersion: number | null;
}

export function RunPanel({ processKey, latestVersion }: RunPanelProps) {
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState<Record<string, unknown>>({});
  const [caseId, setCaseId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [inputErrors, setInputErrors] = useState<ErrorSchema<Record<string, unknown>> | undefined>();
  /** The published version the test case runs: its variables make the input form. */
  const [published, setPublished] = useState<ProcessDefinition | null>(null);
  /** The definition of the version the started case runs. */
  const [running, setRunning] = useState<ProcessDefinition | null>(null);
  const outcomeName = useOutcomeName();
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

  useEffect(() => {
    setPublished(null);
    if (latestVersion === null) return;
    let current = true;
    processApi.version(processKey, latestVersion).then(
      ({ definition }) => current && setPublished(definition),
      (err: unknown) => current && setStartError(apiErrorText(err, t)),
    );
    return () => void (current = false);
  }, [processKey, latestVersion, t]);

  const start = async (value: Record<string, unknown>) => {
    if (latestVersion === null) return;
    setStarting(true);
    setStartError(null);
    setInputErrors(undefined);
    try {
      const started = await startCase(processKey, value, latestVersion);
      const definition = started.version === latestVersion && published ? published : (await processApi.version(processKey, started.version)).definition;
      setRunning(definition);
      const { nodes, edges, positioned } = toFlow(definition);
      const laidOut = await placed(nodes, edges, positioned);
      setOverlay({ kind: 'run', label: t('run.overlay', { version: started.version }), nodes: laidOut, edges, marks: { nodes: {}, edges: {} } });
      setCaseId(started.caseId);
    } catch (err) {
      setStartError(apiErrorText(err, t));
      // The server names the input's fields as input/<field>/…: shown beside them in the form.
      if (err instanceof ApiError) setInputErrors(errorSchemaOf(err.problems.filter((p) => p.path.startsWith('input')).map((p) => ({ property: p.path.replace(/^input/, '').replace(/\//g, '.'), message: problemText(p, t) }))));
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
          {published ? (
            <CaseInputForm variables={published.variables} value={input} onChange={setInput} onSubmit={(value) => void start(value)} serverErrors={inputErrors} idPrefix="run-input">
              <button type="submit" className="primary" disabled={starting} data-testid="start-case">
                {t('run.start')}
              </button>
            </CaseInputForm>
          ) : (
            !startError && <p className="muted">{t('common.loading')}</p>
          )}
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
              {snapshot.error.nodeId && step(snapshot.error.nodeId)} {caseFailureText(snapshot.error, t)}
            </p>
          )}
          {snapshot.outcome !== undefined && (
            <p>
              {t('run.outcome')}: <strong data-testid="case-outcome" title={snapshot.outcome}>{outcomeName(snapshot.outcome)}</strong>
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
          {running && <RunWaits key={snapshot.caseId} snapshot={snapshot} definition={running} />}
          <h4>{t('run.variables')}</h4>
          <pre className="variables" data-testid="case-variables">
            {JSON.stringify(snapshot.variables, null, 2)}
          </pre>
          <h4>{t('run.history')}</h4>
          <ol className="history">
            {snapshot.history.map((h, i) => (
              <li key={i}>
                {step(h.nodeId)} {new Date(h.enteredAt).toLocaleTimeString(i18n.language)}
                {h.outcome !== undefined && ` → ${outcomeName(h.outcome)}`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
