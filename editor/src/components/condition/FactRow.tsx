/** One fact · operator · value comparison. */
import { useTranslation } from 'react-i18next';
import { listOperators, operatorNames, type FactCondition } from '../../../../language';
import { formatLiteral, parseLiteral } from '../../model/literal';
import { TagsInput } from '../fields/TagsInput';

interface FactRowProps {
  value: FactCondition;
  onChange(value: FactCondition): void;
  onRemove?(): void;
  listId: string;
  testId: string;
}

/** The value kept across a change of operator: a single value becomes a one-value list for a list operator, and back. */
function valueFor(operator: string, value: unknown): unknown {
  if (listOperators.includes(operator)) return Array.isArray(value) ? value : value === '' || value === undefined ? [] : [value];
  // betweenInclusive takes a pair; any other operator gets back the one value of a list.
  if (Array.isArray(value) && value.length <= 1 && operator !== 'betweenInclusive') return value[0] ?? '';
  return value;
}

export function FactRow({ value, onChange, onRemove, listId, testId }: FactRowProps) {
  const { t } = useTranslation();
  const asTags = listOperators.includes(value.operator) && Array.isArray(value.value);
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
        onChange={(e) => onChange({ ...value, operator: e.target.value, value: valueFor(e.target.value, value.value) })}
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
      {asTags ? (
        <TagsInput value={value.value as unknown[]} onChange={(v) => onChange({ ...value, value: v ?? [] })} placeholder={t('condition.value')} ariaLabel={t('condition.value')} testId={`${testId}-value`} />
      ) : (
        <input
          className="value"
          value={formatLiteral(value.value)}
          placeholder={t('condition.value')}
          aria-label={t('condition.value')}
          title={t('condition.valueHint')}
          onChange={(e) => onChange({ ...value, value: parseLiteral(e.target.value) })}
          data-testid={`${testId}-value`}
        />
      )}
      {onRemove && (
        <button type="button" className="icon" onClick={onRemove} title={t('common.remove')} aria-label={t('common.remove')}>
          ×
        </button>
      )}
    </div>
  );
}
