/**
 * A json-rules-engine condition edited as nested groups: "all of" / "any of" groups, "not",
 * and rows of fact · operator · value. Shared by gateway edges and rule sets.
 */
import { useTranslation } from 'react-i18next';
import { MAX_CONDITION_DEPTH, type Condition, type FactCondition } from '../../../../language';
import { FactRow } from './FactRow';

interface ConditionBuilderProps {
  value: Condition;
  onChange(value: Condition): void;
  /** Fact names offered in each row (a rule set's declared facts, or the case variables). */
  facts: string[];
  testId: string;
}

const newRow = (facts: string[]): FactCondition => ({ fact: facts[0] ?? '', operator: 'equal', value: '' });

export function ConditionBuilder({ value, onChange, facts, testId }: ConditionBuilderProps) {
  const listId = `${testId}-facts`;
  return (
    <div className="condition-builder" data-testid={testId}>
      <datalist id={listId}>
        {facts.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <ConditionNode value={value} onChange={onChange} facts={facts} listId={listId} path={testId} depth={1} />
    </div>
  );
}

interface NodeProps {
  value: Condition;
  onChange(value: Condition): void;
  onRemove?(): void;
  facts: string[];
  listId: string;
  path: string;
  depth: number;
}

function ConditionNode({ value, onChange, onRemove, facts, listId, path, depth }: NodeProps) {
  const { t } = useTranslation();
  if ('all' in value || 'any' in value) {
    const mode = 'all' in value ? 'all' : 'any';
    const children = 'all' in value ? value.all : value.any;
    const setChildren = (next: Condition[]) => onChange(mode === 'all' ? { ...value, all: next } : { ...value, any: next } as Condition);
    const setMode = (m: 'all' | 'any') => {
      const { all: _a, any: _b, ...rest } = value as { all?: Condition[]; any?: Condition[] };
      onChange({ ...rest, [m]: children } as Condition);
    };
    const canNest = depth < MAX_CONDITION_DEPTH - 1;
    return (
      <div className={`condition-group depth-${depth % 4}`} data-testid={`${path}-group`}>
        <div className="condition-group-head">
          <select value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'any')} data-testid={`${path}-mode`} aria-label={t('condition.mode')}>
            <option value="all">{t('condition.all')}</option>
            <option value="any">{t('condition.any')}</option>
          </select>
          {onRemove && (
            <button type="button" className="icon" onClick={onRemove} title={t('common.remove')} aria-label={t('common.remove')}>
              ×
            </button>
          )}
        </div>
        {children.map((child, i) => (
          <ConditionNode
            key={i}
            value={child}
            onChange={(c) => setChildren(children.map((x, j) => (j === i ? c : x)))}
            onRemove={children.length > 1 ? () => setChildren(children.filter((_, j) => j !== i)) : undefined}
            facts={facts}
            listId={listId}
            path={`${path}-${i}`}
            depth={depth + 1}
          />
        ))}
        <div className="condition-actions">
          <button type="button" className="link" onClick={() => setChildren([...children, newRow(facts)])} data-testid={`${path}-add`}>
            + {t('condition.addRow')}
          </button>
          {canNest && (
            <>
              <button type="button" className="link" onClick={() => setChildren([...children, { any: [newRow(facts)] }])}>
                + {t('condition.addGroup')}
              </button>
              <button type="button" className="link" onClick={() => setChildren([...children, { not: newRow(facts) }])}>
                + {t('condition.addNot')}
              </button>
            </>
          )}
        </div>
      </div>
    );
  }
  if ('not' in value) {
    return (
      <div className="condition-not">
        <span className="condition-not-label">{t('condition.not')}</span>
        <ConditionNode
          value={value.not}
          onChange={(c) => onChange({ ...value, not: c })}
          onRemove={onRemove}
          facts={facts}
          listId={listId}
          path={`${path}-not`}
          depth={depth + 1}
        />
      </div>
    );
  }
  if ('condition' in value) {
    return (
      <div className="condition-ref">
        {t('condition.reference', { name: value.condition })}
        {onRemove && (
          <button type="button" className="icon" onClick={onRemove} aria-label={t('common.remove')}>
            ×
          </button>
        )}
      </div>
    );
  }
  return <FactRow value={value} onChange={onChange} onRemove={onRemove} listId={listId} testId={path} />;
}
