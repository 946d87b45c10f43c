/**
 * The completion check derived from a form definition, run through the server's own ajv (with
 * the formats it registers): conditions, limits, the resident ID checksum, field-named problems.
 */
import { formJsonSchema, isShown, validateForm, type FormDefinition } from '../../language/forms';
import { schemaProblems } from '../http/json-schema';
import { formKind } from './form.kind';

const form: FormDefinition = {
  key: 'arrival-visit',
  name: { zh: '入境人员上门', en: 'Arrival visit' },
  fields: [
    { key: 'idNumber', label: { zh: '身份证号', en: 'ID number' }, type: 'residentId', required: true },
    { key: 'phone', label: { zh: '电话', en: 'Phone' }, type: 'phone' },
    { key: 'visited', label: { zh: '已上门', en: 'Visited' }, type: 'yesNo', required: true },
    { key: 'reason', label: { zh: '未上门原因', en: 'Why not' }, type: 'choice', required: true, showWhen: { field: 'visited', equals: false }, options: [
      { value: 'absent', label: { zh: '不在家', en: 'Not at home' } },
      { value: 'refused', label: { zh: '拒绝', en: 'Refused' } },
    ] },
    { key: 'refusalNote', label: { zh: '拒绝说明', en: 'Refusal note' }, type: 'longText', required: true, maxLength: 20, showWhen: { field: 'reason', equals: 'refused' } },
    { key: 'temperature', label: { zh: '体温', en: 'Temperature' }, type: 'number', min: 34, max: 43 },
    { key: 'symptoms', label: { zh: '症状', en: 'Symptoms' }, type: 'multiChoice', options: [
      { value: 'fever', label: { zh: '发热', en: 'Fever' } },
      { value: 'cough', label: { zh: '咳嗽', en: 'Cough' } },
    ] },
    { key: 'feverSince', label: { zh: '发热起始', en: 'Fever since' }, type: 'date', required: true, showWhen: { field: 'symptoms', equals: 'fever' } },
  ],
};
const schema = formJsonSchema(form);
const check = (data: Record<string, unknown>) => schemaProblems(schema, data, 'data');
const ID = '11010519491231002X';

test('the example form is itself valid', () => {
  expect(validateForm(form)).toEqual([]);
});

test('good data passes, a hidden field may be left out even when it is required', () => {
  expect(check({ idNumber: ID, visited: true })).toEqual([]);
  expect(check({ idNumber: ID, visited: false, reason: 'absent', phone: '13800138000', temperature: 36.6 })).toEqual([]);
  expect(check({ idNumber: ID, visited: false, reason: 'refused', refusalNote: 'locked door' })).toEqual([]);
  expect(check({ idNumber: ID, visited: true, symptoms: ['cough', 'fever'], feverSince: '2026-02-28' })).toEqual([]);
});

test('a shown conditional field is required, named by its path', () => {
  expect(check({ idNumber: ID, visited: false })).toEqual([expect.objectContaining({ path: 'data/reason', code: 'schema_required' })]);
  // A condition on a conditional field: refusalNote shows only when reason (itself shown) is 'refused'.
  expect(check({ idNumber: ID, visited: false, reason: 'refused' })).toEqual([expect.objectContaining({ path: 'data/refusalNote', code: 'schema_required' })]);
  // A multiple choice's condition holds when the selection includes the value.
  expect(check({ idNumber: ID, visited: true, symptoms: ['fever'] })).toEqual([expect.objectContaining({ path: 'data/feverSince', code: 'schema_required' })]);
});

test('a hidden field given a value is refused, so it cannot reach the case through a mapping', () => {
  expect(check({ idNumber: ID, visited: true, reason: 'absent' })).toEqual([expect.objectContaining({ path: 'data/reason', code: 'schema_hidden_field' })]);
  expect(check({ idNumber: ID, visited: false, reason: 'absent', refusalNote: 'x' })).toEqual([expect.objectContaining({ path: 'data/refusalNote', code: 'schema_hidden_field' })]);
});

test('the resident ID checksum, limits, formats and unknown fields are each named', () => {
  const problems = check({ idNumber: '110105194912310021', visited: 'yes', phone: '12345', temperature: 50, symptoms: ['sneeze'], extra: 1 });
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: 'data/idNumber', code: 'invalid_resident_id' }),
      expect.objectContaining({ path: 'data/visited', code: 'schema_type' }),
      expect.objectContaining({ path: 'data/phone', code: 'schema_pattern' }),
      expect.objectContaining({ path: 'data/temperature', code: 'schema_maximum' }),
      expect.objectContaining({ path: 'data/symptoms/0', code: 'schema_enum' }),
      expect.objectContaining({ path: 'data/extra', code: 'schema_additionalProperties' }),
    ]),
  );
  expect(check({ visited: true })).toEqual([expect.objectContaining({ path: 'data/idNumber', code: 'schema_required' })]);
  expect(check({ idNumber: ID, visited: true, symptoms: ['fever'], feverSince: '2026-02-30' })).toEqual([expect.objectContaining({ path: 'data/feverSince', code: 'schema_format' })]);
  expect(check({ idNumber: ID, visited: false, reason: 'refused', refusalNote: 'x'.repeat(21) })).toEqual([expect.objectContaining({ path: 'data/refusalNote', code: 'schema_maxLength' })]);
});

test('isShown follows conditions through the fields they look at', () => {
  const field = (key: string) => form.fields.find((f) => f.key === key)!;
  expect(isShown(form, field('reason'), { visited: false })).toBe(true);
  expect(isShown(form, field('reason'), { visited: true })).toBe(false);
  expect(isShown(form, field('refusalNote'), { visited: true, reason: 'refused' })).toBe(false);
  expect(isShown(form, field('refusalNote'), { visited: false, reason: 'refused' })).toBe(true);
});

test('the form checks name what a schema cannot say', () => {
  const bad = {
    ...form,
    fields: [
      { key: 'a', label: { zh: '甲', en: 'A' }, type: 'text', min: 3 },
      { key: 'a', label: { zh: '乙', en: 'B' }, type: 'choice' },
      { key: 'c', label: { zh: '丙', en: 'C' }, type: 'text', showWhen: { field: 'd', equals: 'x' } },
      { key: 'd', label: { zh: '丁', en: 'D' }, type: 'yesNo', showWhen: { field: 'c', equals: true } },
      { key: 'e', label: { zh: '戊', en: 'E' }, type: 'integer', min: 5, max: 1 },
    ],
  };
  expect(validateForm(bad).map((p) => `${p.path} ${p.code}`)).toEqual([
    'fields/0/min not_for_type',
    'fields/1/key duplicate_key',
    'fields/1/options options_required',
    'fields/2/showWhen/field unknown_field',
    'fields/3/showWhen/field bad_condition_field',
    'fields/4/max bad_range',
  ]);
  expect(validateForm({ ...form, fields: [{ key: '1x', label: { zh: '', en: 'x' }, type: 'colour' }] }).map((p) => p.path)).toEqual(
    expect.arrayContaining(['fields/0/key', 'fields/0/type']),
  );
});

test('a draft may hold a half-built field, but not content that is no form', () => {
  const field = { key: 'a', label: { zh: '甲', en: 'A' }, type: 'text' };
  const half = formKind.check({ ...form, fields: [{ ...field, label: { zh: '', en: 'A' } }, { ...field, key: 'b', type: 'colour' }] });
  expect([half.structural, half.problems.map((p) => p.path)]).toEqual([false, ['fields/0/label/zh', 'fields/1/type']]);
  for (const broken of [{ ...form, fields: [null] }, { ...form, fields: [{ ...field, options: [null], type: 'choice' }] }, { ...form, key: 'Bad Key' }, { ...form, fields: [{ ...field, colour: 'red' }] }, 'text']) {
    expect(formKind.check(broken).structural).toBe(true);
  }
});

describe('file references and tables of rows', () => {
  const rows: FormDefinition = {
    key: 'contact-tracing',
    name: { zh: '密接登记', en: 'Contact tracing' },
    fields: [
      { key: 'photo', label: { zh: '现场照片', en: 'Photo' }, type: 'file', defaultFrom: 'visit.photo' },
      {
        key: 'contacts', label: { zh: '密接人员', en: 'Contacts' }, type: 'table', required: true, maxRows: 2,
        columns: [
          { key: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: true },
          { key: 'age', label: { zh: '年龄', en: 'Age' }, type: 'integer' },
          { key: 'relation', label: { zh: '关系', en: 'Relation' }, type: 'choice', options: [{ value: 'family', label: { zh: '家人', en: 'Family' } }, { value: 'colleague', label: { zh: '同事', en: 'Colleague' } }] },
          { key: 'lastMet', label: { zh: '最后接触', en: 'Last met' }, type: 'date' },
          { key: 'tested', label: { zh: '已检测', en: 'Tested' }, type: 'yesNo' },
        ],
      },
    ],
  };
  const checkRows = (data: Record<string, unknown>) => schemaProblems(formJsonSchema(rows), data, 'data');
  const contact = { name: '张三', age: 40, relation: 'family', lastMet: '2026-03-01', tested: true };

  test('the form is valid, and good data passes: web addresses and object-store keys, rows of typed cells', () => {
    expect(validateForm(rows)).toEqual([]);
    for (const photo of ['https://files.example.cn/visits/2026/03/a.jpg?sig=1', 'http://10.2.3.4:8080/f/1', 'oss://epi-visits/2026/03/a.jpg', 's3://bucket.name/a_b']) {
      expect(checkRows({ photo, contacts: [contact] })).toEqual([]);
    }
    expect(checkRows({ contacts: [{ name: '李四' }, contact] })).toEqual([]);
  });

  test('a file reference that is no address or key is refused, named', () => {
    for (const photo of ['C:\\photos\\a.jpg', '/home/a.jpg', 'ftp://x.cn/a', 'https://', 'oss://Bucket/a', 'oss://bucket/', 'https://x.cn/a b']) {
      expect(checkRows({ photo, contacts: [contact] })).toEqual([expect.objectContaining({ path: 'data/photo', code: 'invalid_file_reference' })]);
    }
    expect(checkRows({ photo: `https://x.cn/${'a'.repeat(2000)}`, contacts: [contact] })).toContainEqual(expect.objectContaining({ path: 'data/photo', code: 'schema_maxLength' }));
  });

  test("a table's rows are checked cell by cell, by row and column", () => {
    expect(checkRows({ contacts: [] })).toEqual([expect.objectContaining({ path: 'data/contacts', code: 'schema_minItems' })]);
    expect(checkRows({ contacts: [contact, contact, contact] })).toEqual([expect.objectContaining({ path: 'data/contacts', code: 'schema_maxItems' })]);
    expect(checkRows({ contacts: [{ age: 3 }, { ...contact, age: 4.5, relation: 'stranger', lastMet: '2026-02-30', tested: 'yes', extra: 1 }] }).map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'data/contacts/0/name schema_required',
      'data/contacts/1/age schema_type',
      'data/contacts/1/extra schema_additionalProperties',
      'data/contacts/1/lastMet schema_format',
      'data/contacts/1/relation schema_enum',
      'data/contacts/1/tested schema_type',
    ]);
    expect(checkRows({ contacts: 'Zhang San' })).toEqual([expect.objectContaining({ path: 'data/contacts', code: 'schema_type' })]);
  });

  test('the form checks: columns only for tables and unique, options exactly for choice columns, a default is a variable path', () => {
    const table = rows.fields[1];
    const bad = {
      ...rows,
      fields: [
        { key: 'a', label: { zh: '甲', en: 'A' }, type: 'text', columns: table.columns, maxRows: 3 },
        { key: 'b', label: { zh: '乙', en: 'B' }, type: 'table' },
        { ...table, columns: [{ ...table.columns![0] }, { ...table.columns![0] }, { key: 'r', label: { zh: '关系', en: 'R' }, type: 'choice' }, { key: 't', label: { zh: '文', en: 'T' }, type: 'text', options: [{ value: 'x', label: { zh: 'x', en: 'x' } }] }] },
      ],
    };
    expect(validateForm(bad).map((p) => `${p.path} ${p.code}`)).toEqual([
      'fields/0/columns not_for_type',
      'fields/0/maxRows not_for_type',
      'fields/1/columns columns_required',
      'fields/2/columns/1/key duplicate_key',
      'fields/2/columns/2/options options_required',
      'fields/2/columns/3/options not_for_type',
    ]);
    expect(validateForm({ ...rows, fields: [{ ...rows.fields[0], defaultFrom: 'visit..photo' }] }).map((p) => p.path)).toEqual(['fields/0/defaultFrom']);
    expect(validateForm({ ...rows, fields: [{ ...table, columns: [{ key: 'id', label: { zh: '证件', en: 'ID' }, type: 'residentId' }] }] }).map((p) => p.path)).toEqual(['fields/0/columns/0/type']);
  });

  test('a half-built column is a draft problem, not a broken form', () => {
    const table = rows.fields[1];
    const half = formKind.check({ ...rows, fields: [{ ...table, columns: [{ ...table.columns![0], label: { zh: '', en: 'Name' } }, { ...table.columns![2], options: [{ value: '', label: { zh: '家人', en: 'Family' } }] }] }] });
    expect([half.structural, half.problems.map((p) => p.path)]).toEqual([false, ['fields/0/columns/0/label/zh', 'fields/0/columns/1/options/0/value']]);
  });
});
