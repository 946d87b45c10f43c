/**
 * The medium and high-risk area list (policy 8: 区防控办要时刻关注最新中高风险地区情况，第一时间推送给相关单位):
 * the areas of the published list; for who may publish rule sets, adding an area or importing a
 * CSV; for supervisors, the re-evaluation of the recent arrivals from an area — a preview per org
 * unit (outcome changes, where the cases are, the people masked as on the case page), then confirm.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { processApi } from '../api/processes';
import {
  addArea,
  confirmReevaluation,
  importAreas,
  listAreas,
  LISTED_LEVELS,
  previewReevaluation,
  type AreaList,
  type ConfirmedReevaluation,
  type ListedLevel,
  type ReevaluationPreview,
} from '../api/riskAreas';
import { useCan } from '../auth/session';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { caseHref } from '../routes';
import { errorText } from '../i18n/errorText';
import '../styles/risk-areas.css';

const PROCESS = 'arrival-screening';

/** A refused CSV's cells in the reader's language (row and column from each problem's path csv/<row>/<column>), else the error's text. */
function csvErrorText(err: unknown, cell: (row: string, column: string) => string): string {
  const cells = err instanceof ApiError ? err.problems.map((p) => /^csv\/(\d+)\/(\w+)$/.exec(p.path)).filter((m) => m !== null) : [];
  return cells.length ? cells.map((m) => cell(m[1], m[2])).join('; ') : errorText(err);
}

function AreaForm({ onAdded }: { onAdded(area: string, list: AreaList): void }) {
  const { t } = useTranslation();
  const [area, setArea] = useState('');
  const [level, setLevel] = useState<ListedLevel>('high');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = () => {
    setBusy(true);
    addArea({ area: area.trim(), level })
      .then((list) => (onAdded(area.trim(), list), setArea(''), setError(null)))
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  const importFile = (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    file
      .text()
      .then(importAreas)
      .then((list) => (onAdded('', list), setError(null)))
      .catch((err: unknown) => setError(csvErrorText(err, (row, column) => t('risk.csvCell', { row, column }))))
      .finally(() => setBusy(false));
  };
  return (
    <form
      className="risk-add"
      data-testid="risk-add"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>
        {t('risk.area')}
        <input value={area} onChange={(e) => setArea(e.target.value)} maxLength={100} placeholder={t('risk.areaPlaceholder')} data-testid="risk-add-area" />
      </label>
      <label>
        {t('risk.level')}
        <select value={level} onChange={(e) => setLevel(e.target.value as ListedLevel)} data-testid="risk-add-level">
          {LISTED_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`risk.levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || !area.trim()} data-testid="risk-add-submit">
        {t('risk.add')}
      </button>
      <label className="risk-import" title={t('risk.importHint')}>
        {t('risk.import')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => importFile(e.target.files?.[0])} data-testid="risk-import" />
      </label>
      {error && (
        <p className="field-error" data-testid="risk-add-error">
          {error}
        </p>
      )}
    </form>
  );
}

function Preview({ preview, nodeLabel, onConfirmed }: { preview: ReevaluationPreview; nodeLabel(id: string): string; onConfirmed(done: ConfirmedReevaluation): void }) {
  const { t } = useTranslation();
  const unitName = useOrgUnitNames();
  const side = useTextSide();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const outcome = (o: string | null) => (o ? t(`risk.outcomes.${o}`, { defaultValue: o }) : '—');
  const where = (status: string, nodes: string[]) => (status === 'running' ? nodes.map(nodeLabel).join(', ') : t(`risk.status.${status}`, { defaultValue: status }));
  const confirm = () => {
    setBusy(true);
    confirmReevaluation(preview.id)
      .then(onConfirmed)
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="risk-preview" data-testid="risk-preview">
      <p className="risk-summary" data-testid="risk-preview-summary">
        {t('risk.previewSummary', { people: preview.people, area: preview.area, level: t(`risk.levels.${preview.level}`), days: preview.windowDays })}
        {preview.unchanged > 0 && <span className="muted"> {t('risk.unchanged', { count: preview.unchanged })}</span>}
      </p>
      <div className="risk-units">
        {preview.byOrgUnit.map((u) => (
          <article key={u.orgUnit} className="risk-unit" data-testid="risk-unit" data-unit={u.orgUnit}>
            <h3>
              {pickText(u.name, side) ?? unitName(u.orgUnit)} <span className="risk-count">{t('risk.people', { count: u.people })}</span>
            </h3>
            <ul>
              {u.transitions.map((tr) => (
                <li key={`${tr.from}-${tr.to}`}>
                  {outcome(tr.from)} → <strong>{outcome(tr.to)}</strong> × {tr.count}
                </li>
              ))}
            </ul>
            <p className="muted">
              {t('risk.now')}: {Object.entries(u.nodes).map(([n, c]) => `${n === 'completed' || n === 'running' ? t(`risk.status.${n}`) : nodeLabel(n)} × ${c}`).join(', ')}
            </p>
          </article>
        ))}
      </div>
      {preview.arrivals.length > 0 && (
        <div className="risk-table-wrap">
          <table className="risk-people" data-testid="risk-people">
            <thead>
              <tr>
                <th>{t('risk.person')}</th>
                <th>{t('risk.unit')}</th>
                <th>{t('risk.change')}</th>
                <th>{t('risk.now')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.arrivals.map((a) => (
                <tr key={a.caseId} data-testid="risk-person">
                  <td>
                    <a href={caseHref(a.caseId)}>{a.person?.name ?? a.caseId}</a>
                    <div className="muted risk-id">{a.person?.idNumber}</div>
                  </td>
                  <td>{unitName(a.orgUnit)}</td>
                  <td>
                    {outcome(a.from)} → <strong>{outcome(a.to)}</strong>
                  </td>
                  <td>{where(a.status, a.currentNodes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.people > 0 ? (
        <button type="button" className="primary" disabled={busy} onClick={confirm} data-testid="risk-confirm">
          {t('risk.confirm', { count: preview.people })}
        </button>
      ) : (
        <p className="muted" data-testid="risk-nobody">
          {t('risk.nobody')}
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
    </section>
  );
}

export function RiskAreasScreen() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const side = useTextSide();
  const [list, setList] = useState<AreaList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [area, setArea] = useState('');
  const [windowDays, setWindowDays] = useState(14);
  const [preview, setPreview] = useState<ReevaluationPreview | null>(null);
  const [done, setDone] = useState<ConfirmedReevaluation | null>(null);
  const [labels, setLabels] = useState<Map<string, { zh?: string; en?: string }>>(new Map());
  const reload = useCallback(() => listAreas().then(setList, (err: unknown) => setError(errorText(err))), []);
  useEffect(() => void reload(), [reload]);
  useEffect(() => {
    processApi.get(PROCESS).then((d) => setLabels(new Map((d.published?.definition.nodes ?? []).map((n) => [n.id, n.label ?? {}]))), () => undefined);
  }, []);
  const nodeLabel = useCallback((id: string) => pickText(labels.get(id), side) ?? id, [labels, side]);
  const inEffect = useMemo(() => (list?.areas ?? []).filter((a) => a.inEffect), [list]);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const runPreview = () => {
    setDone(null);
    setPreview(null);
    previewReevaluation(area, windowDays).then(
      (p) => (setPreview(p), setError(null)),
      (err: unknown) => setError(errorText(err)),
    );
  };

  return (
    <main className="list-screen risk-screen" data-testid="risk-areas">
      <section>
        <div className="section-head">
          <h2>{t('risk.title')}</h2>
          {list && <span className="muted">{t('risk.version', { version: list.version })}</span>}
        </div>
        <p className="muted">{t('risk.intro')}</p>
        {can('ruleset.publish') && (
          <AreaForm
            onAdded={(added, next) => {
              setList(next);
              if (added) setArea(added);
            }}
          />
        )}
        {list && list.areas.length === 0 && <p className="muted">{t('risk.empty')}</p>}
        {list && list.areas.length > 0 && (
          <div className="risk-table-wrap">
            <table className="risk-list" data-testid="risk-list">
              <thead>
                <tr>
                  <th>{t('risk.area')}</th>
                  <th>{t('risk.level')}</th>
                  <th>{t('risk.from')}</th>
                  <th>{t('risk.until')}</th>
                </tr>
              </thead>
              <tbody>
                {list.areas.map((a) => (
                  <tr key={a.area} className={a.inEffect ? '' : 'risk-inactive'} data-testid="risk-area" data-area={a.area}>
                    <td>{a.area}</td>
                    <td>
                      <span className={`risk-level risk-${a.level}`}>{t(`risk.levels.${a.level}`)}</span>
                      {!a.inEffect && <span className="muted"> {t('risk.notInEffect')}</span>}
                    </td>
                    <td>{when(a.from)}</td>
                    <td>{a.until ? when(a.until) : t('risk.untilFurtherNotice')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {error && (
          <p className="field-error" data-testid="risk-error">
            {error}
          </p>
        )}
      </section>
      {can('case.bulk') && (
        <section className="risk-reevaluate">
          <h2>{t('risk.reevaluate')}</h2>
          <p className="muted">{t('risk.reevaluateIntro')}</p>
          <div className="filters">
            <label>
              {t('risk.area')}
              <select value={area} onChange={(e) => setArea(e.target.value)} data-testid="risk-reeval-area">
                <option value="">{t('risk.chooseArea')}</option>
                {inEffect.map((a) => (
                  <option key={a.area} value={a.area}>
                    {a.area} ({t(`risk.levels.${a.level}`)})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('risk.windowDays')}
              <input type="number" min={1} max={60} value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))} data-testid="risk-window" />
            </label>
            <button type="button" disabled={!area} onClick={runPreview} data-testid="risk-preview-button">
              {t('risk.preview')}
            </button>
          </div>
          {preview && !done && <Preview preview={preview} nodeLabel={nodeLabel} onConfirmed={setDone} />}
          {done && (
            <div className="risk-done" data-testid="risk-done">
              <p>{t('risk.done', { moved: done.moved, notices: done.notices })}</p>
              <ul>
                {done.cases.map((c) => (
                  <li key={c.newCaseId}>
                    <a href={caseHref(c.newCaseId)} data-testid="risk-new-case">
                      {t(`risk.outcomes.${c.to}`, { defaultValue: c.to })}
                    </a>{' '}
                    <span className="muted">
                      ({t('risk.followsCase')} <a href={caseHref(c.caseId)}>{c.caseId.slice(-8)}</a>)
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </main>
  );
}
