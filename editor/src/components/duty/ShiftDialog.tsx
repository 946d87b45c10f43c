/**
 * Adding or changing a shift of a unit's duty roster: the account on duty, its role (leader or
 * staff on duty) and the time it starts and ends, in Asia/Shanghai. The API's refusals are shown
 * with the field they name (an overlap with another shift of the same role among them).
 */
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { addShift, changeShift, DUTY_ROLES, type DutyRole, type Shift, type ShiftFields } from '../../api/duty';
import { apiErrorHead, problemText } from '../../i18n/apiErrorText';
import { localTime } from '../../model/dutyWeek';
import { Dialog } from '../Dialog';

interface Props {
  orgUnit: string;
  /** The shift to change; a new one when absent. */
  shift?: Shift;
  /** A new shift's first day: it runs 08:00 to 20:00 unless changed. */
  day: string;
  onClose(): void;
  onSaved(): void;
}

/** The API's refusal in the user's language: an overlap with the role it concerns, other refusals with the fields they name. */
function refusalText(err: unknown, field: (path: string) => string, overlap: string, t: TFunction): string {
  if (!(err instanceof ApiError)) return apiErrorHead(err, t);
  if (err.code === 'duty_overlap') return overlap;
  return [apiErrorHead(err, t), ...err.problems.map((p) => `${field(p.path)}: ${problemText(p, t)}`)].join('\n');
}

export function ShiftDialog({ orgUnit, shift, day, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<ShiftFields>(
    shift
      ? { username: shift.username, role: shift.role, startsAt: localTime(shift.startsAt), endsAt: localTime(shift.endsAt), note: shift.note }
      : { username: '', role: 'staff', startsAt: `${day}T08:00`, endsAt: `${day}T20:00`, note: '' },
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<ShiftFields>) => setFields({ ...fields, ...change });
  // The API names body fields (body/endsAt): shown by their label.
  const field = (path: string) => t(`duty.field.${path.replace(/^body\/?/, '') || 'body'}`, { defaultValue: path });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (shift) await changeShift(shift.id, fields);
      else await addShift(orgUnit, fields);
      onSaved();
    } catch (err) {
      setError(refusalText(err, field, t('duty.overlap', { role: t(`duty.role.${fields.role}`) }), t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(shift ? 'duty.editTitle' : 'duty.newTitle')} onClose={onClose} testId="shift-dialog">
      <form className="shift-form" onSubmit={(e) => void save(e)}>
        <label className="field">
          <span className="field-label">{t('duty.field.username')}</span>
          <input value={fields.username} onChange={(e) => set({ username: e.target.value })} required autoComplete="off" data-testid="shift-username" />
        </label>
        <fieldset className="field">
          <legend className="field-label">{t('duty.field.role')}</legend>
          {DUTY_ROLES.map((role: DutyRole) => (
            <label key={role} className="shift-role">
              <input type="radio" name="shift-role" checked={fields.role === role} onChange={() => set({ role })} data-testid={`shift-role-${role}`} /> {t(`duty.role.${role}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">{t('duty.field.startsAt')}</span>
          <input type="datetime-local" value={fields.startsAt} onChange={(e) => set({ startsAt: e.target.value })} required data-testid="shift-starts" />
        </label>
        <label className="field">
          <span className="field-label">{t('duty.field.endsAt')}</span>
          <input type="datetime-local" value={fields.endsAt} onChange={(e) => set({ endsAt: e.target.value })} required data-testid="shift-ends" />
        </label>
        <p className="field-hint">{t('duty.timeZoneHint')}</p>
        <label className="field">
          <span className="field-label">{t('duty.field.note')}</span>
          <input value={fields.note} onChange={(e) => set({ note: e.target.value })} maxLength={200} data-testid="shift-note" />
        </label>
        {error && (
          <p className="field-error" role="alert" data-testid="shift-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="shift-save">
            {t('duty.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
