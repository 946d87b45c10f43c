/**
 * "Try it": sample facts evaluated by the saved draft, showing the events fired and, for each rule
 * and condition, whether it passed and the fact value it saw. Sample facts stay in this page.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluateRuleSet, type Candidate, type Evaluation, type FactDeclaration } from '../../api/rulesets';
import { useRequest } from '../../hooks/useRequest';
import { formatLiteral } from '../../model/literal';
import { LiteralInput } from '../fields/LiteralInput';

interface TryItPanelProps {
  rulesetKey: string;
  facts: Record<string, FactDeclaration>;
  /** The rules to evaluate (saving unsaved edits first); null when they could not be saved. */
  candidate(): Promise<Candidate | null>;
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

export function TryItPanel({ rulesetKey, facts, candidate }: TryItPanelProps) {
  const { t } = useTranslation();
  const [sample, setSample] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(Object.entries(facts).flatMap(([k, d]) => (d.default !== undefined ? [[k, d.default]] : []))),
  );
  const { result, error, busy, run: request } = useRequest<Evaluation>();

  const run = () =>
    request(async () => {
      const rules = await candidate();
      if (!rules) return null;
      const given = Object.fromEntries(Object.entries(sample).filter(([, v]) => v !== undefined));
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
          <h4>{t('tryIt.trace')}</h4>
          {result.trace.map((rule, i) => (
            <details key={i} open={rule.passed} className={`trace-rule ${rule.passed ? 'passed' : 'failed'}`}>
              <summary>
                {rule.passed ? '✓' : rule.evaluated ? '✗' : '–'} {rule.name} <span className="muted">→ {rule.event}</span>
              </summary>
              <table className="grid">
                <thead>
                  <tr>
                    <th>{t('condition.fact')}</th>
                    <th>{t('condition.operator')}</th>
                    <th>{t('condition.value')}</th>
                    <th>{t('tryIt.factValue')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {rule.conditions.map((c, j) => (
                    <tr key={j} className={c.result === null ? 'skipped' : c.result ? 'passed' : 'failed'}>
                      <td>
                        {c.fact}
                        {c.path && <span className="muted">{c.path}</span>}
                      </td>
                      <td>{t(`operator.${c.operator}`, { defaultValue: c.operator })}</td>
                      <td>
                        <code>{formatLiteral(c.value)}</code>
                      </td>
                      <td>
                        <code>{formatLiteral(c.factValue)}</code>
                      </td>
                      <td>{c.result === null ? t('tryIt.notEvaluated') : c.result ? '✓' : '✗'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </div>
      )}
    </div>
  );
}
