/** A {zh, en} text edited as two inputs, one per product language (text areas, one above the other, for a longer text). */
import { useTranslation } from 'react-i18next';
import { Field, orUndefined } from './Field';

type Text = { zh?: string; en?: string };

interface LocalizedTextFieldsProps {
  label: string;
  value: Text | undefined;
  onChange(value: Text | undefined): void;
  testId: string;
  /** Lines of a text area for each language; a one-line input when absent. */
  rows?: number;
}

export function LocalizedTextFields({ label, value, onChange, testId, rows }: LocalizedTextFieldsProps) {
  const { t } = useTranslation();
  const update = (side: 'zh' | 'en', text: string) => {
    const next = { ...value, [side]: orUndefined(text) };
    onChange(next.zh === undefined && next.en === undefined ? undefined : next);
  };
  const input = (side: 'zh' | 'en') =>
    rows ? (
      <textarea rows={rows} value={value?.[side] ?? ''} onChange={(e) => update(side, e.target.value)} data-testid={`${testId}-${side}`} />
    ) : (
      <input value={value?.[side] ?? ''} onChange={(e) => update(side, e.target.value)} data-testid={`${testId}-${side}`} />
    );
  return (
    <div className={rows ? 'field-pair stacked' : 'field-pair'}>
      <Field label={`${label} (${t('lang.zhShort')})`}>{input('zh')}</Field>
      <Field label={`${label} (${t('lang.enShort')})`}>{input('en')}</Field>
    </div>
  );
}
