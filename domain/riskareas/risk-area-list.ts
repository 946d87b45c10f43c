/**
 * The risk-area list (rule set `risk-areas`, a decision table: area, in effect from, until; the
 * level is the row's outcome) read and written as a list of areas. Writing is publishing a new
 * version of the rule set through the document service, so an area added here is versioned and
 * audited like an edit in the rule editor, and decisions read it at once ("rules are hot").
 */
import { z } from 'zod';
import type { Principal } from '../../engine/auth/principal';
import { ConflictError, ValidationError } from '../../engine/errors';
import type { Services } from '../../engine/services';
import type { Problem } from '../../language';
import { compileRuleSet, evaluateRuleSet } from '../../rules/engine';
import type { TableRuleSet } from '../../rules/ruleset-schema';

export const RISK_AREAS = 'risk-areas';
/** The levels a listed area can have, highest first. */
export const LISTED_LEVELS = ['high', 'medium', 'low'] as const;
export type ListedLevel = (typeof LISTED_LEVELS)[number];
/** The end of a listing with no end given: the list's own convention for "until further notice". */
export const OPEN_END = Date.UTC(3000, 0, 1);

/** How serious a level is, for "listed higher than it was classified with" (none and not-listed: 0). */
export function rank(level: unknown): number {
  return level === 'high' ? 3 : level === 'medium' ? 2 : level === 'low' ? 1 : 0;
}

export const areaName = z.string().trim().min(1).max(100).describe('The area as arrivals name their origin, e.g. 上海市浦东新区');
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).getTime());

export const areaInput = z
  .object({
    area: areaName,
    level: z.enum(LISTED_LEVELS),
    from: instant.optional().describe('When the listing takes effect (now when absent)'),
    until: instant.optional().describe('When it ends (until further notice when absent)'),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.from !== undefined && a.until !== undefined && a.until <= a.from) ctx.addIssue({ code: 'custom', path: ['until'], message: 'is not after from' });
  });
export type AreaInput = z.infer<typeof areaInput>;

export interface ListedArea {
  area: string;
  level: ListedLevel;
  from: string;
  until: string | null;
  /** In effect now: from has come and until has not. */
  inEffect: boolean;
}

type Row = TableRuleSet['table']['rows'][number];

function areaOf(row: Row): ListedArea | undefined {
  const [area, from, until] = row.cells;
  if (typeof area !== 'string' || !LISTED_LEVELS.includes(row.outcome as ListedLevel)) return undefined;
  const start = typeof from === 'number' ? from : 0;
  const end = typeof until === 'number' && until < OPEN_END ? until : null;
  const now = Date.now();
  return { area, level: row.outcome as ListedLevel, from: new Date(start).toISOString(), until: end === null ? null : new Date(end).toISOString(), inEffect: start <= now && (end === null || now < end) };
}

/** The published list, and its version. */
export async function publishedList(services: Services): Promise<{ version: number; table: TableRuleSet }> {
  const v = await services.rulesets.version(RISK_AREAS);
  return { version: v.version, table: v.content as TableRuleSet };
}

/** The areas of the published list, in its order (the first row of an area decides). */
export async function listAreas(services: Services): Promise<{ version: number; areas: ListedArea[] }> {
  const { version, table } = await publishedList(services);
  return { version, areas: table.table.rows.flatMap((r) => areaOf(r) ?? []) };
}

/** The level the list in effect gives `area` now: a decision like a case's, or undefined when it is not listed. */
export async function listedLevel(services: Services, area: string): Promise<ListedLevel | undefined> {
  const { table } = await publishedList(services);
  const { outcome } = await evaluateRuleSet(compileRuleSet(table), { area, now: Date.now() });
  return LISTED_LEVELS.includes(outcome as ListedLevel) ? (outcome as ListedLevel) : undefined;
}

function rowFor(a: AreaInput, id: string): Row {
  return { id, cells: [a.area, a.from ?? Date.now(), a.until ?? OPEN_END], outcome: a.level, params: {} };
}

/**
 * Publishes the list with these areas added, each replacing the area's earlier rows (a raised or
 * lowered level, new times), before the catch-all row. Refused while someone's draft of the list
 * is open in the rule editor: publishing would publish their unfinished edit with it.
 */
export async function addAreas(services: Services, added: readonly AreaInput[], principal: Principal, comment: string) {
  const doc = await services.documents.rulesets.get(RISK_AREAS);
  if (doc.draft) throw new ConflictError('draft_open', `a draft of the risk-area list by ${doc.draft.author} is open in the rule editor: publish or discard it first`);
  if (!doc.published) throw new ConflictError('not_published', 'the risk-area list has no published version');
  const table = structuredClone(doc.published.definition as TableRuleSet);
  const names = new Set(added.map((a) => a.area));
  const kept = table.table.rows.filter((r) => !(typeof r.cells[0] === 'string' && names.has(r.cells[0])));
  const used = new Set(kept.map((r) => r.id));
  let n = 0;
  const nextId = () => {
    while (used.has(`area-${++n}`));
    return `area-${n}`;
  };
  const listed = kept.filter((r) => r.cells[0] !== null);
  const rest = kept.filter((r) => r.cells[0] === null);
  table.table.rows = [...added.map((a) => rowFor(a, nextId())), ...listed, ...rest];
  const saved = await services.documents.rulesets.saveDraft(RISK_AREAS, table, principal.username, doc.draftRevision);
  await services.documents.rulesets.publish(RISK_AREAS, { comment }, principal.username, saved.draftRevision);
  return listAreas(services);
}

const CSV_HEADER = ['area', 'level', 'from', 'until'] as const;

/**
 * Areas from CSV text: a header naming area and level (from and until optional, ISO 8601 with an
 * offset), one area a line. Every bad cell is a problem naming its row (1 is the header) and column.
 */
export function parseAreasCsv(text: string): AreaInput[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const problems: Problem[] = [];
  for (const required of ['area', 'level']) {
    if (!header.includes(required)) problems.push({ path: 'csv/1', code: 'missing_column', message: `the header has no column '${required}'` });
  }
  const unknown = header.filter((h) => !(CSV_HEADER as readonly string[]).includes(h));
  for (const h of unknown) problems.push({ path: 'csv/1', code: 'unknown_column', message: `column '${h}' is not one of ${CSV_HEADER.join(', ')}` });
  if (problems.length) throw new ValidationError('invalid_csv', 'the CSV header must name the columns area and level (from and until optional)', problems);
  const areas: AreaInput[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line === '') return;
    const cells = line.split(',').map((c) => c.trim());
    const record = Object.fromEntries(header.flatMap((h, k) => (cells[k] ? [[h, cells[k]]] : [])));
    const parsed = areaInput.safeParse(record);
    if (parsed.success) areas.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ path: `csv/${i + 1}/${String(issue.path[0] ?? 'area')}`, code: 'invalid_cell', message: `row ${i + 1}, column ${String(issue.path[0] ?? 'area')}: ${issue.message}` });
  });
  if (problems.length) throw new ValidationError('invalid_csv', `${problems.length} cell(s) of the CSV are not valid`, problems);
  if (areas.length === 0) throw new ValidationError('invalid_csv', 'the CSV lists no area', [{ path: 'csv', code: 'empty', message: 'has no row after the header' }]);
  if (areas.length > 500) throw new ValidationError('invalid_csv', 'at most 500 areas at a time', [{ path: 'csv', code: 'too_large', message: `has ${areas.length} rows` }]);
  return areas;
}
