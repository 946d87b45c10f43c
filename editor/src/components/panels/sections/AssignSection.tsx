/** An assignment: case variables set from expressions. */
import { useTranslation } from 'react-i18next';
import { MappingEditor } from '../../fields/MappingEditor';
import type { SectionProps } from './types';

export function AssignSection({ data, update }: SectionProps<'assign'>) {
  const { t } = useTranslation();
  return (
    <>
      <h4>{t('assign.title')}</h4>
      <MappingEditor value={data.assign} onChange={(assign) => update({ assign: assign ?? {} })} testId="field-assign" />
    </>
  );
}
