/**
 * An outcome's params as a small key/value form. A value is a literal (7, "P7D", [1,4,7]) or a
 * reference to a fact, picked from the facts params may read (the rule set's paramFacts, ticked
 * in the facts table), with an optional path into it. A param the rule set declares (paramTypes)
 * shows its label in the UI language and a widget of its type; a duration derived from a number is
 * computed from it (rules/param-types.ts), and an undeclared duration that said the same length as
 * `days` follows it (rules/param-consistency.ts), so a length is typed once.
 */
import { useTranslation } from 'react-i18next';
import { looksLikeFactReference } from '../../../../language';
import { followDays } from '../../../../rules/param-consistency';
import { withDerived } from '../../../../rules/param-types';
import type { EventParams, FactReference, ParamDeclaration } from '../../../../rules/ruleset-schema';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { LiteralInput } from '../fields/LiteralInput';
import { initialParamValue, TypedParamInput } from './TypedParamInput';

interface ParamsEditorProps {
  value: EventParams | undefined;
  onChange(value: EventParams | undefined): void;
  /** The facts a param may reference. */
  facts: readonly string[];
  /** The rule set's declared params. */
  types: Record<string, ParamDeclaration> | undefined;
  testId: string;
}

type Entry = [string, EventParams[string]];

export function ParamsEditor({ value, onChange, facts, types, testId }: ParamsEditorProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const entries: Entry[] = Object.entries(value ?? {});
  const commit = (next: Entry[]) => onChange(next.length ? withDerived(Object.fromEntries(next), types) : undefined);
  const setAt = (i: number, entry: Entry) => {
    const next = entries.map((e, j) => (j === i ? entry : e));
    const [key, before] = entries[i];
    const after = entry[1];
    if (key === 'days' && entry[0] === 'days' && typeof before === 'number' && typeof after === 'number') onChange(withDerived(followDays(Object.fromEntries(next), before, after), types));
    else commit(next);
  };
  const addable = Object.entries(types ?? {}).filter(([name]) => !entries.some(([k]) => k === name));
  const freeKey = () => {
    let n = entries.length + 1;
    while (entries.some(([k]) => k === `param${n}`)) n++;
    return `param${n}`;
  };

  return (
    <div className="params-editor" data-testid={testId}>
      {entries.map(([key, v], i) => {
        const ref = looksLikeFactReference(v) ? (v as FactReference) : undefined;
        const decl = types?.[key];
        const label = pickText(decl?.label, side);
        return (
          <div className="param-row" key={i}>
            {decl ? (
              <span className="param-label" title={key} data-testid={`${testId}-label-${i}`}>
                {label}
              </span>
            ) : (
              <input value={key} onChange={(e) => setAt(i, [e.target.value, v])} aria-label={t('rules.paramName')} data-testid={`${testId}-key-${i}`} />
            )}
            <select
              value={ref ? 'fact' : 'value'}
              onChange={(e) => setAt(i, [key, e.target.value === 'fact' ? { fact: facts[0] ?? '' } : decl ? initialParamValue(decl) : ''])}
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
            ) : decl ? (
              <TypedParamInput decl={decl} value={v} onChange={(next) => setAt(i, [key, next])} source={decl.derive && types?.[decl.derive.from]} ariaLabel={label ?? key} testId={`${testId}-value-${i}`} />
            ) : (
              <LiteralInput value={v} onChange={(next) => setAt(i, [key, next === undefined ? '' : (next as EventParams[string])])} ariaLabel={key} testId={`${testId}-value-${i}`} />
            )}
            <button type="button" className="icon" onClick={() => commit(entries.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
              ×
            </button>
          </div>
        );
      })}
      <span className="param-add">
        {addable.length > 0 && (
          <select
            value=""
            onChange={(e) => {
              const decl = types![e.target.value];
              if (decl) commit([...entries, [e.target.value, initialParamValue(decl)]]);
            }}
            aria-label={t('rules.addDeclaredParam')}
            data-testid={`${testId}-add-declared`}
          >
            <option value="">+ {t('rules.addDeclaredParam')}</option>
            {addable.map(([name, decl]) => (
              <option key={name} value={name}>
                {pickText(decl.label, side)}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="link" onClick={() => commit([...entries, [freeKey(), '']])} data-testid={`${testId}-add`}>
          + {t(addable.length > 0 ? 'rules.addOtherParam' : 'rules.addParam')}
        </button>
      </span>
    </div>
  );
}
