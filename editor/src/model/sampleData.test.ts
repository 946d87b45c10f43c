import { processLibrary } from '../../../domain/library/processes';
import { schemaProblems } from '../../../engine/http/json-schema';
import { DATE_FORMAT, DATETIME_FORMAT, PHONE_PATTERN, RESIDENT_ID_FORMAT, residentIdFault } from '../../../language/forms';
import { sampleData, samplePersonName, sampleResidentId, type SampleLanguage } from './sampleData';

const NOW = new Date('2026-11-30T04:00:00.000Z');
const LANGUAGES: SampleLanguage[] = ['zh', 'en'];

/** Every string in `value` at a key named `key`, however deep. */
function valuesAt(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesAt(v, key)]);
}

describe('sample data', () => {
  const withVariables = processLibrary.filter((p) => p.variables);

  it.each(withVariables.flatMap((p) => LANGUAGES.map((language) => ({ key: p.key, variables: p.variables, language }))))('of $key ($language) is a valid case input, as the server checks it', ({ variables, language }) => {
    const sample = sampleData(variables, { language, now: NOW });
    expect(schemaProblems(variables as object, sample, 'input')).toEqual([]);
    // Made up: resident IDs with their check digit from the fake digits, test phones, test people.
    for (const id of valuesAt(sample, 'idNumber')) {
      expect(residentIdFault(id as string)).toBeUndefined();
      expect(id).toMatch(/^99999919900101\d{3}[\dX]$/);
    }
    for (const phone of valuesAt(sample, 'phone')) expect(phone).toMatch(/^1380000\d{4}$/);
    for (const name of valuesAt(sample, 'name').filter((n) => /人员|Person/.test(String(n)))) expect(name).toBe(samplePersonName(1, language));
  });

  it('fills the people of arrival screening with test names and leaves the process its defaults', () => {
    const arrival = processLibrary.find((p) => p.key === 'arrival-screening')!;
    const zh = sampleData(arrival.variables, { language: 'zh', now: NOW }) as Record<string, Record<string, unknown>>;
    expect(zh.person).toMatchObject({ name: '测试人员一', phone: '13800000001', idNumber: sampleResidentId(1), address: '测试市测试区测试路1号' });
    expect(zh.person.idType).toBeUndefined();
    expect((sampleData(arrival.variables, { language: 'en', now: NOW }) as typeof zh).person.name).toBe('Test Person 1');
    // No time scale: a test case runs in real time unless the administrator asks otherwise.
    expect(zh.timeScale).toBeUndefined();
  });

  it('gives numbered people and IDs, each ID with its real check digit', () => {
    expect(samplePersonName(2, 'zh')).toBe('测试人员二');
    expect(samplePersonName(2, 'en')).toBe('Test Person 2');
    const ids = [1, 2, 3, 10, 999].map(sampleResidentId);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(residentIdFault(id)).toBeUndefined();
    // A wrong check digit is caught: the generator does not just end in any digit.
    const wrong = sampleResidentId(1).slice(0, 17) + (sampleResidentId(1)[17] === '0' ? '1' : '0');
    expect(residentIdFault(wrong)).toBe('check_digit');
  });

  const SCHEMAS: Record<string, object> = {
    bounds: {
      type: 'object',
      required: ['age', 'temp', 'scale', 'count', 'below'],
      properties: {
        age: { type: 'integer', minimum: 0, maximum: 130 },
        temp: { type: 'number', minimum: 34, maximum: 45 },
        scale: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        count: { type: 'integer', exclusiveMinimum: 3 },
        below: { type: 'integer', exclusiveMaximum: -2 },
      },
    },
    texts: {
      type: 'object',
      required: ['day', 'at', 'id', 'phone', 'code', 'short', 'long', 'form'],
      properties: {
        day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        at: { type: 'string', format: DATETIME_FORMAT },
        id: { type: 'string', format: RESIDENT_ID_FORMAT },
        phone: { type: 'string', pattern: PHONE_PATTERN },
        code: { type: 'string', pattern: '^[0-9]+$' },
        short: { type: 'string', maxLength: 3 },
        long: { type: 'string', minLength: 30 },
        form: { type: 'string', format: DATE_FORMAT },
      },
    },
    choices: {
      type: 'object',
      required: ['level', 'fixed', 'flag', 'nullable', 'defaulted'],
      properties: {
        level: { enum: ['high', 'low'] },
        fixed: { const: 7 },
        flag: { type: 'boolean' },
        nullable: { type: ['null', 'string'], minLength: 2 },
        defaulted: { type: 'integer', default: 3, minimum: 0 },
      },
    },
    alternatives: {
      type: 'object',
      required: ['school'],
      properties: { pupil: { type: 'object', properties: { name: { type: 'string' } } }, staff: { type: 'object', properties: { name: { type: 'string' } } }, school: { type: 'string' } },
      oneOf: [{ required: ['pupil'] }, { required: ['staff'] }],
    },
    lists: {
      type: 'object',
      required: ['rows', 'tags'],
      properties: {
        rows: { type: 'array', minItems: 2, maxItems: 3, items: { type: 'object', required: ['place'], properties: { place: { type: 'string' }, risk: { enum: ['high'] } } } },
        tags: { type: 'array', uniqueItems: true, items: { type: 'string' } },
      },
    },
    allOf: { allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string', minLength: 1 } } }, { required: ['b'], properties: { b: { type: 'integer', minimum: 5 } } }] },
  };

  it.each(Object.entries(SCHEMAS).flatMap(([name, schema]) => LANGUAGES.map((language) => ({ name, schema, language }))))('of the $name schema ($language) is valid against it', ({ schema, language }) => {
    const sample = sampleData(schema, { language, now: NOW });
    expect(schemaProblems(schema, sample, 'input')).toEqual([]);
  });

  it('names texts by the field in the UI language, and a generic field by its parent', () => {
    const schema = { type: 'object', required: ['pharmacy'], properties: { pharmacy: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } } } };
    const label = (k: string) => ({ pharmacy: '药店', id: '编号', name: '名称' })[k];
    expect(sampleData(schema, { language: 'zh', now: NOW, label })).toEqual({ pharmacy: { id: '测试药店 编号', name: '测试药店' } });
    expect(sampleData(schema, { language: 'en', now: NOW })).toEqual({ pharmacy: { id: 'Test pharmacy id', name: 'Test pharmacy' } });
  });
});
