/** The built-in rule sets of docs/domain.md, seeded on first start; each is parsed (and so checked) on import. */
import { ruleSetSchema, type RuleSet } from '../../../rules/ruleset-schema';
import arrivalClassification from './arrival-classification.json';
import coldChainRelease from './cold-chain-release.json';
import feverClinicReport from './fever-clinic-report.json';
import keyGroupTestFrequency from './key-group-test-frequency.json';
import pharmacyRegistrationCompliance from './pharmacy-registration-compliance.json';
import pharmacySentinelDeadline from './pharmacy-sentinel-deadline.json';
import quarantineTestSchedule from './quarantine-test-schedule.json';
import riskAreas from './risk-areas.json';
import schoolHealthCheck from './school-health-check.json';
import venueInspectionCompliance from './venue-inspection-compliance.json';
import venueSupervisingDepartment from './venue-supervising-department.json';
import verification138Deadlines from './verification-138-deadlines.json';

export const builtInRuleSets: readonly RuleSet[] = [
  arrivalClassification,
  riskAreas,
  quarantineTestSchedule,
  keyGroupTestFrequency,
  pharmacySentinelDeadline,
  pharmacyRegistrationCompliance,
  feverClinicReport,
  schoolHealthCheck,
  venueSupervisingDepartment,
  venueInspectionCompliance,
  verification138Deadlines,
  coldChainRelease,
].map((def) => ruleSetSchema.parse(def));
