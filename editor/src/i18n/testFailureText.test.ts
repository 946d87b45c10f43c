import { createInstance, type TFunction } from 'i18next';
import { failingTestProblem, testFailureCodes, testVerdict, type ProcessTest } from '../../../workflows/definition/process-tests';
import en from './en.json';
import { failingTestText, testFailureText, type TestNames } from './testFailureText';
import zhCN from './zh-CN.json';

async function translator(lng: string): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false }, showSupportNotice: false });
  return i18n.t;
}

const labels: Record<string, string> = { start: '开始', decide: '判断', notice: '通知隔离', minor: '未成年', released: '解除' };
const names: TestNames = { step: (id) => labels[id] ?? id, outcome: (o) => ({ released: '已解除', minor: '未成年人' })[o] ?? o };

const test: ProcessTest = { name: '成人解除', input: {}, expect: { status: 'completed', outcome: 'released', nodeId: 'released', path: ['start', 'decide', 'notice', 'released'] } };

describe("why a process test fails, in the UI language", () => {
  it('words each reason from its code and values, naming steps and outcomes, with no English in Chinese', async () => {
    const zh = await translator('zh-CN');
    const verdict = testVerdict(test, { status: 'failed', nodeId: 'notice', failure: 'no_stub', error: "activity 'notify' of step 'notice' has no stub", path: [{ nodeId: 'start' }, { nodeId: 'decide' }, { nodeId: 'notice' }] });
    expect(verdict.failures.map((f) => f.code)).toEqual(['no_stub', 'outcome', 'stop', 'path']);
    const line = failingTestText(failingTestProblem(0, test.name, verdict.failures), zh, names);
    expect(line).toBe(
      '流程测试“成人解除”未通过：预期运行完成，但步骤“通知隔离”没有桩数据（试运行不调用真实步骤）；预期结果为“已解除”，实际为“无”；预期停在“解除”，实际停在“通知隔离”；预期路径：开始 → 判断 → 通知隔离 → 解除；实际路径：开始 → 判断 → 通知隔离',
    );
    expect(line).not.toMatch(/[a-z]{3,}/);
  });

  it('reads back from a publish refusal\'s problem exactly what the verdict found', async () => {
    const english = await translator('en');
    const verdict = testVerdict(test, { status: 'waiting', nodeId: 'minor', path: [{ nodeId: 'start' }, { nodeId: 'decide' }, { nodeId: 'minor' }], outcome: 'minor' });
    const fromProblem = failingTestText(failingTestProblem(3, test.name, verdict.failures), english, names);
    expect(fromProblem).toBe(`Process test “成人解除” fails: ${verdict.failures.map((f) => testFailureText(f, english, names)).join('; ')}`);
    expect(fromProblem).toContain('expected it to end completed, it was waiting at “未成年”');
  });

  it('has words for every reason code in both languages', async () => {
    for (const lng of ['zh-CN', 'en']) {
      const t = await translator(lng);
      for (const code of testFailureCodes) expect(t(`dryRun.reason.${code}`)).not.toBe(`dryRun.reason.${code}`);
    }
  });
});
