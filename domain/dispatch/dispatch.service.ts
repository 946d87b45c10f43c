/**
 * The daily dispatch as the API serves it: kept reports, scoped by the caller's org units like
 * cases (a district's staff see their district's report; the city's report is the root unit's,
 * so only city-wide staff see it), and a report generated on demand as the day's next revision.
 */
import type { Principal } from '../../engine/auth/principal';
import { appendAudit } from '../../engine/audit/append';
import { NotFoundError, UserError } from '../../engine/errors';
import { scopeOf } from '../../engine/orgunits/scope';
import type { Services } from '../../engine/services';
import type { LocalizedText } from '../../language';
import { compileDay } from './compile';
import { FIGURE_LABELS } from './figures';
import { dayAt } from './office-day';
import { keepDay, listReports, reportsOfDay, type StoredReport } from './report-store';

/** The key groups' names come from the published frequency table, which administrators extend. */
const KEY_GROUP_TABLE = 'key-group-test-frequency';

export interface DayReports {
  day: string;
  /** Each visible unit's report (the city's first), latest revision unless one was asked for. */
  reports: (StoredReport & { unitName: LocalizedText })[];
  labels: typeof FIGURE_LABELS;
  groupLabels: Record<string, LocalizedText>;
}

export class DispatchService {
  constructor(private readonly services: Services) {}

  async list(principal: Principal, filter: { from?: string; to?: string; limit: number }) {
    const scope = await scopeOf(this.services.db, principal);
    return { items: await listReports(this.services.db, scope.unitIds, filter) };
  }

  /** A day's reports the caller may see; 404 when none is kept (or none is theirs). */
  async day(day: string, principal: Principal, only?: { orgUnit?: string; revision?: number }): Promise<DayReports> {
    const scope = await scopeOf(this.services.db, principal);
    const units = only?.orgUnit ? (scope.includes(only.orgUnit) ? [only.orgUnit] : []) : scope.unitIds;
    const found = units?.length === 0 ? [] : await reportsOfDay(this.services.db, day, units, only?.revision);
    if (found.length === 0) throw new NotFoundError('daily report', only?.orgUnit ? `${day}/${only.orgUnit}` : day);
    const names = await this.unitNames();
    const reports = found
      .map((r) => ({ ...r, unitName: names.get(r.orgUnit)?.name ?? { zh: r.orgUnit, en: r.orgUnit }, order: names.get(r.orgUnit)?.order ?? Infinity }))
      .sort((a, b) => a.order - b.order)
      .map(({ order: _order, ...r }) => r);
    return { day, reports, labels: FIGURE_LABELS, groupLabels: await this.groupLabels() };
  }

  /** Compiles the day now and keeps it as its next revision (audited), for city-wide callers; a day not yet begun has nothing to report. */
  async generate(day: string, principal: Principal): Promise<DayReports> {
    // One compilation keeps every district's report: a district's staff may not make the others'.
    if (!(await scopeOf(this.services.db, principal)).all) throw new UserError(403, 'city_wide_only', "compiling a day keeps every district's report: only the city's staff may");
    if (day > dayAt(new Date())) throw new UserError(422, 'day_in_future', `${day} has not begun in Asia/Shanghai`, [{ path: 'params/day', code: 'future', message: 'has not begun yet' }]);
    const compiled = await compileDay(this.services.db, day);
    const kept = await keepDay(this.services.db, compiled, principal.username, 'revision');
    await appendAudit(this.services.db, { actor: principal.username, action: 'generate', kind: 'daily-report', key: day, detail: { revision: kept?.revision, asOf: compiled.asOf.toISOString() } });
    return this.day(day, principal, { revision: kept?.revision });
  }

  /** The root first, then the districts in the tree's order. */
  private async unitNames(): Promise<Map<string, { name: LocalizedText; order: number }>> {
    const rows: { id: string; name: LocalizedText }[] = await this.services.db.query(`SELECT id, name FROM org_units ORDER BY (parent_id IS NOT NULL), created_at, id`);
    return new Map(rows.map((r, order) => [r.id, { name: r.name, order }]));
  }

  private async groupLabels(): Promise<Record<string, LocalizedText>> {
    try {
      const table = await this.services.rulesets.version(KEY_GROUP_TABLE);
      const group = (table.content.facts as Record<string, { enumLabels?: Record<string, LocalizedText> }> | undefined)?.group;
      return group?.enumLabels ?? {};
    } catch (err) {
      // Not published in this installation: the groups show by their values.
      if (err instanceof NotFoundError) return {};
      throw err;
    }
  }
}
