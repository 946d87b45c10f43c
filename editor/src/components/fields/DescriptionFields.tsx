/**
 * A description edited in both languages. A plain-string description (stored before descriptions
 * were bilingual) opens on the side of its language, and is saved as {zh, en} once edited.
 */
import { useTranslation } from 'react-i18next';
import type { LocalizedDescription } from '../../../../language/localized-text';
import { useTextSide } from '../../i18n/useLocalized';
import { bilingualDescription, describedIn, savedDescription } from '../../model/description';
import { LocalizedTextFields } from './LocalizedTextFields';

interface DescriptionFieldsProps {
  value: LocalizedDescription | undefined;
  onChange(value: LocalizedDescription | undefined): void;
  testId: string;
  rows?: number;
}

export function DescriptionFields({ value, onChange, testId, rows = 3 }: DescriptionFieldsProps) {
  const { t } = useTranslation();
  return (
    <LocalizedTextFields label={t('node.description')} value={bilingualDescription(value)} onChange={(text) => onChange(savedDescription(text))} testId={testId} rows={rows} />
  );
}

/** The description in the UI language as a line that opens onto its two fields (where it is beside other things, not a panel of its own). */
export function DescriptionDetails({ value, onChange, testId }: DescriptionFieldsProps) {
  const { t } = useTranslation();
  const shown = describedIn(value, useTextSide());
  return (
    <details className="description-details" data-testid={testId}>
      <summary>
        <span className="description-label">{t('node.description')}:</span>{' '}
        <span className={shown ? 'description-text' : 'description-text muted'} data-testid={`${testId}-text`}>
          {shown ?? t('node.noDescription')}
        </span>
      </summary>
      <DescriptionFields value={value} onChange={onChange} testId={testId} />
    </details>
  );
}
