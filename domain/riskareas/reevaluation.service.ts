/**
 * Re-evaluating recent arrivals when their origin is listed at a higher level (policy 8:
 * 区防控办要时刻关注最新中高风险地区情况，第一时间推送给相关单位). The arrivals of the last N days whose
 * origin-area decision named the area, and whose classification used a lower level than the list
 * now gives, are classified again with the listed level. A supervisor previews who and what
 * changes (kept, with the cases it selected), then confirms; each confirmed case is followed by a
 * new arrival-screening case that takes the earlier registration, document check and landing
 * result and is classified at once (its `reevaluation` input), the earlier case is cancelled when
 * still running, and each responsible unit gets a notice through the outbox.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Principal } from '../../engine/auth/principal';
import { appendAudit } from '../../engine/audit/append';
import type { CaseService } from '../../engine/cases/case.service';
import { ConflictError, NotFoundError, UserError, ValidationError } from '../../engine/errors';
import { scopeOf, type OrgScope } from '../../engine/orgunits/scope';
import type { Services } from '../../engine/services';
import type { LocalizedText } from '../../language';
import { evaluateRuleSet, getCompiled } from '../../rules/engine';
import { stateQuery } from '../../workflows/messages';
import { noticeUnits, type UnitChange } from './reevaluation-notices';
import { listedLevel, rank, RISK_AREAS, type ListedLevel } from './risk-area-list';

const PROCESS = 'arrival-screening';
const CLASSIFICATION = 'arrival-classification';
/** The input the process declares, carried to the follow-up case (its working variables are not). */
const INPUT_VARIABLES = ['person', 'age', 'entryPoint', 'origin', 'documents', 'district', 'timeScale'] as const;
/** At most this many cases are selected by one preview (the answer says when there were more). */
const MAX_CASES = 2_000;
/** People listed by name (masked as the case API masks them) in a preview. */
const MAX_PEOPLE = 50;

interface Candidate {
  case_id: string;
  org_unit: string;
  status: string;
  current_nodes: string[];
  facts: Record<string, unknown>;
  outcome: string | null;
}

export interface ChangedArrival {
  caseId: string;
  orgUnit: string;
  status: string;
  currentNodes: string[];
  classifiedWith: string;
  from: string | null;
  to: string;
}

export interface Transition {
  from: string | null;
  to: string;
  count: number;
}

export interface UnitSummary {
  orgUnit: string;
  name: LocalizedText;
  people: number;
  transitions: Transition[];
  nodes: Record<string, number>;
}

export class ReevaluationService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
    private readonly cases: CaseService,
  ) {}

  /** Recent arrival-screening cases from `area`, classified, not yet re-evaluated, not sent to hospital, inside the scope. */
  private async candidates(area: string, windowDays: number, scope: OrgScope, only?: readonly string[]): Promise<Candidate[]> {
    const units = scope.unitIds;
    return this.services.db.query(
      `SELECT p.case_id, p.org_unit, p.status, p.current_nodes, c.facts, c.outcome
       FROM case_projection p
       JOIN LATERAL (SELECT facts FROM decisions WHERE case_id = p.case_id AND ruleset_key = $2 ORDER BY id DESC LIMIT 1) o ON o.facts ->> 'area' = $1
       JOIN LATERAL (SELECT facts, outcome FROM decisions WHERE case_id = p.case_id AND ruleset_key = $3 ORDER BY id DESC LIMIT 1) c ON true
       WHERE p.process_key = $4 AND p.started_at >= now() - make_interval(days => $5) AND p.status IN ('running', 'completed')
         AND NOT EXISTS (SELECT 1 FROM risk_reevaluated_cases r WHERE r.case_id = p.case_id)
         AND NOT EXISTS (SELECT 1 FROM case_visits v WHERE v.case_id = p.case_id AND v.node_id = 'hospitalSite')
         AND ($6::text[] IS NULL OR p.org_unit = ANY($6))
         AND ($7::text[] IS NULL OR p.case_id = ANY($7))
       ORDER BY p.started_at, p.case_id
       LIMIT $8`,
      [area, RISK_AREAS, CLASSIFICATION, PROCESS, windowDays, units ?? null, only ?? null, MAX_CASES + 1],
    );
  }

  /** The candidates whose classification the listed level changes: classified lower, and a different outcome now. */
  private async changed(candidates: Candidate[], level: ListedLevel): Promise<{ changed: ChangedArrival[]; unchanged: number }> {
    const v = await this.services.rulesets.inEffect(CLASSIFICATION, new Date());
    const rules = getCompiled(CLASSIFICATION, v.version, v.content, v.hash);
    const changed: ChangedArrival[] = [];
    let unchanged = 0;
    for (const c of candidates) {
      const classifiedWith = String(c.facts.originRisk ?? 'none');
      if (rank(classifiedWith) >= rank(level)) continue;
      const to = (await evaluateRuleSet(rules, { ...c.facts, originRisk: level })).outcome;
      if (!to || to === c.outcome) {
        unchanged++;
        continue;
      }
      changed.push({ caseId: c.case_id, orgUnit: c.org_unit, status: c.status, currentNodes: c.current_nodes, classifiedWith, from: c.outcome, to });
    }
    return { changed, unchanged };
  }

  private async levelOf(area: string): Promise<ListedLevel> {
    const level = await listedLevel(this.services, area);
    if (!level) throw new ValidationError('area_not_listed', `'${area}' is not on the risk-area list in effect: add it first`, [{ path: 'area', code: 'not_listed', message: 'is not listed now' }]);
    return level;
  }

  /** Who and what a re-evaluation would change; kept (with the cases it selected) for the confirm. Acts on nothing. */
  async preview(req: { area: string; windowDays: number }, principal: Principal) {
    const level = await this.levelOf(req.area);
    const { version } = await this.services.rulesets.version(RISK_AREAS);
    const scope = await scopeOf(this.services.db, principal);
    const found = await this.candidates(req.area, req.windowDays, scope);
    const truncated = found.length > MAX_CASES;
    const { changed, unchanged } = await this.changed(found.slice(0, MAX_CASES), level);
    const id = randomUUID();
    await this.services.db.query(
      `INSERT INTO risk_reevaluations (id, area, level, list_version, window_days, case_ids, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, 'previewed', $7)`,
      [id, req.area, level, version, req.windowDays, changed.map((c) => c.caseId), principal.username],
    );
    return { id, area: req.area, level, listVersion: version, windowDays: req.windowDays, status: 'previewed', truncated, ...(await this.summary(changed, unchanged, principal)) };
  }

  /** Counts per unit (with the unit's name), transitions and current nodes, and the first people, masked for the caller. */
  private async summary(changed: ChangedArrival[], unchanged: number, principal: Principal) {
    const names = await this.unitNames();
    const units = new Map<string, UnitSummary>();
    for (const c of changed) {
      const u = units.get(c.orgUnit) ?? { orgUnit: c.orgUnit, name: names.get(c.orgUnit) ?? { zh: c.orgUnit, en: c.orgUnit }, people: 0, transitions: [], nodes: {} };
      units.set(c.orgUnit, u);
      u.people++;
      const t = u.transitions.find((x) => x.from === c.from && x.to === c.to);
      if (t) t.count++;
      else u.transitions.push({ from: c.from, to: c.to, count: 1 });
      const node = c.status === 'running' ? (c.currentNodes[0] ?? 'running') : c.status;
      u.nodes[node] = (u.nodes[node] ?? 0) + 1;
    }
    const people = [];
    for (const c of changed.slice(0, MAX_PEOPLE)) people.push({ ...c, person: await this.personOf(c.caseId, principal) });
    return { people: changed.length, unchanged, byOrgUnit: [...units.values()].sort((a, b) => b.people - a.people || a.orgUnit.localeCompare(b.orgUnit)), arrivals: people };
  }

  /** The person as the case API shows them to this caller (masked without pii.read, audited with it). */
  private async personOf(caseId: string, principal: Principal): Promise<Record<string, unknown> | null> {
    try {
      const view = await this.cases.get(caseId, principal);
      const person = view.variables.person;
      return person && typeof person === 'object' ? { name: (person as Record<string, unknown>).name ?? null, idNumber: (person as Record<string, unknown>).idNumber ?? null } : null;
    } catch (err) {
      // A case whose state cannot be read still counts; it is listed without its person.
      if (err instanceof UserError) return null;
      throw err;
    }
  }

  private async unitNames(): Promise<Map<string, LocalizedText>> {
    const rows: { id: string; name: LocalizedText }[] = await this.services.db.query(`SELECT id, name FROM org_units`);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async row(id: string) {
    const [row]: ReevaluationRow[] = await this.services.db.query(`SELECT * FROM risk_reevaluations WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('risk re-evaluation', id);
    return row;
  }

  /** A kept re-evaluation: what was previewed and, once confirmed, what was done in the caller's org units. */
  async get(id: string, principal: Principal) {
    const row = await this.row(id);
    const scope = await scopeOf(this.services.db, principal);
    const result = row.result as ConfirmResult | null;
    const visible = result && { ...result, byOrgUnit: result.byOrgUnit.filter((u) => scope.includes(u.orgUnit)), cases: result.cases.filter((c) => scope.includes(c.orgUnit)) };
    return { id: row.id, area: row.area, level: row.level, listVersion: row.list_version, windowDays: row.window_days, status: row.status, createdBy: row.created_by, createdAt: row.created_at, confirmedBy: row.confirmed_by, confirmedAt: row.confirmed_at, result: visible };
  }

  /**
   * Re-routes the previewed cases that still qualify, once: the status moves from previewed to
   * confirming in one statement (a second or concurrent confirm answers 409), and each case is
   * claimed by its own row before anything is done to it (a case selected by two previews moves once).
   */
  async confirm(id: string, principal: Principal) {
    const kept = await this.row(id);
    if (kept.status !== 'previewed') throw new ConflictError('already_confirmed', `re-evaluation '${id}' was confirmed by ${kept.confirmed_by} at ${new Date(kept.confirmed_at!).toISOString()}`);
    const level = await listedLevel(this.services, kept.area);
    if (rank(level) < rank(kept.level)) throw new ConflictError('list_changed', `'${kept.area}' is no longer listed as ${kept.level}: preview again`);
    const claimed: ReevaluationRow[] = await this.services.db.query(
      `UPDATE risk_reevaluations SET status = 'confirming', confirmed_by = $2, confirmed_at = now() WHERE id = $1 AND status = 'previewed' RETURNING *`,
      [id, principal.username],
    );
    if (claimed.length === 0) throw new ConflictError('already_confirmed', `re-evaluation '${id}' is being confirmed by someone else`);
    const scope = await scopeOf(this.services.db, principal);
    const { changed } = await this.changed(await this.candidates(kept.area, kept.window_days, scope, kept.case_ids), kept.level as ListedLevel);
    const moved: (ChangedArrival & { newCaseId: string })[] = [];
    for (const c of changed) {
      const newCaseId = await this.reroute(id, c, kept.level as ListedLevel, principal);
      if (newCaseId) moved.push({ ...c, newCaseId });
    }
    const units = this.byUnit(moved);
    const notices = await noticeUnits(this.services.db, { id, area: kept.area, level: kept.level as ListedLevel, windowDays: kept.window_days }, units);
    const result: ConfirmResult = { moved: moved.length, skipped: kept.case_ids.length - moved.length, notices, byOrgUnit: units, cases: moved.map((m) => ({ caseId: m.caseId, newCaseId: m.newCaseId, orgUnit: m.orgUnit, from: m.from, to: m.to })) };
    await this.services.db.query(`UPDATE risk_reevaluations SET status = 'confirmed', result = $2 WHERE id = $1`, [id, JSON.stringify(result)]);
    await appendAudit(this.services.db, { actor: principal.username, action: 'confirm', kind: 'risk-reevaluation', key: id, detail: { area: kept.area, level: kept.level, moved: moved.length, notices } });
    return { id, area: kept.area, level: kept.level, status: 'confirmed', ...result };
  }

  private byUnit(moved: ChangedArrival[]): UnitChange[] {
    const units = new Map<string, UnitChange>();
    for (const m of moved) {
      const u = units.get(m.orgUnit) ?? { orgUnit: m.orgUnit, people: 0 };
      u.people++;
      units.set(m.orgUnit, u);
    }
    return [...units.values()];
  }

  /**
   * One case's new path: claimed, followed by a new case classified again at the listed level,
   * and cancelled when still running. Answers the new case's id, or undefined when another
   * confirm claimed it first.
   */
  private async reroute(reevaluationId: string, c: ChangedArrival, level: ListedLevel, principal: Principal): Promise<string | undefined> {
    const won: unknown[] = await this.services.db.query(
      `INSERT INTO risk_reevaluated_cases (case_id, reevaluation_id, org_unit, from_outcome, to_outcome) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
      [c.caseId, reevaluationId, c.orgUnit, c.from ?? 'none', c.to],
    );
    if (won.length === 0) return undefined;
    // Read unmasked from the workflow: the follow-up needs the person, which the API masks.
    const state = await this.client.workflow.getHandle(c.caseId).query(stateQuery);
    const v = state.variables;
    const input: Record<string, unknown> = Object.fromEntries(INPUT_VARIABLES.filter((k) => v[k] !== undefined).map((k) => [k, v[k]]));
    input.reevaluation = { fromCase: c.caseId, level, arrival: v.arrival, checked: v.checked, landing: v.landing };
    const started = await this.cases.start({ processKey: PROCESS, businessKey: `risk-reevaluation:${c.caseId}`, orgUnit: c.orgUnit, input }, principal);
    if (c.status === 'running') {
      await this.cases.cancel(c.caseId, `re-evaluated: origin now listed as ${level} risk; followed by case ${started.caseId}`, principal).catch((err: unknown) => {
        // It ended on its own since it was read (released): the follow-up stands all the same.
        if (!(err instanceof ConflictError && err.code === 'case_not_running')) throw err;
      });
    }
    await this.services.db.query(`UPDATE risk_reevaluated_cases SET new_case_id = $2 WHERE case_id = $1`, [c.caseId, started.caseId]);
    return started.caseId;
  }
}

/** What a confirm did, kept with the re-evaluation. */
interface ConfirmResult {
  moved: number;
  skipped: number;
  notices: number;
  byOrgUnit: UnitChange[];
  cases: { caseId: string; newCaseId: string; orgUnit: string; from: string | null; to: string }[];
}

interface ReevaluationRow {
  id: string;
  area: string;
  level: string;
  list_version: number;
  window_days: number;
  case_ids: string[];
  status: 'previewed' | 'confirming' | 'confirmed';
  created_by: string;
  created_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  result: unknown;
}
