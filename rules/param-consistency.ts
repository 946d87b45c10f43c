/**
 * One number, one place: an event's params often say one length twice, as a count of days and
 * as an ISO 8601 duration or a list of days within it (`days: 7`, `quarantineDuration: "P7D"`,
 * `testDays: [1, 4, 7]`). Changing one and not the others leaves the params contradicting
 * themselves, and nothing would fail: these warnings say so. Where an event's params hold a
 * whole number named `days`, every duration of whole days or weeks among them must be that many
 * days, and every list of day numbers named `…Days` must lie within day 1 to that day.
 * Params that read a fact are not literal and are left alone.
 */
import type { Problem } from '../language';
import type { EventParams, RuleSet } from './ruleset-schema';

const WHOLE_DAYS = /^P(?:(\d+)W)?(?:(\d+)D)?$/;

/** Days in a duration of whole weeks and days (`P7D`, `P1W`), else undefined. */
function durationDays(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === 'P') return undefined;
  const m = WHOLE_DAYS.exec(v);
  return m ? Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0) : undefined;
}

function paramProblems(params: EventParams | undefined, at: string): Problem[] {
  const days = params?.days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) return [];
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(params ?? {})) {
    const d = durationDays(value);
    if (d !== undefined && d !== days) {
      problems.push({ path: `${at}/${name}`, code: 'inconsistent_params', message: `${name} ${String(value)} is ${d} days, but days is ${days}` });
    }
    if (name !== 'days' && name.endsWith('Days') && Array.isArray(value) && value.every((x) => typeof x === 'number')) {
      const outside = value.filter((x) => x < 1 || x > days);
      if (outside.length > 0) {
        problems.push({ path: `${at}/${name}`, code: 'inconsistent_params', message: `${name} has day ${outside.join(', ')} outside day 1 to ${days} (days is ${days})` });
      }
    }
  }
  return problems;
}

/**
 * The params after their `days` changed from `from` to `to`, with what is derived from it following:
 * a whole-day duration that said `from` days now says `to` (in weeks where it was written in weeks
 * and `to` is whole weeks), so a length is typed once. Lists of days are the plan's, not derived:
 * one left outside the new length is flagged by the warnings below.
 */
export function followDays(params: EventParams, from: number, to: number): EventParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (name === 'days' || durationDays(value) !== from) return [name, value];
      return [name, (value as string).includes('W') && to % 7 === 0 ? `P${to / 7}W` : `P${to}D`];
    }),
  );
}

/** A warning for each param that contradicts its event's `days`. */
export function paramConsistencyWarnings(def: RuleSet): Problem[] {
  return def.kind === 'rules'
    ? def.rules.flatMap((r, i) => paramProblems(r.event.params, `rules/${i}/event/params`))
    : def.table.rows.flatMap((row, i) => paramProblems(row.params, `table/rows/${i}/params`));
}
