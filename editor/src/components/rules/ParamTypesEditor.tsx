/**
 * The params the rule set's outcomes carry, declared once (paramTypes): name, type, label in both
 * languages, allowed values, and for a duration the number it is derived from. The outcomes then
 * edit them as labelled, typed fields, and a derived duration is computed instead of typed twice.
 */
import { useTranslation } from 'react-i18next';
import { derivedUnits, paramValueTypes, type ParamDeclaration, type ParamType } from '../../../../rules/ruleset-schema';
import { compact } from '../../model/convert';
import { TagsInput } from '../fields/TagsInput';

interface ParamTypesEditorProps {
  types: Record<string, ParamDeclaration> | undefined;
  onChange(types: Record<string, ParamDeclaration> | undefined): void;
}

type Entry = [string, ParamDeclaration];
type DerivedUnit = (typeof derivedUnits)[number];

/** What a declaration keeps of itself when its type changes: bounds, values and derivation only where the new type has them. */
function retype(decl: ParamDeclaration, type: ParamType): ParamDeclaration {
  const numeric = type === 'integer' || type === 'number';
  const listed = type === 'string' || type === 'list';
  return compact({
    type,
    label: decl.label,
    min: numeric ? decl.min : undefined,
    max: numeric ? decl.max : undefined,
    enum: listed ? decl.enum : undefined,
    enumLabels: listed ? decl.enumLabels : undefined,
    derive: type === 'duration' ? decl.derive : undefined,
  }) as ParamDeclaration;
}

/** The declaration with these allowed values; labels of values no longer allowed go with them. */
function withValues(decl: ParamDeclaration, values: string[] | undefined): ParamDeclaration {
  const labels = Object.entries(decl.enumLabels ?? {}).filter(([v]) => values?.includes(v));
  return compact({ ...decl, enum: values, enumLabels: labels.length ? Object.fromEntries(labels) : undefined }) as ParamDeclaration;
}

export function ParamTypesEditor({ types, onChange }: ParamTypesEditorProps) {
  const { t } = useTranslation();
  const entries: Entry[] = Object.entries(types ?? {});
  const commit = (next: Entry[]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  const patch = (i: number, decl: ParamDeclaration) => commit(entries.map((e, j) => (j === i ? [e[0], decl] : e)));
  const numbers = entries.filter(([, d]) => d.type === 'integer' || d.type === 'number').map(([n]) => n);
  const add = () => {
    let n = entries.length + 1;
    while (`param${n}` in (types ?? {})) n++;
    commit([...entries, [`param${n}`, { type: 'integer', label: { zh: `参数${n}`, en: `Param ${n}` } }]]);
  };

  return (
    <section className="param-types-editor" data-testid="param-types-editor">
      <h3 title={t('rules.paramTypesHint')}>{t('rules.paramTypes')}</h3>
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th>{t('rules.paramName')}</th>
              <th>{t('rules.factType')}</th>
              <th>{t('rules.labelZh')}</th>
              <th>{t('rules.labelEn')}</th>
              <th>{t('rules.paramDetail')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map(([name, decl], i) => (
              <tr key={i} data-testid={`param-type-${i}`}>
                <td>
                  <input value={name} onChange={(e) => commit(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))} aria-label={t('rules.paramName')} data-testid={`param-type-${i}-name`} />
                </td>
                <td>
                  <select value={decl.type} onChange={(e) => patch(i, retype(decl, e.target.value as ParamType))} aria-label={t('rules.factType')} data-testid={`param-type-${i}-type`}>
                    {paramValueTypes.map((pt) => (
                      <option key={pt} value={pt}>
                        {t(`rules.paramValueTypes.${pt}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input value={decl.label.zh} onChange={(e) => patch(i, { ...decl, label: { ...decl.label, zh: e.target.value } })} aria-label={t('rules.labelZh')} data-testid={`param-type-${i}-zh`} />
                </td>
                <td>
                  <input value={decl.label.en} onChange={(e) => patch(i, { ...decl, label: { ...decl.label, en: e.target.value } })} aria-label={t('rules.labelEn')} data-testid={`param-type-${i}-en`} />
                </td>
                <td>
                  {decl.type === 'duration' && (
                    <span className="param-derive">
                      <select
                        value={decl.derive?.from ?? ''}
                        onChange={(e) => patch(i, compact({ ...decl, derive: e.target.value ? { from: e.target.value, unit: decl.derive?.unit ?? 'days' } : undefined }) as ParamDeclaration)}
                        aria-label={t('rules.derivedFromLabel')}
                        data-testid={`param-type-${i}-derive`}
                      >
                        <option value="">{t('rules.notDerived')}</option>
                        {numbers.map((n) => (
                          <option key={n} value={n}>
                            {t('rules.derivedFromOption', { source: n })}
                          </option>
                        ))}
                      </select>
                      {decl.derive && (
                        <select value={decl.derive.unit} onChange={(e) => patch(i, { ...decl, derive: { ...decl.derive!, unit: e.target.value as DerivedUnit } })} aria-label={t('duration.unit')}>
                          {derivedUnits.map((u) => (
                            <option key={u} value={u}>
                              {t(`duration.units.${u}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </span>
                  )}
                  {(decl.type === 'string' || decl.type === 'list') && (
                    <TagsInput
                      value={decl.enum}
                      onChange={(v) => patch(i, withValues(decl, v?.map(String)))}
                      placeholder={t('rules.anyValue')}
                      ariaLabel={t('rules.factEnum')}
                      testId={`param-type-${i}-enum`}
                    />
                  )}
                </td>
                <td>
                  <button type="button" className="icon" onClick={() => commit(entries.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="link" onClick={add} data-testid="add-param-type">
        + {t('rules.addParamType')}
      </button>
    </section>
  );
}
