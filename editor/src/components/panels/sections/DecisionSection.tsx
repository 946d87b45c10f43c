/** A decision node: which rule set, an optional pinned version, the facts given to it and the result variable. */
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../../catalog';
import { Field, orUndefined } from '../../fields/Field';
import { MappingEditor } from '../../fields/MappingEditor';
import type { SectionProps } from './types';

export function DecisionSection({ data, update }: SectionProps<'decision'>) {
  const { t } = useTranslation();
  const rulesets = useCatalog((s) => s.rulesetKeys);
  return (
    <>
      <Field label={t('decision.ruleset')} hint={t('decision.rulesetHint')}>
        <input list="ruleset-keys" value={data.ruleset ?? ''} onChange={(e) => update({ ruleset: e.target.value })} data-testid="field-ruleset" />
        <datalist id="ruleset-keys">
          {rulesets.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </Field>
      <Field label={t('decision.version')} hint={t('decision.versionHint')}>
        <input
          type="number"
          min={1}
          value={data.version ?? ''}
          onChange={(e) => update({ version: e.target.value === '' ? undefined : Number(e.target.value) })}
          data-testid="field-version"
        />
      </Field>
      <h4>{t('decision.facts')}</h4>
      <p className="muted">{t('decision.factsHint')}</p>
      <MappingEditor value={data.facts} onChange={(facts) => update({ facts })} testId="field-facts" />
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
    </>
  );
}
