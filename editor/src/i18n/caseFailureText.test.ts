import { limitErrorCodes } from '../../../workflows/limits';
import { caseFailureText } from './caseFailureText';
import { translator } from './translator';

describe("a case's failure", () => {
  it('of a broken limit is worded from its code in both languages, never with the engine\'s English', async () => {
    const [zh, english] = [await translator('zh-CN'), await translator('en')];
    for (const code of limitErrorCodes) {
      const failure = { message: 'case data limit: THE ENGINE MESSAGE', code };
      expect(caseFailureText(failure, zh)).toMatch(/[\u4e00-\u9fff]/);
      expect(caseFailureText(failure, zh)).not.toContain('THE ENGINE MESSAGE');
      expect(caseFailureText(failure, english)).not.toContain('THE ENGINE MESSAGE');
      expect(caseFailureText(failure, english)).not.toBe(`caseFailure.${code}`);
    }
    expect(caseFailureText({ message: 'x', code: 'loop_without_wait' }, zh)).toBe('案件未经等待连续经过的步骤过多：可能是没有等待的循环');
  });

  it("without a code (an activity's own message) keeps its text, labelled in Chinese as the engine's original", async () => {
    const failure = { message: 'SMS gateway refused the number' };
    expect(caseFailureText(failure, await translator('zh-CN'))).toBe('引擎原文：SMS gateway refused the number');
    expect(caseFailureText(failure, await translator('en'))).toBe('SMS gateway refused the number');
    expect(caseFailureText({ message: 'no stub', code: 'no_stub' }, await translator('zh-CN'))).toBe('引擎原文：no stub');
  });
});
