import { createInstance, type TFunction } from 'i18next';
import { apiErrorCodes } from '../../../language';
import { ApiError } from '../api/client';
import { apiErrorHead, apiErrorText } from './apiErrorText';
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

describe('every code the server answers an error with', () => {
  // The server's errors are typed by apiErrorCodes (language/api-errors.ts), so this list is all of them; `network` is the client's own.
  const codes = [...apiErrorCodes, 'network'];
  const api = (tree: { apiError: object }) => tree.apiError as Record<string, string>;

  it('has its words in English and in Chinese', () => {
    expect(codes.filter((c) => !api(en)[c])).toEqual([]);
    expect(codes.filter((c) => !/[\u4e00-\u9fff]/.test(api(zhCN)[c] ?? ''))).toEqual([]);
  });

  it('is shown in the UI language, never with the server\'s English message', async () => {
    const [zh, english] = [await translator('zh-CN'), await translator('en')];
    for (const code of codes) {
      const refusal = new ApiError(422, code, 'THE SERVER MESSAGE');
      expect(apiErrorHead(refusal, zh)).not.toContain('THE SERVER MESSAGE');
      expect(apiErrorHead(refusal, english)).not.toContain('THE SERVER MESSAGE');
    }
    expect(apiErrorHead(new ApiError(412, 'stale_draft', "the draft changed since revision 7; it is at revision 8"), zh)).toBe('您打开之后，他人已保存了此草稿');
    expect(apiErrorHead(new ApiError(422, 'rule_tests_failed', "1 test(s) of 'p' fail"), english)).toBe('Some tests fail with this version; not published (see the problems list)');
  });

  it('an answer without the server\'s envelope (a proxy\'s) says its status', async () => {
    expect(apiErrorHead(new ApiError(502, 'http_502', 'Bad Gateway'), await translator('zh-CN'))).toBe('服务器返回错误 502');
  });
});
