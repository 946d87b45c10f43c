/** Variable name → expression pairs: assignments, decision facts and subprocess inputs. */
import { useTranslation } from 'react-i18next';
import { ExpressionInput } from './ExpressionInput';

interface MappingEditorProps {
  value: Record<string, string> | undefined;
  onChange(value: Record<string, string> | undefined): void;
  testId: string;
  /** Names offered in the name box, e.g. a rule set's declared facts. */
  suggestions?: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function MappingEditor({ value, onChange, testId, suggestions }: MappingEditorProps) {
  const { t } = useTranslation();
  const entries = Object.entries(value ?? {});
  const listId = `${testId}-names`;

  const commit = (next: [string, string][]) => onChange(next.length > 0 ? Object.fromEntries(next) : undefined);
  const rename = (index: number, name: string) => commit(entries.map((e, i) => (i === index ? [name, e[1]] : e)));
  const setExpression = (index: number, expr: string) => commit(entries.map((e, i) => (i === index ? [e[0], expr] : e)));
  const remove = (index: number) => commit(entries.filter((_, i) => i !== index));
  const add = () => {
    let n = entries.length + 1;
    while (value && `var${n}` in value) n++;
    commit([...entries, [`var${n}`, '']]);
  };

  return (
    <div className="mapping" data-testid={testId}>
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {entries.map(([name, expr], i) => (
        <div className="mapping-row" key={i}>
          <input
            className={NAME.test(name) ? '' : 'invalid'}
            value={name}
            list={suggestions ? listId : undefined}
            onChange={(e) => rename(i, e.target.value)}
            aria-label={t('mapping.name')}
            data-testid={`${testId}-name-${i}`}
          />
          <span aria-hidden>=</span>
          <ExpressionInput
            value={expr}
            onChange={(v) => setExpression(i, v ?? '')}
            testId={`${testId}-expr-${i}`}
            ariaLabel={t('mapping.expression')}
          />
          <button type="button" className="icon" onClick={() => remove(i)} title={t('common.remove')} aria-label={t('common.remove')}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={add} data-testid={`${testId}-add`}>
        + {t('mapping.add')}
      </button>
    </div>
  );
}
