/**
 * The epidemic-control domain (docs/domain.md), as the one module the platform is composed with
 * (app/main.ts): a folder per concept holds its tables, its activities and its adapter.
 */
import { CaseService } from '../engine/cases/case.service';
import type { DomainModule } from '../engine/domain-module';
import { epidemicAdapters, type EpidemicAdapters } from './adapters';
import { assignTraceCodeActivity } from './coldchain/assign-trace-code.activity';
import { epidemicEntities } from './entities';
import { compileDailyDispatchActivity } from './dispatch/compile-daily-dispatch.activity';
import { keepDispatchSchedule } from './dispatch/dispatch-schedule';
import { dispatchRoutes } from './dispatch/dispatch.routes';
import { DispatchService } from './dispatch/dispatch.service';
import { escalateActivity } from './escalations/escalate.activity';
import { processLibrary } from './library/processes';
import { builtInRuleSets } from './library/rulesets';
import { epidemicMigrations } from './migrations';
import { registerArrivalActivity } from './persons/register-arrival.activity';
import { registerPersonActivity } from './persons/register-person.activity';
import { assignQuarantineSiteActivity } from './quarantine/assign-quarantine-site.activity';
import { quarantinePlaceEffects } from './quarantine/place-effects';
import { releaseSiteActivity } from './quarantine/release-site.activity';
import { seedSampleSites } from './quarantine/sample-sites';
import { issueReleaseRecordActivity } from './releases/issue-release-record.activity';
import { checkDocumentsActivity } from './screening/check-documents.activity';
import { ReevaluationService } from './riskareas/reevaluation.service';
import { riskAreaRoutes } from './riskareas/risk-areas.routes';
import { recordTestResultActivity } from './testing/record-test-result.activity';
import { scheduleTestActivity } from './testing/schedule-test.activity';

export const epidemicDomain: DomainModule<EpidemicAdapters> = {
  activities: [
    registerArrivalActivity,
    registerPersonActivity,
    checkDocumentsActivity,
    scheduleTestActivity,
    recordTestResultActivity,
    assignQuarantineSiteActivity,
    releaseSiteActivity,
    escalateActivity,
    issueReleaseRecordActivity,
    assignTraceCodeActivity,
    compileDailyDispatchActivity,
  ],
  entities: epidemicEntities,
  migrations: epidemicMigrations,
  adapters: epidemicAdapters,
  builtIns: { processes: processLibrary, rulesets: builtInRuleSets },
  impactEffects: quarantinePlaceEffects,
  async seed(db, log) {
    const sites = await seedSampleSites(db);
    if (sites.length) log.info({ sites }, 'seeded sample quarantine sites');
  },
  api(services, client) {
    const reevaluations = new ReevaluationService(services, client, new CaseService(services, client));
    return { routes: [...dispatchRoutes(new DispatchService(services), services), ...riskAreaRoutes(services, reevaluations)], start: () => keepDispatchSchedule(services, client) };
  },
};
