/**
 * Sample data for a test case's input, generated from the process's variable schema (JSON
 * Schema): every value valid against its schema, and made up, never a real person's. People are
 * 测试人员一 / Test Person 1, 2, …; a resident ID is built from fixed fake digits (area 999999, born
 * 1 January 1990, a running sequence) with its real check digit; a phone is 1380000xxxx; an address
 * is a test road. The fields a schema marks as personal data (`x-pii`) or names as such are
 * recognised; other texts read "测试 <field>" / "Test <field>".
 *
 * What is filled: every required property, and the optional ones except numbers (tuning knobs such
 * as a time scale or a cycle count) and those whose description says what holds "when absent"
 * (the process's own default); a schema's `default` where it gives one; of alternatives (`oneOf`,
 * `anyOf`) the first, leaving out what only the others require.
 */
import { DATE_FORMAT, DATETIME_FORMAT, PHONE_PATTERN, RESIDENT_ID_FORMAT, residentIdCheckDigit } from '../../../language/forms';

type Schema = Record<string, unknown>;
export type SampleLanguage = 'zh' | 'en';

export interface SampleOptions {
  language: SampleLanguage;
  /** The instant dates and times are taken from. */
  now: Date;
  /** A field's name in the UI language, for made-up texts ("测试药店"); the key when absent. */
  label?(key: string): string | undefined;
}

/** Fake digits: an area code no region has, and a birth date. */
const FAKE_AREA = '999999';
const FAKE_BIRTH = '19900101';
const ZH_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const PERSON_KEYS = /^(person|patient|buyer|pupil|staff|contact|applicant|subject)$/i;

/** Whether a variable by this name holds a person (whose `name` is a person's name, not a place's). */
export const isPersonKey = (key: string): boolean => PERSON_KEYS.test(key);

/** A made-up resident ID: the fake area and birth date, sequence `n`, and the check digit. */
export function sampleResidentId(n: number): string {
  const first17 = `${FAKE_AREA}${FAKE_BIRTH}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/** A made-up mobile number, 1380000 and four digits. */
export const samplePhone = (n: number): string => `1380000${String(n % 10_000).padStart(4, '0')}`;

export function samplePersonName(n: number, language: SampleLanguage): string {
  return language === 'zh' ? `测试人员${ZH_NUMBERS[n] ?? n}` : `Test Person ${n}`;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema with its first alternative and every allOf part merged in; `excluded`: properties only the other alternatives require. */
function resolved(schema: Schema): { schema: Schema; excluded: Set<string> } {
  let out: Schema = { ...schema };
  const excluded = new Set<string>();
  for (const part of Array.isArray(schema.allOf) ? schema.allOf.filter(isObject) : []) out = merge(out, part);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = Array.isArray(schema[key]) ? (schema[key] as unknown[]).filter(isObject) : [];
    if (options.length === 0) continue;
    const [first, ...others] = options;
    const chosen = new Set(requiredOf(first));
    for (const o of others) for (const r of requiredOf(o)) if (!chosen.has(r)) excluded.add(r);
    out = merge(out, first);
  }
  delete out.allOf;
  delete out.oneOf;
  delete out.anyOf;
  return { schema: out, excluded };
}

function merge(a: Schema, b: Schema): Schema {
  const properties = isObject(a.properties) || isObject(b.properties) ? { ...(a.properties as Schema), ...(b.properties as Schema) } : undefined;
  const required = [...new Set([...requiredOf(a), ...requiredOf(b)])];
  return { ...a, ...b, ...(properties ? { properties } : {}), ...(required.length ? { required } : {}) };
}

const requiredOf = (s: Schema): string[] => (Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);

function typeOf(schema: Schema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => typeof t === 'string' && t !== 'null') as string | undefined;
  if (type) return type;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

class Generator {
  private people = 0;
  private ids = 0;
  private phones = 0;

  constructor(private readonly options: SampleOptions) {}

  value(raw: Schema, key: string, parent: string): unknown {
    const { schema, excluded } = resolved(raw);
    if ('const' in schema) return schema.const;
    if ('default' in schema) return schema.default;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((e) => e !== null) ?? schema.enum[0];
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
    switch (typeOf(schema)) {
      case 'object':
        return this.object(schema, excluded, key);
      case 'array':
        return this.array(schema, key);
      case 'boolean':
        return false;
      case 'integer':
        return integerIn(schema);
      case 'number':
        return numberIn(schema);
      case 'string':
        return this.string(schema, key, parent);
      default:
        return null;
    }
  }

  private object(schema: Schema, excluded: Set<string>, key: string): Record<string, unknown> {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(requiredOf(schema));
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(properties)) {
      if (!isObject(sub) || excluded.has(name)) continue;
      if (!required.has(name) && leftToTheProcess(sub)) continue;
      out[name] = this.value(sub, name, key);
    }
    return out;
  }

  private array(schema: Schema, key: string): unknown[] {
    const items = isObject(schema.items) ? schema.items : {};
    const count = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
    const bounded = typeof schema.maxItems === 'number' ? Math.min(count, schema.maxItems) : count;
    return Array.from({ length: bounded }, () => this.value(items, key, key));
  }

  private string(schema: Schema, key: string, parent: string): string {
    const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
    const fits = (v: string) => (!pattern || pattern.test(v)) && v.length >= ((schema.minLength as number | undefined) ?? 0) && v.length <= ((schema.maxLength as number | undefined) ?? Infinity);
    const candidates = [this.hinted(schema, key, parent), this.text(key, parent), ...this.patternGuesses()].filter((v): v is string => v !== undefined);
    const fitting = candidates.find(fits);
    if (fitting !== undefined) return fitting;
    return fitToLength(candidates[0], schema);
  }

  /** A value for what the schema or the field's name says the text is. */
  private hinted(schema: Schema, key: string, parent: string): string | undefined {
    const pii = schema['x-pii'];
    const { now, language } = this.options;
    if (pii === 'id-number' || schema.format === RESIDENT_ID_FORMAT || /^(idNumber|residentId)$/i.test(key)) return sampleResidentId(++this.ids);
    if (pii === 'phone' || schema.pattern === PHONE_PATTERN || /phone|mobile/i.test(key)) return samplePhone(++this.phones);
    if (pii === 'name' || (key === 'name' && PERSON_KEYS.test(parent))) return samplePersonName(++this.people, language);
    if (pii === 'address' || /address/i.test(key)) return language === 'zh' ? '测试市测试区测试路1号' : '1 Test Road, Test District';
    if (pii === 'email' || /email/i.test(key)) return 'test@example.invalid';
    if (schema.format === 'date' || schema.format === DATE_FORMAT || /(date|day)$/i.test(key)) return now.toISOString().slice(0, 10);
    if (schema.format === 'date-time' || schema.format === DATETIME_FORMAT || /At$/.test(key) || /time$/i.test(key)) return now.toISOString();
    return undefined;
  }

  /** "测试药店" / "Test pharmacy": the field's name, or for a generic one its parent's (a pharmacy's name), with the field's (its id). */
  private text(key: string, parent: string): string {
    const label = (k: string) => this.options.label?.(k) ?? k;
    const named = /^(name|title)$/i.test(key) && parent;
    const generic = /^(id|type|code)$/i.test(key) && parent;
    const what = named ? label(parent) : generic ? `${label(parent)} ${label(key)}` : label(key);
    return this.options.language === 'zh' ? `测试${what}` : `Test ${what}`;
  }

  private patternGuesses(): string[] {
    const { now } = this.options;
    return [now.toISOString().slice(0, 10), now.toISOString(), samplePhone(1), '1', 'test', 'A1'];
  }
}

/** An optional number (a time scale, a count of cycles) or a field with a default "when absent" is left to the process. */
function leftToTheProcess(schema: Schema): boolean {
  const resolvedSchema = resolved(schema).schema;
  const description = typeof resolvedSchema.description === 'string' ? resolvedSchema.description : '';
  return ['number', 'integer'].includes(typeOf(resolvedSchema) ?? '') || /when absent/i.test(description);
}

function bounds(schema: Schema): { low?: number; high?: number; lowOpen: boolean; highOpen: boolean } {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  return { low: exMin ?? num(schema.minimum), high: exMax ?? num(schema.maximum), lowOpen: exMin !== undefined, highOpen: exMax !== undefined };
}

/** Halfway between the bounds when both are given, else the bound (just inside an open one), else 1. */
function numberIn(schema: Schema): number {
  const { low, high, lowOpen, highOpen } = bounds(schema);
  if (low !== undefined && high !== undefined) return (low + high) / 2;
  if (low !== undefined) return lowOpen ? low + 1 : low;
  if (high !== undefined) return highOpen ? high - 1 : high;
  return 1;
}

function integerIn(schema: Schema): number {
  const { low, high, lowOpen, highOpen } = bounds(schema);
  const min = low === undefined ? undefined : lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
  const max = high === undefined ? undefined : highOpen ? Math.ceil(high) - 1 : Math.floor(high);
  if (min !== undefined && max !== undefined) return Math.floor((min + max) / 2);
  return min ?? max ?? 1;
}

function fitToLength(value: string, schema: Schema): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  return value.padEnd(min, '0').slice(0, max);
}

/** A made-up value for `schema` (an object for a process's variables). */
export function sampleData(schema: unknown, options: SampleOptions): unknown {
  return isObject(schema) ? new Generator(options).value(schema, '', '') : {};
}
