/**
 * The rule set's declared facts: name, type, default, allowed values, whether outcomes' params may
 * read it (paramFacts: a fact not ticked, an ID number say, can never flow into a decision's output),
 * and on a line below, what it is (its description in both languages).
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { factTypes } from '../../../../rules/ruleset-schema';
import type { FactDeclaration, FactType } from '../../api/rulesets';
import { compact } from '../../model/convert';
import { DescriptionDetails } from '../fields/DescriptionFields';
import { LiteralInput } from '../fields/LiteralInput';
import { TagsInput } from '../fields/TagsInput';

interface FactsEditorProps {
  facts: Record<string, FactDeclaration>;
  paramFacts: readonly string[] | undefined;
  onChange(change: { facts: Record<string, FactDeclaration>; paramFacts: string[] | undefined }): void;
}

export function FactsEditor({ facts, paramFacts = [], onChange }: FactsEditorProps) {
  const { t } = useTranslation();
  const entries = Object.entries(facts);
  /** The facts as `next`; params keep reading a fact renamed (old name → new), and none removed. */
  const commit = (next: [string, FactDeclaration][], renamed?: [string, string]) => {
    const names = new Set(next.map(([n]) => n));
    const readable = paramFacts.map((f) => (renamed && f === renamed[0] ? renamed[1] : f)).filter((f) => names.has(f));
    onChange({ facts: Object.fromEntries(next), paramFacts: readable.length ? readable : undefined });
  };
  const setReadable = (name: string, on: boolean) => {
    const readable = on ? [...paramFacts, name] : paramFacts.filter((f) => f !== name);
    onChange({ facts, paramFacts: readable.length ? readable : undefined });
  };
  const patch = (i: number, p: Partial<FactDeclaration>) =>
    commit(entries.map(([n, d], j) => [n, j === i ? compact({ ...d, ...p }) : d]));
  const add = () => {
    let n = entries.length + 1;
    while (`fact${n}` in facts) n++;
    commit([...entries, [`fact${n}`, { type: 'string' }]]);
  };

  return (
    <section className="facts-editor" data-testid="facts-editor">
      <h3>{t('rules.facts')}</h3>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('rules.factName')}</th>
            <th>{t('rules.factType')}</th>
            <th>{t('rules.factDefault')}</th>
            <th>{t('rules.factEnum')}</th>
            <th title={t('rules.paramReadableHint')}>{t('rules.paramReadable')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.map(([name, decl], i) => (
            <Fragment key={i}>
              <tr>
                <td>
                  <input value={name} onChange={(e) => commit(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)), [name, e.target.value])} aria-label={t('rules.factName')} />
                </td>
                <td>
                  <select value={decl.type} onChange={(e) => patch(i, { type: e.target.value as FactType })} aria-label={t('rules.factType')}>
                    {factTypes.map((ft) => (
                      <option key={ft} value={ft}>
                        {t(`rules.types.${ft}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <LiteralInput value={decl.default} onChange={(v) => patch(i, { default: v as FactDeclaration['default'] })} placeholder={t('rules.noDefault')} ariaLabel={t('rules.factDefault')} />
                </td>
                <td>
                  <TagsInput value={decl.enum} onChange={(v) => patch(i, { enum: v as FactDeclaration['enum'] })} placeholder={t('rules.anyValue')} ariaLabel={t('rules.factEnum')} testId={`fact-${i}-enum`} />
                </td>
                <td>
                  <input type="checkbox" checked={paramFacts.includes(name)} onChange={(e) => setReadable(name, e.target.checked)} aria-label={t('rules.paramReadable')} data-testid={`fact-${i}-readable`} />
                </td>
                <td>
                  <button type="button" className="icon" onClick={() => commit(entries.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                    ×
                  </button>
                </td>
              </tr>
              <tr className="fact-description-row">
                <td colSpan={6}>
                  <DescriptionDetails value={decl.description} onChange={(description) => patch(i, { description })} testId={`fact-${i}-description`} />
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
      <button type="button" className="link" onClick={add} data-testid="add-fact">
        + {t('rules.addFact')}
      </button>
    </section>
  );
}
