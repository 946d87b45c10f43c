/**
 * An outcome's params as a small key/value form. A value is a literal (7, "P7D", [1,4,7]) or a
 * reference to a fact, picked from the facts params may read (the rule set's paramFacts, ticked
 * in the facts table), with an optional path into it. A change of `days` carries over to a duration
 * that said the same length (rules/param-consistency.ts), so the length is typed once.
 */
import { useTranslation } from 'react-i18next';
import { looksLikeFactReference } from '../../../../language';
import { followDays } from '../../../../rules/param-consistency';
import type { EventParams, FactReference } from '../../../../rules/ruleset-schema';
import { LiteralInput } from '../fields/LiteralInput';

interface ParamsEditorProps {
  value: EventParams | undefined;
  onChange(value: EventParams | undefined): void;
  /** The facts a param may reference. */
  facts: readonly string[];
  testId: string;
}

type Entry = [string, EventParams[string]];

export function ParamsEditor({ value, onChange, facts, testId }: ParamsEditorProps) {
  const { t } = useTranslation();
  const entries: Entry[] = Object.entries(value ?? {});
  const commit = (next: Entry[]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  const setAt = (i: number, entry: Entry) => {
    const next = entries.map((e, j) => (j === i ? entry : e));
    const [key, before] = entries[i];
    const after = entry[1];
    if (key === 'days' && entry[0] === 'days' && typeof before === 'number' && typeof after === 'number') onChange(followDays(Object.fromEntries(next), before, after));
    else commit(next);
  };
  const freeKey = () => {
    let n = entries.length + 1;
    while (entries.some(([k]) => k === `param${n}`)) n++;
    return `param${n}`;
  };

  return (
    <div className="params-editor" data-testid={testId}>
      {entries.map(([key, v], i) => {
        const ref = looksLikeFactReference(v) ? (v as FactReference) : undefined;
        return (
          <div className="param-row" key={i}>
            <input value={key} onChange={(e) => setAt(i, [e.target.value, v])} aria-label={t('rules.paramName')} data-testid={`${testId}-key-${i}`} />
            <select
              value={ref ? 'fact' : 'value'}
              onChange={(e) => setAt(i, [key, e.target.value === 'fact' ? { fact: facts[0] ?? '' } : ''])}
              aria-label={t('rules.paramKind')}
              data-testid={`${testId}-kind-${i}`}
            >
              <option value="value">{t('rules.paramValue')}</option>
              <option value="fact" disabled={!ref && facts.length === 0} title={facts.length === 0 ? t('rules.noReadableFacts') : undefined}>
                {t('rules.paramFact')}
              </option>
            </select>
            {ref ? (
              <span className="param-ref">
                <select value={ref.fact} onChange={(e) => setAt(i, [key, { ...ref, fact: e.target.value }])} aria-label={t('rules.paramFact')} data-testid={`${testId}-fact-${i}`}>
                  {!facts.includes(ref.fact) && <option value={ref.fact}>{ref.fact}</option>}
                  {facts.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
                <input
                  value={ref.path ?? ''}
                  placeholder={t('rules.paramPath')}
                  aria-label={t('rules.paramPath')}
                  onChange={(e) => setAt(i, [key, e.target.value ? { ...ref, path: e.target.value } : { fact: ref.fact }])}
                />
              </span>
            ) : (
              <LiteralInput value={v} onChange={(next) => setAt(i, [key, next === undefined ? '' : (next as EventParams[string])])} ariaLabel={key} testId={`${testId}-value-${i}`} />
            )}
            <button type="button" className="icon" onClick={() => commit(entries.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
              ×
            </button>
          </div>
        );
      })}
      <button type="button" className="link" onClick={() => commit([...entries, [freeKey(), '']])} data-testid={`${testId}-add`}>
        + {t('rules.addParam')}
      </button>
    </div>
  );
}
