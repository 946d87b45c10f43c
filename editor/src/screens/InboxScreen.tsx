/**
 * The inbox: open tasks in three tabs (mine, my groups', unassigned in my org units) with their
 * counts, filtered by process, task, org unit, due time, overdue and priority, soonest due first,
 * a page at a time. A row opens the task page. Counts refresh every half minute.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listProcesses, type ProcessSummary } from '../api/processes';
import { INBOX_TABS, inboxCounts, listInbox, type InboxFilter, type InboxTab, type Task } from '../api/tasks';
import { Countdown } from '../components/Countdown';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { usePagedList } from '../hooks/usePagedList';
import { ProcessFilter } from '../components/ProcessFilter';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { taskHref } from '../routes';

const PAGE = 25;
const COUNTS_EVERY_MS = 30_000;

function TaskRow({ task, processName, unitName }: { task: Task; processName(key: string): string; unitName(id: string): string }) {
  const { t } = useTranslation();
  const side = useTextSide();
  return (
    <tr data-testid="inbox-row" data-task-id={task.id}>
      <td data-label={t('inbox.task')}>
        <a href={taskHref(task.id)} data-testid="inbox-open">
          {pickText(task.title, side) ?? task.nodeId}
        </a>
      </td>
      <td data-label={t('inbox.process')}>{processName(task.processKey)}</td>
      <td data-label={t('inbox.orgUnit')}>{unitName(task.orgUnit)}</td>
      <td data-label={t('inbox.due')}>
        <Countdown dueAt={task.dueAt} />
      </td>
      <td data-label={t('inbox.priority')}>{task.priority > 0 ? <span className="badge priority">{task.priority}</span> : <span className="muted">—</span>}</td>
      <td data-label={t('inbox.holder')}>{task.assignee ?? <span className="muted">{task.groupName ?? t('inbox.nobody')}</span>}</td>
    </tr>
  );
}

export function InboxScreen() {
  const { t } = useTranslation();
  const side = useTextSide();
  const unitName = useOrgUnitNames();
  const [tab, setTab] = useState<InboxTab>('mine');
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [processKey, setProcessKey] = useState('');
  const [node, setNode] = useState('');
  const [dueBefore, setDueBefore] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [minPriority, setMinPriority] = useState(0);
  const [counts, setCounts] = useState<Record<InboxTab, number> | null>(null);
  useEffect(() => {
    listProcesses().then(setProcesses, () => undefined);
  }, []);
  const filter = useMemo<InboxFilter>(
    () => ({
      processKey: processKey || undefined,
      // Only a whole node id is a filter: a half-typed one would find nothing.
      node: /^[A-Za-z][A-Za-z0-9_-]*$/.test(node) ? node : undefined,
      dueBefore: dueBefore ? new Date(dueBefore).toISOString() : undefined,
      overdue: overdue || undefined,
      minPriority: minPriority || undefined,
    }),
    [processKey, node, dueBefore, overdue, minPriority],
  );
  useEffect(() => {
    let stopped = false;
    const refresh = () => inboxCounts(filter).then((c) => !stopped && setCounts(c), () => undefined);
    void refresh();
    const timer = setInterval(refresh, COUNTS_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [filter]);
  const load = useCallback((cursor?: string) => listInbox(tab, filter, PAGE, cursor), [tab, filter]);
  const list = usePagedList(load);
  const processName = (key: string) => pickText(processes.find((p) => p.key === key)?.name, side) ?? key;

  return (
    <main className="list-screen inbox" data-testid="inbox-screen">
      <section>
        <div className="section-head">
          <h2>{t('inbox.title')}</h2>
        </div>
        <div className="inbox-tabs" role="tablist">
          {INBOX_TABS.map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : ''} onClick={() => setTab(name)} data-testid={`inbox-tab-${name}`}>
              {t(`inbox.tabs.${name}`)} <span className="count" data-testid={`inbox-count-${name}`}>{counts ? counts[name] : '…'}</span>
            </button>
          ))}
        </div>
        <div className="filters">
          <ProcessFilter processes={processes} value={processKey} onChange={setProcessKey} label={t('inbox.process')} anyLabel={t('inbox.anyProcess')} testId="inbox-filter-process" />
          <label className="field">
            <span className="field-label">{t('inbox.node')}</span>
            <input value={node} onChange={(e) => setNode(e.target.value.trim())} placeholder={t('inbox.nodeHint')} data-testid="inbox-filter-node" />
          </label>
          <label className="field">
            <span className="field-label">{t('inbox.dueBefore')}</span>
            <input type="datetime-local" value={dueBefore} onChange={(e) => setDueBefore(e.target.value)} data-testid="inbox-filter-due" />
          </label>
          <label className="field">
            <span className="field-label">{t('inbox.minPriority')}</span>
            <select value={minPriority} onChange={(e) => setMinPriority(Number(e.target.value))} data-testid="inbox-filter-priority">
              {Array.from({ length: 10 }, (_, p) => (
                <option key={p} value={p}>
                  {p === 0 ? t('inbox.anyPriority') : `≥ ${p}`}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="inbox-filter-overdue" /> {t('inbox.overdueOnly')}
          </label>
        </div>
        {list.error && <p className="field-error">{t('list.loadFailed', { message: list.error })}</p>}
        {list.items.length > 0 && (
          <table className="list-table stacking" data-testid="inbox-list">
            <thead>
              <tr>
                <th>{t('inbox.task')}</th>
                <th>{t('inbox.process')}</th>
                <th>{t('inbox.orgUnit')}</th>
                <th>{t('inbox.due')}</th>
                <th>{t('inbox.priority')}</th>
                <th>{t('inbox.holder')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((task) => (
                <TaskRow key={task.id} task={task} processName={processName} unitName={unitName} />
              ))}
            </tbody>
          </table>
        )}
        {!list.loading && !list.error && list.items.length === 0 && (
          <p className="muted" data-testid="inbox-empty">
            {t('inbox.empty')}
          </p>
        )}
        {list.loading && <p className="muted">{t('common.loading')}</p>}
        {list.hasMore && !list.loading && (
          <button type="button" onClick={list.more} data-testid="inbox-more">
            {t('common.more')}
          </button>
        )}
      </section>
    </main>
  );
}
