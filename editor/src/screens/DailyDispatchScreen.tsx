/**
 * The daily dispatch (每日调度): a kept day's figures for the city (or the caller's district),
 * each section with its bars, the key groups' coverage, then each section compared across the
 * districts as stacked bars; a day picker, the PDF of each report, and for those who may, a new
 * revision compiled now. The figures' names come with the report (zh and en), from the server.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { dayReports, generateDay, reportPdfHref, type DailyReport, type DayReports } from '../api/dailyReports';
import { useCan } from '../auth/session';
import { itemColour, StackedBar, ValueBar } from '../components/dispatch/ItemBars';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { errorText } from '../i18n/errorText';
import '../styles/dispatch.css';

const DAY_MS = 86_400_000;
/** The office's date (Asia/Shanghai, UTC+8 all year) `daysBack` days ago. */
const officeDay = (daysBack: number) => new Date(Date.now() + 8 * 3_600_000 - daysBack * DAY_MS).toISOString().slice(0, 10);

export function DailyDispatchScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const side = useTextSide();
  const [day, setDay] = useState(() => officeDay(1));
  const [data, setData] = useState<DayReports | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'none' | 'error'>('loading');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const show = useCallback((answer: Promise<DayReports>) => {
    setState('loading');
    answer.then(
      (d) => (setData(d), setState('ready')),
      (err: unknown) => {
        setData(null);
        if (err instanceof ApiError && err.status === 404) {
          setState('none');
          return;
        }
        setError(errorText(err));
        setState('error');
      },
    );
    return answer;
  }, []);
  useEffect(() => void show(dayReports(day)).catch(() => undefined), [day, show]);

  const generate = () => {
    setBusy(true);
    show(generateDay(day))
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };

  const text = (x: { zh: string; en: string } | undefined, fallback: string) => pickText(x, side) ?? fallback;
  const main = data?.reports[0];
  // The city's report comes first when the caller may see it; the districts follow.
  const districts = data && main && data.reports.length > 1 ? data.reports.slice(1) : [];

  return (
    <main className="list-screen dispatch" data-testid="dispatch">
      <section>
        <div className="section-head">
          <h2>{t('dispatch.title')}</h2>
        </div>
        <div className="filters">
          <label>
            {t('dispatch.day')}{' '}
            <input type="date" value={day} max={officeDay(0)} onChange={(e) => e.target.value && setDay(e.target.value)} data-testid="dispatch-day" />
          </label>
          {can('report.generate') && day <= officeDay(0) && (
            <button type="button" onClick={generate} disabled={busy} data-testid="dispatch-generate">
              {t('dispatch.generate')}
            </button>
          )}
        </div>
        {state === 'loading' && <p className="muted">{t('common.loading')}</p>}
        {state === 'none' && (
          <p className="muted" data-testid="dispatch-none">
            {t('dispatch.none', { day })}
          </p>
        )}
        {state === 'error' && <p className="field-error">{t('list.loadFailed', { message: error })}</p>}
        {data && main && (
          <>
            <div className="dispatch-head">
              <h3 data-testid="dispatch-main-unit">{text(main.unitName, main.orgUnit)}</h3>
              <a href={reportPdfHref(main)} download data-testid="dispatch-pdf">
                {t('dispatch.pdf')}
              </a>
            </div>
            <p className="muted" data-testid="dispatch-meta">
              {t('dispatch.meta', { asOf: new Date(main.asOf).toLocaleString(side === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' }), revision: main.revision, by: main.generatedBy })}
            </p>
            <Totals report={main} data={data} text={text} />
            <Coverage report={main} data={data} text={text} />
            {districts.length > 0 && <ByDistrict districts={districts} data={data} text={text} />}
          </>
        )}
      </section>
    </main>
  );
}

type TextOf = (x: { zh: string; en: string } | undefined, fallback: string) => string;

/** One report's sections, each item with its bar. */
function Totals({ report, data, text }: { report: DailyReport; data: DayReports; text: TextOf }) {
  return (
    <div className="dispatch-sections" data-testid="dispatch-totals">
      {Object.entries(data.labels).map(([section, { label, items }]) => {
        const values = report.figures[section] ?? {};
        const max = Math.max(0, ...Object.values(values));
        return (
          <article key={section} className="dispatch-card" data-testid={`section-${section}`}>
            <h4>{text(label, section)}</h4>
            {Object.entries(items).map(([item, itemLabel], i) => (
              <div key={item} className="dispatch-row">
                <span className="dispatch-label">{text(itemLabel, item)}</span>
                <ValueBar value={values[item] ?? 0} max={max} colour={itemColour(i)} label={text(itemLabel, item)} />
                <span className="dispatch-value" data-testid={`figure-${section}-${item}`}>
                  {values[item] ?? 0}
                </span>
              </div>
            ))}
          </article>
        );
      })}
    </div>
  );
}

/** 应检尽检: each key group's enrolled members and those past their test. */
function Coverage({ report, data, text }: { report: DailyReport; data: DayReports; text: TextOf }) {
  const { t } = useTranslation();
  return (
    <article className="dispatch-card dispatch-coverage" data-testid="dispatch-coverage">
      <h4>{t('dispatch.coverage')}</h4>
      {report.figures.coverage.length === 0 ? (
        <p className="muted">{t('dispatch.noneEnrolled')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('dispatch.group')}</th>
              <th>{t('dispatch.enrolled')}</th>
              <th>{t('dispatch.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {report.figures.coverage.map((line) => (
              <tr key={line.group} data-testid="coverage-row" data-group={line.group}>
                <td>{text(data.groupLabels[line.group], line.group || t('dispatch.noGroup'))}</td>
                <td>{line.enrolled}</td>
                <td className={line.overdue > 0 ? 'dispatch-late' : undefined}>{line.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

/** Each section across the districts: a stacked bar per district, on one scale per section. */
function ByDistrict({ districts, data, text }: { districts: DailyReport[]; data: DayReports; text: TextOf }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('dispatch.byDistrict')}</h3>
      <div className="dispatch-sections" data-testid="dispatch-districts">
        {Object.entries(data.labels).map(([section, { label, items }]) => {
          const total = (r: DailyReport) => Object.keys(items).reduce((sum, item) => sum + (r.figures[section]?.[item] ?? 0), 0);
          const max = Math.max(0, ...districts.map(total));
          return (
            <article key={section} className="dispatch-card" data-testid={`district-section-${section}`}>
              <h4>{text(label, section)}</h4>
              <p className="dispatch-legend">
                {Object.entries(items).map(([item, itemLabel], i) => (
                  <span key={item}>
                    <i style={{ background: itemColour(i) }} /> {text(itemLabel, item)}
                  </span>
                ))}
              </p>
              {districts.map((r) => (
                <div key={r.orgUnit} className="dispatch-row" data-testid="district-row" data-unit={r.orgUnit}>
                  <span className="dispatch-label">{text(r.unitName, r.orgUnit)}</span>
                  <StackedBar segments={Object.entries(items).map(([item, itemLabel]) => ({ key: item, label: text(itemLabel, item), value: r.figures[section]?.[item] ?? 0 }))} max={max} />
                  <span className="dispatch-value">{total(r)}</span>
                </div>
              ))}
            </article>
          );
        })}
      </div>
      <ul className="dispatch-pdfs">
        {districts.map((r) => (
          <li key={r.orgUnit}>
            <a href={reportPdfHref(r)} download data-testid="district-pdf">
              {t('dispatch.pdfOf', { unit: text(r.unitName, r.orgUnit) })}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
