/**
 * The duty roster of an org unit (policy 25: 领导干部到岗带班、关键岗位24小时值班): who is on duty now,
 * the week's shifts day by day (a week across wide screens, a list of days on a phone), and the
 * week's gaps, the hours with no leader, no staff or nobody on duty (policy 27's 督查). Those who
 * manage duty add, change and remove shifts; everyone with duty.read sees them. Times are
 * Huai'an's (Asia/Shanghai) wherever the browser is.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutyGaps, onDutyNow, removeShift, rosterOf, type OnDutyPerson, type Shift, type UnitDuty, type UnitGaps } from '../api/duty';
import { fetchOrgUnits, type OrgUnitNode } from '../api/orgUnits';
import { useCan, useSession } from '../auth/session';
import { ShiftDialog } from '../components/duty/ShiftDialog';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { addDays, dayStart, localDay, localTime, mondayOf, shiftsOnDay, spanOnDay, weekDays } from '../model/dutyWeek';
import { errorText } from '../i18n/errorText';

/** The units a user may see: the subtrees of their own units, or every unit for the city-wide (no units, an administrator or an auditor). */
function unitsInScope(root: OrgUnitNode, own: string[], cityWide: boolean): OrgUnitNode[] {
  const out: OrgUnitNode[] = [];
  const visit = (n: OrgUnitNode, inside: boolean) => {
    const here = inside || cityWide || own.includes(n.id);
    if (here) out.push(n);
    n.children.forEach((c) => visit(c, here));
  };
  visit(root, false);
  return out;
}

function People({ people, testId }: { people: OnDutyPerson[]; testId: string }) {
  const { t } = useTranslation();
  if (people.length === 0) return <span className="duty-nobody">{t('duty.nobody')}</span>;
  return (
    <span data-testid={testId}>
      {people.map((p) => `${p.displayName || p.username} (${t('duty.until', { time: localTime(p.endsAt).slice(11) })})`).join(', ')}
    </span>
  );
}

export function DutyScreen() {
  const { t, i18n } = useTranslation();
  const side = useTextSide();
  const can = useCan();
  const user = useSession((s) => s.user);
  const [units, setUnits] = useState<OrgUnitNode[]>([]);
  const [unit, setUnit] = useState('');
  const [monday, setMonday] = useState(() => mondayOf(localDay(new Date())));
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [now, setNow] = useState<UnitDuty | null>(null);
  const [gaps, setGaps] = useState<UnitGaps | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ shift?: Shift; day: string } | null>(null);
  const manage = can('duty.manage');

  useEffect(() => {
    fetchOrgUnits()
      .then((root) => {
        const cityWide = !user?.orgUnits.length || Boolean(user?.roles.some((r) => r === 'admin' || r === 'auditor'));
        const mine = unitsInScope(root, user?.orgUnits ?? [], cityWide);
        setUnits(mine);
        setUnit((u) => u || user?.orgUnits.find((id) => mine.some((m) => m.id === id)) || mine[0]?.id || '');
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, [user]);

  const days = useMemo(() => weekDays(monday), [monday]);
  const load = useCallback(() => {
    if (!unit) return;
    const from = dayStart(monday);
    const to = dayStart(addDays(monday, 7));
    Promise.all([rosterOf(unit, from, to), onDutyNow(unit), dutyGaps(unit, from, to)]).then(
      ([s, n, g]) => {
        setShifts(s);
        setNow(n);
        setGaps(g);
        setError(null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [unit, monday]);
  useEffect(load, [load]);

  const weekday = (day: string) => new Intl.DateTimeFormat(i18n.language, { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const remove = (s: Shift) => removeShift(s.id).then(load, (err: unknown) => setError(errorText(err)));
  const today = localDay(new Date());

  return (
    <main className="list-screen duty-screen" data-testid="duty-screen">
      <section>
        <div className="section-head">
          <h2>{t('duty.title')}</h2>
          {manage && unit && (
            <button type="button" className="primary" onClick={() => setEditing({ day: days.includes(today) ? today : monday })} data-testid="duty-add">
              {t('duty.add')}
            </button>
          )}
        </div>
        <div className="filters">
          <label className="field">
            <span className="field-label">{t('duty.unit')}</span>
            <select value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="duty-unit">
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {pickText(u.name, side) ?? u.id}
                </option>
              ))}
            </select>
          </label>
          <div className="duty-weeknav">
            <button type="button" onClick={() => setMonday(addDays(monday, -7))} aria-label={t('duty.prevWeek')} data-testid="duty-prev">
              ‹
            </button>
            <button type="button" onClick={() => setMonday(mondayOf(today))} data-testid="duty-this-week">
              {t('duty.thisWeek')}
            </button>
            <button type="button" onClick={() => setMonday(addDays(monday, 7))} aria-label={t('duty.nextWeek')} data-testid="duty-next">
              ›
            </button>
            <span className="muted" data-testid="duty-week">
              {monday} – {addDays(monday, 6).slice(5)}
            </span>
          </div>
        </div>
        {error && <p className="field-error">{t('list.loadFailed', { message: error })}</p>}
        {now && (
          <div className={`duty-now${now.leaders.length + now.staff.length === 0 ? ' duty-now-empty' : ''}`} data-testid="duty-now">
            <strong>{t('duty.nowTitle')}</strong>
            <span>
              <span className="duty-chip duty-leader">{t('duty.role.leader')}</span> <People people={now.leaders} testId="duty-now-leaders" />
            </span>
            <span>
              <span className="duty-chip duty-staff">{t('duty.role.staff')}</span> <People people={now.staff} testId="duty-now-staff" />
            </span>
          </div>
        )}
        <ol className="duty-week" data-testid="duty-week-grid">
          {days.map((day) => (
            <li key={day} className={`duty-day${day === today ? ' duty-today' : ''}`} data-testid="duty-day" data-day={day}>
              <div className="duty-day-head">
                <span>{weekday(day)}</span>
                {manage && (
                  <button type="button" className="link" onClick={() => setEditing({ day })} aria-label={t('duty.addOn', { day })} data-testid={`duty-add-${day}`}>
                    +
                  </button>
                )}
              </div>
              {shiftsOnDay(shifts, day).map((s) => (
                <div key={s.id} className={`duty-shift duty-${s.role}`} data-testid="duty-shift" data-role={s.role} data-username={s.username}>
                  <span className="duty-chip">{t(`duty.role.${s.role}`)}</span>
                  <span className="duty-who">{s.displayName || s.username}</span>
                  <span className="duty-span">{spanOnDay(s, day)}</span>
                  {s.note && <span className="muted duty-note">{s.note}</span>}
                  {manage && (
                    <span className="duty-actions">
                      <button type="button" className="link" onClick={() => setEditing({ shift: s, day })} data-testid="duty-edit">
                        {t('duty.edit')}
                      </button>
                      <button type="button" className="link" onClick={() => void remove(s)} data-testid="duty-remove">
                        {t('common.remove')}
                      </button>
                    </span>
                  )}
                </div>
              ))}
              {shiftsOnDay(shifts, day).length === 0 && <span className="muted duty-empty">{t('duty.noShifts')}</span>}
            </li>
          ))}
        </ol>
        {gaps && (
          <section className="duty-gaps" data-testid="duty-gaps">
            <h3>{t('duty.gapsTitle')}</h3>
            <p className="field-hint">{t('duty.gapsHint')}</p>
            <p>
              <span className={`board-chip ${gaps.hours.nobody > 0 ? 'board-overdue' : 'board-today'}`} data-testid="duty-gap-nobody">
                {t('duty.gapNobody', { hours: gaps.hours.nobody })}
              </span>{' '}
              <span className="board-chip board-nextHour">{t('duty.gapLeader', { hours: gaps.hours.leader })}</span>{' '}
              <span className="board-chip board-nextHour">{t('duty.gapStaff', { hours: gaps.hours.staff })}</span>
            </p>
            {gaps.nobody.length > 0 && (
              <ul className="duty-gap-list">
                {gaps.nobody.map((g) => (
                  <li key={g.from} data-testid="duty-gap">
                    {localTime(g.from).replace('T', ' ')} – {localTime(g.to).replace('T', ' ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </section>
      {editing && (
        <ShiftDialog
          orgUnit={unit}
          shift={editing.shift}
          day={editing.day}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </main>
  );
}
