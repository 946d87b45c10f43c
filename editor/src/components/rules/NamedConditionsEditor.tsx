/** Shared conditions a rule set names once and its rules reference as {condition: name}. */
import { useTranslation } from 'react-i18next';
import type { TopLevelCondition } from '../../../../rules/ruleset-schema';
import { ConditionBuilder } from '../condition/ConditionBuilder';

interface NamedConditionsEditorProps {
  conditions: Record<string, TopLevelCondition> | undefined;
  facts: string[];
  onChange(conditions: Record<string, TopLevelCondition> | undefined): void;
}

export function NamedConditionsEditor({ conditions, facts, onChange }: NamedConditionsEditorProps) {
  const { t } = useTranslation();
  const entries = Object.entries(conditions ?? {});
  const commit = (next: [string, TopLevelCondition][]) => onChange(next.length > 0 ? Object.fromEntries(next) : undefined);
  const add = () => {
    let n = entries.length + 1;
    while (conditions && `condition${n}` in conditions) n++;
    commit([...entries, [`condition${n}`, { all: [{ fact: facts[0] ?? '', operator: 'equal', value: '' }] }]]);
  };
  return (
    <section className="named-conditions" data-testid="named-conditions">
      <h3>{t('rules.namedConditions')}</h3>
      <p className="muted">{t('rules.namedConditionsHint')}</p>
      {entries.map(([name, cond], i) => (
        <article key={i} className="rule-card">
          <div className="rule-head">
            <input value={name} onChange={(e) => commit(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))} aria-label={t('rules.conditionName')} />
            <button type="button" className="icon" onClick={() => commit(entries.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
              ×
            </button>
          </div>
          <ConditionBuilder
            value={cond}
            onChange={(c) => commit(entries.map((x, j) => (j === i ? [x[0], c as TopLevelCondition] : x)))}
            facts={facts}
            testId={`named-${i}`}
          />
        </article>
      ))}
      <button type="button" onClick={add}>
        + {t('rules.addNamedCondition')}
      </button>
    </section>
  );
}
