/**
 * "Try it": sample facts evaluated by the saved draft, showing the events fired and, for each rule
 * and condition, whether it passed and the fact value it saw. Sample facts stay in this page, unless
 * the run is saved as a rule test (its facts, outcome and params) with one click.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleTest } from '../../../../rules/ruleset-schema';
import { evaluateRuleSet, type Candidate, type Evaluation, type FactDeclaration } from '../../api/rulesets';
import { useRequest } from '../../hooks/useRequest';
import { formatLiteral } from '../../model/literal';
import { LiteralInput } from '../fields/LiteralInput';
import { RuleTraceView } from './RuleTraceView';

interface TryItPanelProps {
  rulesetKey: string;
  facts: Record<string, FactDeclaration>;
  /** The rules to evaluate (saving unsaved edits first); null when they could not be saved. */
  candidate(): Promise<Candidate | null>;
  /** Keeps a run as a rule test; absent for those who may not change the rule set. */
  onSaveAsTest?(test: RuleTest): void;
  /** The tests' names, which a new one may not repeat. */
  testNames?: string[];
}

/** One click from a run to a rule test: its facts, and the outcome and params it decided. */
function SaveAsTest({ facts, result, names, onSave }: { facts: RuleTest['facts']; result: Evaluation; names: string[]; onSave(test: RuleTest): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const taken = names.includes(name.trim());
  const params = result.events[0]?.params ?? {};
  return (
    <div className="try-save-test">
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('tryIt.testName')} maxLength={200} aria-invalid={taken} data-testid="try-test-name" />
      <button
        type="button"
        disabled={name.trim() === '' || taken}
        onClick={() => {
          onSave({ name: name.trim(), facts, expect: { outcome: result.outcome, ...(Object.keys(params).length > 0 ? { params: params as NonNullable<RuleTest['expect']['params']> } : {}) } });
          setName('');
        }}
        data-testid="try-save-test"
      >
        {t('tryIt.saveAsTest')}
      </button>
    </div>
  );
}

function FactInput({ decl, value, onChange, name }: { decl: FactDeclaration; value: unknown; onChange(v: unknown): void; name: string }) {
  const { t } = useTranslation();
  if (decl.enum || decl.type === 'boolean') {
    const options = decl.enum ?? [true, false];
    return (
      <select value={value === undefined ? '' : JSON.stringify(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : JSON.parse(e.target.value))} data-testid={`try-fact-${name}`}>
        <option value="">{t('rules.unset')}</option>
        {options.map((o) => (
          <option key={JSON.stringify(o)} value={JSON.stringify(o)}>
            {formatLiteral(o)}
          </option>
        ))}
      </select>
    );
  }
  return <LiteralInput value={value} onChange={onChange} ariaLabel={name} testId={`try-fact-${name}`} placeholder={decl.type === 'datetime' ? '2021-09-09T08:00:00+08:00' : undefined} />;
}

export function TryItPanel({ rulesetKey, facts, candidate, onSaveAsTest, testNames = [] }: TryItPanelProps) {
  const { t } = useTranslation();
  const [sample, setSample] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(Object.entries(facts).flatMap(([k, d]) => (d.default !== undefined ? [[k, d.default]] : []))),
  );
  const { result, error, busy, run: request } = useRequest<Evaluation>();
  // The facts of the run shown, for saving it as a test (the sample may have changed since).
  const [ran, setRan] = useState<RuleTest['facts']>({});

  const run = () =>
    request(async () => {
      const rules = await candidate();
      if (!rules) return null;
      const given = Object.fromEntries(Object.entries(sample).filter(([, v]) => v !== undefined));
      setRan(given as RuleTest['facts']);
      return evaluateRuleSet(rulesetKey, given, rules);
    });

  return (
    <div className="panel-body" data-testid="try-it">
      <p className="muted">{t('tryIt.explain')}</p>
      <table className="grid facts-sample">
        <tbody>
          {Object.entries(facts).map(([name, decl]) => (
            <tr key={name}>
              <th>
                {name} <span className="muted">({t(`rules.types.${decl.type}`)})</span>
              </th>
              <td>
                <FactInput name={name} decl={decl} value={sample[name]} onChange={(v) => setSample((s) => ({ ...s, [name]: v }))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="try-run">
        {t('tryIt.run')}
      </button>
      {error && <p className="field-error">{error}</p>}
      {result && (
        <div className="try-result" data-testid="try-result">
          <h4>{t('tryIt.events')}</h4>
          {result.events.length === 0 ? (
            <p className="muted">{t('tryIt.noEvents')}</p>
          ) : (
            <ul>
              {result.events.map((e, i) => (
                <li key={i} data-testid="try-event">
                  <strong>{e.type}</strong> {e.params && <code className="wrap">{JSON.stringify(e.params)}</code>}
                </li>
              ))}
            </ul>
          )}
          {result.outcome !== undefined && (
            <p>
              {t('tryIt.outcome')}: <code>{formatLiteral(result.outcome)}</code>
            </p>
          )}
          {onSaveAsTest && <SaveAsTest facts={ran} result={result} names={testNames} onSave={onSaveAsTest} />}
          <h4>{t('tryIt.trace')}</h4>
          <RuleTraceView trace={result.trace} />
        </div>
      )}
    </div>
  );
}
