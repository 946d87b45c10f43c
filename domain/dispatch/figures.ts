/**
 * The figures of the daily dispatch (每日调度), one schema for a district's and the city's: what
 * the compiler fills, the store keeps, the API answers and the PDF prints. Each figure carries its
 * zh and en name here, so the page and the PDF never name one their own way.
 */
import { z } from 'zod';
import type { LocalizedText } from '../../language';

const count = z.number().int().min(0);

/** People in one key group (重点人群) who are enrolled, and how many of them are past their test. */
export const keyGroupCoverage = z.object({ group: z.string(), enrolled: count, overdue: count });
export type KeyGroupCoverage = z.infer<typeof keyGroupCoverage>;

export const dispatchFigures = z.object({
  /** Arrivals registered that day, by the origin's risk level (the risk-area list's where it decided). */
  arrivals: z.object({ high: count, medium: count, low: count, none: count }),
  /** People in quarantine at the report's moment (the day's end, or now for today). */
  quarantine: z.object({ centralized: count, home: count }),
  /** Release records issued that day. */
  releases: z.object({ issued: count }),
  /** 1-3-8 verification tasks due or done that day, by where each stands against its deadline. */
  verification138: z.object({ inTime: count, dueSoon: count, overdue: count }),
  /** Four-class drug buyers registered, and buyers passed to the community to follow up. */
  pharmacy: z.object({ registrations: count, followUps: count }),
  /** Sickness absences registered that day (师生). */
  schoolAbsences: z.object({ pupils: count, staff: count }),
  /** 应检尽检: enrolled key-group members, those past their test, those escalated that day. */
  keyGroups: z.object({ enrolled: count, overdue: count, escalated: count }),
  /** Open tasks past their deadline at the report's moment, and escalations made that day. */
  overdueItems: z.object({ tasks: count, escalations: count }),
});
export type DispatchFigures = z.infer<typeof dispatchFigures>;

export type Section = keyof DispatchFigures;
export const SECTIONS = Object.keys(dispatchFigures.shape) as Section[];

/** The figures of one district, or of the city. */
export const scopeFigures = dispatchFigures.extend({ coverage: z.array(keyGroupCoverage) });
export type ScopeFigures = z.infer<typeof scopeFigures>;

type Labels = { [S in Section]: { label: LocalizedText; items: Record<keyof DispatchFigures[S], LocalizedText> } };

/** Every figure's name, in the seed's words where it has them. */
export const FIGURE_LABELS: Labels = {
  arrivals: {
    label: { zh: '来淮人员（按风险等级）', en: 'Arrivals by risk level' },
    items: {
      high: { zh: '高风险地区', en: 'High-risk area' },
      medium: { zh: '中风险地区', en: 'Medium-risk area' },
      low: { zh: '低风险地区', en: 'Low-risk area' },
      none: { zh: '非风险地区', en: 'Not a risk area' },
    },
  },
  quarantine: {
    label: { zh: '隔离人员', en: 'People in quarantine' },
    items: { centralized: { zh: '集中隔离', en: 'Centralized quarantine' }, home: { zh: '居家隔离', en: 'Home quarantine' } },
  },
  releases: { label: { zh: '解除隔离', en: 'Releases' }, items: { issued: { zh: '解除记录', en: 'Release records issued' } } },
  verification138: {
    label: { zh: '大数据核查"138"任务', en: 'Big-data verification "1-3-8" tasks' },
    items: { inTime: { zh: '按时', en: 'In time' }, dueSoon: { zh: '即将到期（1小时内）', en: 'Due within the hour' }, overdue: { zh: '已超时', en: 'Overdue' } },
  },
  pharmacy: {
    label: { zh: '零售药店"哨点"', en: 'Pharmacy sentinel' },
    items: { registrations: { zh: '四类药品购药登记', en: 'Four-class buyers registered' }, followUps: { zh: '社区随访', en: 'Community follow-ups' } },
  },
  schoolAbsences: {
    label: { zh: '因病缺勤（师生）', en: 'Sickness absences (pupils and staff)' },
    items: { pupils: { zh: '学生', en: 'Pupils' }, staff: { zh: '教职员工', en: 'Staff' } },
  },
  keyGroups: {
    label: { zh: '重点人群"应检尽检"', en: 'Key groups: test everyone who should be tested' },
    items: { enrolled: { zh: '在管人数', en: 'Enrolled' }, overdue: { zh: '检测逾期', en: 'Test overdue' }, escalated: { zh: '当日上报社区', en: 'Escalated that day' } },
  },
  overdueItems: {
    label: { zh: '逾期事项', en: 'Overdue items' },
    items: { tasks: { zh: '逾期任务', en: 'Tasks past their deadline' }, escalations: { zh: '当日升级上报', en: 'Escalations that day' } },
  },
};

/** Figures of nothing: every count zero. */
export function emptyFigures(): ScopeFigures {
  return {
    arrivals: { high: 0, medium: 0, low: 0, none: 0 },
    quarantine: { centralized: 0, home: 0 },
    releases: { issued: 0 },
    verification138: { inTime: 0, dueSoon: 0, overdue: 0 },
    pharmacy: { registrations: 0, followUps: 0 },
    schoolAbsences: { pupils: 0, staff: 0 },
    keyGroups: { enrolled: 0, overdue: 0, escalated: 0 },
    overdueItems: { tasks: 0, escalations: 0 },
    coverage: [],
  };
}
