/** Masking personal data by its `x-pii` classification: units of engine/privacy (run with jest.unit.config.js). */
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { evaluateExpression } from '../../workflows/expression';
import { maskBySchema } from '../../engine/privacy/mask';
import { maskText } from '../../engine/privacy/pii-class';
import { caseSchema, maskDecision, maskTask } from '../../engine/privacy/process-pii';
import { schemaSet } from '../../engine/privacy/schema-walk';

describe('masks', () => {
  test.each([
    ['id-number', '320803199001011234', '320803********1234'],
    ['id-number', 'E12345678', 'E12****78'],
    ['name', '张三', '张*'],
    ['name', '欧阳娜娜', '欧***'],
    ['name', '王', '*'],
    ['phone', '13812345678', '138****5678'],
    ['phone', '5551234', '*****34'],
    ['address', '江苏省淮安市清江浦区淮海南路12号', '江苏省淮安市…'],
    ['address', '淮安', '淮…'],
  ] as const)('%s %s → %s', (cls, value, masked) => {
    expect(maskText(cls, value)).toBe(masked);
  });

  test('an empty value stays empty; characters outside the BMP count as one', () => {
    expect(maskText('name', '')).toBe('');
    expect(maskText('name', '𠀋𠀋')).toBe('𠀋*');
  });
});

const person = {
  type: 'object',
  properties: {
    idNumber: { type: 'string', 'x-pii': 'id-number' },
    name: { type: 'string', 'x-pii': 'name' },
    phone: { type: 'string', 'x-pii': 'phone' },
    age: { type: 'integer' },
  },
};

describe('maskBySchema', () => {
  test('masks classified fields at any depth, in arrays and under $refs and combinators, and keeps the rest', () => {
    const schema = {
      type: 'object',
      $defs: { person },
      properties: {
        person: { $ref: '#/$defs/person' },
        contacts: { type: 'array', items: { allOf: [{ $ref: '#/$defs/person' }] } },
        home: { type: 'object', 'x-pii': 'address', properties: { line: { type: 'string' }, postcode: { type: 'integer' } } },
        notes: { type: 'object', additionalProperties: { type: 'string', 'x-pii': 'name' } },
        district: { type: 'string' },
      },
    };
    const value = {
      person: { idNumber: '320803199001011234', name: '张三', phone: '13812345678', age: 40 },
      contacts: [{ name: '李四', phone: '13900001111' }],
      home: { line: '江苏省淮安市清江浦区淮海南路12号', postcode: 223001 },
      notes: { nurse: '王五' },
      district: 'qingjiangpu',
    };
    const masked = maskBySchema(schemaSet(schema), value);
    expect(masked.found).toBe(true);
    expect(masked.value).toEqual({
      person: { idNumber: '320803********1234', name: '张*', phone: '138****5678', age: 40 },
      contacts: [{ name: '李*', phone: '139****1111' }],
      home: { line: '江苏省淮安市…', postcode: '223…' },
      notes: { nurse: '王*' },
      district: 'qingjiangpu',
    });
    // The original is untouched.
    expect(value.person.name).toBe('张三');
  });

  test('a value with nothing classified is found clean and comes back equal', () => {
    const masked = maskBySchema(schemaSet(person), { age: 3, other: 'x' });
    expect(masked).toEqual({ value: { age: 3, other: 'x' }, found: false });
    expect(maskBySchema(schemaSet(undefined), { name: '张三' }).found).toBe(false);
  });

  test('a schema that refers to itself does not loop', () => {
    const schema = { $defs: { node: { type: 'object', properties: { name: { 'x-pii': 'name' }, next: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' };
    expect(maskBySchema(schemaSet(schema), { name: '张三', next: { name: '李四', next: { name: '王五' } } }).value).toEqual({ name: '张*', next: { name: '李*', next: { name: '王*' } } });
  });
});

function definition(extra: Partial<ProcessDefinition> = {}): ProcessDefinition {
  return {
    key: 'pii-test',
    name: { zh: '测试', en: 'Test' },
    variables: { type: 'object', properties: { person, district: { type: 'string' } } },
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'visit', type: 'task', title: { zh: '走访', en: 'Visit' }, output: 'visit', form: { type: 'object', properties: { contactPhone: { type: 'string', 'x-pii': 'phone' }, ok: { type: 'boolean' } } } },
      { id: 'classify', type: 'decision', ruleset: 'r', facts: { who: 'person.idNumber', label: "person.name & ' (' & district & ')'", district: 'district' } },
      { id: 'all', type: 'decision', ruleset: 'r' },
      { id: 'end', type: 'end' },
    ],
    edges: [],
    ...extra,
  } as ProcessDefinition;
}

describe('a process definition classifies its data', () => {
  test("a task's form classifies the variable the task writes", () => {
    const masked = maskBySchema(caseSchema(definition()), { visit: { contactPhone: '13812345678', ok: true }, district: 'jinhu' });
    expect(masked.value).toEqual({ visit: { contactPhone: '138****5678', ok: true }, district: 'jinhu' });
  });

  test("an event's declared payload classifies the variable the event writes", () => {
    const lab = { id: 'lab', type: 'event', event: 'labResult', output: 'lab', payload: { type: 'object', properties: { idNumber: { type: 'string', 'x-pii': 'id-number' }, result: { type: 'string' } } } };
    const def = definition();
    const masked = maskBySchema(caseSchema({ ...def, nodes: [...def.nodes, lab] } as ProcessDefinition), { lab: { idNumber: '320803199001011234', result: 'positive' } });
    expect(masked).toEqual({ value: { lab: { idNumber: '320803********1234', result: 'positive' } }, found: true });
  });

  test('decision facts: a plain path takes its class, a computed fact reading personal data is masked whole, the trace too', () => {
    const decision = {
      nodeId: 'classify',
      facts: { who: '320803199001011234', label: '张三 (jinhu)', district: 'jinhu' },
      trace: [{ name: 'r1', conditions: [
        { at: 'all/0', fact: 'who', operator: 'equal', value: '320803199001011234', factValue: '320803199001011234', result: true },
        { at: 'all/1', fact: 'district', operator: 'equal', value: 'jinhu', factValue: 'jinhu', result: true },
      ] }],
    };
    const masked = maskDecision(definition(), decision);
    expect(masked.found).toBe(true);
    expect(masked.value.facts).toEqual({ who: '320803********1234', label: '张*********', district: 'jinhu' });
    expect(masked.value.trace[0].conditions[0]).toMatchObject({ value: '320803********1234', factValue: '320803********1234' });
    expect(masked.value.trace[0].conditions[1]).toMatchObject({ value: 'jinhu', factValue: 'jinhu' });
  });

  test('decision facts without a mapping are the variables, by name; a path in the trace is followed', () => {
    const decision = {
      nodeId: 'all',
      facts: { person: { idNumber: '320803199001011234', age: 30 } },
      trace: [{ name: 'r1', conditions: [{ at: 'all/0', fact: 'person', path: '$.idNumber', operator: 'equal', value: 'x', factValue: '320803199001011234', result: false }] }],
    };
    const masked = maskDecision(definition(), decision);
    expect(masked.value.facts).toEqual({ person: { idNumber: '320803********1234', age: 30 } });
    expect(masked.value.trace[0].conditions[0]).toMatchObject({ factValue: '320803********1234', value: '*' });
  });

  test("a task's data and its form's classified defaults are masked; an unclassified form is left alone", () => {
    const form = { type: 'object', properties: { phone: { type: 'string', 'x-pii': 'phone', default: '13812345678' }, note: { type: 'string', default: 'ok' } } };
    const masked = maskTask({ id: 't', form, data: { phone: '13900001111', note: 'fine' } });
    expect(masked.found).toBe(true);
    expect(masked.value.data).toEqual({ phone: '139****1111', note: 'fine' });
    expect(masked.value.form).toEqual({ type: 'object', properties: { phone: { type: 'string', 'x-pii': 'phone', default: '138****5678' }, note: { type: 'string', default: 'ok' } } });
    expect(maskTask({ form: { type: 'object' }, data: { a: 1 } }).found).toBe(false);
    expect(maskTask({ form: null, data: null }).found).toBe(false);
  });
});

describe('error messages', () => {
  test('an expression failing on a value does not quote the value in its message', async () => {
    const id = '320803199001011234x';
    const failure = evaluateExpression('$number(person.idNumber)', { person: { idNumber: id } }, { now: 0, random: () => 0 }).then(
      () => undefined,
      (err: Error) => err.message,
    );
    const message = await failure;
    expect(message).toMatch(/Unable to cast value to a number/);
    expect(message).not.toContain(id);
  });
});
