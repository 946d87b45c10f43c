/**
 * Typed params (the rule set's `paramTypes`): whether a literal fits its declared type, and the
 * durations derived from a number param. The editor computes a derived param from its source as
 * the administrator types the one number; the validator refuses a definition whose derived param
 * says another length (imported, or written through the API), because a process would then run
 * with two lengths for one policy. Params that read a fact are not literal and are left alone.
 * No Node-only imports: the editor runs this in the browser.
 */
import { looksLikeFactReference, type Problem } from '../language';
import type { EventParams, ParamDeclaration, RuleSet } from './ruleset-schema';

const DURATION = /^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const FIXED_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Seconds in a duration of weeks, days, hours, minutes and whole seconds; undefined for months, years or fractions. */
export function durationSeconds(iso: string): number | undefined {
  const m = FIXED_DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s;
}

const isWholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Why a literal does not fit its declaration, or undefined when it does. */
export function paramTypeMismatch(decl: ParamDeclaration, v: unknown): string | undefined {
  const allowed = (s: string) => !decl.enum || decl.enum.includes(s);
  switch (decl.type) {
    case 'integer':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'is not a number';
      if (decl.type === 'integer' && !Number.isInteger(v)) return 'is not a whole number';
      if (decl.min !== undefined && v < decl.min) return `is below ${decl.min}`;
      if (decl.max !== undefined && v > decl.max) return `is above ${decl.max}`;
      return undefined;
    }
    case 'string':
      if (typeof v !== 'string') return 'is not text';
      return allowed(v) ? undefined : `is not one of ${decl.enum!.join(', ')}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'is not yes or no (true/false)';
    case 'duration':
      return typeof v === 'string' && DURATION.test(v) ? undefined : 'is not an ISO 8601 duration such as P7D or PT12H';
    case 'dayList':
      if (!Array.isArray(v) || !v.every((d) => isWholeNumber(d) && d >= 1)) return 'is not a list of day numbers (1 or more)';
      return v.every((d, i) => i === 0 || d > v[i - 1]) ? undefined : 'lists its days out of order or twice';
    case 'list':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return 'is not a list of texts';
      return v.every(allowed) ? undefined : `holds a value that is not one of ${decl.enum!.join(', ')}`;
  }
}

/** A derived param's value from its source in the same params, or undefined when the source is not a whole number ≥ 0. */
export function derivedValue(decl: ParamDeclaration, params: EventParams): string | undefined {
  if (!decl.derive) return undefined;
  const n = params[decl.derive.from];
  if (!isWholeNumber(n) || n < 0) return undefined;
  return decl.derive.unit === 'days' ? `P${n}D` : `PT${n}H`;
}

/** The params with every derived param they hold recomputed from its source (a derived param an outcome lacks is not added). */
export function withDerived(params: EventParams, types: Record<string, ParamDeclaration> | undefined): EventParams {
  if (!types) return params;
  let changed = false;
  const next = Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const decl = types[name];
      const derived = decl && derivedValue(decl, params);
      if (derived === undefined || (typeof value === 'string' && durationSeconds(value) === durationSeconds(derived))) return [name, value];
      changed = true;
      return [name, derived];
    }),
  );
  return changed ? next : params;
}

export type ParamTypeProblem = Problem & { code: 'param_type' | 'derived_param' };

function declarationProblems(types: Record<string, ParamDeclaration>): ParamTypeProblem[] {
  return Object.entries(types).flatMap(([name, decl]): ParamTypeProblem[] => {
    if (!decl.derive) return [];
    const source = types[decl.derive.from];
    if (source?.type === 'integer' || source?.type === 'number') return [];
    const message = source ? `derives from '${decl.derive.from}', a ${source.type}, not a number` : `derives from '${decl.derive.from}', which is not declared`;
    return [{ path: `paramTypes/${name}/derive/from`, code: 'param_type', message }];
  });
}

function paramsProblems(params: EventParams | undefined, types: Record<string, ParamDeclaration>, at: string): ParamTypeProblem[] {
  const problems: ParamTypeProblem[] = [];
  for (const [name, value] of Object.entries(params ?? {})) {
    const decl = types[name];
    if (!decl || looksLikeFactReference(value)) continue;
    const mismatch = paramTypeMismatch(decl, value);
    if (mismatch) {
      problems.push({ path: `${at}/${name}`, code: 'param_type', message: `${name} ${JSON.stringify(value)} ${mismatch}` });
      continue;
    }
    const derived = derivedValue(decl, params!);
    if (derived !== undefined && durationSeconds(value as string) !== durationSeconds(derived)) {
      const from = decl.derive!.from;
      problems.push({ path: `${at}/${name}`, code: 'derived_param', message: `${name} ${String(value)} does not match ${from} = ${String(params![from])} (${decl.derive!.unit}): it should be ${derived}` });
    }
  }
  return problems;
}

/** Every declaration that derives from a non-number, every literal of the wrong type, every derived param that disagrees with its source. */
export function paramTypeProblems(def: RuleSet): ParamTypeProblem[] {
  const types = def.paramTypes;
  if (!types) return [];
  const outcomes =
    def.kind === 'rules'
      ? def.rules.map((r, i) => paramsProblems(r.event.params, types, `rules/${i}/event/params`))
      : def.table.rows.map((row, i) => paramsProblems(row.params, types, `table/rows/${i}/params`));
  return [...declarationProblems(types), ...outcomes.flat()];
}
