import { createInstance, type TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { apiErrorText } from './apiErrorText';
import en from './en.json';
import zhCN from './zh-CN.json';

async function translator(lng: string): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false }, showSupportNotice: false });
  return i18n.t;
}

describe('a refusal of the server', () => {
  it('is worded from its code and its problems\' codes in the UI language, naming the fields', async () => {
    const refused = new ApiError(422, 'invalid_input', 'the case input does not match the process variables', [
      { path: 'input/pharmacy/district', code: 'schema_required', message: "must have required property 'district'" },
      { path: 'input/person/idNumber', code: 'invalid_resident_id', message: 'is not a resident ID number' },
    ]);
    expect(apiErrorText(refused, await translator('zh-CN'))).toBe('输入与流程变量定义不符 (pharmacy.district: 必填; person.idNumber: 不是有效的居民身份证号)');
    expect(apiErrorText(refused, await translator('en'))).toBe("The input does not match the process's variables (pharmacy.district: required; person.idNumber: not a valid resident ID number)");
    expect(apiErrorText(new ApiError(409, 'case_not_running', "case 'x' is completed"), await translator('zh-CN'))).toBe('个案已不在运行');
  });

  it('keeps the server\'s words for a code this client does not know, and an error that is no refusal as it is', async () => {
    const t = await translator('zh-CN');
    expect(apiErrorText(new ApiError(409, 'something_new', 'a new refusal'), t)).toBe('a new refusal');
    expect(apiErrorText(new Error('boom'), t)).toBe('boom');
  });
});
