/** A rule list: each rule's conditions built with the condition builder, and the event it fires. */
import { useTranslation } from 'react-i18next';
import type { ParamDeclaration, TopLevelCondition } from '../../../../rules/ruleset-schema';
import type { Rule } from '../../api/rulesets';
import { ConditionBuilder } from '../condition/ConditionBuilder';
import { Field } from '../fields/Field';
import { ParamsEditor } from './ParamsEditor';

interface RulesEditorProps {
  rules: Rule[];
  facts: string[];
  /** The facts an outcome's params may reference. */
  paramFacts: readonly string[];
  /** The rule set's declared params, edited as typed fields. */
  paramTypes: Record<string, ParamDeclaration> | undefined;
  onChange(rules: Rule[]): void;
}

export function RulesEditor({ rules, facts, paramFacts, paramTypes, onChange }: RulesEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, rule: Rule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const add = () =>
    onChange([...rules, { name: `rule ${rules.length + 1}`, conditions: { all: [{ fact: facts[0] ?? '', operator: 'equal', value: '' }] }, event: { type: 'outcome' } }]);

  return (
    <section className="rules-editor" data-testid="rules-editor">
      <h3>{t('rules.rules')}</h3>
      {rules.map((rule, i) => (
        <article key={i} className="rule-card" data-testid={`rule-${i}`}>
          <div className="rule-head">
            <input value={rule.name ?? ''} placeholder={t('rules.ruleName')} aria-label={t('rules.ruleName')} onChange={(e) => set(i, { ...rule, name: e.target.value || undefined })} />
            <label>
              {t('rules.priority')}{' '}
              <input
                type="number"
                min={1}
                className="narrow"
                value={rule.priority ?? ''}
                onChange={(e) => set(i, { ...rule, priority: e.target.value === '' ? undefined : Number(e.target.value) })}
              />
            </label>
            <button type="button" className="icon" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('common.moveUp')}>
              ↑
            </button>
            <button type="button" className="icon" disabled={i === rules.length - 1} onClick={() => move(i, 1)} aria-label={t('common.moveDown')}>
              ↓
            </button>
            <button type="button" className="icon" onClick={() => onChange(rules.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
              ×
            </button>
          </div>
          <h4>{t('rules.when')}</h4>
          <ConditionBuilder value={rule.conditions} onChange={(conditions) => set(i, { ...rule, conditions: conditions as TopLevelCondition })} facts={facts} testId={`rule-${i}-cond`} />
          <h4>{t('rules.then')}</h4>
          <div className="field-pair">
            <Field label={t('rules.eventType')} hint={t('rules.eventTypeHint')}>
              <input value={rule.event.type} onChange={(e) => set(i, { ...rule, event: { ...rule.event, type: e.target.value } })} data-testid={`rule-${i}-event`} />
            </Field>
            <Field label={t('rules.params')}>
              <ParamsEditor value={rule.event.params} onChange={(params) => set(i, { ...rule, event: { ...rule.event, params } })} facts={paramFacts} types={paramTypes} testId={`rule-${i}-params`} />
            </Field>
          </div>
        </article>
      ))}
      <button type="button" onClick={add} data-testid="add-rule">
        + {t('rules.addRule')}
      </button>
    </section>
  );
}
