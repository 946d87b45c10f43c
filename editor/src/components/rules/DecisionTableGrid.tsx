/**
 * A decision table as a grid: one column per fact and operator, one row per case with its outcome
 * and params. An empty cell matches anything. Row order matters for the "first" hit policy.
 */
import { useTranslation } from 'react-i18next';
import { listOperators, operatorNames } from '../../../../language';
import { hitPolicies, type ParamDeclaration, type TableRow } from '../../../../rules/ruleset-schema';
import type { DecisionTable, HitPolicy } from '../../api/rulesets';
import { LiteralInput } from '../fields/LiteralInput';
import { TagsInput } from '../fields/TagsInput';
import { ParamsEditor } from './ParamsEditor';

interface DecisionTableGridProps {
  table: DecisionTable;
  facts: string[];
  /** The facts a row's params may reference. */
  paramFacts: readonly string[];
  /** The rule set's declared params, edited as typed fields. */
  paramTypes: Record<string, ParamDeclaration> | undefined;
  onChange(table: DecisionTable): void;
}

export function DecisionTableGrid({ table, facts, paramFacts, paramTypes, onChange }: DecisionTableGridProps) {
  const { t } = useTranslation();
  const { columns, rows } = table;
  const setColumn = (c: number, patch: Partial<DecisionTable['columns'][number]>) =>
    onChange({ ...table, columns: columns.map((col, i) => (i === c ? { ...col, ...patch } : col)) });
  const addColumn = () =>
    onChange({ ...table, columns: [...columns, { fact: facts[0] ?? '', operator: 'equal' }], rows: rows.map((r) => ({ ...r, cells: [...r.cells, null] })) });
  const removeColumn = (c: number) =>
    onChange({ ...table, columns: columns.filter((_, i) => i !== c), rows: rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => i !== c) })) });
  const setRow = (r: number, patch: Partial<DecisionTable['rows'][number]>) =>
    onChange({ ...table, rows: rows.map((row, i) => (i === r ? { ...row, ...patch } : row)) });
  const setCell = (r: number, c: number, value: unknown) =>
    setRow(r, { cells: columns.map((_, i) => (i === c ? ((value ?? null) as TableRow['cells'][number]) : (rows[r].cells[i] ?? null))) });
  const moveRow = (r: number, by: -1 | 1) => {
    const next = [...rows];
    [next[r], next[r + by]] = [next[r + by], next[r]];
    onChange({ ...table, rows: next });
  };
  const addRow = () => onChange({ ...table, rows: [...rows, { cells: columns.map(() => null), outcome: '' }] });

  return (
    <section className="decision-table" data-testid="decision-table">
      <div className="section-head">
        <h3>{t('rules.table')}</h3>
        <label>
          {t('rules.hitPolicy')}{' '}
          <select value={table.hitPolicy} onChange={(e) => onChange({ ...table, hitPolicy: e.target.value as HitPolicy })} data-testid="hit-policy">
            {hitPolicies.map((h) => (
              <option key={h} value={h}>
                {t(`rules.hit.${h}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <datalist id="table-facts">
        {facts.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <div className="grid-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th>#</th>
              {columns.map((col, c) => (
                <th key={c}>
                  <div className="column-head">
                    <input list="table-facts" value={col.fact} onChange={(e) => setColumn(c, { fact: e.target.value })} aria-label={t('condition.fact')} data-testid={`column-${c}-fact`} />
                    <div className="column-op">
                      <select value={col.operator} onChange={(e) => setColumn(c, { operator: e.target.value })} aria-label={t('condition.operator')} data-testid={`column-${c}-operator`}>
                        {!operatorNames.includes(col.operator) && <option value={col.operator}>{col.operator}</option>}
                        {operatorNames.map((op) => (
                          <option key={op} value={op}>
                            {t(`operator.${op}`)}
                          </option>
                        ))}
                      </select>
                      <button type="button" className="icon" onClick={() => removeColumn(c)} title={t('rules.removeColumn')} aria-label={t('rules.removeColumn')}>
                        ×
                      </button>
                    </div>
                  </div>
                </th>
              ))}
              <th>{t('rules.outcome')}</th>
              <th>{t('rules.params')}</th>
              <th>
                <button type="button" className="link" onClick={addColumn} data-testid="add-column">
                  + {t('rules.addColumn')}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} data-testid={`table-row-${r}`}>
                <td className="muted">{r + 1}</td>
                {columns.map((col, c) => (
                  <td key={c}>
                    {listOperators.includes(col.operator) && (row.cells[c] == null || Array.isArray(row.cells[c])) ? (
                      <TagsInput value={(row.cells[c] ?? undefined) as unknown[] | undefined} onChange={(v) => setCell(r, c, v)} placeholder={t('rules.any')} ariaLabel={`${r + 1}/${c + 1}`} testId={`cell-${r}-${c}`} />
                    ) : (
                      <LiteralInput value={row.cells[c] ?? undefined} onChange={(v) => setCell(r, c, v)} placeholder={t('rules.any')} ariaLabel={`${r + 1}/${c + 1}`} testId={`cell-${r}-${c}`} />
                    )}
                  </td>
                ))}
                <td>
                  <input value={row.outcome} onChange={(e) => setRow(r, { outcome: e.target.value })} aria-label={t('rules.outcome')} data-testid={`row-${r}-outcome`} />
                </td>
                <td>
                  <ParamsEditor value={row.params} onChange={(params) => setRow(r, { params })} facts={paramFacts} types={paramTypes} testId={`row-${r}-params`} />
                </td>
                <td className="row-actions">
                  <button type="button" className="icon" disabled={r === 0} onClick={() => moveRow(r, -1)} aria-label={t('common.moveUp')}>
                    ↑
                  </button>
                  <button type="button" className="icon" disabled={r === rows.length - 1} onClick={() => moveRow(r, 1)} aria-label={t('common.moveDown')}>
                    ↓
                  </button>
                  <button type="button" className="icon" onClick={() => onChange({ ...table, rows: rows.filter((_, i) => i !== r) })} aria-label={t('common.remove')}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={addRow} data-testid="add-row">
        + {t('rules.addRow')}
      </button>
    </section>
  );
}
