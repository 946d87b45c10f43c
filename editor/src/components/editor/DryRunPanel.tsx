/**
 * "Dry run": runs the process as drawn now (unsaved, unpublished) in the server's sandbox with
 * the input of its variables' form, the steps chosen stubbed with a fixed output, and time that
 * jumps; the path taken is lit on the graph, with what each step did and each decision's trace.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { STUBBABLE, testVerdict, type ProcessTest, type TestFailure } from '../../../../workflows/definition/process-tests';
import type { NodeType } from '../../../../workflows/definition/schema';
import { dryRun, type DryRunAnswer } from '../../api/dryRun';
import { currentDefinition } from '../../hooks/processDocument';
import { apiErrorText } from '../../i18n/apiErrorText';
import { useTestNames } from '../../hooks/useTestNames';
import { useOutcomeName } from '../../i18n/outcomeName';
import { testFailuresText } from '../../i18n/testFailureText';
import { useTextSide } from '../../i18n/useLocalized';
import { runMarks } from '../../model/marks';
import { nodeName } from '../../model/node-name';
import { useEditor } from '../../store';
import { CaseInputForm } from './CaseInputForm';
import '../../styles/run.css';
import '../../styles/dry-run.css';

const DAY = 86_400_000;

interface Stub {
  on: boolean;
  text: string;
}

type Step = DryRunAnswer['steps'][number];

/** A saved test's last result here: passed, or each reason it failed. */
type Verdict = { passed: boolean; failures: TestFailure[] };

export function DryRunPanel({ processKey }: { processKey: string }) {
  const { t } = useTranslation();
  const side = useTextSide();
  const outcomeName = useOutcomeName();
  const { nodes, variables, tests, setOverlay, setMeta } = useEditor(
    useShallow((s) => ({ nodes: s.nodes, variables: s.meta.variables, tests: s.meta.tests, setOverlay: s.setOverlay, setMeta: s.setMeta })),
  );
  const stubbable = useMemo(() => nodes.filter((n) => Object.hasOwn(STUBBABLE, n.type as NodeType)), [nodes]);
  const [input, setInput] = useState<Record<string, unknown>>({});
  const [stubs, setStubs] = useState<Record<string, Stub>>({});
  const [answer, setAnswer] = useState<DryRunAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  /** What the last run was asked: a test saves it with what happened. */
  const [asked, setAsked] = useState<{ input: Record<string, unknown>; stubs: Record<string, unknown> } | null>(null);
  const [testName, setTestName] = useState('');
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const name = (id: string) => nodeName(nodes.find((n) => n.id === id), id, side);
  const stubOf = (id: string): Stub => stubs[id] ?? { on: false, text: 'null' };

  const run = async (value: Record<string, unknown>) => {
    const chosen: Record<string, unknown> = {};
    for (const [id, stub] of Object.entries(stubs)) {
      if (!stub.on || !stubbable.some((n) => n.id === id)) continue;
      try {
        chosen[id] = JSON.parse(stub.text);
      } catch {
        setError(t('dryRun.badStub', { step: name(id) }));
        return;
      }
    }
    setRunning(true);
    setError(null);
    try {
      const definition = currentDefinition();
      const result = await dryRun(processKey, { definition, input: value, stubs: chosen });
      setAnswer(result);
      setAsked({ input: value, stubs: chosen });
      const s = useEditor.getState();
      setOverlay({
        kind: 'run',
        label: t('dryRun.overlay'),
        nodes: s.nodes,
        edges: s.edges,
        marks: runMarks({ history: result.path, activeNodes: result.status === 'waiting' && result.nodeId ? [result.nodeId] : [], error: result.status === 'failed' ? { nodeId: result.nodeId, message: result.error ?? '' } : undefined }),
      });
    } catch (err) {
      setAnswer(null);
      setError(apiErrorText(err, t));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="panel-body dry-run" data-testid="dry-run-panel">
      <h3>{t('dryRun.title')}</h3>
      <p className="muted">{t('dryRun.explain')}</p>
      <h4>{t('dryRun.stubs')}</h4>
      {stubbable.length === 0 && <p className="muted">{t('dryRun.noStubbable')}</p>}
      <ul className="dry-stubs">
        {stubbable.map((n) => {
          const stub = stubOf(n.id);
          return (
            <li key={n.id} data-testid={`stub-${n.id}`}>
              <label>
                <input type="checkbox" checked={stub.on} onChange={(e) => setStubs({ ...stubs, [n.id]: { ...stub, on: e.target.checked } })} />
                <span title={n.id}>{name(n.id)}</span> <span className="muted">{t(`dryRun.stubOf.${n.type}`)}</span>
              </label>
              {stub.on && (
                <textarea rows={2} spellCheck={false} aria-label={t('dryRun.stubValue', { step: name(n.id) })} value={stub.text} onChange={(e) => setStubs({ ...stubs, [n.id]: { ...stub, text: e.target.value } })} />
              )}
            </li>
          );
        })}
      </ul>
      <h4>{t('run.input')}</h4>
      <CaseInputForm variables={variables} value={input} onChange={setInput} onSubmit={(value) => void run(value)} idPrefix="dry-input">
        <button type="submit" className="primary" disabled={running} data-testid="dry-run-start">
          {t('dryRun.start')}
        </button>
      </CaseInputForm>
      {error && <p className="field-error" data-testid="dry-run-error">{error}</p>}
      {answer && <DryRunReport answer={answer} name={name} outcomeName={outcomeName} />}
      {answer && asked && (
        <form
          className="dry-save-test"
          onSubmit={(e) => {
            e.preventDefault();
            const test: ProcessTest = {
              name: testName.trim(),
              input: asked.input,
              stubs: asked.stubs,
              expect: { status: answer.status, ...(answer.outcome !== undefined ? { outcome: answer.outcome } : {}), ...(answer.nodeId ? { nodeId: answer.nodeId } : {}), path: answer.path.map((v) => v.nodeId) },
            };
            setMeta({ tests: [...(tests ?? []).filter((x) => x.name !== test.name), test] });
            setVerdicts({ ...verdicts, [test.name]: { passed: true, failures: [] } });
            setTestName('');
          }}
        >
          <input value={testName} onChange={(e) => setTestName(e.target.value)} placeholder={t('dryRun.testName')} aria-label={t('dryRun.testName')} maxLength={200} required data-testid="dry-test-name" />
          <button type="submit" data-testid="dry-save-test">
            {t('dryRun.saveTest')}
          </button>
        </form>
      )}
      <SavedTests processKey={processKey} tests={tests ?? []} verdicts={verdicts} setVerdicts={setVerdicts} onRemove={(name) => setMeta({ tests: (tests ?? []).filter((x) => x.name !== name) })} />
    </div>
  );
}

/** The process's saved tests: each run again on demand against the graph as drawn now, green or red. */
function SavedTests({
  processKey,
  tests,
  verdicts,
  setVerdicts,
  onRemove,
}: {
  processKey: string;
  tests: ProcessTest[];
  verdicts: Record<string, Verdict>;
  setVerdicts(v: Record<string, Verdict>): void;
  onRemove(name: string): void;
}) {
  const { t } = useTranslation();
  const names = useTestNames();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (tests.length === 0) return null;
  const runAll = async () => {
    setRunning(true);
    setError(null);
    const next: Record<string, Verdict> = {};
    try {
      const definition = currentDefinition();
      for (const test of tests) next[test.name] = testVerdict(test, await dryRun(processKey, { definition, input: test.input ?? {}, stubs: test.stubs ?? {} }));
      setVerdicts(next);
    } catch (err) {
      setError(apiErrorText(err, t));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="dry-tests" data-testid="dry-tests">
      <h4>{t('dryRun.tests')}</h4>
      <p className="muted">{t('dryRun.testsExplain')}</p>
      <ul>
        {tests.map((test) => {
          const v = verdicts[test.name];
          return (
            <li key={test.name} className={v ? (v.passed ? 'passed' : 'failed') : ''} data-testid={`dry-test-${test.name}`} data-passed={v ? String(v.passed) : undefined}>
              <span>{v ? (v.passed ? '✓' : '✗') : '·'} {test.name}</span>
              <button type="button" className="link" onClick={() => onRemove(test.name)}>
                {t('dryRun.removeTest')}
              </button>
              {v && !v.passed && (
                <div className="field-error" data-testid="dry-test-reasons">
                  {testFailuresText(v.failures, t, names)}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" disabled={running} onClick={() => void runAll()} data-testid="dry-run-tests">
        {t('dryRun.runTests')}
      </button>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function DryRunReport({ answer, name, outcomeName }: { answer: DryRunAnswer; name: (id: string) => string; outcomeName: (o: string) => string }) {
  const { t } = useTranslation();
  const stepsAt = (nodeId: string, visit: number) => answer.steps.filter((s) => s.nodeId === nodeId && s.visit === visit);
  return (
    <div className="case-state" data-testid="dry-run-result">
      <p>
        <span className={`status status-${answer.status === 'waiting' ? 'running' : answer.status}`} data-testid="dry-run-status" data-status={answer.status}>
          {t(`dryRun.status.${answer.status}`)}
        </span>{' '}
        {answer.nodeId && <span title={answer.nodeId}>{name(answer.nodeId)}</span>}
      </p>
      {answer.outcome !== undefined && (
        <p>
          {t('run.outcome')}: <strong data-testid="dry-run-outcome">{outcomeName(answer.outcome)}</strong>
        </p>
      )}
      {answer.status === 'failed' && <RunFailure answer={answer} name={name} />}
      <p className="muted" data-testid="dry-run-elapsed">{t('dryRun.elapsed', { days: Math.round((answer.elapsedMs / DAY) * 10) / 10 })}</p>
      <h4>{t('run.history')}</h4>
      <ol className="history" data-testid="dry-run-path">
        {answer.path.map((v, i) => (
          <li key={i}>
            <span title={v.nodeId}>{name(v.nodeId)}</span>
            {v.outcome !== undefined && ` → ${outcomeName(v.outcome)}`}
            {stepsAt(v.nodeId, v.visit).map((s, j) => (
              <StepLine key={j} step={s} />
            ))}
          </li>
        ))}
      </ol>
      <h4>{t('run.variables')}</h4>
      <pre className="variables">{JSON.stringify(answer.variables, null, 2)}</pre>
    </div>
  );
}

/** Why a run failed, in the UI language; a step's own failure (an expression's, an activity's) is the engine's text, kept folded. */
function RunFailure({ answer, name }: { answer: DryRunAnswer; name: (id: string) => string }) {
  const { t } = useTranslation();
  const step = answer.nodeId ? name(answer.nodeId) : t('dryRun.noStep');
  return (
    <div className="field-error" data-testid="dry-run-failure" data-failure={answer.failure}>
      {t(`dryRun.failure.${answer.failure ?? 'step_failed'}`, { step })}
      {answer.failure !== 'no_stub' && answer.error && (
        <details className="muted">
          <summary>{t('dryRun.failureDetail')}</summary>
          <code>{answer.error}</code>
        </details>
      )}
    </div>
  );
}

/** What one step did: its stub, the time it jumped, or a decision's rules with whether each passed. */
function StepLine({ step }: { step: Step }) {
  const { t } = useTranslation();
  const json = (v: unknown) => JSON.stringify(v);
  switch (step.kind) {
    case 'activity':
      return <div className="dry-step muted">{t('dryRun.step.activity', { output: json(step.output) })}</div>;
    case 'event':
      return <div className="dry-step muted">{t('dryRun.step.event', { payload: json(step.payload) })}</div>;
    case 'task':
      return <div className="dry-step muted">{t('dryRun.step.task', { data: json(step.data) })}</div>;
    case 'subprocess':
      return <div className="dry-step muted">{t('dryRun.step.subprocess', { outcome: step.outcome ?? '—' })}</div>;
    case 'timer':
    case 'timeout':
      return <div className="dry-step muted">{t(`dryRun.step.${step.kind}`, { days: Math.round((step.jumpedMs / DAY) * 10) / 10 })}</div>;
    case 'ladder':
      return <div className="dry-step muted">{t('dryRun.step.ladder')}</div>;
    case 'decision': {
      const rules = Array.isArray(step.trace) ? (step.trace as { name: string; passed: boolean; evaluated: boolean }[]) : [];
      return (
        <div className="dry-step" data-testid={`dry-decision-${step.nodeId}`}>
          <span className="muted">{t('dryRun.step.decision', { ruleset: step.ruleset, version: step.rulesetVersion })}</span>
          <ul className="dry-trace">
            {rules.map((r, i) => (
              <li key={i} className={r.passed ? 'passed' : 'failed'}>
                {r.passed ? '✓' : r.evaluated ? '✗' : '–'} {r.name}
              </li>
            ))}
          </ul>
        </div>
      );
    }
  }
}
