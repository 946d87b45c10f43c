import { Domain1764400000000 } from './0002-domain';
import { DomainCaseNames1764600000001 } from './0005-domain-case-names';
import { DailyDispatch1766000000000 } from './0019-daily-dispatch';
import { RiskReevaluations1766200000000 } from './0021-risk-reevaluations';

/**
 * The domain's migrations; the platform runs them with its own, in the order of the timestamps in
 * their class names. Applied ones are history: never change their SQL or their class name.
 * 0002 also created the platform's notice outbox (notices, notice_deliveries), from before the
 * platform and the domain were apart; the platform maps those tables (engine/db/entities.ts).
 */
export const epidemicMigrations = [Domain1764400000000, DomainCaseNames1764600000001, DailyDispatch1766000000000, RiskReevaluations1766200000000];
