import { processLibrary } from '../../../domain/library/processes';
import en from '../i18n/en.json';
import zh from '../i18n/zh-CN.json';
import { variablesForm } from './variablesForm';

const wordsOf = (dict: { caseFields: object; caseValues: object }, side: 'zh' | 'en') => ({
  field: (k: string) => (dict.caseFields as Record<string, string>)[k],
  value: (v: string) => (dict.caseValues as Record<string, string>)[v],
  thingName: side === 'zh' ? '名称' : 'Name',
  side,
});

describe('the variables form of a test case', () => {
  const absence = processLibrary.find((p) => p.key === 'school-sickness-absence')!;
  const arrival = processLibrary.find((p) => p.key === 'arrival-screening')!;

  it('labels fields and allowed values in the UI language', () => {
    const { uiSchema } = variablesForm(arrival.variables, wordsOf(zh, 'zh'));
    expect(uiSchema.person['ui:title']).toBe('人员');
    expect(uiSchema.person.idNumber['ui:title']).toBe('证件号码');
    expect(uiSchema.person.idNumber['ui:autocomplete']).toBe('off');
    expect(uiSchema.person.name['ui:title']).toBe('姓名');
    const venue = processLibrary.find((p) => p.key === 'venue-inspection')!;
    expect(variablesForm(venue.variables, wordsOf(zh, 'zh')).uiSchema.venue.name['ui:title']).toBe('名称');
    expect(uiSchema.documents.healthCode['ui:enumNames']).toEqual(['绿码', '黄码', '红码']);
    expect(variablesForm(arrival.variables, wordsOf(en, 'en')).uiSchema.documents.healthCode['ui:enumNames']).toEqual(['Green', 'Yellow', 'Red']);
  });

  it('shows a plain English description only in English, and bilingual words in either', () => {
    // The built-in variables carry x-description: the Chinese form reads Chinese.
    const zhForm = variablesForm(arrival.variables, wordsOf(zh, 'zh')).schema as { properties: Record<string, { description?: string }> };
    const enForm = variablesForm(arrival.variables, wordsOf(en, 'en')).schema as typeof zhForm;
    expect(zhForm.properties.district.description).toBe('目的地所在区：在该区寻找隔离点');
    expect(enForm.properties.district.description).toMatch(/District of destination/);
    const plain = { type: 'object', properties: { x: { type: 'string', description: 'English only' } } };
    expect((variablesForm(plain, wordsOf(zh, 'zh')).schema.properties!.x as { description?: string }).description).toBeUndefined();
    expect((variablesForm(plain, wordsOf(en, 'en')).schema.properties!.x as { description?: string }).description).toBe('English only');
    const own = { type: 'object', properties: { x: { type: 'string', description: 'English', 'x-label': { zh: '甲', en: 'Ex' }, 'x-description': { zh: '说明', en: 'Help' } } } };
    const zhOwn = variablesForm(own, wordsOf(zh, 'zh'));
    expect(zhOwn.uiSchema.x['ui:title']).toBe('甲');
    expect((zhOwn.schema.properties!.x as { description: string }).description).toBe('说明');
  });

  it('does not draw alternatives that only say which fields are required', () => {
    expect(absence.variables).toHaveProperty('oneOf');
    const { schema } = variablesForm(absence.variables, wordsOf(zh, 'zh'));
    expect(schema.oneOf).toBeUndefined();
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['pupil', 'staff', 'school']));
  });

  it('is an empty form for a process without variables', () => {
    expect(variablesForm(undefined, wordsOf(en, 'en')).schema).toEqual({ type: 'object', properties: {} });
  });
});
