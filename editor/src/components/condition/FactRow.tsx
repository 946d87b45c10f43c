/** One fact · operator · value comparison. */
import { useTranslation } from 'react-i18next';
import { operatorNames, type FactCondition } from '../../../../language';
import { formatLiteral, parseLiteral } from '../../model/literal';

interface FactRowProps {
  value: FactCondition;
  onChange(value: FactCondition): void;
  onRemove?(): void;
  listId: string;
  testId: string;
}

export function FactRow({ value, onChange, onRemove, listId, testId }: FactRowProps) {
  const { t } = useTranslation();
  return (
    <div className="fact-row" data-testid={`${testId}-row`}>
      <input
        className="fact"
        value={value.fact}
        list={listId}
        placeholder={t('condition.fact')}
        aria-label={t('condition.fact')}
        onChange={(e) => onChange({ ...value, fact: e.target.value })}
        data-testid={`${testId}-fact`}
      />
      <select
        value={value.operator}
        onChange={(e) => onChange({ ...value, operator: e.target.value })}
        aria-label={t('condition.operator')}
        data-testid={`${testId}-operator`}
      >
        {!operatorNames.includes(value.operator) && <option value={value.operator}>{value.operator}</option>}
        {operatorNames.map((op) => (
          <option key={op} value={op}>
            {t(`operator.${op}`)}
          </option>
        ))}
      </select>
      <input
        className="value"
        value={formatLiteral(value.value)}
        placeholder={t('condition.value')}
        aria-label={t('condition.value')}
        title={t('condition.valueHint')}
        onChange={(e) => onChange({ ...value, value: parseLiteral(e.target.value) })}
        data-testid={`${testId}-value`}
      />
      {onRemove && (
        <button type="button" className="icon" onClick={onRemove} title={t('common.remove')} aria-label={t('common.remove')}>
          ×
        </button>
      )}
    </div>
  );
}
