/** The side panel for the selected edge: what sends a case along it. */
import { useTranslation } from 'react-i18next';
import type { Condition } from '../../../../language';
import { useOutcomeName } from '../../i18n/outcomeName';
import type { EdgeConfig } from '../../model/types';
import { useEditor } from '../../store';
import { ConditionBuilder } from '../condition/ConditionBuilder';
import { Field, orUndefined } from '../fields/Field';
import { LocalizedTextFields } from '../fields/LocalizedTextFields';

const emptyCondition: Condition = { all: [{ fact: '', operator: 'equal', value: '' }] };

/** Case variables declared in the process's variables schema, offered as condition facts. */
function useVariableNames(): string[] {
  const variables = useEditor((s) => s.meta.variables);
  const props = (variables as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

export function EdgePanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const outcomeName = useOutcomeName();
  const edge = useEditor((s) => s.edges.find((e) => e.id === id));
  const sourceType = useEditor((s) => (edge ? s.nodes.find((n) => n.id === edge.source)?.type : undefined));
  const updateEdgeData = useEditor((s) => s.updateEdgeData);
  const facts = useVariableNames();
  if (!edge) return null;
  const data: EdgeConfig = edge.data ?? {};
  const update = (patch: Partial<EdgeConfig>) => updateEdgeData(id, patch);

  return (
    <div className="panel-body" data-testid="edge-panel" data-edge-id={id}>
      <h3>
        {t('edge.title')} <code>{edge.source}</code> → <code>{edge.target}</code>
      </h3>
      <LocalizedTextFields label={t('edge.label')} value={data.label} onChange={(label) => update({ label })} testId="field-edge-label" />
      <label className="checkbox">
        <input type="checkbox" checked={data.default === true} onChange={(e) => update({ default: e.target.checked || undefined })} data-testid="field-default" />
        {t('edge.defaultLabel')}
      </label>
      <Field label={t('edge.onLabel')} hint={t('edge.onHint')}>
        <select
          value={data.on ?? ''}
          onChange={(e) => update({ on: (orUndefined(e.target.value) as EdgeConfig['on']) ?? undefined })}
          data-testid="field-on"
        >
          <option value="">{t('edge.on.none')}</option>
          <option value="timeout">{t('edge.on.timeout')}</option>
          <option value="error">{t('edge.on.error')}</option>
        </select>
      </Field>
      {(sourceType === 'decision' || data.outcome !== undefined) && (
        <Field label={t('edge.outcome')} hint={t('edge.outcomeHint')}>
          <input value={data.outcome ?? ''} onChange={(e) => update({ outcome: orUndefined(e.target.value) })} data-testid="field-outcome" />
          {data.outcome && outcomeName(data.outcome) !== data.outcome && (
            <span className="field-hint" data-testid="field-outcome-name">
              {outcomeName(data.outcome)}
            </span>
          )}
        </Field>
      )}
      {(sourceType === 'gateway' || data.condition !== undefined) && (
        <>
          <h4>{t('edge.condition')}</h4>
          {data.condition ? (
            <>
              <ConditionBuilder value={data.condition} onChange={(condition) => update({ condition })} facts={facts} testId="edge-condition" />
              <button type="button" className="link" onClick={() => update({ condition: undefined })}>
                {t('edge.removeCondition')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => update({ condition: emptyCondition })} data-testid="add-condition">
              {t('edge.addCondition')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
