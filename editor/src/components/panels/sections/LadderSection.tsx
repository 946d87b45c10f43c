/**
 * A waiting node's deadline ladder (workflows/definition/ladder-schema.ts) as a list: each step
 * an offset and its actions, added and removed in place. An offset is an ISO duration (PT3H) or
 * `=name`, a parameter of the ladder's rule set outcome. A step may start another process as a
 * linked case, with its input mapped from the case's variables. The validator (live, in the problems
 * panel) says what is wrong with a step; this form only keeps the shape.
 */
import { useTranslation } from 'react-i18next';
import type { Ladder, LadderAction, LadderOffset } from '../../../../../workflows/definition/ladder-schema';
import { LADDER_ACTIONS } from '../../../../../workflows/definition/ladder-terms';
import { useCatalog } from '../../../catalog';
import { Field, orUndefined } from '../../fields/Field';
import { KeyPicker } from '../../fields/KeyPicker';
import { MappingEditor } from '../../fields/MappingEditor';

type Step = Ladder['steps'][number];

const offsetText = (after: LadderOffset) => (typeof after === 'string' ? after : `=${after.param}`);
const offsetOf = (text: string): LadderOffset => (text.startsWith('=') ? { param: text.slice(1) } : text);

/** A fresh action of the kind, with what it needs filled with a placeholder the designer edits. */
function actionOf(kind: LadderAction['do']): LadderAction {
  switch (kind) {
    case 'notify':
      return { do: 'notify' };
    case 'reassign':
      return { do: 'reassign', group: '' };
    case 'raisePriority':
      return { do: 'raisePriority', to: 5 };
    case 'markOverdue':
      return { do: 'markOverdue' };
    case 'startSubprocess':
      return { do: 'startSubprocess', process: '' };
  }
}

type StartSubprocess = Extract<LadderAction, { do: 'startSubprocess' }>;

/** Which process a step starts as a linked case, and its input mapped from the case's variables. */
function SubprocessTarget({ action, onChange, testId }: { action: StartSubprocess; onChange(a: LadderAction): void; testId: string }) {
  const { t } = useTranslation();
  const processes = useCatalog((s) => s.processKeys);
  return (
    <div className="ladder-subprocess">
      <KeyPicker value={action.process} keys={processes} listId={`${testId}-processes`} onChange={(process) => onChange({ ...action, process })} testId={`${testId}-process`} />
      <span className="field-hint">{t('ladder.subprocessInput')}</span>
      <MappingEditor value={action.input} onChange={(input) => onChange({ ...action, input })} testId={`${testId}-input`} />
    </div>
  );
}

type Notify = Extract<LadderAction, { do: 'notify' }>;

/** Whom a notify step tells: a group, or (ticked) whoever the case's unit has on duty, that group when nobody is. */
function NotifyTarget({ action, onChange, testId }: { action: Notify; onChange(a: LadderAction): void; testId: string }) {
  const { t } = useTranslation();
  const to = action.to;
  const group = to && 'group' in to ? to.group : to && 'duty' in to ? to.duty : '';
  const onDuty = Boolean(to && 'duty' in to);
  const set = (name: string, duty: boolean): Notify => (name ? { do: 'notify', to: duty ? { duty: name } : { group: name } } : { do: 'notify' });
  return (
    <>
      <input value={group} placeholder={t('ladder.notifyDefault')} aria-label={t('ladder.group')} onChange={(e) => onChange(set(e.target.value, onDuty))} data-testid={`${testId}-to`} />
      <label className="ladder-duty" title={t('ladder.onDutyHint')}>
        <input type="checkbox" checked={onDuty} disabled={!group} onChange={(e) => onChange(set(group, e.target.checked))} data-testid={`${testId}-duty`} /> {t('ladder.onDuty')}
      </label>
    </>
  );
}

function ActionRow({ action, onChange, onRemove, testId }: { action: LadderAction; onChange(a: LadderAction): void; onRemove(): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <li className="ladder-action" data-testid={testId}>
      <select value={action.do} onChange={(e) => onChange(actionOf(e.target.value as LadderAction['do']))} aria-label={t('ladder.action')} data-testid={`${testId}-do`}>
        {LADDER_ACTIONS.map((k) => (
          <option key={k} value={k}>
            {t(`ladder.actions.${k}`)}
          </option>
        ))}
      </select>
      {action.do === 'reassign' && <input value={action.group} placeholder={t('ladder.group')} aria-label={t('ladder.group')} onChange={(e) => onChange({ ...action, group: e.target.value })} data-testid={`${testId}-group`} />}
      {action.do === 'notify' && <NotifyTarget action={action} onChange={onChange} testId={testId} />}
      {action.do === 'startSubprocess' && <SubprocessTarget action={action} onChange={onChange} testId={testId} />}
      {action.do === 'raisePriority' && (
        <input type="number" min={1} max={9} value={action.to} aria-label={t('ladder.priority')} onChange={(e) => onChange({ ...action, to: Number(e.target.value) })} data-testid={`${testId}-priority`} />
      )}
      <button type="button" className="link" onClick={onRemove} aria-label={t('ladder.removeAction')}>
        ×
      </button>
    </li>
  );
}

export function LadderSection({ ladder, onChange }: { ladder: Ladder | undefined; onChange(ladder: Ladder | undefined): void }) {
  const { t } = useTranslation();
  const steps = ladder?.steps ?? [];
  // Removing the last step removes the ladder: an empty one is invalid.
  const setSteps = (next: Step[]) => onChange(next.length ? { ...ladder, steps: next } : undefined);
  const setStep = (i: number, step: Step) => setSteps(steps.map((s, j) => (j === i ? step : s)));
  const setField = (field: 'from' | 'scale', text: string) => ladder && onChange({ ...ladder, [field]: orUndefined(text) });
  const setRuleset = (text: string) => ladder && onChange({ ...ladder, rules: text ? { ...ladder.rules, ruleset: text } : undefined });
  return (
    <fieldset className="ladder" data-testid="ladder">
      <legend>{t('ladder.title')}</legend>
      <p className="field-hint">{t('ladder.hint')}</p>
      <ol className="ladder-steps">
        {steps.map((step, i) => (
          <li key={i} className="ladder-step" data-testid="ladder-step">
            <div className="ladder-step-head">
              <label>
                {t('ladder.after')}{' '}
                <input value={offsetText(step.after)} onChange={(e) => setStep(i, { ...step, after: offsetOf(e.target.value) })} data-testid={`ladder-${i}-after`} />
              </label>
              <button type="button" className="link" onClick={() => setSteps(steps.filter((_, j) => j !== i))} data-testid={`ladder-${i}-remove`}>
                {t('ladder.removeStep')}
              </button>
            </div>
            <ul>
              {step.actions.map((action, k) => (
                <ActionRow
                  key={k}
                  action={action}
                  testId={`ladder-${i}-action-${k}`}
                  onChange={(a) => setStep(i, { ...step, actions: step.actions.map((x, j) => (j === k ? a : x)) })}
                  onRemove={() => setStep(i, { ...step, actions: step.actions.filter((_, j) => j !== k) })}
                />
              ))}
            </ul>
            <button type="button" className="link" onClick={() => setStep(i, { ...step, actions: [...step.actions, actionOf('notify')] })} data-testid={`ladder-${i}-add-action`}>
              {t('ladder.addAction')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setSteps([...steps, { after: 'PT1H', actions: [actionOf('notify')] }])} data-testid="ladder-add-step">
        {t('ladder.addStep')}
      </button>
      {ladder && (
        <>
          <Field label={t('ladder.from')} hint={t('ladder.fromHint')}>
            <input value={ladder.from ?? ''} onChange={(e) => setField('from', e.target.value)} data-testid="ladder-from" />
          </Field>
          <Field label={t('ladder.scale')}>
            <input value={ladder.scale ?? ''} onChange={(e) => setField('scale', e.target.value)} data-testid="ladder-scale" />
          </Field>
          <Field label={t('ladder.ruleset')}>
            <input value={ladder.rules?.ruleset ?? ''} onChange={(e) => setRuleset(e.target.value)} data-testid="ladder-ruleset" />
          </Field>
        </>
      )}
    </fieldset>
  );
}
