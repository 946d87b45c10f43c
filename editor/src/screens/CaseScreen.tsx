/**
 * One case, seen and handled: the graph of its own version with the path taken, where it is now,
 * how often it passed each node and the timers running at its nodes; its timers with their due
 * times; its variables (masked as the API answers them for this user); every decision with its
 * rule set version, facts and why (each rule's conditions marked passed or failed); its tasks;
 * its incidents with their three resolutions; the notices it sent, the events it received and
 * (for users with audit.read) its audit trail; the case that started it and those it started; a link to the raw history in the Temporal Web UI;
 * and, while it runs, the actions this user may take (CaseActions). Refreshed every few seconds
 * while it runs.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import {
  caseAudit,
  caseDecisions,
  caseEvents,
  caseIncidents,
  caseNotices,
  caseTasks,
  type CaseAuditRow,
  type CaseDecision,
  type CaseEvent,
  type CaseNotice,
  type CaseTask,
  type Incident,
  type PendingTimer,
} from '../api/caseDetail';
import { getCase, type CaseSnapshot } from '../api/cases';
import { processApi } from '../api/processes';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { useCan } from '../auth/session';
import { CaseActions } from '../components/case/CaseActions';
import { CaseAudit, CaseEvents, CaseNotices } from '../components/case/CaseActivity';
import { CaseGraph } from '../components/case/CaseGraph';
import { CaseTimers } from '../components/case/CaseTimers';
import { IncidentCard } from '../components/case/IncidentCard';
import { LinkedCases } from '../components/case/LinkedCases';
import { RuleTraceView } from '../components/rules/RuleTraceView';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { formatLiteral } from '../model/literal';
import { caseHref } from '../routes';
import '../styles/case.css';
import { useOutcomeName } from '../i18n/outcomeName';
import { errorText } from '../i18n/errorText';
import { caseFailureText } from '../i18n/caseFailureText';

const POLL_MS = 3000;
/**
 * How long the page waits for a case's live state. A busy engine can take many seconds to answer;
 * the page shows the case's record meanwhile (where it stands, its path) and asks again at its next poll.
 */
const STATE_WAIT_MS = 2500;

interface CaseData {
  snapshot: CaseSnapshot & { historyUrl?: string; timers?: PendingTimer[] };
  definition: ProcessDefinition;
  decisions: CaseDecision[];
  tasks: CaseTask[];
  incidents: Incident[];
  notices: CaseNotice[];
  events: CaseEvent[];
  /** Absent without audit.read. */
  audit?: CaseAuditRow[];
}

async function loadCase(id: string, withAudit: boolean): Promise<CaseData> {
  const snapshot = await getCase(id, { waitMs: STATE_WAIT_MS });
  const [version, decisions, tasks, incidents, notices, events, audit] = await Promise.all([
    processApi.version(snapshot.processKey, snapshot.version),
    caseDecisions(id),
    caseTasks(id).catch(() => []),
    caseIncidents(id),
    caseNotices(id),
    caseEvents(id),
    withAudit ? caseAudit(id) : undefined,
  ]);
  return { snapshot, definition: version.definition, decisions, tasks, incidents, notices, events, audit };
}

/** The names a skip may give for a node's exits, as the API takes them. */
function exitsOf(def: ProcessDefinition, nodeId: string): string[] {
  return def.edges.filter((e) => e.from === nodeId && !e.on).map((e) => e.outcome ?? (e.default ? 'default' : e.id));
}

export function CaseScreen({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const outcomeName = useOutcomeName();
  const unitName = useOrgUnitNames();
  const side = useTextSide();
  const can = useCan();
  const withAudit = can('audit.read');
  const [data, setData] = useState<CaseData | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setData(await loadCase(caseId, withAudit));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [caseId, withAudit]);

  const running = data?.snapshot.status === 'running';
  // A case whose state the engine did not give in time is asked again, running or not; one whose code
  // cannot replay will not answer later either.
  const refreshing = running || data?.snapshot.stateUnavailable === 'no-answer';
  useEffect(() => void reload(), [reload]);
  useEffect(() => {
    if (!refreshing) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [refreshing, reload]);

  if (!data) {
    return <main className="screen-message">{error ? <p className="error" role="alert">{error}</p> : <p>{t('common.loading')}</p>}</main>;
  }
  const { snapshot: s, definition, decisions, tasks, incidents, notices, events, audit } = data;
  const timers = s.timers ?? [];
  const openIncidents = incidents.filter((i) => i.status !== 'resolved');
  const when = (iso?: string) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');
  const nodeName = (id: string) => pickText(definition.nodes.find((n) => n.id === id)?.label, side) ?? id;
  const unreadable = t(s.stateUnavailable === 'unreadable' ? 'casePage.unreadable' : 'casePage.unreadableNow');

  return (
    <main className="case-page" data-testid="case-page">
      <header className="case-head">
        <a href="#/cases" className="muted">
          ← {t('casePage.back')}
        </a>
        <h1>
          {pickText(definition.name, side) ?? s.processKey} <span className="muted">v{s.version}</span>
        </h1>
        <dl className="case-meta">
          <dt>{t('casePage.status')}</dt>
          <dd>
            <span className={`status status-${s.status}`} data-testid="case-status">
              {t(`casePage.statusName.${s.status}`, { defaultValue: s.status })}
            </span>
          </dd>
          <dt>{t('casePage.caseId')}</dt>
          <dd>
            <code className="wrap">{s.caseId}</code>
          </dd>
          {s.parentCaseId && (
            <>
              <dt>{t('casePage.parentCase')}</dt>
              <dd>
                <a href={caseHref(s.parentCaseId)} data-testid="case-parent">
                  <code className="wrap">{s.parentCaseId}</code>
                </a>
              </dd>
            </>
          )}
          <dt>{t('casePage.currentNodes')}</dt>
          <dd data-testid="case-current">{s.activeNodes.length ? s.activeNodes.map(nodeName).join(', ') : '—'}</dd>
          <dt>{t('cases.orgUnit')}</dt>
          <dd>{s.orgUnit ? unitName(s.orgUnit) : '—'}</dd>
          <dt>{t('cases.started')}</dt>
          <dd>
            {when(s.startedAt)} {s.startedBy && <span className="muted">· {s.startedBy}</span>}
          </dd>
        </dl>
        {s.historyUrl && (
          <a href={s.historyUrl} target="_blank" rel="noreferrer" data-testid="temporal-history">
            {t('casePage.rawHistory')} ↗
          </a>
        )}
        {s.stateUnavailable && (
          <p className="muted" role="status" data-testid="case-state-unavailable">
            {t(s.stateUnavailable === 'unreadable' ? 'casePage.stateUnreadable' : 'casePage.stateUnavailable')}
          </p>
        )}
        {s.error && (
          <p className="error" role="alert" data-testid="case-failure">
            {t('casePage.failedAt', { node: s.error.nodeId ?? '—' })}: {caseFailureText(s.error, t)}
          </p>
        )}
      </header>

      <section className="case-section">
        <h2>{t('casePage.graph')}</h2>
        <CaseGraph definition={definition} path={{ activeNodes: s.activeNodes, history: s.history, incidentNodes: openIncidents.map((i) => i.nodeId) }} timers={timers} />
      </section>

      {running && <CaseTimers timers={s.stateUnavailable ? undefined : timers} unreadable={unreadable} nodeName={nodeName} />}

      {incidents.length > 0 && (
        <section className="case-section" data-testid="case-incidents">
          <h2>
            {t('casePage.incidents')} {openIncidents.length > 0 && <span className="badge danger">{openIncidents.length}</span>}
          </h2>
          <ul className="incident-list">
            {incidents.map((i) => (
              <IncidentCard key={i.id} incident={i} nodeName={nodeName(i.nodeId)} exits={exitsOf(definition, i.nodeId)} canResolve={can('incident.resolve')} onResolved={() => void reload()} />
            ))}
          </ul>
        </section>
      )}

      <LinkedCases cases={s.linkedCases ?? []} />

      <section className="case-section" data-testid="case-decisions">
        <h2>{t('casePage.decisions')}</h2>
        {decisions.length === 0 && <p className="muted">{t('casePage.noDecisions')}</p>}
        {decisions.map((d) => (
          <article key={d.id} className="case-decision" data-testid="case-decision">
            <h3>
              {nodeName(d.nodeId)} → <strong data-testid="decision-outcome" title={d.outcome ?? undefined}>{d.outcome ? outcomeName(d.outcome) : '—'}</strong>
            </h3>
            <p className="muted">
              {t('casePage.ruleSet', { key: d.ruleset.key, version: d.ruleset.version })} · {when(d.decidedAt)}
            </p>
            <h4>{t('casePage.facts')}</h4>
            <ValueList values={d.facts} />
            <h4>{t('casePage.why')}</h4>
            <div className="trace-scroll">
              <RuleTraceView trace={d.trace} />
            </div>
          </article>
        ))}
      </section>

      <section className="case-section" data-testid="case-variables">
        <h2>{t('casePage.variables')}</h2>
        {s.stateUnavailable ? <p className="muted">{unreadable}</p> : <ValueList values={s.variables} />}
      </section>

      <section className="case-section" data-testid="case-tasks">
        <h2>{t('casePage.tasks')}</h2>
        {tasks.length === 0 && <p className="muted">{t('casePage.noTasks')}</p>}
        <ul className="case-tasks">
          {tasks.map((task) => (
            <li key={task.id}>
              <a href={`#/tasks/${encodeURIComponent(task.id)}`}>{pickText(task.title, side)}</a> <span className="badge">{t(`taskPage.statuses.${task.status}`, { defaultValue: task.status })}</span>{' '}
              <span className="muted">
                {nodeName(task.nodeId)} · {when(task.createdAt)}
                {task.completedBy && ` · ${task.completedBy}`}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <CaseNotices notices={notices} />
      <CaseEvents events={events} />
      {audit && <CaseAudit rows={audit} />}

      {running && (can('case.act') || can('case.migrate')) && (
        <CaseActions caseId={caseId} definition={definition} version={s.version} activeNodes={s.activeNodes} canAct={can('case.act')} canMigrate={can('case.migrate')} onDone={() => void reload()} />
      )}
    </main>
  );
}

/** Names and values (a decision's facts, the case's variables), as the API answered them. */
function ValueList({ values }: { values: Record<string, unknown> }) {
  return (
    <dl className="case-facts">
      {Object.entries(values).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <code className="wrap">{formatLiteral(v)}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
