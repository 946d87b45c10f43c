/** A join: wait for all forked branches, or continue at the first. */
import { useTranslation } from 'react-i18next';
import { Field } from '../../fields/Field';
import type { SectionProps } from './types';

export function JoinSection({ data, update }: SectionProps<'join'>) {
  const { t } = useTranslation();
  return (
    <Field label={t('join.mode')}>
      <select value={data.mode ?? 'all'} onChange={(e) => update({ mode: e.target.value as 'all' | 'any' })} data-testid="field-join-mode">
        <option value="all">{t('join.all')}</option>
        <option value="any">{t('join.any')}</option>
      </select>
    </Field>
  );
}
