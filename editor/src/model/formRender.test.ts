import type { FormDefinition } from '../../../language/forms';
import { renderedForm, residentIdErrors, shownData } from './formRender';

const form: FormDefinition = {
  key: 'visit',
  name: { zh: '上门', en: 'Visit' },
  fields: [
    { key: 'visited', label: { zh: '已上门', en: 'Visited' }, type: 'yesNo', required: true },
    { key: 'why', label: { zh: '原因', en: 'Why not' }, type: 'text', required: true, showWhen: { field: 'visited', equals: false }, help: { zh: '说明原因', en: 'Say why' } },
    { key: 'id', label: { zh: '身份证号', en: 'ID number' }, type: 'residentId' },
  ],
};
const words = { yes: 'Yes', no: 'No' };

test('a conditional field is rendered, and required, only while its condition holds', () => {
  const hidden = renderedForm(form, { visited: true }, 'en', words).schema;
  expect(Object.keys(hidden.properties ?? {})).toEqual(['visited', 'id']);
  expect(hidden.required).toEqual(['visited']);
  const shown = renderedForm(form, { visited: false }, 'zh', words).schema;
  expect(Object.keys(shown.properties ?? {})).toEqual(['visited', 'why', 'id']);
  expect(shown.required).toEqual(['visited', 'why']);
  expect(shown.properties?.why).toMatchObject({ title: '原因', description: '说明原因' });
});

test('a hidden field loses its value', () => {
  expect(shownData(form, { visited: true, why: 'stale', id: 'x' })).toEqual({ visited: true, id: 'x' });
  expect(shownData(form, { visited: false, why: 'away' })).toEqual({ visited: false, why: 'away' });
});

test('the resident ID check names the field with the message in the words given', () => {
  const say = (fault: string) => `bad: ${fault}`;
  expect(residentIdErrors(form, { id: '110105194912310021' }, say)).toEqual([expect.objectContaining({ property: '.id', message: 'bad: check_digit' })]);
  expect(residentIdErrors(form, { id: '11010519491231002X' }, say)).toEqual([]);
});
