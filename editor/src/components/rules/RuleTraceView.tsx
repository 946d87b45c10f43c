/**
 * Why rules decided as they did: each rule with whether it passed, and each of its conditions as
 * fact, operator, value and the fact's value seen, marked passed, failed or not evaluated. Shown
 * by "Try it" and by a case's decisions (the trace the decision recorded).
 */
import { useTranslation } from 'react-i18next';
import type { RuleTrace } from '../../../../rules/engine';
import { formatLiteral } from '../../model/literal';

export function RuleTraceView({ trace }: { trace: readonly RuleTrace[] }) {
  const { t } = useTranslation();
  return (
    <>
      {trace.map((rule, i) => (
        <details key={i} open={rule.passed} className={`trace-rule ${rule.passed ? 'passed' : 'failed'}`} data-testid="trace-rule" data-passed={rule.passed}>
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
                <tr key={j} className={c.result === null ? 'skipped' : c.result ? 'passed' : 'failed'} data-testid="trace-condition">
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
    </>
  );
}
