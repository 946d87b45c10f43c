/**
 * The rule set's own tests: facts and what must be decided, each shown green or red as the rules
 * now stand (run here with the same code the server runs on every save and publish), with why a
 * red one fails. New tests are added with their facts and expected outcome and params as JSON.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compileRuleSet } from '../../../../rules/engine';
import { runRuleTests, type RuleTestReport } from '../../../../rules/rule-tests';
import type { RuleSet, RuleTest } from '../../../../rules/ruleset-schema';

/** The tests' results for the rule set as edited; null while it has problems (it cannot run then). */
export function useRuleTestReport(def: RuleSet | null, runnable: boolean): RuleTestReport | null {
  const [report, setReport] = useState<RuleTestReport | null>(null);
  useEffect(() => {
    let current = true;
    if (!def || !runnable) {
      setReport(null);
      return;
    }
    void runRuleTests(compileRuleSet(def), def.tests ?? []).then((r) => current && setReport(r));
    return () => {
      current = false;
    };
  }, [def, runnable]);
  return report;
}

/** Each failing test as "name: why", for the publish dialog. */
export const failingTests = (report: RuleTestReport | null): string[] =>
  (report?.results ?? []).filter((r) => !r.passed).map((r) => `${r.name}: ${r.failures.join('; ')}`);

interface RuleTestsPanelProps {
  tests: RuleTest[];
  report: RuleTestReport | null;
  onChange(tests: RuleTest[]): void;
}

/** A JSON object typed by the user, or an error. */
function parseObject(text: string): Record<string, unknown> | Error {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : new Error('not an object');
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function NewTest({ names, onAdd }: { names: string[]; onAdd(test: RuleTest): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [facts, setFacts] = useState('{}');
  const [outcome, setOutcome] = useState('');
  const [params, setParams] = useState('');
  const parsedFacts = parseObject(facts);
  const parsedParams = params.trim() ? parseObject(params) : undefined;
  const duplicate = names.includes(name.trim());
  const ok = name.trim() !== '' && !duplicate && !(parsedFacts instanceof Error) && !(parsedParams instanceof Error) && (outcome.trim() !== '' || parsedParams);
  return (
    <form
      className="rule-test-new"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ok || parsedFacts instanceof Error || parsedParams instanceof Error) return;
        onAdd({
          name: name.trim(),
          facts: parsedFacts as RuleTest['facts'],
          expect: { ...(outcome.trim() ? { outcome: outcome.trim() } : {}), ...(parsedParams ? { params: parsedParams as NonNullable<RuleTest['expect']['params']> } : {}) },
        });
        setName('');
      }}
    >
      <h4>{t('ruleTests.add')}</h4>
      <label className="field">
        <span className="field-label">{t('ruleTests.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} aria-invalid={duplicate} data-testid="rule-test-name" />
      </label>
      <label className="field">
        <span className="field-label">{t('ruleTests.facts')}</span>
        <textarea rows={2} value={facts} onChange={(e) => setFacts(e.target.value)} aria-invalid={parsedFacts instanceof Error} data-testid="rule-test-facts" />
      </label>
      <label className="field">
        <span className="field-label">{t('ruleTests.outcome')}</span>
        <input value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={100} data-testid="rule-test-outcome" />
      </label>
      <label className="field">
        <span className="field-label">{t('ruleTests.params')}</span>
        <textarea rows={2} value={params} onChange={(e) => setParams(e.target.value)} placeholder='{"days": 7}' aria-invalid={parsedParams instanceof Error} data-testid="rule-test-params" />
      </label>
      <button type="submit" disabled={!ok} data-testid="rule-test-add">
        {t('ruleTests.addButton')}
      </button>
    </form>
  );
}

export function RuleTestsPanel({ tests, report, onChange }: RuleTestsPanelProps) {
  const { t } = useTranslation();
  return (
    <div className="panel-body" data-testid="rule-tests">
      <p className="muted">{t('ruleTests.explain')}</p>
      {report && (
        <p className={report.failed > 0 ? 'field-error' : 'rule-tests-ok'} data-testid="rule-tests-summary">
          {t('ruleTests.summary', { passed: report.passed, total: report.total })}
        </p>
      )}
      <ul className="rule-tests">
        {tests.map((test, i) => {
          const result = report?.results[i];
          const state = !result ? 'unknown' : result.passed ? 'pass' : 'fail';
          return (
            <li key={test.name} className={`rule-test rule-test-${state}`} data-testid={`rule-test-${i}`} data-state={state}>
              <div className="rule-test-head">
                <span className="rule-test-mark" aria-label={t(`ruleTests.state.${state}`)}>
                  {state === 'pass' ? '✓' : state === 'fail' ? '✗' : '…'}
                </span>
                <strong>{test.name}</strong>
                <button type="button" className="icon" title={t('common.remove')} onClick={() => onChange(tests.filter((_, j) => j !== i))}>
                  ×
                </button>
              </div>
              <div className="muted rule-test-expect">
                <code>{JSON.stringify(test.facts)}</code> → <code>{JSON.stringify(test.expect)}</code>
              </div>
              {result && !result.passed && (
                <ul className="rule-test-failures">
                  {result.failures.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {tests.length === 0 && <p className="muted">{t('ruleTests.none')}</p>}
      <NewTest names={tests.map((x) => x.name)} onAdd={(test) => onChange([...tests, test])} />
    </div>
  );
}
