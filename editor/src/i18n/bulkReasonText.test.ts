import { bulkReasonCodes } from '../../../language';
import { bulkReasonText } from './bulkReasonText';
import en from './en.json';
import { translator } from './translator';
import zhCN from './zh-CN.json';

const words = (tree: { bulkReason: object }) => tree.bulkReason as Record<string, string>;

describe('every reason a bulk action gives for a case', () => {
  it('has its words in English and in Chinese', () => {
    expect(bulkReasonCodes.filter((c) => !words(en)[c])).toEqual([]);
    expect(bulkReasonCodes.filter((c) => !/[\u4e00-\u9fff]/.test(words(zhCN)[c] ?? ''))).toEqual([]);
  });

  it('is shown in the UI language, never with the server\'s English words', async () => {
    const [zh, english] = [await translator('zh-CN'), await translator('en')];
    for (const code of bulkReasonCodes) {
      const reason = { reason: 'THE SERVER REASON', reasonCode: code, reasonParams: { apiCode: 'case_not_running' } };
      expect(bulkReasonText(reason, zh)).not.toContain('THE SERVER REASON');
      expect(bulkReasonText(reason, english)).not.toContain('THE SERVER REASON');
    }
  });
});

describe('a reason', () => {
  it('is worded with its values', async () => {
    const zh = await translator('zh-CN');
    expect(bulkReasonText({ reason: "not waiting for event 'recall' (at 'wait')", reasonCode: 'event_not_awaited', reasonParams: { event: 'recall', nodes: "'wait'" } }, zh)).toBe("案件未在等待事件 recall（当前在 'wait'）");
    expect(bulkReasonText({ reason: 'the case already runs version 2', reasonCode: 'same_version', reasonParams: { toVersion: 2 } }, zh)).toBe('已在运行版本 2');
    expect(bulkReasonText({ reason: 'would retry 2 incident(s)', reasonCode: 'would_retry', reasonParams: { count: 2, nodes: "'a', 'b'" } }, await translator('en'))).toBe("Would retry 2 incident(s) at 'a', 'b'");
  });

  it('that the services refused is worded as the single-case refusal', async () => {
    const refused = { reason: "case 'x' is not in your org units", reasonCode: 'refused' as const, reasonParams: { apiCode: 'not_found' } };
    expect(bulkReasonText(refused, await translator('zh-CN'))).toBe(`被拒绝：${zhCN.apiError.not_found}`);
    expect(bulkReasonText(refused, await translator('en'))).toBe(`Refused: ${en.apiError.not_found}`);
  });

  it('of an item settled before reasons had codes keeps its words', async () => {
    expect(bulkReasonText({ reason: 'the case is completed', reasonCode: null, reasonParams: null }, await translator('zh-CN'))).toBe('the case is completed');
    expect(bulkReasonText({ reason: null }, await translator('zh-CN'))).toBe('');
  });
});
