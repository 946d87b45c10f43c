/** The built-in rule sets from shared/DOMAIN.md, seeded on first start; each is parsed (and so checked) on import. */
import { ruleSetSchema, type RuleSet } from '../ruleset-schema';
import arrivalClassification from './arrival-classification.json';
import coldChainRelease from './cold-chain-release.json';
import keyGroupTestFrequency from './key-group-test-frequency.json';
import pharmacySentinelDeadline from './pharmacy-sentinel-deadline.json';
import quarantineTestSchedule from './quarantine-test-schedule.json';
import verification138Deadlines from './verification-138-deadlines.json';

export const builtInRuleSets: readonly RuleSet[] = [
  arrivalClassification,
  quarantineTestSchedule,
  keyGroupTestFrequency,
  pharmacySentinelDeadline,
  verification138Deadlines,
  coldChainRelease,
].map((def) => ruleSetSchema.parse(def));
