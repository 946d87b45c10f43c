/**
 * Impact preview: the saved draft re-evaluated over the window's recorded decisions (named by its
 * dates and size), what it would change (outcome transitions, and each param's values from → to),
 * and for running cases what it would change at their next decision, by org unit with a bar each,
 * and the domain's resources that moves (quarantine places freed or needed, by site).
 */
import { useTranslation } from 'react-i18next';
import { simulateRuleSet, type Candidate, type Simulation } from '../../api/rulesets';
import { useOrgUnitNames } from '../../hooks/useOrgUnitNames';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { useRequest } from '../../hooks/useRequest';

interface ImpactPanelProps {
  rulesetKey: string;
  /** The rules to re-evaluate with (saving unsaved edits first); null when they could not be saved. */
  candidate(): Promise<Candidate | null>;
}

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** A table's header row. */
function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th key={c}>{c}</th>
        ))}
      </tr>
    </thead>
  );
}

function Transitions({ result }: { result: Simulation }) {
  const { t } = useTranslation();
  if (result.transitions.length === 0) return null;
  return (
    <table className="grid">
      <Head cols={[t('impact.from'), t('impact.to'), t('impact.count')]} />
      <tbody>
        {result.transitions.map((tr, i) => (
          <tr key={i}>
            <td>{tr.from ?? t('impact.noOutcome')}</td>
            <td>
              {tr.to ?? t('impact.noOutcome')}
              {tr.paramChanges && (
                <div className="muted">
                  {Object.entries(tr.paramChanges)
                    .map(([name, c]) => `${name}: ${show(c.from)} → ${show(c.to)}`)
                    .join('; ')}
                </div>
              )}
            </td>
            <td>{tr.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each param whose value would change: its value pairs from → to with counts, and how many keep theirs. */
function ParamMatrix({ result }: { result: Simulation }) {
  const { t } = useTranslation();
  const changing = Object.entries(result.matrix.params).filter(([, cells]) => cells.some((c) => show(c.from) !== show(c.to)));
  if (changing.length === 0) return null;
  return (
    <>
      <h4>{t('impact.paramMatrix')}</h4>
      <table className="grid" data-testid="impact-param-matrix">
        <Head cols={[t('impact.param'), t('impact.from'), t('impact.to'), t('impact.count')]} />
        <tbody>
          {changing.flatMap(([name, cells]) => {
            const kept = cells.filter((c) => show(c.from) === show(c.to)).reduce((n, c) => n + c.count, 0);
            return [
              ...cells
                .filter((c) => show(c.from) !== show(c.to))
                .map((c, i) => (
                  <tr key={`${name}-${i}`}>
                    <td>{name}</td>
                    <td>{show(c.from)}</td>
                    <td>{show(c.to)}</td>
                    <td>{c.count}</td>
                  </tr>
                )),
              ...(kept > 0
                ? [
                    <tr key={`${name}-kept`} className="muted">
                      <td>{name}</td>
                      <td colSpan={2}>{t('impact.unchanged')}</td>
                      <td>{kept}</td>
                    </tr>,
                  ]
                : []),
            ];
          })}
        </tbody>
      </table>
    </>
  );
}

/** Running cases by org unit: how many change at their next decision, a bar of the share, and the numeric shifts. */
function RunningCases({ running }: { running: NonNullable<Simulation['running']> }) {
  const { t } = useTranslation();
  const unitName = useOrgUnitNames();
  return (
    <div data-testid="impact-running">
      <h4>{t('impact.running.title', { current: running.current })}</h4>
      <p>{t('impact.running.summary', { changed: running.changed, cases: running.cases })}</p>
      {running.byOrgUnit.length > 0 && (
        <table className="grid">
          <Head cols={[t('impact.running.unit'), t('impact.running.changed'), t('impact.running.shifts')]} />
          <tbody>
            {running.byOrgUnit.map((u) => (
              <tr key={u.orgUnit ?? ''} data-testid={`impact-unit-${u.orgUnit ?? 'none'}`}>
                <td>{u.orgUnit ? unitName(u.orgUnit) : t('impact.running.noUnit')}</td>
                <td>
                  {u.changed} / {u.cases}
                  <div className="impact-bar" aria-hidden>
                    <span style={{ width: `${u.cases ? (100 * u.changed) / u.cases : 0}%` }} />
                  </div>
                </td>
                <td>
                  {Object.entries(u.paramShifts).map(([name, s]) => (
                    <div key={name}>{t('impact.running.shift', { name, count: s.changed, delta: s.delta > 0 ? `+${s.delta}` : String(s.delta) })}</div>
                  ))}
                  {u.transitions.map((tr, i) => (
                    <div key={i}>
                      {tr.from ?? t('impact.noOutcome')} → {tr.to ?? t('impact.noOutcome')}: {tr.count}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {running.effects.map((effect) => (
        <ResourceEffectTable key={effect.resource} effect={effect} />
      ))}
      <p className="muted">{t('impact.running.estimate')}</p>
    </div>
  );
}

type Effect = NonNullable<Simulation['running']>['effects'][number];

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A resource the change moves, by place: how many cases free theirs, need one, and the place-days gained or given back. */
function ResourceEffectTable({ effect }: { effect: Effect }) {
  const { t } = useTranslation();
  const side = useTextSide();
  return (
    <>
      <h4>{pickText(effect.label, side)}</h4>
      <table className="grid" data-testid={`impact-effect-${effect.resource}`}>
        <Head cols={[t('impact.effects.place'), t('impact.effects.freed'), t('impact.effects.needed'), t('impact.effects.days')]} />
        <tbody>
          {effect.rows.map((row) => (
            <tr key={row.id} data-testid={`impact-effect-row-${row.id}`}>
              <td>{pickText(row.label, side)}</td>
              <td>{row.freed}</td>
              <td>{row.needed}</td>
              <td>{signed(row.days)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ImpactPanel({ rulesetKey, candidate }: ImpactPanelProps) {
  const { t, i18n } = useTranslation();
  const { result, error, busy, run: request } = useRequest<Simulation>();
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);

  const run = () =>
    request(async () => {
      const rules = await candidate();
      return rules ? simulateRuleSet(rulesetKey, rules) : null;
    });

  return (
    <div className="panel-body" data-testid="impact">
      <p className="muted">{t('impact.explain')}</p>
      <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="impact-run">
        {t('impact.run')}
      </button>
      {error && <p className="field-error">{error}</p>}
      {result && (
        <div data-testid="impact-result">
          <p className="muted" data-testid="impact-window">
            {t('impact.window', { from: date(result.window.from), to: date(result.window.to), total: result.total })}
          </p>
          <p className="impact-headline">{t('impact.summary', { changed: result.changed, total: result.total })}</p>
          {result.paramsChanged > 0 && <p>{t('impact.paramsChanged', { count: result.paramsChanged })}</p>}
          {result.errors > 0 && <p className="field-error">{t('impact.errors', { count: result.errors })}</p>}
          <Transitions result={result} />
          <ParamMatrix result={result} />
          {result.running && <RunningCases running={result.running} />}
        </div>
      )}
    </div>
  );
}
