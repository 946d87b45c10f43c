import type { FormDefinition } from '../../../language/forms';
import { fieldErrors, renderedForm, shownData, startingData } from './formRender';

const form: FormDefinition = {
  key: 'visit',
  name: { zh: '上门', en: 'Visit' },
  fields: [
    { key: 'visited', label: { zh: '已上门', en: 'Visited' }, type: 'yesNo', required: true },
    { key: 'why', label: { zh: '原因', en: 'Why not' }, type: 'text', required: true, showWhen: { field: 'visited', equals: false }, help: { zh: '说明原因', en: 'Say why' } },
    { key: 'id', label: { zh: '身份证号', en: 'ID number' }, type: 'residentId' },
    { key: 'photo', label: { zh: '照片', en: 'Photo' }, type: 'file' },
    {
      key: 'contacts', label: { zh: '密接', en: 'Contacts' }, type: 'table', required: true, maxRows: 3,
      columns: [
        { key: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: true },
        { key: 'kind', label: { zh: '关系', en: 'Relation' }, type: 'choice', options: [{ value: 'family', label: { zh: '家人', en: 'Family' } }] },
        { key: 'tested', label: { zh: '已检测', en: 'Tested' }, type: 'yesNo' },
      ],
    },
  ],
};
const words = { yes: 'Yes', no: 'No' };

test('a conditional field is rendered, and required, only while its condition holds', () => {
  const hidden = renderedForm(form, { visited: true }, 'en', words).schema;
  expect(Object.keys(hidden.properties ?? {})).toEqual(['visited', 'id', 'photo', 'contacts']);
  expect(hidden.required).toEqual(['visited', 'contacts']);
  const shown = renderedForm(form, { visited: false }, 'zh', words).schema;
  expect(Object.keys(shown.properties ?? {})).toEqual(['visited', 'why', 'id', 'photo', 'contacts']);
  expect(shown.required).toEqual(['visited', 'why', 'contacts']);
  expect(shown.properties?.why).toMatchObject({ title: '原因', description: '说明原因' });
});

test('a hidden field loses its value', () => {
  expect(shownData(form, { visited: true, why: 'stale', id: 'x' })).toEqual({ visited: true, id: 'x' });
  expect(shownData(form, { visited: false, why: 'away' })).toEqual({ visited: false, why: 'away' });
});

test('the resident ID and file reference checks name the field with the message in the words given', () => {
  const say = ({ check, fault }: { check: string; fault: string }) => `bad ${check}: ${fault}`;
  expect(fieldErrors(form, { id: '110105194912310021' }, say)).toEqual([expect.objectContaining({ property: '.id', message: 'bad residentId: check_digit' })]);
  expect(fieldErrors(form, { id: '11010519491231002X', photo: 'oss://epi-files/visits/2026/a.jpg' }, say)).toEqual([]);
  expect(fieldErrors(form, { photo: 'C:\\photos\\a.jpg' }, say)).toEqual([expect.objectContaining({ property: '.photo', message: 'bad fileReference: format' })]);
});

test('a table renders its rows as objects of typed cells, labelled in the language, added and removed only', () => {
  const { schema, uiSchema } = renderedForm(form, {}, 'zh', words);
  expect(schema.properties?.contacts).toMatchObject({
    type: 'array', title: '密接', minItems: 1, maxItems: 3,
    items: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '姓名' }, kind: { oneOf: [{ const: 'family', title: '家人' }] }, tested: { type: 'boolean' } } },
  });
  expect(uiSchema.contacts).toMatchObject({ 'ui:options': { orderable: false, copyable: false }, items: { 'ui:order': ['name', 'kind', 'tested'], tested: { 'ui:widget': 'radio' } } });
});

test('the form starts with a first row in a required table and nothing else: no yes/no answer is made for the person', () => {
  expect(startingData(form, {})).toEqual({ contacts: [{}] });
  expect(startingData(form, { contacts: [{ name: 'x' }], visited: true })).toEqual({ contacts: [{ name: 'x' }], visited: true });
  expect(startingData({ ...form, fields: form.fields.filter((f) => f.type !== 'table') }, {})).toEqual({});
});
