import { z } from 'zod';
import { defineEpidemicActivity } from '../define-activity';
import { compileDay } from './compile';
import { dayBefore, officeDay } from './office-day';
import { keepDay } from './report-store';
import { fieldText } from '../../engine/activities/field-text';

/**
 * The daily dispatch's scheduled step (process `daily-dispatch`): compiles a day and keeps it once.
 * Without a day it reports on the office's day before `at` (the run's start on the workflow clock,
 * so a retried attempt reports on the same day): the morning's dispatch reviews yesterday.
 */
export const compileDailyDispatchActivity = defineEpidemicActivity({
  name: 'compileDailyDispatch',
  title: { zh: '生成每日调度报告', en: 'Compile the daily dispatch report' },
  description: {
    zh: '统计一天的来淮人员、隔离、解除、"138"任务、药店哨点、因病缺勤、重点人群应检尽检和逾期事项，按区和全市保存；同一天已保存的不再覆盖',
    en: "Counts a day's arrivals, quarantine, releases, 1-3-8 tasks, pharmacy sentinel, sickness absences, key-group coverage and overdue items, per district and for the city, and keeps them; a day already kept is left as it is",
  },
  category: 'reporting',
  input: z.object({
    day: officeDay.optional().meta(fieldText({ zh: '日期', en: 'Day' }, { zh: '统计日（北京时间 YYYY-MM-DD）；不填则为运行时间的前一天', en: 'The day (YYYY-MM-DD, Asia/Shanghai); the day before `at` when absent' })),
    at: z.number().int().positive().optional().meta(fieldText({ zh: '运行时间', en: 'Run time' }, { zh: '开始运行的时刻（1970 年起的毫秒数）；不填则为当前时间', en: 'When the run started (ms since 1970); now when absent' })),
  }),
  output: z.object({ day: z.string(), kept: z.boolean(), revision: z.number().int().optional() }),
  timeout: 'PT2M',
  retry: { maxAttempts: 5, initialInterval: 'PT5S', backoff: 2 },
  async handler(input, ctx) {
    const day = input.day ?? dayBefore(new Date(input.at ?? Date.now()));
    const kept = await keepDay(ctx.db, await compileDay(ctx.db, day), `case:${ctx.meta.caseId}`, 'once');
    return { day, kept: kept !== undefined, revision: kept?.revision };
  },
});
