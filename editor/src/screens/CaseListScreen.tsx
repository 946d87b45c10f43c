/**
 * The cases the user may see (the API answers only those in their org units), from the case
 * projection: filtered by process, version, status, current node, org unit (with the units below),
 * business key, start and end dates, incident and deadline; sorted by start or end; the total
 * (exact up to 10,000, then the database's estimate) and a page at a time. Each row shows where
 * the case is and a few of its facts, labelled in the user's language (personal data masked
 * unless the user may read it in clear). The hash may carry a process, version, status, node and
 * unit (the heatmap links here so); never a business key, which is personal. A supervisor acts
 * on every case the filter selects at once from here (components/bulk/BulkDialog.tsx).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listCases, type CaseListFilter, type CaseListItem } from '../api/caseList';
import { useCan } from '../auth/session';
import { BulkDialog } from '../components/bulk/BulkDialog';
import { fewAtATime } from '../api/few-at-a-time';
import { getCase, listStatuses, type CaseSnapshot } from '../api/cases';
import { fetchOrgUnits, type OrgUnitNode } from '../api/orgUnits';
import { listProcesses, processApi, type ProcessSummary } from '../api/processes';
import { pickText, useTextSide, type TextSide } from '../i18n/useLocalized';
import { ProcessFilter } from '../components/ProcessFilter';
import { caseFacts } from '../model/caseData';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { usePagedList } from '../hooks/usePagedList';
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import '../styles/cases.css';

const PAGE = 20;
const SORTS = ['startedAt:desc', 'startedAt:asc', 'endedAt:desc', 'endedAt:asc'] as const;
const SORT_LABEL: Record<(typeof SORTS)[number], string> = {
  'startedAt:desc': 'cases.sortStartedDesc',
  'startedAt:asc': 'cases.sortStartedAsc',
  'endedAt:desc': 'cases.sortEndedDesc',
  'endedAt:asc': 'cases.sortEndedAsc',
};

/** What the form holds: text as typed, dates as the date inputs give them (local days). */
interface FormState {
  processKey: string;
  version: string;
  status: string;
  node: string;
  orgUnit: string;
  businessKey: string;
  startedFrom: string;
  startedTo: string;
  endedFrom: string;
  endedTo: string;
  incident: '' | 'true' | 'false';
  overdue: boolean;
  sort: (typeof SORTS)[number];
}

const EMPTY: FormState = {
  processKey: '', version: '', status: '', node: '', orgUnit: '', businessKey: '',
  startedFrom: '', startedTo: '', endedFrom: '', endedTo: '', incident: '', overdue: false, sort: 'startedAt:desc',
};

/** The filters a link may carry in the hash (#/cases?processKey=…&node=…). */
function fromHash(hash: string): FormState {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const status = q.get('status') ?? '';
  return {
    ...EMPTY,
    processKey: q.get('processKey') ?? '',
    version: /^\d+$/.test(q.get('version') ?? '') ? q.get('version')! : '',
    status: (listStatuses as readonly string[]).includes(status) ? status : '',
    node: q.get('node') ?? '',
    orgUnit: q.get('orgUnit') ?? '',
  };
}

/** A local day's start as an instant; `next` gives the next day's (an inclusive 'until'). */
function dayStart(day: string, next = false): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (next) d.setDate(d.getDate() + 1);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function toFilter(f: FormState): CaseListFilter {
  const [sort, order] = f.sort.split(':') as [CaseListFilter['sort'], CaseListFilter['order']];
  return {
    processKey: f.processKey || undefined,
    version: f.processKey && f.version ? Number(f.version) : undefined,
    status: f.status || undefined,
    node: f.processKey && f.node ? f.node : undefined,
    orgUnit: f.orgUnit || undefined,
    businessKey: f.businessKey.trim() || undefined,
    startedFrom: dayStart(f.startedFrom),
    startedTo: dayStart(f.startedTo, true),
    endedFrom: dayStart(f.endedFrom),
    endedTo: dayStart(f.endedTo, true),
    hasIncident: f.incident === '' ? undefined : f.incident === 'true',
    overdue: f.overdue || undefined,
    sort,
    order,
  };
}

/** Units of the tree in order, each with its depth, for an indented select. */
function flatten(node: OrgUnitNode, depth = 0): { unit: OrgUnitNode; depth: number }[] {
  return [{ unit: node, depth }, ...(node.children ?? []).flatMap((c) => flatten(c, depth + 1))];
}

/** A node's name in the user's language: its label, a task's title, else its id. */
function nodeName(def: ProcessDefinition | undefined, id: string, side: TextSide): string {
  const node = def?.nodes.find((n) => n.id === id);
  const title = node && 'title' in node ? (node.title as { zh?: string; en?: string }) : undefined;
  return pickText(node?.label, side) ?? pickText(title, side) ?? id;
}

/**
 * A listed case's variables, read once per row (masked as the API answers them), a few rows at a
 * time; a row that leaves the screen (a new filter) drops its read.
 */
function useCaseDetail(caseId: string): { detail: CaseSnapshot | null; error: boolean } {
  const [state, setState] = useState<{ detail: CaseSnapshot | null; error: boolean }>({ detail: null, error: false });
  useEffect(() => {
    const gone = new AbortController();
    fewAtATime(gone.signal, () => getCase(caseId, { signal: gone.signal }))
      .then((detail) => !gone.signal.aborted && setState({ detail, error: false }))
      .catch(() => !gone.signal.aborted && setState({ detail: null, error: true }));
    return () => gone.abort();
  }, [caseId]);
  return state;
}

/** Facts labelled from the dictionary of case fields, and enum values named, in the user's language. */
function useFactWords(): { field(name: string): string; value(v: string): string } {
  const { t } = useTranslation();
  return useMemo(() => {
    const fields = t('caseFields', { returnObjects: true }) as Record<string, string>;
    const values = t('caseValues', { returnObjects: true }) as Record<string, string>;
    return { field: (name) => fields[name] ?? name, value: (v) => values[v] ?? v };
  }, [t]);
}

interface RowProps {
  item: CaseListItem;
  processName(key: string): string;
  nodeLabel(processKey: string, id: string): string;
  unitName(id: string | undefined): string;
}

function CaseRow({ item, processName, nodeLabel, unitName }: RowProps) {
  const { t, i18n } = useTranslation();
  const words = useFactWords();
  const { detail, error } = useCaseDetail(item.caseId);
  const facts = detail ? caseFacts(detail.variables ?? {}) : [];
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '');
  return (
    <tr data-testid="case-row" data-case-id={item.caseId}>
      <td data-label={t('cases.process')}>
        <span>
          {processName(item.processKey)}{' '}
          <a className="case-id" href={`#/cases/${encodeURIComponent(item.caseId)}`} title={item.caseId}>
            {item.caseId.slice(item.processKey.length + 1, item.processKey.length + 9)}
          </a>
          <span className="muted case-version"> v{item.version}</span>
        </span>
      </td>
      <td data-label={t('cases.status')}>
        <span className={`status status-${item.status}`}>{t(`run.status.${item.status}`, { defaultValue: item.status })}</span>
        {item.hasIncident && <span className="badge case-flag case-flag-incident" data-testid="case-incident">{t('cases.incident')}</span>}
        {item.overdue && <span className="badge case-flag case-flag-overdue" data-testid="case-overdue">{t('cases.overdue')}</span>}
      </td>
      <td data-label={t('cases.at')} data-testid="case-at">
        {item.currentNodes.map((n) => nodeLabel(item.processKey, n)).join('、') || '—'}
      </td>
      <td data-label={t('cases.orgUnit')} data-testid="case-org-unit">
        {unitName(item.orgUnit ?? undefined)}
      </td>
      <td data-label={t('cases.started')}>{when(item.startedAt)}</td>
      <td data-label={t('cases.ended')}>{when(item.endedAt) || '—'}</td>
      <td data-label={t('cases.data')} data-testid="case-data">
        {error ? (
          <span className="muted">{t('cases.dataUnavailable')}</span>
        ) : !detail ? (
          <span className="muted">…</span>
        ) : facts.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <dl className="case-facts">
            {facts.map((f) => (
              <div key={f.label}>
                <dt title={f.label}>{words.field(f.name)}</dt>
                <dd>{words.value(f.value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
    </tr>
  );
}

export function CaseListScreen() {
  const { t, i18n } = useTranslation();
  const side = useTextSide();
  const unitName = useOrgUnitNames();
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [units, setUnits] = useState<{ unit: OrgUnitNode; depth: number }[]>([]);
  const [definitions, setDefinitions] = useState<Record<string, ProcessDefinition>>({});
  const [form, setForm] = useState<FormState>(() => fromHash(window.location.hash));
  const [applied, setApplied] = useState<FormState>(form);
  const [more, setMore] = useState(() => Boolean(form.version || form.node || form.orgUnit));
  const [bulk, setBulk] = useState(false);
  const can = useCan();
  useEffect(() => {
    listProcesses().then(setProcesses, () => undefined);
    fetchOrgUnits().then((root) => setUnits(flatten(root)), () => undefined);
  }, []);
  const filter = useMemo(() => toFilter(applied), [applied]);
  const [total, setTotal] = useState<{ total: number; exact: boolean } | null>(null);
  // The filters on screen now: an answer for filters since replaced must not set the total (the
  // list drops such answers itself; an unfiltered count arriving last showed 42 over 3 rows).
  const current = useRef(filter);
  current.current = filter;
  const load = useCallback(
    async (cursor?: string) => {
      const page = await listCases(filter, PAGE, cursor);
      if (current.current === filter) setTotal({ total: page.total, exact: page.totalExact });
      return page;
    },
    [filter],
  );
  const list = usePagedList(load);
  // The definitions of the processes on screen, for node names (and the node filter's choices).
  const shownKeys = [...new Set([form.processKey, ...list.items.map((i) => i.processKey)])].filter((k) => k && !(k in definitions)).join(',');
  useEffect(() => {
    for (const key of shownKeys ? shownKeys.split(',') : []) {
      processApi.get(key).then(
        (d) => d.published && setDefinitions((all) => ({ ...all, [key]: d.published!.definition })),
        () => undefined,
      );
    }
  }, [shownKeys]);
  const processName = (key: string) => pickText(processes.find((p) => p.key === key)?.name, side) ?? key;
  const nodeLabel = (processKey: string, id: string) => nodeName(definitions[processKey], id, side);

  /** Choices apply at once; typed text (the business key) on Search. */
  const choose = (patch: Partial<FormState>) => {
    const next = { ...form, ...patch };
    if (patch.processKey !== undefined) Object.assign(next, { version: '', node: '' });
    setForm(next);
    setApplied(next);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setApplied(form);
  };
  const nodes = definitions[form.processKey]?.nodes.filter((n) => n.type !== 'start' && n.type !== 'end' && n.type !== 'join') ?? [];
  const versions = processes.find((p) => p.key === form.processKey)?.latestVersion ?? 0;
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <main className="list-screen" data-testid="case-list-screen">
      <section>
        <div className="section-head">
          <h2>{t('cases.title')}</h2>
          {can('case.bulk') && (
            <button type="button" onClick={() => setBulk(true)} data-testid="bulk-open">
              {t('bulk.open')}
            </button>
          )}
        </div>
        {bulk && (
          <BulkDialog
            filter={filter}
            onClose={() => {
              setBulk(false);
              // The same filters read again: the list shows what the job changed.
              setApplied({ ...applied });
            }}
          />
        )}
        <form className="filters case-filters" onSubmit={search} data-testid="case-filters">
          <ProcessFilter processes={processes} value={form.processKey} onChange={(processKey) => choose({ processKey })} label={t('cases.process')} anyLabel={t('cases.anyProcess')} testId="case-filter-process" />
          <label className="field">
            <span className="field-label">{t('cases.status')}</span>
            <select value={form.status} onChange={(e) => choose({ status: e.target.value })} data-testid="case-filter-status">
              <option value="">{t('cases.anyStatus')}</option>
              {listStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`run.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field case-filter-key">
            <span className="field-label">{t('cases.businessKey')}</span>
            <input
              type="search"
              value={form.businessKey}
              placeholder={t('cases.businessKeyHint')}
              autoComplete="off"
              onChange={(e) => setForm({ ...form, businessKey: e.target.value })}
              data-testid="case-filter-business-key"
            />
          </label>
          <button type="submit" data-testid="case-filter-search">
            {t('cases.search')}
          </button>
          <button type="button" className="link-button" onClick={() => setMore(!more)} aria-expanded={more} data-testid="case-filter-more">
            {more ? t('cases.fewerFilters') : t('cases.moreFilters')}
          </button>
          {more && (
            <div className="case-more-filters">
              <label className="field">
                <span className="field-label">{t('cases.version')}</span>
                <select value={form.version} disabled={!form.processKey} onChange={(e) => choose({ version: e.target.value })} data-testid="case-filter-version">
                  <option value="">{t('cases.anyVersion')}</option>
                  {Array.from({ length: versions }, (_, i) => versions - i).map((v) => (
                    <option key={v} value={v}>
                      v{v}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('cases.node')}</span>
                <select value={form.node} disabled={!form.processKey} onChange={(e) => choose({ node: e.target.value })} data-testid="case-filter-node">
                  <option value="">{t('cases.anyNode')}</option>
                  {form.node && !nodes.some((n) => n.id === form.node) && <option value={form.node}>{form.node}</option>}
                  {nodes.map((n) => (
                    <option key={n.id} value={n.id}>
                      {nodeName(definitions[form.processKey], n.id, side)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('cases.orgUnit')}</span>
                <select value={form.orgUnit} onChange={(e) => choose({ orgUnit: e.target.value })} data-testid="case-filter-unit">
                  <option value="">{t('cases.anyUnit')}</option>
                  {units.map(({ unit, depth }) => (
                    <option key={unit.id} value={unit.id}>
                      {'\u3000'.repeat(depth)}
                      {pickText(unit.name, side) ?? unit.id}
                    </option>
                  ))}
                </select>
              </label>
              {(['startedFrom', 'startedTo', 'endedFrom', 'endedTo'] as const).map((name) => (
                <label className="field case-filter-date" key={name}>
                  <span className="field-label">{t(`cases.${name}`)}</span>
                  <input type="date" value={form[name]} onChange={(e) => choose({ [name]: e.target.value })} data-testid={`case-filter-${name}`} />
                </label>
              ))}
              <label className="field">
                <span className="field-label">{t('cases.incident')}</span>
                <select value={form.incident} onChange={(e) => choose({ incident: e.target.value as FormState['incident'] })} data-testid="case-filter-incident">
                  <option value="">{t('cases.anyIncident')}</option>
                  <option value="true">{t('cases.withIncident')}</option>
                  <option value="false">{t('cases.withoutIncident')}</option>
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('cases.sort')}</span>
                <select value={form.sort} onChange={(e) => choose({ sort: e.target.value as FormState['sort'] })} data-testid="case-sort">
                  {SORTS.map((s) => (
                    <option key={s} value={s}>
                      {t(SORT_LABEL[s])}
                    </option>
                  ))}
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={form.overdue} onChange={(e) => choose({ overdue: e.target.checked })} data-testid="case-filter-overdue" />
                {t('cases.overdueOnly')}
              </label>
              <button type="button" className="link-button" onClick={() => choose({ ...EMPTY })} data-testid="case-filter-clear">
                {t('cases.clear')}
              </button>
            </div>
          )}
        </form>
        {total && !list.error && (
          <p className="case-total muted" data-testid="case-total" data-total={total.total} data-exact={String(total.exact)}>
            {total.exact ? t('cases.total', { total: number.format(total.total) }) : t('cases.totalEstimated', { total: number.format(total.total) })}
            {list.items.length > 0 && ` · ${t('cases.shown', { shown: number.format(list.items.length) })}`}
          </p>
        )}
        {list.error && <p className="field-error">{t('list.loadFailed', { message: list.error })}</p>}
        {list.items.length > 0 && (
          <table className="list-table stacking case-table" data-testid="case-list">
            <thead>
              <tr>
                <th>{t('cases.process')}</th>
                <th>{t('cases.status')}</th>
                <th>{t('cases.at')}</th>
                <th>{t('cases.orgUnit')}</th>
                <th>{t('cases.started')}</th>
                <th>{t('cases.ended')}</th>
                <th>{t('cases.data')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <CaseRow key={c.caseId} item={c} processName={processName} nodeLabel={nodeLabel} unitName={unitName} />
              ))}
            </tbody>
          </table>
        )}
        {!list.loading && !list.error && list.items.length === 0 && <p className="muted" data-testid="case-list-empty">{t('cases.empty')}</p>}
        {list.loading && <p className="muted">{t('common.loading')}</p>}
        {list.hasMore && !list.loading && (
          <button type="button" onClick={list.more} data-testid="case-list-more">
            {t('common.more')}
          </button>
        )}
      </section>
    </main>
  );
}
