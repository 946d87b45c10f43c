/**
 * 第一时间推送给相关单位: after a confirmed re-evaluation, each unit whose arrivals were re-routed is
 * told through the notice outbox: the members of its district office (group `district-office`)
 * whose units hold it, each in their own language, or the group itself in Chinese when no account
 * is in it, so a notice is never lost. Stored once per re-evaluation, unit and recipient.
 */
import type { DataSource } from 'typeorm';
import type { Locale } from '../../engine/auth/users';
import { enqueueNotice } from '../../engine/notices/outbox';
import { membersOf } from '../../engine/tasks/task-notices';
import type { ListedLevel } from './risk-area-list';

export const RISK_REEVALUATION_NOTICE = 'risk-area-reevaluation';
const GROUP = 'district-office';

export interface UnitChange {
  orgUnit: string;
  people: number;
}

interface Reevaluation {
  id: string;
  area: string;
  level: ListedLevel;
  windowDays: number;
}

const LEVEL: Record<Locale, Record<ListedLevel, string>> = {
  'zh-CN': { high: '高', medium: '中', low: '低' },
  en: { high: 'high', medium: 'medium', low: 'low' },
};

const TEXT: Record<Locale, (r: Reevaluation, people: number) => string> = {
  'zh-CN': (r, people) => `${r.area}已列为${LEVEL['zh-CN'][r.level]}风险地区：本单位近${r.windowDays}日从该地来淮的${people}人已重新研判分类，请按新的管控措施落实。`,
  en: (r, people) => `${r.area} is now listed as a ${LEVEL.en[r.level]}-risk area: ${people} arrival(s) of your unit from there in the last ${r.windowDays} days were classified again; apply their new measures.`,
};

/** Stores the notices; answers how many were stored (a unit with nobody in the group counts its one group notice). */
export async function noticeUnits(db: DataSource, r: Reevaluation, units: readonly UnitChange[]): Promise<number> {
  let stored = 0;
  await db.transaction(async (m) => {
    for (const unit of units) {
      const members = await membersOf(m, GROUP, unit.orgUnit);
      const recipients = members.length ? members.map((p) => ({ recipient: { type: 'user' as const, id: p.username }, locale: p.locale })) : [{ recipient: { type: 'group' as const, id: GROUP }, locale: 'zh-CN' as Locale }];
      for (const { recipient, locale } of recipients) {
        const { created } = await enqueueNotice(m, `${RISK_REEVALUATION_NOTICE}:${r.id}:${unit.orgUnit}:${recipient.type}:${recipient.id}`, {
          caseId: `risk-reevaluation:${r.id}`,
          channel: 'app',
          recipient,
          template: RISK_REEVALUATION_NOTICE,
          params: { reevaluationId: r.id, area: r.area, level: r.level, orgUnit: unit.orgUnit, people: unit.people, locale, text: TEXT[locale](r, unit.people) },
        });
        if (created) stored++;
      }
    }
  });
  return stored;
}
